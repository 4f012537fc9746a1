/**
 * The GraphQL IDE at GET /graphql (Accept: text/html): GraphiQL from the package's own UMD builds
 * (loaded by graphiql.html as classic scripts before this module runs), so it works offline.
 * Requests carry the dashboard's API key; when the server answers no introspection (beyond loopback
 * without --introspection) the IDE says so and runs without schema docs instead of failing.
 */
import { authHeaders } from '../api';

interface GraphiQLGlobals {
  React: { createElement(type: unknown, props: Record<string, unknown>): unknown };
  ReactDOM: { createRoot(el: Element): { render(node: unknown): void } };
  GraphiQL: unknown;
}

/** What GraphiQL hands its fetcher: the operation and the header editor's headers. */
interface FetcherOptions {
  headers?: Record<string, string>;
}

const ENDPOINT = '/graphql';

const DEFAULT_QUERY = `# tokenscope's GraphQL API. Ctrl-Enter runs the query; the Docs button lists every field.
query Corpora {
  corpora {
    name
    audioCount
  }
}
`;

/** POSTs one operation as JSON, with the stored API key unless the header editor sets its own. */
async function fetcher(params: unknown, options?: FetcherOptions): Promise<unknown> {
  const response = await fetch(ENDPOINT, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...authHeaders(), ...(options?.headers ?? {}) },
    body: JSON.stringify(params),
  });
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 200)}` }] };
  }
}

/** True when the server answers introspection (a one-field probe, so the refusal is cheap to see). */
async function introspectionAllowed(): Promise<boolean> {
  const result = (await fetcher({ query: '{ __schema { queryType { name } } }' })) as { data?: unknown; errors?: unknown[] };
  return Boolean(result.data) && !result.errors?.length;
}

/** What a CodeMirror editor's input (a textarea with no label of its own) edits, by where it sits. */
function editorLabel(textarea: Element): string {
  if (textarea.closest('.graphiql-query-editor')) return 'Query editor';
  if (textarea.closest('.result-window')) return 'Response';
  const tool = textarea.closest('.graphiql-editor-tool > .graphiql-editor');
  return tool && tool.parentElement!.firstElementChild !== tool ? 'Request headers editor' : 'Variables editor';
}

/** Names GraphiQL's editor inputs for assistive technology as they appear (GraphiQL leaves them unlabelled). */
function labelEditors(root: Element): void {
  const label = () => root.querySelectorAll('.CodeMirror textarea:not([aria-label])').forEach((t) => t.setAttribute('aria-label', editorLabel(t)));
  new MutationObserver(label).observe(root, { childList: true, subtree: true });
  label();
}

async function start(): Promise<void> {
  const { React, ReactDOM, GraphiQL } = globalThis as unknown as GraphiQLGlobals;
  const root = document.getElementById('ide')!;
  const allowed = await introspectionAllowed().catch(() => false);
  root.replaceChildren();
  if (!allowed) {
    const notice = document.createElement('p');
    notice.className = 'ide-notice';
    notice.setAttribute('role', 'status');
    notice.textContent =
      'Schema docs are unavailable: this server answers GraphQL introspection only on loopback. Queries still run; start the server with --introspection (TOKENSCOPE_INTROSPECTION=1) for docs and completion, or read schema/schema.graphql.';
    root.append(notice);
  }
  const mount = document.createElement('div');
  mount.className = 'graphiql-mount';
  root.append(mount);
  labelEditors(mount);
  const key = authHeaders();
  ReactDOM.createRoot(mount).render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultQuery: DEFAULT_QUERY,
      // Shown in the header editor, so the key in use is visible (and removable) there too.
      ...(key['authorization'] ? { headers: JSON.stringify(key, null, 2) } : {}),
      shouldPersistHeaders: false,
      // null: do not introspect (the server refuses it); GraphiQL then runs queries without docs.
      ...(allowed ? {} : { schema: null }),
    }),
  );
  document.body.dataset['ready'] = 'true';
}

void start();

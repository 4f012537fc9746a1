import type { TypedDocumentString } from './generated/graphql';

/** An error from the API (or from reaching it), with the server's error code when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const KEY_STORAGE = 'tokenscope.apiKey';

/** The API key the user typed in the header (kept in this browser's local storage), or ''. */
export function apiKey(): string {
  try {
    return localStorage.getItem(KEY_STORAGE) ?? '';
  } catch {
    return '';
  }
}

export function setApiKey(key: string): void {
  try {
    if (key) localStorage.setItem(KEY_STORAGE, key);
    else localStorage.removeItem(KEY_STORAGE);
  } catch {
    /* storage disabled: the key lives for this page only */
  }
}

/** Headers that carry the API key, when one is set. */
export function authHeaders(): Record<string, string> {
  const key = apiKey();
  return key ? { authorization: `Bearer ${key}` } : {};
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Bytes of GraphQL responses received since the page loaded (read by the benchmark). */
export const traffic = { responses: 0, bytes: 0 };

/**
 * Runs one of the dashboard's generated operations against /graphql. Any error — network, HTTP
 * status, or a GraphQL error in the response — rejects with an ApiError naming it.
 */
export async function request<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables, signal?: AbortSignal): Promise<TResult> {
  let response: Response;
  try {
    response = await fetch('graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...authHeaders() },
      body: JSON.stringify({ query: document.toString(), variables }),
      ...(signal ? { signal } : {}),
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError('NETWORK', `the server did not answer: ${(err as Error).message}`);
  }
  const text = await response.text();
  traffic.responses++;
  traffic.bytes += new TextEncoder().encode(text).length;
  let body: GraphQLResponse<TResult>;
  try {
    body = JSON.parse(text) as GraphQLResponse<TResult>;
  } catch {
    throw new ApiError(`HTTP_${response.status}`, `the server answered ${response.status} ${response.statusText}: ${text.slice(0, 200) || 'no body'}`);
  }
  if (body.errors?.length) {
    const first = body.errors[0]!;
    throw new ApiError(first.extensions?.code ?? `HTTP_${response.status}`, body.errors.map((e) => e.message).join('\n'));
  }
  if (!response.ok || !body.data) throw new ApiError(`HTTP_${response.status}`, `the server answered ${response.status} ${response.statusText} without data`);
  return body.data;
}

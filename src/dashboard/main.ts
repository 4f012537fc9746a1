import { setApiKey, apiKey } from './api';
import { errorBox, fill } from './dom';
import { exportTables } from './export/export-bar';
import { parseRoute } from './route';
import type { Route } from './route';
import { renderAudioView } from './views/audio-view';
import { renderCorpusView } from './views/corpus-view';
import { renderLabView } from './views/lab-view';
import { renderTokenView } from './views/token-view';
import { renderUploadView } from './views/upload-view';

/** A view draws itself into `root` for `route`; it returns a function that releases what it holds. */
export type View = (root: HTMLElement, route: Route) => (() => void) | void;

const VIEWS: Record<string, { title: string; render: View }> = {
  corpora: { title: 'Corpora', render: renderCorpusView },
  tokens: { title: 'Tokens', render: renderTokenView },
  audio: { title: 'Audio', render: renderAudioView },
  upload: { title: 'Upload', render: renderUploadView },
  lab: { title: 'Lab', render: renderLabView },
};

let release: (() => void) | void;
let shown = '';

function show(): void {
  const route = parseRoute(location.hash);
  const key = `${route.view}/${route.id ?? ''}?${route.params.toString()}`;
  if (key === shown) return;
  shown = key;
  const root = document.getElementById('view')!;
  release?.();
  release = undefined;
  for (const k of Object.keys(root.dataset)) delete root.dataset[k]; // ready, position, … of the last view
  root.dataset['view'] = route.view;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    if (a.dataset['view'] === route.view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const view = VIEWS[route.view];
  if (!view) {
    fill(root, errorBox(new Error(`no view named "${route.view}"; the views are ${Object.keys(VIEWS).join(', ')}`), 'open this page'));
    root.dataset['ready'] = 'error';
    return;
  }
  document.title = `${view.title} · tokenscope`;
  fill(root);
  release = view.render(root, route);
}

const keyInput = document.getElementById('api-key') as HTMLInputElement;
keyInput.value = apiKey();
keyInput.addEventListener('change', () => setApiKey(keyInput.value.trim()));
keyInput.form?.addEventListener('submit', (e) => {
  e.preventDefault();
  setApiKey(keyInput.value.trim());
});
// Every table any view shows gets a CSV download.
exportTables(document.getElementById('view')!);
window.addEventListener('hashchange', show);
show();

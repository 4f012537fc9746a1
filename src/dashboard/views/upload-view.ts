import { authHeaders, request } from '../api';
import { errorBox, fill, h, loading, showError } from '../dom';
import { DashImportLabelsDocument, DashIngestAudioDocument, DashIngestJobDocument, DashModelsDocument } from '../generated/graphql';
import { href } from '../route';

const ACCEPT = ['.wav', '.flac', '.mp3', '.ogg', '.opus'];
/** Label files an upload may carry: an Audacity track beside its audio (same stem), or a label table. */
const LABEL_ACCEPT = ['.txt', '.csv'];
const isLabelFile = (f: File) => LABEL_ACCEPT.some((ext) => f.name.toLowerCase().endsWith(ext));
const POLL_MS = 400;

interface UploadAnswer {
  path?: string;
  error?: { code: string; message: string };
}

/** PUTs one file to /upload with progress; resolves with the server-side path it landed at. */
function upload(file: File, corpus: string, onProgress: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', `upload?${new URLSearchParams({ corpus, name: file.name }).toString()}`);
    for (const [k, v] of Object.entries(authHeaders())) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.addEventListener('progress', (e) => e.lengthComputable && onProgress(e.loaded / e.total));
    xhr.addEventListener('load', () => {
      let answer: UploadAnswer = {};
      try {
        answer = JSON.parse(xhr.responseText) as UploadAnswer;
      } catch {
        /* not JSON: reported below with the status */
      }
      if (xhr.status >= 200 && xhr.status < 300 && answer.path) resolve(answer.path);
      else reject(new Error(answer.error ? `${answer.error.code}: ${answer.error.message}` : `upload answered ${xhr.status} ${xhr.statusText}: ${xhr.responseText.slice(0, 200)}`));
    });
    xhr.addEventListener('error', () => reject(new Error('the upload did not reach the server')));
    xhr.send(file);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Drop audio files to upload them into the data roots and ingest them into a corpus with a chosen encoder. */
export function renderUploadView(root: HTMLElement): () => void {
  let alive = true;
  const controls = h('div', { class: 'controls' }, loading());
  const rows = h('tbody');
  const table = h('table', { 'aria-label': 'Uploads', hidden: true }, h('thead', {}, h('tr', {}, h('th', {}, 'file'), h('th', { class: 'num' }, 'size'), h('th', {}, 'progress'), h('th', {}, 'status'))), rows);
  const input = h('input', { type: 'file', multiple: true, accept: [...ACCEPT, ...LABEL_ACCEPT].join(','), id: 'upload-files', class: 'visually-hidden', 'aria-label': 'audio and label files to upload' });
  // Named by its visible text; Enter or Space opens the file chooser.
  const zone = h('div', { class: 'dropzone', role: 'button', tabindex: 0, 'aria-describedby': 'dropzone-help' }, h('p', {}, 'Drop audio files here (wav, flac, mp3, ogg), with their label files if any (an Audacity track .txt named like its audio, or a .csv label table), or ', h('strong', {}, 'choose files'), '.'), h('p', { class: 'muted', id: 'dropzone-help' }, 'Files land in the server’s upload folder inside its data roots and are encoded in the background; labels are stored with their audios; the server caps their size.'));
  fill(root, h('h1', {}, 'Upload audio'), controls, zone, input, table);

  const corpusInput = h('input', { name: 'corpus', value: 'uploads', list: 'upload-corpora', required: true, 'aria-label': 'corpus' });
  const modelSelect = h('select', { name: 'model', 'aria-label': 'encoder model' });

  /** A new row of the uploads table for `file`: its progress bar and status cell. */
  function row(file: File): { bar: HTMLProgressElement; state: HTMLElement } {
    const bar = h('progress', { max: 1, value: 0, 'aria-label': `upload of ${file.name}` });
    const state = h('span', {}, 'uploading…');
    rows.append(h('tr', {}, h('td', {}, file.name), h('td', { class: 'num' }, `${(file.size / 1e6).toFixed(1)} MB`), h('td', {}, bar), h('td', { 'aria-live': 'polite' }, state)));
    table.hidden = false;
    return { bar, state };
  }

  /**
   * Uploads one label file next to the audios. An Audacity track (.txt) is read by the ingest as the
   * labels of the audio of the same stem, so it goes up before the audios; a label table (.csv) is
   * imported once they are in. Resolves with its server-side path and its row's status cell.
   */
  async function uploadLabels(file: File): Promise<{ path: string; state: HTMLElement }> {
    const { bar, state } = row(file);
    try {
      const path = await upload(file, corpusInput.value.trim(), (f) => (bar.value = f));
      bar.value = 1;
      state.textContent = file.name.toLowerCase().endsWith('.csv') ? 'stored: imported once the audios are in' : 'stored: the labels of the audio of the same name';
      return { path, state };
    } catch (err) {
      fill(state, errorBox(err, `upload ${file.name}`));
      throw err;
    }
  }

  /** Imports an uploaded label table into the corpus, reporting in its row. */
  async function importTable(file: File, path: string, state: HTMLElement): Promise<void> {
    try {
      const { importLabels } = await request(DashImportLabelsDocument, { corpus: corpusInput.value.trim(), path });
      state.textContent = `labels imported: ${importLabels.labels} spans for ${importLabels.audios} audios`;
    } catch (err) {
      fill(state, errorBox(err, `import the labels of ${file.name}`));
      throw err;
    }
  }

  /** Uploads and ingests one file, showing its progress in a new row; resolves with the new audio's link (null when the view was left). */
  async function ingestOne(file: File): Promise<string | null> {
    const { bar, state } = row(file);
    const corpus = corpusInput.value.trim();
    try {
      const path = await upload(file, corpus, (f) => (bar.value = f));
      bar.value = 1;
      state.textContent = 'encoding…';
      const { ingestAudio } = await request(DashIngestAudioDocument, { corpus, paths: [path], model: modelSelect.value || null });
      for (;;) {
        const { ingestJob: job } = await request(DashIngestJobDocument, { id: ingestAudio.id });
        if (job.audioSecondsTotal > 0) state.textContent = `encoding… ${((100 * job.audioSecondsDone) / job.audioSecondsTotal).toFixed(0)} %`;
        if (job.phase === 'FAILED') throw new Error(job.error ?? 'the ingest job failed');
        if (job.phase === 'SUCCEEDED') {
          const result = job.results[0];
          if (!result || result.status === 'FAILED') throw new Error(result?.errors.map((e) => `${e.code}: ${e.message}`).join('\n') || 'the file could not be ingested');
          const id = result.audioIds[0];
          const link = id !== undefined ? href('audio', id) : null;
          const labelled = result.labels ? ` with ${result.labels} labels` : '';
          fill(state, result.status === 'ALREADY_PRESENT' ? 'already in the corpus: ' : `ingested${labelled}: `, link ? h('a', { href: link, 'data-audio-id': id }, `open audio ${id}`) : '');
          return link;
        }
        await sleep(POLL_MS);
        if (!alive) return null;
      }
    } catch (err) {
      fill(state, errorBox(err, `ingest ${file.name}`));
      throw err;
    }
  }

  async function take(files: File[]): Promise<void> {
    if (!corpusInput.value.trim()) {
      corpusInput.reportValidity();
      return;
    }
    let opened: string | null = null;
    let failed = 0;
    const tables: [File, string, HTMLElement][] = [];
    for (const file of files.filter(isLabelFile)) {
      if (!alive) return;
      try {
        const { path, state } = await uploadLabels(file);
        if (file.name.toLowerCase().endsWith('.csv')) tables.push([file, path, state]);
      } catch {
        failed++;
      }
    }
    const audios = files.filter((f) => !isLabelFile(f));
    for (const file of audios) {
      if (!alive) return; // the view was left: the files not yet sent stay unsent
      try {
        opened = (await ingestOne(file)) ?? opened;
      } catch {
        failed++;
      }
    }
    for (const [file, path, state] of tables) {
      if (!alive) return;
      await importTable(file, path, state).catch(() => failed++);
    }
    // One audio in and no failure: open it, as the user will want to look at it.
    if (alive && audios.length === 1 && failed === 0 && opened) location.hash = opened;
  }

  zone.addEventListener('click', () => input.click());
  zone.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      input.click();
    }
  });
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    void take([...(e.dataTransfer?.files ?? [])]);
  });
  input.addEventListener('change', () => {
    void take([...(input.files ?? [])]);
    input.value = '';
  });

  void (async () => {
    try {
      const { models, corpora } = await request(DashModelsDocument, {});
      if (!alive) return;
      const usable = models.filter((m) => !m.error);
      fill(modelSelect, usable.map((m) => h('option', { value: m.id, selected: m.isDefault }, `${m.id}${m.isDefault ? ' (default)' : ''}${m.family ? ` · ${m.family}` : ''}`)));
      fill(
        controls,
        h('label', {}, 'Corpus', corpusInput, h('datalist', { id: 'upload-corpora' }, corpora.map((c) => h('option', { value: c.name })))),
        h('label', {}, 'Encoder', modelSelect),
        usable.length === 0 ? errorBox(new Error('the server has no usable encoder model'), 'offer an encoder') : null,
      );
      root.dataset['ready'] = 'true';
    } catch (err) {
      if (!alive) return;
      showError(controls, err, 'list the encoder models');
      root.dataset['ready'] = 'error';
    }
  })();
  return () => {
    alive = false;
  };
}

import { readFile, readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { FRAME_SECONDS, SAMPLE_RATE } from '../domain/contract.js';
import { ErrorCode, TokenscopeError } from '../errors.js';
import { formatAudacityLabels } from '../labels/audacity-labels.js';
import type { LabelSpan } from '../labels/audacity-labels.js';
import { formatLabelsCsv } from '../labels/labels-csv.js';
import { parseLabelTable } from '../labels/label-table.js';
import { checkLabelSpans, parseAudacityLabels } from '../labels/parse-audacity-labels.js';
import type { AudioRow } from '../store/rows.js';
import type { Store } from '../store/store.js';
import { clip, excerpt } from '../jsutils/excerpt.js';

/** Label interchange formats: one CSV for a corpus, or one Audacity track per audio. */
export type LabelFormat = 'csv' | 'audacity';

/** An exported label file: its name and text. */
export interface LabelFile {
  /** `labels.csv`, or `<audio file stem>.txt` for Audacity tracks. */
  name: string;
  /** The audio it belongs to (null for the corpus-wide CSV). */
  audioId: number | null;
  content: string;
}

async function corpusAudios(store: Store, corpus: string): Promise<AudioRow[]> {
  const [row] = await store.corpora.requireByNames([corpus]);
  const all: AudioRow[] = [];
  for (let after = 0; ; ) {
    const page = await store.audios.listByCorpus(row!.id, 500, after);
    if (!page.length) return all;
    all.push(...page);
    after = page.at(-1)!.id;
  }
}

function durationOf(a: AudioRow): number {
  return a.audioSource ? a.audioSource.samples24k / SAMPLE_RATE : a.frameCount * FRAME_SECONDS;
}

const stem = (path: string) => basename(path, extname(path));

/** The labels of every audio of a corpus, as one CSV or as Audacity tracks (audios without labels get an empty track). */
export async function exportCorpusLabels(store: Store, corpus: string, format: LabelFormat): Promise<LabelFile[]> {
  const audios = await corpusAudios(store, corpus);
  const labels = await store.audios.labels(audios.map((a) => a.id));
  if (format === 'csv') {
    const rows = audios.flatMap((a) => (labels.get(a.id) ?? []).map((l) => ({ file: basename(a.sourcePath), start: l.start, end: l.end, label: l.label })));
    return [{ name: 'labels.csv', audioId: null, content: formatLabelsCsv(rows) }];
  }
  return audios.map((a) => ({ name: `${stem(a.sourcePath)}.txt`, audioId: a.id, content: formatAudacityLabels(labels.get(a.id) ?? []) }));
}

/** Finds the audio a label file names: by full source path, file name, or file name without extension. */
function audioNamed(audios: readonly AudioRow[], name: string, where: string): AudioRow {
  const matches = audios.filter((a) => a.sourcePath === name || basename(a.sourcePath) === name || stem(a.sourcePath) === stem(name));
  if (matches.length === 1) return matches[0]!;
  throw new TokenscopeError(
    matches.length ? ErrorCode.INVALID_ARGUMENT : ErrorCode.NOT_FOUND,
    matches.length ? `${where}: ${excerpt(name)} matches ${matches.length} audios of the corpus (${matches.map((a) => a.id).join(', ')}); use the full source path` : `${where}: no audio of the corpus comes from ${excerpt(name)}`,
    { file: clip(name) },
  );
}

/**
 * Imports labels into a corpus from a label table (by column name: file,start_s,end_s,label or
 * DCASE's filename,onset,offset,event_label; comma- or tab-separated) or a folder of Audacity
 * tracks (<audio stem>.txt). Every span is checked against its audio first (reversed, negative, past
 * the end, overlapping its own class); then the labels of every audio named are replaced in one
 * transaction. Any problem → nothing changes. Returns how many audios and spans were written.
 */
export async function importCorpusLabels(store: Store, corpus: string, path: string, format: LabelFormat): Promise<{ audios: number; labels: number }> {
  const byAudio = await readCorpusLabelFile(store, corpus, path, format);
  await store.audios.replaceLabels(byAudio);
  return { audios: byAudio.size, labels: [...byAudio.values()].reduce((n, s) => n + s.length, 0) };
}

/**
 * Reads a label file (CSV) or folder (Audacity tracks) for the audios of a corpus and checks every
 * span against its audio, without storing anything: labels by audio id, for the audios it names.
 */
export async function readCorpusLabelFile(store: Store, corpus: string, path: string, format: LabelFormat): Promise<Map<number, LabelSpan[]>> {
  const audios = await corpusAudios(store, corpus);
  const byAudio = new Map<number, LabelSpan[]>();
  const add = (a: AudioRow, spans: LabelSpan[]) => byAudio.set(a.id, [...(byAudio.get(a.id) ?? []), ...spans]);
  try {
    if (format === 'csv') {
      const table = parseLabelTable(await readFile(path, 'utf8'), path);
      // A file named on a row of its own has no events: its labels are replaced by none.
      for (const file of table.files) if (!table.rows.some((r) => r.file === file)) add(audioNamed(audios, file, path), []);
      for (const r of table.rows) add(audioNamed(audios, r.file, `${path} line ${r.line}`), [{ start: r.start, end: r.end, label: r.label }]);
    } else {
      for (const name of (await readdir(path)).filter((n) => n.endsWith('.txt')).sort()) {
        add(audioNamed(audios, name, join(path, name)), parseAudacityLabels(await readFile(join(path, name), 'utf8'), join(path, name)));
      }
    }
  } catch (err) {
    if (err instanceof TokenscopeError) throw err;
    throw new TokenscopeError(ErrorCode.UNREADABLE_FILE, `${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { path });
  }
  for (const [id, spans] of byAudio) checkLabelSpans(spans, durationOf(audios.find((a) => a.id === id)!), `${path} (audio ${id})`);
  return byAudio;
}

/**
 * Replaces the labels of audios of a corpus by id (audios not named keep theirs). Every audio must
 * belong to the corpus and every span is checked against its audio first (reversed, negative, past
 * the end, overlapping its own class); any problem → nothing changes.
 */
export async function setAudioLabels(store: Store, corpus: string, byAudio: ReadonlyMap<number, LabelSpan[]>): Promise<{ audios: number; labels: number }> {
  const [row] = await store.corpora.requireByNames([corpus]);
  const audios = await store.audios.findByIds([...byAudio.keys()]);
  for (const id of byAudio.keys()) {
    const audio = audios.find((a) => a.id === id);
    if (!audio || audio.corpusId !== row!.id) throw new TokenscopeError(ErrorCode.NOT_FOUND, `audioId ${id}: no audio with that id in corpus ${excerpt(corpus)}`, { argument: 'audioId', value: id });
    checkLabelSpans(byAudio.get(id)!, durationOf(audio), `audio ${id}`);
  }
  await store.audios.replaceLabels(byAudio);
  return { audios: byAudio.size, labels: [...byAudio.values()].reduce((n, s) => n + s.length, 0) };
}

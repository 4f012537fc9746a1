import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { ErrorCode, TokenscopeError } from '../../errors.js';
import { clip } from '../../jsutils/excerpt.js';
import type { LhotseRecording, LhotseSupervision } from './manifest.js';

/** A manifest record with the file and line it came from (1-based). */
export interface Located<T> {
  record: T;
  path: string;
  line: number;
}

/** The text of a .jsonl or .jsonl.gz file (gzip told by its magic bytes, not its name). */
async function manifestText(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new TokenscopeError(code === 'ENOENT' ? ErrorCode.NOT_FOUND : ErrorCode.UNREADABLE_FILE, `${path}: ${code === 'ENOENT' ? 'no such manifest file' : `cannot read (${code ?? (err as Error).message})`}`, { path });
  }
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes.toString('utf8');
  try {
    return gunzipSync(bytes).toString('utf8');
  } catch (err) {
    throw new TokenscopeError(ErrorCode.INVALID_MANIFEST, `${path}: not a readable gzip file (${(err as Error).message})`, { path });
  }
}

type Check<T> = (value: Record<string, unknown>, fail: (problem: string) => never) => T;

/** Reads a JSONL manifest, checking each line with `check`; a bad line → INVALID_MANIFEST naming the file and line. */
async function readManifest<T>(path: string, check: Check<T>): Promise<Located<T>[]> {
  const out: Located<T>[] = [];
  (await manifestText(path)).split(/\r?\n/).forEach((text, i) => {
    if (!text.trim()) return;
    const line = i + 1;
    const fail = (problem: string): never => {
      throw new TokenscopeError(ErrorCode.INVALID_MANIFEST, `${path} line ${line}: ${problem}; received ${clip(text, 120)}`, { path, line });
    };
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      fail('expected one JSON object per line');
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) fail('expected one JSON object per line');
    out.push({ record: check(value as Record<string, unknown>, fail), path, line });
  });
  return out;
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isSeconds = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Reads a Lhotse recordings manifest: every line a Recording with an id and one file source. */
export function readRecordings(path: string): Promise<Located<LhotseRecording>[]> {
  return readManifest(path, (r, fail) => {
    if (!isText(r['id'])) fail('a recording needs an "id" string');
    const sources = r['sources'];
    if (!Array.isArray(sources) || sources.length === 0) fail(`recording ${r['id']} needs "sources", a list of at least one {type, channels, source}`);
    const files = (sources as Record<string, unknown>[]).filter((s) => s?.['type'] === 'file' && isText(s['source']));
    if (files.length !== 1 || (sources as unknown[]).length !== 1) fail(`recording ${r['id']}: expected one source of "type": "file" with a "source" path; tokenscope ingests audio files only (not url, command or memory sources)`);
    if (!(typeof r['sampling_rate'] === 'number' && r['sampling_rate'] > 0)) fail(`recording ${r['id']}: "sampling_rate" must be a positive number of Hz`);
    if (!isSeconds(r['duration'])) fail(`recording ${r['id']}: "duration" must be a number of seconds`);
    return r as unknown as LhotseRecording;
  });
}

/** Reads a Lhotse supervisions manifest: every line a SupervisionSegment with ids, start and duration. */
export function readSupervisions(path: string): Promise<Located<LhotseSupervision>[]> {
  return readManifest(path, (s, fail) => {
    if (!isText(s['id'])) fail('a supervision needs an "id" string');
    if (!isText(s['recording_id'])) fail(`supervision ${s['id']} needs a "recording_id" string`);
    if (!isSeconds(s['start'])) fail(`supervision ${s['id']}: "start" must be a number of seconds ≥ 0`);
    if (!isSeconds(s['duration'])) fail(`supervision ${s['id']}: "duration" must be a number of seconds ≥ 0`);
    if (s['custom'] !== undefined && (s['custom'] === null || typeof s['custom'] !== 'object' || Array.isArray(s['custom']))) fail(`supervision ${s['id']}: "custom" must be an object`);
    return s as unknown as LhotseSupervision;
  });
}

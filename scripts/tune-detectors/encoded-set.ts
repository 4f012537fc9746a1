/** Mixture folders encoded once per model (codes cached beside them) with their labels as frames. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { readAllAudio24k } from '../../src/audio/index.js';
import { codeMatrix } from '../../src/domain/code-matrix.js';
import type { CodeMatrix } from '../../src/domain/code-matrix.js';
import { labelFrameSpan } from '../../src/analytics/evaluation/frame-truth.js';
import type { FrameLabel } from '../../src/analytics/detectors/detector-context.js';
import { parseAudacityLabels } from '../../src/labels/parse-audacity-labels.js';
import type { LabelSpan } from '../../src/labels/audacity-labels.js';
import type { Tokenizer } from '../../src/tokenizer/tokenizer.js';
import { mixtureFiles } from './source-folds.js';

/** One encoded, labelled recording. */
export interface EncodedFile {
  readonly name: string;
  /** Unique across every set of a run (training code skips held-out ids). */
  readonly audioId: number;
  readonly matrix: CodeMatrix;
  readonly spans: readonly LabelSpan[];
  readonly labels: readonly FrameLabel[];
}

let nextId = 1;

/** Every mix_NNN.wav of `dir` encoded with `tokenizer` (cached as .codes-<sha>.u16), with its .txt labels. */
export async function encodedSet(dir: string, tokenizer: Tokenizer): Promise<EncodedFile[]> {
  const out: EncodedFile[] = [];
  for (const wav of mixtureFiles(dir)) {
    const cache = `${wav}.codes-${tokenizer.model.sha256.slice(0, 12)}.u16`;
    let matrix: CodeMatrix;
    if (existsSync(cache)) {
      const bytes = readFileSync(cache);
      matrix = codeMatrix(new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2).slice());
    } else {
      matrix = await tokenizer.encode(await readAllAudio24k(wav));
      writeFileSync(cache, Buffer.from(matrix.tokens.buffer, matrix.tokens.byteOffset, matrix.tokens.byteLength));
    }
    const labelPath = wav.replace(/\.wav$/, '.txt');
    const spans = existsSync(labelPath) ? parseAudacityLabels(readFileSync(labelPath, 'utf8'), labelPath) : [];
    const labels: FrameLabel[] = [];
    for (const s of spans) {
      const span = labelFrameSpan(s.start, s.end);
      if (span) labels.push({ ...span, label: s.label });
    }
    out.push({ name: `${basename(dirname(dir))}/${basename(dir)}/${basename(wav)}`, audioId: nextId++, matrix, spans, labels });
  }
  return out;
}

/** The files as the detectors' training examples. */
export async function* asExamples(files: readonly EncodedFile[]) {
  for (const f of files) yield { audioId: f.audioId, matrix: f.matrix, labels: f.labels };
}


/**
 * Source-held-out folds of the dev corpus: every event clip, speaker and background belongs to a
 * source group (the recording it was cut from: repo + path in clips.csv; a speaker; a background
 * file), and each group lies in exactly one fold. For fold k the clips outside k build the training
 * mixtures and the clips inside k the test mixtures, both with the corpus's own make_mixtures.py
 * (same design as the dev mixtures), so a test mixture holds no recording, speaker or room that any
 * training mixture drew from. This is the nearest the dev corpus comes to "recordings of other
 * people, rooms and sources".
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../../src/jsutils/mulberry32.js';

/** One clip of the library and the group it belongs to. */
interface LibraryClip {
  /** Path relative to the corpus root, e.g. events/cough/x.wav. */
  readonly path: string;
  readonly group: string;
  /** Event class, speaker folder, or "background". */
  readonly kind: string;
}

/** Minimal CSV reading for clips.csv: no field there holds a quote, and a comma only inside {...}. */
function readClipsCsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const names = header!.split(',');
  return lines.map((line) => {
    const fields: string[] = [];
    let depth = 0;
    let current = '';
    for (const ch of line) {
      if (ch === '{') depth++;
      if (ch === '}') depth--;
      if (ch === ',' && depth === 0) {
        fields.push(current);
        current = '';
      } else current += ch;
    }
    fields.push(current);
    return Object.fromEntries(names.map((n, i) => [n, fields[i] ?? '']));
  });
}

function libraryOf(corpus: string): LibraryClip[] {
  const provenance = new Map(readClipsCsv(join(corpus, 'clips.csv')).map((r) => [r['clip']!, r]));
  const out: LibraryClip[] = [];
  for (const cls of readdirSync(join(corpus, 'events')).sort()) {
    for (const file of readdirSync(join(corpus, 'events', cls)).filter((f) => f.endsWith('.wav')).sort()) {
      const path = `events/${cls}/${file}`;
      const row = provenance.get(path);
      out.push({ path, kind: cls, group: row ? `${row['repo']}:${row['path']}` : path });
    }
  }
  for (const speaker of readdirSync(join(corpus, 'speech')).sort()) {
    for (const file of readdirSync(join(corpus, 'speech', speaker)).filter((f) => f.endsWith('.wav')).sort()) {
      out.push({ path: `speech/${speaker}/${file}`, kind: 'speech', group: `speaker:${speaker}` });
    }
  }
  for (const file of readdirSync(join(corpus, 'background')).filter((f) => f.endsWith('.wav')).sort()) {
    out.push({ path: `background/${file}`, kind: 'background', group: `background:${file}` });
  }
  return out;
}

/** Group → fold: within each kind, groups shuffled (seeded) and dealt round-robin into `folds`. */
export function assignFolds(clips: readonly { kind: string; group: string }[], folds: number, seed: number): Map<string, number> {
  const random = mulberry32(seed);
  const out = new Map<string, number>();
  const kinds = [...new Set(clips.map((c) => c.kind))].sort();
  let offset = 0;
  for (const kind of kinds) {
    const groups = [...new Set(clips.filter((c) => c.kind === kind).map((c) => c.group))].sort();
    for (let i = groups.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [groups[i], groups[j]] = [groups[j]!, groups[i]!];
    }
    // Start each kind at another fold so kinds with fewer groups than folds do not all pile into fold 0.
    groups.forEach((g, i) => out.set(g, (i + offset) % folds));
    offset++;
  }
  return out;
}

/** What one fold's mixtures are: folders of mix_NNN.wav + .txt and events.csv. */
export interface FoldMixtures {
  readonly fold: number;
  readonly train: string;
  readonly test: string;
  /** Source groups held out (in the test mixtures only). */
  readonly heldOut: readonly string[];
}

/**
 * Builds (or reuses, when present) the mixtures of every fold under `work`. Needs python3 with numpy
 * (the corpus's make_mixtures.py). `mixtures` per set (default 40, as the dev set).
 */
export function buildSourceFolds(corpus: string, work: string, options: { folds: number; seed: number; mixtures: number }): FoldMixtures[] {
  const library = libraryOf(corpus);
  const foldOf = assignFolds(library, options.folds, options.seed);
  const out: FoldMixtures[] = [];
  for (let k = 0; k < options.folds; k++) {
    const dir = join(work, `fold-${k}`);
    const sets = { train: join(dir, 'train'), test: join(dir, 'test') };
    if (!existsSync(join(sets.test, 'events.csv'))) {
      rmSync(dir, { recursive: true, force: true });
      for (const [set, inFold] of [['train', false], ['test', true]] as const) {
        const root = join(dir, `${set}-library`);
        for (const clip of library) {
          const held = foldOf.get(clip.group) === k;
          // A background is shared when the fold would otherwise have none on one side.
          if (held !== inFold) continue;
          mkdirSync(join(root, clip.path, '..'), { recursive: true });
          symlinkSync(join(corpus, clip.path), join(root, clip.path));
        }
        mkdirSync(join(root, 'background'), { recursive: true });
        execFileSync('python3', [join(corpus, 'make_mixtures.py'), '--seed', String(options.seed + 1000 * k + (inFold ? 1 : 0)), '--n', String(options.mixtures), '--root', root, '--out', sets[set]], {
          stdio: ['ignore', 'ignore', 'inherit'],
        });
      }
    }
    const heldOut = [...foldOf].filter(([, f]) => f === k).map(([g]) => g).sort();
    out.push({ fold: k, ...sets, heldOut });
  }
  return out;
}

/** The mix_NNN.wav files of a mixtures folder, sorted. */
export function mixtureFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => /\.wav$/.test(f)).sort().map((f) => join(dir, f));
}


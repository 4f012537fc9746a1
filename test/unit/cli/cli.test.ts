import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../support/cli-process.js';
import { repoRoot } from '../../support/paths.js';
import { testSignal, wavBytes } from '../../support/wav.js';

function row(frame: number): number[] {
  return Array.from({ length: 16 }, (_, l) => (frame * 37 + l * 101) % 2048);
}

/** Runs the built CLI in `cwd` (default the repository folder). */
const cli = (args: string[], cwd?: string) => runCli(args, {}, cwd);

describe('tokenscope CLI', () => {
  let dir: string;
  let db: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenscope-cli-'));
    db = join(dir, 'cli.duckdb');
    const good = Array.from({ length: 40 }, (_, f) => row(f));
    good[20] = good[20]!.map((t, l) => (l >= 9 && l <= 13 ? (l % 2 ? 2047 : 0) : t)); // one spread-out frame
    await writeFile(join(dir, 'good.jsonl'), `${JSON.stringify({ audio: 'a.wav', text: 'hello', audio_codes: good })}\n`);
    const bad = [row(0), row(1), [...row(2).slice(0, 5), 2048, ...row(2).slice(6)]];
    await writeFile(join(dir, 'bad.jsonl'), `${JSON.stringify({ audio_codes: [row(0)] })}\n${JSON.stringify({ audio_codes: bad })}\n`);
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it('prints the package version for --version and -V', async () => {
    const { version } = JSON.parse(await readFile(join(repoRoot(), 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const { code, stdout, stderr } = await cli([flag]);
      assert.deepEqual({ code, stdout, stderr }, { code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });

  it('ingests the good file of a batch, names the bad file, line, frame, layer and value, and exits 1', async () => {
    const r = await cli(['ingest-codes', join(dir, 'bad.jsonl'), join(dir, 'good.jsonl'), '--corpus', 'c', '--db', db]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /error \[INVALID_CODES\]: .*bad\.jsonl line 2: audio_codes frame 2 \(0-based\), layer 6: token 2048 is outside 0\.\.2047/);
    assert.match(r.stdout, /1 audios ingested, 0 already present, 1 of 2 files with errors/);
    const listed = await cli(['corpora', '--db', db]);
    assert.equal(listed.code, 0);
    assert.match(listed.stdout, /^c\s+1\s+40\s/m);
  });

  it('prints the first ten errors of a file of many bad tokens and counts the rest', async () => {
    const path = join(dir, 'many-bad.json');
    await writeFile(path, `[${new Array<string>(25).fill('4096').join(',')}]`);
    const r = await cli(['ingest-codes', path, '--corpus', 'many', '--db', db]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr.match(/^error \[INVALID_CODES\]: /gm)?.length, 10);
    assert.match(r.stderr, /many-bad\.json element 9 \(0-based\): expected an object/);
    assert.match(r.stderr, /^… and 15 more errors in this file$/m);
  });

  it('stores nothing twice when the same file is ingested again', async () => {
    const r = await cli(['ingest-codes', join(dir, 'good.jsonl'), '--corpus', 'c', '--db', db]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /0 audios ingested, 1 already present, 0 of 1 files with errors/);
  });

  it('detects the spread-out frame and writes it as an Audacity label', async () => {
    const labels = join(dir, 'labels.txt');
    const r = await cli(['detect', '--audio', '1', '--detector', 'keyLayerVariance', '--param', 'percentile=99', '--labels', labels, '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    // Frame 20, layers 10..14 = [2047, 0, 2047, 0, 2047]: mean 1228.2, population variance
    // (3 × 818.8² + 2 × 1228.2²) / 5 = 1005650.16, far above every other frame: one anomaly [1.6 s, 1.68 s).
    const variance = (3 * 818.8 ** 2 + 2 * 1228.2 ** 2) / 5;
    assert.equal(await readFile(labels, 'utf8'), `1.600000\t1.680000\tkeyLayerVariance ${Number(variance.toPrecision(6))}\n`);
  });

  it('prints the class and probability of a class-aware detector\'s anomalies and writes the class as their label', async () => {
    // Layer 1 token 7 for frames 10..15 ("knock"), a repeating background elsewhere; the default reference encoder's codebooks.
    // One file per audio: label files name audios by their source file.
    const codes = (start: number, shift: number) => Array.from({ length: 40 }, (_, f) => { const r = row((f % 5) + shift); if (f >= start && f < start + 6) r[0] = 7; return r; });
    const knocks = [0, 1, 2].map((i) => join(dir, `k${i}.jsonl`));
    for (const [i, path] of knocks.entries()) await writeFile(path, `${JSON.stringify({ audio_codes: codes(10, i) })}\n`);
    await writeFile(join(dir, 'scored.jsonl'), `${JSON.stringify({ audio_codes: codes(22, 1) })}\n`);
    await writeFile(join(dir, 'knocks.csv'), 'file,start_s,end_s,label\n' + [0, 1, 2].map((i) => `k${i}.jsonl,0.8,1.28,knock`).join('\n') + '\n');
    for (const [paths, corpus] of [[knocks, 'knocks'], [[join(dir, 'scored.jsonl')], 'scored']] as const) {
      const r = await cli(['ingest-codes', ...paths, '--corpus', corpus, '--model', 'tokenscope-ref-v2', '--db', db]);
      assert.equal(r.code, 0, r.stderr);
    }
    const imported = await cli(['labels', 'import', join(dir, 'knocks.csv'), '--corpus', 'knocks', '--db', db]);
    assert.equal(imported.code, 0, imported.stderr);
    const audios = await cli(['audios', '--corpus', 'scored', '--db', db]);
    const id = /^\s*(\d+)\s+scored\.jsonl/m.exec(audios.stdout)![1]!;
    const labels = join(dir, 'classes.txt');
    const r = await cli(['detect', '--audio', id, '--detector', 'eventClassifier', '--param', 'training=knocks', '--param', 'context=0', '--labels', labels, '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /class\s+probability/);
    assert.match(r.stdout, /^1\.76\s+2\.24\s+22-27\s.*knock\s+0\.9\d\d/m);
    assert.equal(await readFile(labels, 'utf8'), '1.760000\t2.240000\tknock\n');
  });

  it('exits 1 with the code and message for an unknown audio or a bad layer list', async () => {
    const unknown = await cli(['detect', '--audio', '999', '--db', db]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /error \[NOT_FOUND\]: audio 999 does not exist/);
    const layers = await cli(['stats', '--corpus', 'c', '--layers', '0,3', '--db', db]);
    assert.equal(layers.code, 1);
    assert.match(layers.stderr, /error \[INVALID_ARGUMENT\]: layers: layer 0 is outside 1\.\.16/);
  });
  it('lists a corpus\'s audios by id with their line and the audio the code file names', async () => {
    const r = await cli(['audios', '--corpus', 'c', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^id\s+name\s+frames\s+seconds\s+text$/m);
    assert.match(r.stdout, /^\s*\d+\s+good\.jsonl#1 \(a\.wav\)\s+40\s+3\.20\s+hello$/m);
    assert.match(r.stdout, /^1 audios in corpus c$/m);
  });

  it('deletes a corpus only with --yes, saying first what would go', async () => {
    await writeFile(join(dir, 'doomed.jsonl'), `${JSON.stringify({ audio_codes: [row(1), row(2)] })}\n`);
    assert.equal((await cli(['ingest-codes', join(dir, 'doomed.jsonl'), '--corpus', 'doomed', '--db', db])).code, 0);
    const refused = await cli(['corpora', 'delete', 'doomed', '--db', db]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^error \[INVALID_ARGUMENT\]: corpus doomed holds 1 audios \(0\.000 h\) with their codes, labels and evaluation runs: add --yes to delete them$/m);
    assert.match((await cli(['corpora', '--db', db])).stdout, /^doomed\s/m, 'still there');
    const deleted = await cli(['corpora', 'delete', 'doomed', '--yes', '--db', db]);
    assert.deepEqual([deleted.code, deleted.stdout], [0, 'deleted corpus doomed and its 1 audios\n']);
    assert.doesNotMatch((await cli(['corpora', 'list', '--db', db])).stdout, /^doomed\s/m);
    const unknown = await cli(['corpora', 'delete', 'nowhere', '--yes', '--db', db]);
    assert.match(unknown.stderr, /^error \[NOT_FOUND\]: corpus "nowhere" does not exist/m);
  });

  it('finds the shipped encoder from any working folder, and names the models setting when a model is missing', async () => {
    const wav = join(dir, 'tone.wav');
    await writeFile(wav, wavBytes([testSignal(1, 16_000)], 16_000));
    const ingested = await cli(['ingest', wav, '--corpus', 'elsewhere', '--db', db], dir);
    assert.equal(ingested.code, 0, ingested.stderr);
    assert.match(ingested.stdout, /1 ingested, 0 already present, 0 failed/);
    const missing = await cli(['ingest', wav, '--corpus', 'elsewhere', '--model', 'nope', '--db', db], dir);
    assert.match(missing.stderr, /error \[NOT_FOUND\]: no model 'nope' in .*\/models \(registered: tokenscope-ref-v1, tokenscope-ref-v2\); the models folder is --models-dir or TOKENSCOPE_MODELS_DIR/);
  });

  it('refuses to compare on a corpus without labels, naming how to add them', async () => {
    const r = await cli(['compare', '--corpus', 'c', '--detector', 'changeRate', '--bootstrap', '10', '--db', db]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error \[INVALID_ARGUMENT\]: corpus c has no labels: a comparison needs labelled events to score against \(import them with `tokenscope labels import` or pass --labels\)$/m);
  });

  it('compares a percentile sweep, stores the run, lists it and reprints it', async () => {
    const labels = join(dir, 'labels.csv');
    await writeFile(labels, 'file,start_s,end_s,label\ngood.jsonl,1.6,1.68,spread\n');
    const r = await cli(['compare', '--corpus', 'c', '--labels', labels, '--sweep', 'keyLayerVariance=percentile=90..91', '--detector', 'changeRate', '--bootstrap', '10', '--name', 'sweep', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /evaluation run 1 "sweep" on corpus c .*: 1 audios, 1 labelled events .*; folds 5, seed 1, bootstrap 10/);
    assert.match(r.stdout, /^keyLayerVariance \{"percentile":90\}\s+\d/m);
    assert.match(r.stdout, /^keyLayerVariance \{"percentile":91\}/m);
    assert.match(r.stdout, /^changeRate \{\}/m);
    const listed = await cli(['runs', '--db', db]);
    assert.match(listed.stdout, /^1\s+sweep\s+\S+\s+c\s/m);
    const shown = await cli(['runs', '--show', '1', '--db', db]);
    assert.equal(shown.stdout, r.stdout);
    const bad = await cli(['compare', '--corpus', 'c', '--detector', 'keyLayerVariance:{"percentile":101}', '--db', db]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /error \[INVALID_ARGUMENT\]: detectors\[0\]: parameter percentile of detector keyLayerVariance expects/);
  });
});

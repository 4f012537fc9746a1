import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../support/cli-process.js';
import { repoRoot } from '../../support/paths.js';
import { schemaMismatches } from '../../support/schema-shape.js';

const cli = (args: string[]) => runCli(args);
const sedEval = (name: string) => join(repoRoot(), 'test', 'fixtures', 'sed_eval', name);

/** 50 frames (4 s) of varied tokens; `salt` makes matrices differ. */
function matrix(salt: number): number[][] {
  return Array.from({ length: 50 }, (_, f) => Array.from({ length: 16 }, (_, l) => ((f % 10 < 3 ? 1500 : 0) + f * 7 + l * 13 + salt) % 2048));
}

describe('tokenscope compare and runs: per-class tables, JSON, external rows, paired differences', () => {
  let dir: string;
  let db: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenscope-compare-'));
    db = join(dir, 'cli.duckdb');
    for (const name of ['a', 'b', 'c']) {
      await writeFile(join(dir, `${name}.jsonl`), JSON.stringify({ audio: `${name}.wav`, text: 'hi', audio_codes: matrix(name.charCodeAt(0)) }) + '\n');
    }
    await writeFile(join(dir, 'labels.csv'), 'file,start_s,end_s,label\na.jsonl,0.8,1.6,dog\na.jsonl,2.4,3.2,cat\nb.jsonl,0.8,1.6,dog\nc.jsonl,1.6,2.4,cat\n');
    await writeFile(join(dir, 'theirs.txt'), 'a.wav\t0.8\t1.6\tdog\na.wav\t2.4\t3.2\tdog\nb.wav\t0.8\t1.6\tdog\n');
    await writeFile(join(dir, 'stray.txt'), 'a.wav\t0.8\t1.6\tdog\nzebra.wav\t1\t2\tdog\n');
    const ingest = await cli(['ingest-codes', ...['a', 'b', 'c'].map((n) => join(dir, `${n}.jsonl`)), '--corpus', 'pets', '--db', db]);
    assert.equal(ingest.code, 0, ingest.stderr);
    const labels = await cli(['labels', 'import', join(dir, 'labels.csv'), '--corpus', 'pets', '--db', db]);
    assert.equal(labels.code, 0, labels.stderr);
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it('prints the whole run as JSON with --json, every name a field of the schema\'s EvaluationRun', async () => {
    const r = await cli(['compare', '--corpus', 'pets', '--detector', 'keyLayerVariance', '--detector', 'changeRate', '--bootstrap', '10', '--json', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    const run = JSON.parse(r.stdout);
    assert.deepEqual(schemaMismatches(run, 'EvaluationRun', ['Corpus']), []);
    assert.equal(run.rows.length, 2);
    assert.equal(run.rows[0].protocol, 'NONE');
  });

  it('refuses two sweeps of one detector with a coded one-line error, not a stack trace', async () => {
    const r = await cli(['compare', '--corpus', 'pets', '--detector', 'keyLayerVariance', '--sweep', 'keyLayerVariance=percentile=90,95', '--sweep', 'keyLayerVariance=percentile=91', '--db', db]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim(), 'error [INVALID_ARGUMENT]: --sweep: detector keyLayerVariance is swept twice; one sweep per configuration');
  });

  it('adds detections from a file as an external row and prints the per-class table with its class-aware figures', async () => {
    const r = await cli(['compare', '--add-detections', join(dir, 'theirs.txt'), '--run', '1', '--name', 'theirs', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^evaluation run 1 on corpus pets .*: 3 audios, 4 labelled events \(cat, dog\)/m);
    // Class-agnostic: 3 of 4 events found, nothing false: F1 6/7; protocol external.
    assert.match(r.stdout, /^theirs\s+0\.857 \[[\d.]+–[\d.]+\]\s+1\.000\s+0\.750\s.*\sexternal$/m);
    const perClass = r.stdout.slice(r.stdout.indexOf('\nper class'));
    // dog: 2 references, 3 dog detections, 2 hits → P 2/3, R 1, F1 0.8, ER 0.5; cat: none found.
    assert.match(perClass, /^theirs\s+dog\s+2\s+0\.800\s+0\.667\s+1\.000\s+0\.500\s/m);
    assert.match(perClass, /^theirs\s+cat\s+2\s+0\.000\s+0\.000\s+0\.000\s+1\.000\s/m);
    assert.match(perClass, /^keyLayerVariance \{\}\s+cat\s+2\s+-\s+-\s+-\s+-\s+-\s+[\d.]+\s+[\d.-]+$/m, 'class-agnostic rows: no class-aware figures');
    const shown = await cli(['runs', '--show', '1', '--db', db]);
    assert.equal(shown.stdout, r.stdout, 'runs --show prints the same tables');
  });

  it('prints a paired bootstrap between two rows with runs --show --diff', async () => {
    const r = await cli(['runs', '--show', '1', '--diff', 'theirs', '2', '--iterations', '50', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^paired bootstrap on run 1: a = theirs, b = .*; 50 resamples of the files, seed 1$/m);
    assert.match(r.stdout, /^event F1\s+0\.857\s+[\d.]+\s+-?[\d.]+\s+\[-?[\d.]+, -?[\d.]+\]\s+\d+$/m);
    assert.match(r.stdout, /^frame AUROC\s+-\s+[\d.-]+\s+-\s+\[-, -\]\s+0$/m, 'an external row has no frame scores');
    const json = await cli(['runs', '--show', '1', '--diff', '1', '2', '--iterations', '20', '--json', '--db', db]);
    assert.deepEqual(schemaMismatches(JSON.parse(json.stdout), 'PairedDifference'), []);
  });

  it('prints evaluate --json in the shape of the schema\'s SedEvalReport', async () => {
    const r = await runCli(['evaluate', '--reference', sedEval('street_fold1_reference.txt'), '--estimated', sedEval('street_fold1_detected.txt'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const { reference, estimated, tCollarSeconds, timeResolutionSeconds, classAgnostic, ...report } = JSON.parse(r.stdout);
    assert.deepEqual([typeof reference, typeof estimated, tCollarSeconds, timeResolutionSeconds], ['string', 'string', 0.2, 1]);
    assert.deepEqual(schemaMismatches(report, 'SedEvalReport'), []);
    assert.deepEqual(schemaMismatches(classAgnostic, 'SedEvalReport'), []);
  });

  describe('misuse', () => {
    it('rejects detections naming files the run does not hold, naming them, and leaves the run as it was', async () => {
      const before = await cli(['runs', '--show', '1', '--db', db]);
      const r = await cli(['compare', '--add-detections', join(dir, 'stray.txt'), '--run', '1', '--name', 'stray', '--db', db]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /error \[INVALID_ARGUMENT\]: detections .*stray\.txt name 1 file that run 1's audios do not include: "zebra"/);
      assert.equal((await cli(['runs', '--show', '1', '--db', db])).stdout, before.stdout);
    });

    it('rejects --add-detections without --run and --name, and --diff without two rows', async () => {
      const noRun = await cli(['compare', '--add-detections', join(dir, 'theirs.txt'), '--name', 'x', '--db', db]);
      assert.match(noRun.stderr, /error \[INVALID_ARGUMENT\]: --add-detections needs --run <id> and --name <row name>/);
      const oneRow = await cli(['runs', '--show', '1', '--diff', '1', '--db', db]);
      assert.match(oneRow.stderr, /error \[INVALID_ARGUMENT\]: --diff takes two rows \(configurations or ranks\); received 1/);
    });
  });
});

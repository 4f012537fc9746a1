import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../support/cli-process.js';

const cli = (args: string[]) => runCli(args, {});

/** A JSON code matrix of `frames` rows of 16 tokens. */
function matrixJson(frames: number, seed: number): string {
  return JSON.stringify(Array.from({ length: frames }, (_, f) => Array.from({ length: 16 }, (_, l) => (f * 31 + l * 7 + seed * 101) % 2048)));
}

describe('tokenscope export and import', () => {
  let dir: string;
  let db: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenscope-datasets-'));
    db = join(dir, 'a.duckdb');
    for (let i = 0; i < 3; i++) await writeFile(join(dir, `m${i}.json`), matrixJson(40 + i * 5, i));
    const r = await cli(['ingest-codes', join(dir, 'm0.json'), join(dir, 'm1.json'), join(dir, 'm2.json'), '--corpus', 'codes', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it('exports a corpus to a dataset folder and lists the rows of each table', async () => {
    const r = await cli(['export', '--corpus', 'codes', '--out', join(dir, 'ds'), '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /audios +3\n/);
    assert.match(r.stdout, /frames +135\n/);
    assert.match(r.stdout, new RegExp(`wrote 1 corpora \\(codes\\) to ${join(dir, 'ds')}\\n$`));
    assert.deepEqual((await readdir(join(dir, 'ds'))).sort(), ['audio_layer_stats', 'audio_token_counts', 'audios', 'corpora', 'corpus_token_counts', 'dataset.json', 'evaluation_runs', 'frames', 'labels']);
  });

  it('imports it into another database under a new name, with the same statistics', async () => {
    const other = join(dir, 'b.duckdb');
    const r = await cli(['import', join(dir, 'ds'), '--corpus', 'copy', '--db', other]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'imported into copy: 3 audios stored (135 frames, 0 labels), 0 already present, 0 evaluation runs\n');
    const before_ = await cli(['stats', '--corpus', 'codes', '--db', db]);
    const after_ = await cli(['stats', '--corpus', 'copy', '--db', other]);
    assert.equal(after_.stdout.replaceAll('copy', 'codes'), before_.stdout);
  });

  it('refuses an export with neither --corpus nor --all, and a damaged dataset, with their codes', async () => {
    const neither = await cli(['export', '--out', join(dir, 'x'), '--db', db]);
    assert.equal(neither.code, 1);
    assert.match(neither.stderr, /error \[INVALID_ARGUMENT\]: export needs --corpus <name> \(repeatable\) or --all; received neither/);
    await rm(join(dir, 'ds', 'audios'), { recursive: true });
    const damaged = await cli(['import', join(dir, 'ds'), '--db', join(dir, 'c.duckdb')]);
    assert.equal(damaged.code, 1);
    assert.match(damaged.stderr, /error \[INVALID_DATASET\]: .*audios: table audios is missing/);
  });
});

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../support/cli-process.js';
import { testSignal, wavBytes } from '../../support/wav.js';

const cli = (args: string[]) => runCli(args, {});

/** The lines of `tokenscope corpora`'s table after its header, each reduced to the corpus name. */
async function corpusNames(db: string): Promise<string[]> {
  const r = await cli(['corpora', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trim().split('\n').slice(2).map((line) => line.split(/\s+/)[0]!).filter(Boolean);
}

function row(frame: number): number[] {
  return Array.from({ length: 16 }, (_, l) => (frame * 37 + l * 101) % 2048);
}

describe('tokenscope CLI summaries', () => {
  let dir: string;
  let db: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenscope-cli-summary-'));
    db = join(dir, 'cli.duckdb');
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it('says how many labels the ingest imported, from how many label files', async () => {
    const audio = join(dir, 'audio');
    await mkdir(audio);
    await writeFile(join(audio, 'one.wav'), wavBytes([testSignal(1, 16_000)], 16_000));
    await writeFile(join(audio, 'one.txt'), '0.1\t0.3\tcough\n0.5\t0.7\tknock\n');
    await writeFile(join(audio, 'two.wav'), wavBytes([testSignal(2, 16_000, 2)], 16_000));
    const r = await cli(['ingest', audio, '--corpus', 'labelled', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\n2 ingested, 0 already present, 0 failed; 2 labels imported from 1 label file; 0\.001 h of audio in \d+\.\d s\n$/);
  });

  it('leaves no empty corpus behind when every file of an audio batch fails', async () => {
    const broken = join(dir, 'broken.wav');
    await writeFile(broken, 'RIFF, but not a wave file');
    const r = await cli(['ingest', broken, '--corpus', 'all-failed-audio', '--db', db]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /\n0 ingested, 0 already present, 1 failed; 0 labels imported from 0 label files; /);
    assert.deepEqual(await corpusNames(db), ['labelled']);
  });

  it('leaves no empty corpus behind when every file of a code batch fails', async () => {
    const bad = join(dir, 'bad.jsonl');
    await writeFile(bad, `${JSON.stringify({ audio_codes: [[...row(0).slice(0, 5), 2048, ...row(0).slice(6)]] })}\n`);
    const r = await cli(['ingest-codes', bad, '--corpus', 'all-failed-codes', '--db', db]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /0 audios ingested, 0 already present, 1 of 1 files with errors/);
    assert.deepEqual(await corpusNames(db), ['labelled']);
  });
});

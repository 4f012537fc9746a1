import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../support/cli-process.js';
import { testSignal, wavBytes } from '../../support/wav.js';

const cli = (args: string[]) => runCli(args, {});

async function jsonlGz(path: string): Promise<Record<string, unknown>[]> {
  return gunzipSync(await readFile(path)).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('tokenscope lhotse', () => {
  let dir: string;
  let db: string;
  let audio: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenscope-lhotse-'));
    db = join(dir, 'cli.duckdb');
    audio = join(dir, 'audio');
    await mkdir(audio);
    await writeFile(join(audio, 'one.wav'), wavBytes([testSignal(1, 16_000)], 16_000));
    await writeFile(join(audio, 'one.txt'), '0.1\t0.3\tcough\n0.5\t0.75\tknock\n');
    await writeFile(join(audio, 'two.wav'), wavBytes([testSignal(2, 22_050, 2), testSignal(2, 22_050, 3)], 22_050));
    const r = await cli(['ingest', audio, '--corpus', 'src', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it("exports a corpus as Lhotse's recordings and supervisions, each label a supervision", async () => {
    const out = join(dir, 'manifests');
    const r = await cli(['lhotse', 'export', '--corpus', 'src', '--out', out, '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `wrote 2 recordings to ${join(out, 'recordings.jsonl.gz')} and 2 supervisions to ${join(out, 'supervisions.jsonl.gz')}\n`);
    assert.deepEqual(await jsonlGz(join(out, 'recordings.jsonl.gz')), [
      { id: 'one', sources: [{ type: 'file', channels: [0], source: join(audio, 'one.wav') }], sampling_rate: 16000, num_samples: 16000, duration: 1, channel_ids: [0] },
      { id: 'two', sources: [{ type: 'file', channels: [0, 1], source: join(audio, 'two.wav') }], sampling_rate: 22050, num_samples: 44100, duration: 2, channel_ids: [0, 1] },
    ]);
    assert.deepEqual(await jsonlGz(join(out, 'supervisions.jsonl.gz')), [
      { id: 'one-0001', recording_id: 'one', start: 0.1, duration: 0.2, channel: 0, custom: { label: 'cough' } },
      { id: 'one-0002', recording_id: 'one', start: 0.5, duration: 0.25, channel: 0, custom: { label: 'knock' } },
    ]);
  });

  it("imports the manifests it wrote: the recordings' files ingested, their supervisions stored as labels", async () => {
    const r = await cli(['lhotse', 'import', join(dir, 'manifests'), '--corpus', 'copy', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\n2 recordings: 2 ingested, 0 already present, 0 failed; 2 supervisions stored as labels of 1 audios\n$/);
    const labels = await cli(['labels', 'export', '--corpus', 'copy', '--db', db]);
    assert.equal(labels.stdout, 'file,start_s,end_s,label\none.wav,0.100000,0.300000,cough\none.wav,0.500000,0.750000,knock\n');
  });

  it("reads a speaker or text as the class of another tool's supervisions, from plain .jsonl files", async () => {
    const m = join(dir, 'other');
    await mkdir(m);
    await writeFile(join(m, 'my_recordings.jsonl'), `${JSON.stringify({ id: 'rec-a', sources: [{ type: 'file', channels: [0], source: join(audio, 'one.wav') }], sampling_rate: 16000, num_samples: 16000, duration: 1.0 })}\n`);
    await writeFile(
      join(m, 'my_supervisions.jsonl'),
      [{ id: 's1', recording_id: 'rec-a', start: 0, duration: 0.4, channel: 0, speaker: 'spk1', text: 'hello' }, { id: 's2', recording_id: 'rec-a', start: 0.5, duration: 0.4, channel: 0, text: 'world' }].map((s) => JSON.stringify(s)).join('\n') + '\n',
    );
    const r = await cli(['lhotse', 'import', join(m, 'my_recordings.jsonl'), join(m, 'my_supervisions.jsonl'), '--corpus', 'other', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    const labels = await cli(['labels', 'export', '--corpus', 'other', '--db', db]);
    assert.equal(labels.stdout, 'file,start_s,end_s,label\none.wav,0.000000,0.400000,spk1\none.wav,0.500000,0.900000,world\n');
  });

  describe('misuse', () => {
    it('names the file and line of a bad manifest line, and ingests nothing', async () => {
      const m = join(dir, 'bad');
      await mkdir(m);
      await writeFile(join(m, 'recordings.jsonl.gz'), gzipSync(`${JSON.stringify({ id: 'r', sources: [{ type: 'file', channels: [0], source: join(audio, 'one.wav') }], sampling_rate: 16000, num_samples: 16000, duration: 1 })}\nnot json\n`));
      const bad = await cli(['lhotse', 'import', m, '--corpus', 'never', '--db', db]);
      assert.equal(bad.code, 1);
      assert.equal(bad.stderr, `error [INVALID_MANIFEST]: ${join(m, 'recordings.jsonl.gz')} line 2: expected one JSON object per line; received not json\n`);
      await writeFile(join(m, 'recordings.jsonl.gz'), gzipSync(`${JSON.stringify({ id: 'r', sources: [{ type: 'url', channels: [0], source: 'https://example.org/a.wav' }], sampling_rate: 16000, num_samples: 16000, duration: 1 })}\n`));
      const url = await cli(['lhotse', 'import', m, '--corpus', 'never', '--db', db]);
      assert.match(url.stderr, /^error \[INVALID_MANIFEST\]: .*recordings\.jsonl\.gz line 1: recording r: expected one source of "type": "file" with a "source" path; tokenscope ingests audio files only/);
      await writeFile(join(m, 'recordings.jsonl.gz'), gzipSync(`${JSON.stringify({ id: 'r', sources: [{ type: 'file', channels: [0], source: join(audio, 'one.wav') }], sampling_rate: 16000, num_samples: 16000, duration: 1 })}\n`));
      await writeFile(join(m, 'supervisions.jsonl.gz'), gzipSync(`${JSON.stringify({ id: 's', recording_id: 'elsewhere', start: 0, duration: 1 })}\n`));
      const orphan = await cli(['lhotse', 'import', m, '--corpus', 'never', '--db', db]);
      assert.equal(orphan.stderr, `error [INVALID_MANIFEST]: ${join(m, 'supervisions.jsonl.gz')} line 1: supervision "s" names recording "elsewhere", which the recordings manifest does not hold\n`);
      const corpora = await cli(['corpora', '--db', db]);
      assert.doesNotMatch(corpora.stdout, /^never\s/m);
    });
  });
});

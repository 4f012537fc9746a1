import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readAllAudio24k } from '../../../src/audio/read-audio.js';
import { codeMatrix } from '../../../src/domain/code-matrix.js';
import { encodeNpy } from '../../../src/ingest/codes/npy-writer.js';
import { fixtureCodes } from '../../../scripts/fixtures/make-fixture-models.js';
import { killStrays, runCli } from '../../support/cli-process.js';
import { DECODER_TEST_MODEL, modelsDirWithEncoder, modelWithDecoder } from '../../support/decoder-models.js';
import { fixtureDecode, sampleTokens } from '../../support/fixture-decoders.js';
import { jsonlLine, writeText } from '../../support/code-files.js';
import { testSignal, writeWav } from '../../support/wav.js';

describe('tokenscope decode', () => {
  let dir: string;
  let modelsDir: string;
  let db: string;
  let wav: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenscope-decode-cli-'));
    ({ modelsDir } = await modelWithDecoder({ layout: 'codes-lengths' }));
    db = join(dir, 'decode.duckdb');
    wav = join(dir, 'tone.wav');
    await writeWav(wav, testSignal(1.5, 24000), 24000);
    const ingested = await runCli(['ingest', wav, '--corpus', 'c', '--model', DECODER_TEST_MODEL, '--models-dir', modelsDir, '--db', db]);
    assert.equal(ingested.code, 0, ingested.stderr);
  });
  after(() => killStrays());

  it("decodes an audio's stored codes into a 24 kHz float WAV of exactly N·1920 samples with the decoder's values", async () => {
    const out = join(dir, 'audio.wav');
    const r = await runCli(['decode', '--audio', '1', '--out', out, '--encoding', 'float32', '--models-dir', modelsDir, '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^decoded audio 1: 19 frames → 36480 samples \(1\.52 s at 24 kHz, float32\) with the onnx codes-lengths decoder of model fixture-plain-audio\nwrote .*audio\.wav\n$/);
    const expected = fixtureDecode(fixtureCodes(await readAllAudio24k(wav)));
    assert.deepEqual(await readAllAudio24k(out), expected);
  });

  it('fetches a long audio\'s codes in several pages (2,100 frames) and decodes them all', async () => {
    const long = join(dir, 'long.wav');
    await writeWav(long, testSignal((2100 * 1920) / 24000, 24000, 3), 24000);
    const ingested = await runCli(['ingest', long, '--corpus', 'long', '--model', DECODER_TEST_MODEL, '--models-dir', modelsDir, '--db', db]);
    assert.equal(ingested.code, 0, ingested.stderr);
    const out = join(dir, 'long-out.wav');
    const r = await runCli(['decode', '--audio', '2', '--out', out, '--encoding', 'float32', '--models-dir', modelsDir, '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^decoded audio 2: 2100 frames → 4032000 samples/);
    assert.deepEqual(await readAllAudio24k(out), fixtureDecode(fixtureCodes(await readAllAudio24k(long))));
  });

  it('decodes a .npy code file with --model into 16-bit PCM', async () => {
    const tokens = sampleTokens(4);
    const npy = await writeText(join(dir, 'codes.npy'), encodeNpy(codeMatrix(tokens)));
    const out = join(dir, 'npy.wav');
    const r = await runCli(['decode', npy, '--model', DECODER_TEST_MODEL, '--out', out, '--models-dir', modelsDir]);
    assert.equal(r.code, 0, r.stderr);
    const bytes = await readFile(out);
    assert.equal(bytes.toString('latin1', 0, 4), 'RIFF');
    assert.deepEqual([bytes.readUInt16LE(20), bytes.readUInt16LE(22), bytes.readUInt32LE(24), bytes.readUInt16LE(34), bytes.readUInt32LE(40)], [1, 1, 24000, 16, 4 * 1920 * 2]);
    const expected = fixtureDecode(tokens);
    for (const i of [0, 119, 120, 1919, 1920, 7679]) assert.equal(bytes.readInt16LE(44 + 2 * i), Math.round(expected[i]! * 32767), `sample ${i}`);
  });

  it('picks one matrix of a JSONL file with --item, and says how many there are when it is past the end', async () => {
    const rows = (t: Uint16Array) => Array.from({ length: t.length / 16 }, (_, f) => [...t.subarray(f * 16, f * 16 + 16)]);
    const jsonl = await writeText(join(dir, 'two.jsonl'), `${jsonlLine(rows(sampleTokens(2, 1)))}\n${jsonlLine(rows(sampleTokens(3, 2)))}\n`);
    const out = join(dir, 'second.wav');
    const r = await runCli(['decode', jsonl, '--model', DECODER_TEST_MODEL, '--item', '2', '--out', out, '--encoding', 'float32', '--models-dir', modelsDir]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await readAllAudio24k(out), fixtureDecode(sampleTokens(3, 2)));
    const past = await runCli(['decode', jsonl, '--model', DECODER_TEST_MODEL, '--item', '3', '--out', out, '--models-dir', modelsDir]);
    assert.equal(past.code, 1);
    assert.match(past.stderr, /error \[INVALID_CODES\]: --item: .*two\.jsonl holds 2 matrices, got 3/);
  });

  describe('refuses, with a code and no file written', () => {
    const refused = async (args: string[], pattern: RegExp) => {
      const out = join(dir, `refused-${Math.random().toString(36).slice(2)}.wav`);
      const r = await runCli(['decode', ...args, '--out', out, ...(args.includes('--models-dir') ? [] : ['--models-dir', modelsDir]), '--db', db]);
      assert.equal(r.code, 1, r.stdout);
      assert.match(r.stderr, pattern);
      assert.equal(existsSync(out), false);
    };

    it('an ablation on an ONNX decoder of token ids, saying why', () =>
      refused(['--audio', '1', '--layers', '1-8'], /error \[UNSUPPORTED_OPERATION\]: layers: the onnx codes-lengths decoder of model 'fixture-plain-audio' cannot decode layers 1-8 only: it takes token ids/));

    it('layers 0 or 17', async () => {
      await refused(['--audio', '1', '--layers', '0-8'], /error \[INVALID_ARGUMENT\]: --layers: layers are numbered 1\.\.16, got 0 in "0-8"/);
      await refused(['--audio', '1', '--layers', '17'], /error \[INVALID_ARGUMENT\]: --layers: layers are numbered 1\.\.16, got 17/);
    });

    it('an audio decoded as another model', () => refused(['--audio', '1', '--model', 'fixture-masked-values'], /error \[MODEL_MISMATCH\]: --model: audio 1 was encoded by model 'fixture-plain-audio', got --model fixture-masked-values/));

    it('a code file without --model, and both a file and --audio', async () => {
      const npy = join(dir, 'codes.npy');
      await writeFile(npy, encodeNpy(codeMatrix(sampleTokens(2))));
      await refused([npy], /error \[INVALID_ARGUMENT\]: --model: a code file records no model; pass --model <id>/);
      await refused([npy, '--audio', '1'], /error \[INVALID_ARGUMENT\]: decode: expected either a code file or --audio <id>, not both and not neither/);
    });

    it('a model without a decoder', async () =>
      refused([join(dir, 'codes.npy'), '--model', DECODER_TEST_MODEL, '--models-dir', await modelsDirWithEncoder()], /error \[NOT_FOUND\]: model 'fixture-plain-audio' names no decoder; add one with `tokenscope models add-decoder fixture-plain-audio <decoder\.onnx>`/));
  });
});

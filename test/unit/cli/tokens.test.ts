import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../support/cli-process.js';

/** A frame whose layer 1 holds `t`, layer 2 `t mod 3` and the others 0. */
const row = (t: number) => Array.from({ length: 16 }, (_, l) => (l === 0 ? t : l === 1 ? t % 3 : 0));
const line = (tokens: number[], audio: string) => JSON.stringify({ audio, text: 'x', audio_codes: tokens.map(row) });

describe('tokenscope stats side by side, tokens find, tokens bigrams and all cold tokens', () => {
  let dir: string;
  let db: string;
  const cli = (...args: string[]) => runCli([...args, '--db', db]);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenscope-cli-tokens-'));
    db = join(dir, 't.duckdb');
    // Layer 1 of corpus a: 5 7 5 5 7 | 7 5 9; of corpus b: 5 5.
    await writeFile(join(dir, 'a.jsonl'), `${line([5, 7, 5, 5, 7], 'a1.wav')}\n${line([7, 5, 9], 'a2.wav')}\n`);
    await writeFile(join(dir, 'b.jsonl'), `${line([5, 5], 'b1.wav')}\n`);
    for (const c of ['a', 'b']) assert.equal((await runCli(['ingest-codes', join(dir, `${c}.jsonl`), '--corpus', c, '--db', db])).code, 0);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('prints two corpora side by side, a column each, with readable rounding and the size-matched rows', async () => {
    const r = await cli('stats', '--corpus', 'a', '--corpus', 'b', '--layers', '1');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        '                                        a                                  b',
        '------  ---------------------------------  ---------------------------------',
        'audios                                  2                                  1',
        'frames                                  8                                  2',
        'hours                            0.000178                          0.0000444',
        'models  external:qwen3-tts-tokenizer-12hz  external:qwen3-tts-tokenizer-12hz',
        '',
        'layer  statistic                           a         b',
        '-----  ------------------------  -----------  --------',
        '    1  mean                             6.25         5',
        '       std                              1.39         0',
        '       entropy bits                     1.41         0',
        '       entropy bits at 2 frames        0.679         0',
        '       distinct                            3         1',
        '       distinct at 2 frames             1.68         1',
        '       utilisation                   0.00146  0.000488',
        '       utilisation at 2 frames      0.000820  0.000488',
        '       top tokens                5×4 7×3 9×1       5×2',
        '',
        'Entropy, distinct tokens and utilisation grow with the frames counted; the rows "at 2 frames" give each corpus\'s expected value on a random 2-frame subsample (the smallest corpus\'s size), where corpora compare.',
        '',
      ].join('\n'),
    );
  });

  it('still merges corpora with --pooled', async () => {
    const r = await cli('stats', '--corpus', 'a', '--corpus', 'b', '--layers', '1', '--pooled');
    assert.match(r.stdout, /^corpora: a, b \| 3 audios, 10 frames/m);
  });

  it('finds a token: counts per corpus, then its places, all of them with --limit 0', async () => {
    const r = await cli('tokens', 'find', '--layer', '1', '--token', '5', '--limit', '0');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^layer 1 token 5: 6 occurrences in 3 audios of 2 corpora$/m);
    assert.match(r.stdout, /^a\s+4\s+2\s+0\.500$/m);
    assert.match(r.stdout, /^b\s+2\s+1\s+1$/m);
    const places = r.stdout.split('\n').filter((l) => /^\s+\d+\s+\d+\s+\d+\.\d\d$/.test(l)).map((l) => l.trim().split(/\s+/).slice(1).join('@'));
    assert.deepEqual(places, ['0@0.00', '2@0.16', '3@0.24', '1@0.08', '0@0.00', '1@0.08']);
    const some = await cli('tokens', 'find', '--layer', '1', '--token', '5', '--limit', '2', '--corpus', 'a');
    assert.match(some.stdout, /^2 of 4 places listed; --limit 0 lists them all$/m);
  });

  it('lists the most frequent consecutive pairs with counts and shares', async () => {
    const r = await cli('tokens', 'bigrams', '--corpus', 'a', '--layer', '1', '--top', '2');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, ['a, layer 1: 6 pairs of consecutive frames', 'token t  token t+1  count  share', '-------  ---------  -----  -----', '      5          7      2  0.333', '      7          5      2  0.333', ''].join('\n'));
  });

  it('lists every cold token with --limit 0 and names a bad token', async () => {
    const all = await cli('cold-tokens', '--reference', 'b', '--target', 'a', '--limit', '0');
    assert.deepEqual(all.stdout.split('\n').filter((l) => /^\s+\d+\s+\d+/.test(l)).length, 4);
    const bad = await cli('tokens', 'find', '--layer', '1', '--token', '4096');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^error \[INVALID_ARGUMENT\]: token must be a token id 0\.\.2047; received 4096$/m);
  });
});

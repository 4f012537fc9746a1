import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../support/cli-process.js';

const cli = (args: string[]) => runCli(args, {});

describe('tokenscope attach and detach', () => {
  let dir: string;
  let db: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenscope-attach-'));
    db = join(dir, 'a.duckdb');
    const frames = (n: number, seed: number) => JSON.stringify(Array.from({ length: n }, (_, f) => Array.from({ length: 16 }, (_, l) => (f * 29 + l * 5 + seed * 97) % 2048)));
    for (let i = 0; i < 2; i++) await writeFile(join(dir, `m${i}.json`), frames(30 + i * 7, i));
    assert.equal((await cli(['ingest-codes', join(dir, 'm0.json'), join(dir, 'm1.json'), '--corpus', 'codes', '--db', db])).code, 0);
    assert.equal((await cli(['export', '--corpus', 'codes', '--out', join(dir, 'ds'), '--db', db])).code, 0);
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it('attaches a dataset whose corpus then answers stats as the native one, and detaches it', async () => {
    const attached = await cli(['attach', join(dir, 'ds'), '--name', 'pub', '--db', db]);
    assert.equal(attached.code, 0, attached.stderr);
    assert.match(attached.stdout, new RegExp(`^attached ${join(dir, 'ds')} as pub \\(read-only, \\d+ files\\): pub/codes\\n$`));
    const native = await cli(['stats', '--corpus', 'codes', '--db', db]);
    const read = await cli(['stats', '--corpus', 'pub/codes', '--db', db]);
    assert.equal(read.code, 0, read.stderr);
    assert.equal(read.stdout.replaceAll('pub/codes', 'codes'), native.stdout);
    const listed = (await cli(['corpora', '--db', db])).stdout.split('\n');
    assert.match(listed[0]!, /attached from\s*$/);
    assert.ok(listed.some((line) => /^pub\/codes\s/.test(line) && line.trimEnd().endsWith(join(dir, 'ds'))), listed.join('\n'));
    assert.ok(listed.some((line) => /^codes\s/.test(line) && !line.includes(join(dir, 'ds'))), 'the native corpus has no dataset');
    const detached = await cli(['detach', 'pub', '--db', db]);
    assert.equal(detached.stdout, `detached pub (pub/codes); ${join(dir, 'ds')} is left as it was\n`);
    const gone = await cli(['stats', '--corpus', 'pub/codes', '--db', db]);
    assert.equal(gone.code, 1);
    assert.match(gone.stderr, /error \[NOT_FOUND\]: corpus "pub\/codes" does not exist/);
  });

  it('refuses to detach a name nothing is attached under', async () => {
    const r = await cli(['detach', 'nothing', '--db', db]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /error \[NOT_FOUND\]: no dataset is attached as "nothing"; attached: none/);
  });
});

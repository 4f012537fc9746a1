import assert from 'node:assert/strict';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { resolveInsideRoots } from '../../../src/api/data-roots.js';
import { ErrorCode } from '../../../src/errors.js';
import { assertRejectsCode } from '../../support/errors.js';

describe('resolveInsideRoots', () => {
  let base: string;
  let root: string;
  let second: string;
  let outside: string;

  before(async () => {
    base = await realpath(await mkdtemp(join(tmpdir(), 'tokenscope-roots-')));
    [root, second, outside] = [join(base, 'root'), join(base, 'second'), join(base, 'outside')];
    for (const dir of [join(root, 'sub'), second, outside]) await mkdir(dir, { recursive: true });
    await writeFile(join(root, 'sub', 'a.jsonl'), '');
    await writeFile(join(second, 'b.jsonl'), '');
    await writeFile(join(outside, 'secret.jsonl'), '');
    await symlink(join(outside, 'secret.jsonl'), join(root, 'escape.jsonl'));
    await symlink(join(root, 'sub', 'a.jsonl'), join(root, 'alias.jsonl'));
  });
  after(() => rm(base, { recursive: true, force: true }));

  it('resolves a relative path against the first root', async () => {
    assert.equal(await resolveInsideRoots(join('sub', 'a.jsonl'), [root, second]), join(root, 'sub', 'a.jsonl'));
  });

  it('accepts an absolute path inside any root, and a root itself', async () => {
    assert.equal(await resolveInsideRoots(join(second, 'b.jsonl'), [root, second]), join(second, 'b.jsonl'));
    assert.equal(await resolveInsideRoots(root, [root]), root);
  });

  it('follows a symlink that stays inside the roots', async () => {
    assert.equal(await resolveInsideRoots('alias.jsonl', [root]), join(root, 'sub', 'a.jsonl'));
  });

  describe('refuses', () => {
    it('an absolute path outside every root with PATH_OUTSIDE_ROOTS, naming it', async () => {
      await assertRejectsCode(resolveInsideRoots(join(outside, 'secret.jsonl'), [root, second]), ErrorCode.PATH_OUTSIDE_ROOTS, /secret\.jsonl: outside the data roots/);
    });
    it('a relative path that climbs out with ..', async () => {
      await assertRejectsCode(resolveInsideRoots(join('sub', '..', '..', 'outside', 'secret.jsonl'), [root]), ErrorCode.PATH_OUTSIDE_ROOTS, /outside the data roots/);
    });
    it('a sibling folder whose name starts with the root\'s name', async () => {
      const sibling = `${root}-evil`;
      await mkdir(sibling, { recursive: true });
      await writeFile(join(sibling, 'x.jsonl'), '');
      await assertRejectsCode(resolveInsideRoots(join('..', `${basename(root)}-evil`, 'x.jsonl'), [root]), ErrorCode.PATH_OUTSIDE_ROOTS, /outside the data roots/);
    });
    it('a symlink inside the root that points outside, naming where it leads', async () => {
      await assertRejectsCode(resolveInsideRoots('escape.jsonl', [root]), ErrorCode.PATH_OUTSIDE_ROOTS, new RegExp(`resolves \\(through a symlink\\) to ${join(outside, 'secret.jsonl').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    });
    it('a missing file inside the root with UNREADABLE_FILE', async () => {
      await assertRejectsCode(resolveInsideRoots('nope.jsonl', [root]), ErrorCode.UNREADABLE_FILE, /nope\.jsonl: no such file or folder/);
    });
    it('every path when no roots are configured', async () => {
      await assertRejectsCode(resolveInsideRoots(join(root, 'sub', 'a.jsonl'), []), ErrorCode.PATH_OUTSIDE_ROOTS, /no data roots are configured/);
    });
  });
});

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../support/paths.js';

/** Every .ts file below `dir`, recursively. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === 'generated' ? [] : sources(join(dir, e.name))) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('package.json', () => {
  it('declares no runtime dependency that nothing uses (src/ and scripts/ import it, or the dashboard build copies it)', () => {
    const root = repoRoot();
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const text = [...sources(join(root, 'src')), ...sources(join(root, 'scripts'))].map((f) => readFileSync(f, 'utf8')).join('\n');
    const unused = Object.keys(pkg.dependencies).filter((name) => !new RegExp(`['"]${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/[^'"]*)?['"]`).test(text));
    assert.deepEqual(unused, []);
    for (const gone of ['@alexanderolsen/libsamplerate-js', 'class-validator']) assert.equal(pkg.dependencies[gone], undefined, `${gone} is not declared`);
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { printSortedSchema } from '../../../src/api/schema.js';
import { repoRoot } from '../../support/paths.js';

/** The first line where two texts differ, as "line N: committed … / built …". */
function firstDifference(committed: string, built: string): string {
  const a = committed.split('\n');
  const b = built.split('\n');
  const i = a.findIndex((line, n) => line !== b[n]);
  const line = i === -1 ? a.length : i;
  return `line ${line + 1}: committed ${JSON.stringify(a[line] ?? '(end of file)')}, built ${JSON.stringify(b[line] ?? '(end of file)')}`;
}

describe('the committed schema contract', () => {
  const committedPath = join(repoRoot(), 'schema', 'schema.graphql');

  it('equals the schema the resolvers build; run `npm run schema:emit` when it does not', async () => {
    const committed = readFileSync(committedPath, 'utf8');
    const built = await printSortedSchema();
    assert.ok(
      committed === built,
      `schema/schema.graphql is out of date with the resolvers (${firstDifference(committed, built)}): run \`npm run schema:emit\` and commit the result`,
    );
  });

  it('is stored sorted, as printSortedSchema emits it', () => {
    const committed = readFileSync(committedPath, 'utf8');
    assert.equal(`${printSchema(lexicographicSortSchema(buildSchema(committed)))}\n`, committed);
  });

  it('bounds every list argument named first or limit with a documented maximum', () => {
    const schema = buildSchema(readFileSync(committedPath, 'utf8'));
    const unbounded: string[] = [];
    const checked: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !('getFields' in type) || !('getInterfaces' in type)) continue;
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) {
          if (!['first', 'limit', 'frameCount'].includes(arg.name)) continue;
          checked.push(`${type.name}.${field.name}(${arg.name})`);
          const documented = `${field.description ?? ''} ${arg.description ?? ''}`;
          if (!/(≤|at most|\.\.)\s*\d/.test(documented)) unbounded.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    assert.ok(checked.length >= 7, `only ${checked.join(', ')} found`);
    assert.deepEqual(unbounded, [], 'list arguments whose maximum the schema does not state');
  });
});

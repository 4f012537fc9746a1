import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { printSortedSchema } from '../src/api/schema.js';

/** Writes the sorted SDL to schema/schema.graphql (run from the repo root: `npm run schema:emit`). */
const target = resolve(process.cwd(), 'schema', 'schema.graphql');
await writeFile(target, await printSortedSchema());
console.log(`wrote ${target}`);

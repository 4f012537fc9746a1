import { resolve } from 'node:path';
import { AttachDatasetDocument, DetachDatasetDocument } from '../../client/generated/graphql.js';
import { execute } from '../execute.js';
import { withApp } from '../open-app.js';
import type { DbOptions } from '../open-app.js';

/** Options of `tokenscope attach`. */
export interface AttachOptions extends DbOptions {
  name: string;
}

/** Attaches the dataset folder `dir` read-only as --name: its corpora become `<name>/<corpus>`. */
export async function attachCommand(dir: string, options: AttachOptions): Promise<number> {
  return withApp(options, async (app) => {
    const r = (await execute(app, AttachDatasetDocument, { path: resolve(dir), name: options.name })).data.attachDataset;
    console.log(`attached ${r.path} as ${r.name} (read-only, ${r.files} files): ${r.corpora.join(', ') || 'no corpora'}`);
    return 0;
  });
}

/** Detaches the dataset attached as `name`; its files are left as they are. */
export async function detachCommand(name: string, options: DbOptions): Promise<number> {
  return withApp(options, async (app) => {
    const r = (await execute(app, DetachDatasetDocument, { name })).data.detachDataset;
    console.log(`detached ${r.name} (${r.corpora.join(', ') || 'no corpora'}); ${r.path} is left as it was`);
    return 0;
  });
}

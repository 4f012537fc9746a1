import { basename } from 'node:path';
import { AudioPageDocument } from '../../client/generated/graphql.js';
import type { AudioPageQuery } from '../../client/generated/graphql.js';
import { execute } from '../execute.js';
import { fitCell, formatTable } from '../format-table.js';
import { withApp } from '../open-app.js';
import type { DbOptions } from '../open-app.js';

/** Options of `tokenscope audios`. */
export interface AudiosCliOptions extends DbOptions {
  corpus: string;
}

/** Audios listed per page: the API's cap. */
const PAGE = 500;

/** Characters of an audio's text shown in the table. */
const TEXT_CHARACTERS = 60;

/**
 * What tells an audio apart: for a matrix from a code file, its line and the `audio` the file names
 * (481 audios of one JSONL would otherwise all read as that file), else the file it was encoded from.
 */
function audioName(source: { path: string; line?: number | null }, metadata: Record<string, unknown>): string {
  const file = basename(source.path);
  const named = typeof metadata['audio'] === 'string' ? ` (${basename(metadata['audio'])})` : '';
  return source.line ? `${file}#${source.line}${named}` : file;
}

/** Lists a corpus's audios: id, name, frames, seconds and text, every page of them. */
export async function audiosCommand(options: AudiosCliOptions): Promise<number> {
  return withApp(options, async (app) => {
    const rows: (string | number)[][] = [];
    let after: string | null = null;
    for (;;) {
      const page: AudioPageQuery['audios'] = (await execute(app, AudioPageDocument, { corpus: options.corpus, first: PAGE, after })).data.audios;
      for (const a of page.nodes) {
        rows.push([Number(a.id), audioName(a.source, (a.metadata ?? {}) as Record<string, unknown>), a.frameCount, a.durationSeconds.toFixed(2), fitCell(a.text ?? '', TEXT_CHARACTERS)]);
      }
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor ?? null;
    }
    console.log(formatTable(['id', 'name', 'frames', 'seconds', 'text'], rows));
    console.log(`\n${rows.length} audios in corpus ${options.corpus}`);
    return 0;
  });
}

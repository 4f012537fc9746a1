import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CorpusLabelsDocument, ImportLabelsDocument } from '../../client/generated/graphql.js';
import type { LabelFormat } from '../../client/generated/graphql.js';
import { CliError, execute } from '../execute.js';
import { withApp } from '../open-app.js';
import type { DbOptions } from '../open-app.js';

function format(value: string | undefined): LabelFormat {
  const f = (value ?? 'csv').toUpperCase();
  if (f !== 'CSV' && f !== 'AUDACITY') throw new CliError(`--format must be csv or audacity; received "${value}"`, 'INVALID_ARGUMENT');
  return f;
}

/** Writes a corpus's labels: CSV to a file (or stdout), Audacity tracks into a folder. */
export async function labelsExportCommand(options: DbOptions & { corpus: string; format?: string; out?: string }): Promise<number> {
  const f = format(options.format);
  return withApp(options, async (app) => {
    const files = (await execute(app, CorpusLabelsDocument, { corpus: options.corpus, format: f })).data.corpusLabels;
    if (f === 'CSV') {
      if (options.out) await writeFile(options.out, files[0]!.content);
      else process.stdout.write(files[0]!.content);
    } else {
      const dir = resolve(options.out ?? `${options.corpus}-labels`);
      await mkdir(dir, { recursive: true });
      for (const file of files) await writeFile(join(dir, file.name), file.content);
      console.log(`wrote ${files.length} Audacity label tracks to ${dir}`);
    }
    return 0;
  });
}

/** Replaces the labels of a corpus's audios from a CSV file or a folder of Audacity tracks. */
export async function labelsImportCommand(path: string, options: DbOptions & { corpus: string; format?: string }): Promise<number> {
  const f = format(options.format);
  return withApp(options, async (app) => {
    const r = (await execute(app, ImportLabelsDocument, { corpus: options.corpus, path: resolve(path), format: f })).data.importLabels;
    console.log(`replaced the labels of ${r.audios} audios with ${r.labels} spans`);
    return 0;
  });
}

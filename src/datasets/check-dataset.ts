import { CODEBOOK_SIZE, LAYER_COUNT } from '../domain/contract.js';
import { ErrorCode, TokenscopeError } from '../errors.js';
import { clip } from '../jsutils/excerpt.js';
import { DATASET_TABLES, fileColumns, firstBadToken, firstDuplicateAudio, firstRaggedAudio } from '../store/parquet-dataset.js';
import type { DatasetTableName, RowPlace } from '../store/parquet-dataset.js';
import type { Database } from '../store/database.js';
import type { DatasetManifest } from './layout.js';

/** Characters of a file path a message shows (a real path is at most PATH_MAX, 4,096). */
const PATH_ECHO = 300;
const shown = (path: string) => clip(path, PATH_ECHO);

function invalid(message: string, details: Record<string, unknown>): TokenscopeError {
  return new TokenscopeError(ErrorCode.INVALID_DATASET, message, details);
}

/** "<file>, row group g, row r" (row within the file, 0-based, as Parquet readers count). */
function at(p: RowPlace): string {
  return `${shown(p.file)}, row group ${p.rowGroup}, row ${p.row}`;
}

const where = (p: RowPlace) => ({ path: shown(p.file), rowGroup: p.rowGroup, row: p.row });

/**
 * Checks the files of the dataset at `dir` before anything is stored: every file of every table
 * has the table's columns with their types; the tables the manifest says hold rows have files;
 * no audio repeats an identity or a key; every token is 0..2047; every audio has frames
 * 0..frame_count−1 once each and 16 layer statistics of frame_count tokens; no row names an
 * audio_key that no audio has. Returns the tables that hold rows. INVALID_DATASET naming the
 * file, row group, row and value otherwise.
 */
export async function checkDataset(db: Database, dir: string, manifest: DatasetManifest): Promise<Set<DatasetTableName>> {
  const present = new Set<DatasetTableName>();
  for (const table of DATASET_TABLES) {
    const columns = await fileColumns(db, dir, table.name);
    const listed = manifest.tables.find((t) => t.name === table.name)!;
    if (!columns.length) {
      if (listed.rows > 0 || table.name === 'audios' || table.name === 'corpora') {
        throw invalid(`${shown(`${dir}/${table.name}`)}: table ${table.name} has no Parquet files; dataset.json says it has ${listed.rows} rows`, { path: shown(`${dir}/${table.name}`), table: table.name });
      }
      continue;
    }
    const byFile = new Map<string, Map<string, string | null>>();
    for (const c of columns) byFile.set(c.file, (byFile.get(c.file) ?? new Map()).set(c.name, c.type));
    for (const [file, found] of byFile) {
      for (const expected of table.columns) {
        const type = found.get(expected.name);
        if (type === undefined) throw invalid(`${shown(file)}: table ${table.name} has no column ${expected.name}; expected ${expected.name} ${expected.type}`, { path: shown(file), table: table.name, column: expected.name });
        if (type !== expected.type) throw invalid(`${shown(file)}: column ${expected.name} of table ${table.name} is ${type}; expected ${expected.type}`, { path: shown(file), table: table.name, column: expected.name, type, expected: expected.type });
      }
    }
    present.add(table.name);
  }
  const duplicate = await firstDuplicateAudio(db, dir);
  if (duplicate) throw invalid(`${at(duplicate)}: audio_key ${duplicate.audioKey} (content_sha256 ${duplicate.contentSha256}) repeats an audio_key or an identity (corpus, model, content_sha256) of another row; each audio is in the audios table once`, where(duplicate));
  if (present.has('frames')) {
    const bad = await firstBadToken(db, dir);
    if (bad) {
      throw invalid(`${at(bad)} (audio_key ${bad.audioKey}, frame ${bad.frame}): column l${bad.layer} holds ${bad.value === null ? 'no token (null)' : `token ${bad.value}`}; the contract's tokens are 0..${CODEBOOK_SIZE - 1} on each of ${LAYER_COUNT} layers`, { ...where(bad), column: `l${bad.layer}`, value: bad.value });
    }
  }
  const ragged = await firstRaggedAudio(db, dir, present);
  if (ragged) {
    const what = ragged.table === 'frames' ? 'frames' : ragged.table === 'audio_layer_stats' ? 'layer statistics rows' : 'rows';
    const message =
      ragged.expected === null
        ? `${at(ragged)}: ${ragged.table} row names audio_key ${ragged.audioKey}, which no row of the audios table has`
        : ragged.table === 'frames'
          ? `${at(ragged)}: audio_key ${ragged.audioKey} has ${ragged.rows} frame rows (${ragged.distinct} distinct frame numbers, the last ${ragged.last}); its audios row says frame_count ${ragged.expected}, so frames 0..${ragged.expected - 1} once each`
          : `${at(ragged)}: audio_key ${ragged.audioKey} has ${ragged.rows} ${what} (${ragged.distinct} distinct layers, the last ${ragged.last}); expected layers 1..${LAYER_COUNT} once each, each counting frame_count tokens`;
    throw invalid(message, { ...where(ragged), table: ragged.table, audioKey: ragged.audioKey });
  }
  return present;
}

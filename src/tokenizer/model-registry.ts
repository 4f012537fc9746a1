import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ErrorCode, invalidArgument, notFound, TokenscopeError } from '../errors.js';
import { MODEL_ID_PATTERN, readManifest, type ModelManifest } from './model-manifest.js';
import type { LoadedModel } from './open-tokenizer.js';
import { excerpt } from '../jsutils/excerpt.js';
import { packageRoot } from '../jsutils/repo-root.js';

/** The models folder: `--models-dir`, else $TOKENSCOPE_MODELS_DIR, else `models/` of the tokenscope installation (not of the working folder). */
export function modelsDirOf(option?: string): string {
  const given = option ?? process.env['TOKENSCOPE_MODELS_DIR'];
  return given === undefined ? join(packageRoot(), 'models') : resolve(given);
}

/** A registered model as a listing sees it: its manifest, or why the manifest is unusable. */
export type ModelEntry = { readonly id: string; readonly dir: string; readonly manifest: ModelManifest } | { readonly id: string; readonly dir: string; readonly error: string };

/** Every folder under `modelsDir` that holds a manifest, sorted by id; a missing models folder lists nothing. */
export async function listModels(modelsDir: string): Promise<ModelEntry[]> {
  let names: string[];
  try {
    names = (await readdir(modelsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries: ModelEntry[] = [];
  for (const id of names) {
    const dir = join(modelsDir, id);
    try {
      entries.push({ id, dir, manifest: await readManifest(dir) });
    } catch (error) {
      if (error instanceof TokenscopeError && error.code === ErrorCode.NOT_FOUND) continue; // a folder without a manifest is not a model
      if (!(error instanceof TokenscopeError)) throw error;
      entries.push({ id, dir, error: error.message });
    }
  }
  return entries;
}

/** Loads model `id` from `modelsDir`; NOT_FOUND naming the known ids when there is no such model. */
export async function loadModel(modelsDir: string, id: string): Promise<LoadedModel> {
  if (!MODEL_ID_PATTERN.test(id)) throw invalidArgument(`model id: expected ${MODEL_ID_PATTERN}, got ${excerpt(id)}`);
  const dir = join(modelsDir, id);
  try {
    return { dir, manifest: await readManifest(dir) };
  } catch (error) {
    if (error instanceof TokenscopeError && error.code === ErrorCode.NOT_FOUND) {
      const known = (await listModels(modelsDir)).map((e) => e.id);
      throw notFound(
        `no model '${id}' in ${modelsDir} (registered: ${known.length ? known.join(', ') : 'none'}); the models folder is --models-dir or TOKENSCOPE_MODELS_DIR (default: models/ of the tokenscope installation); add one with \`tokenscope models add <onnx> --id ${id}\``,
        { id },
      );
    }
    throw error;
  }
}

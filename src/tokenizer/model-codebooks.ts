import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { Codebooks } from '../codebooks/codebooks.js';
import { invalidModel } from '../codebooks/codebooks.js';
import { codebooksNpyBytes } from '../codebooks/codebooks-npy.js';
import { parseNpyCodebooks } from '../codebooks/read-npy-codebooks.js';
import { readCodebooksFile } from '../codebooks/read-codebooks-file.js';
import { notFound } from '../errors.js';
import { writeManifest } from './model-manifest.js';
import { loadModel } from './model-registry.js';
import type { LoadedModel } from './open-tokenizer.js';

/** The file name codebooks get inside models/<id>/. */
export const CODEBOOKS_FILE = 'codebooks.npy';

/**
 * The codebooks of a loaded model, checked against the manifest's sha256. NOT_FOUND when the model
 * has none (every other feature of the model keeps working); INVALID_MODEL when the file changed.
 */
export async function readModelCodebooks(model: LoadedModel): Promise<Codebooks> {
  const { manifest, dir } = model;
  if (manifest.codebooks === undefined) {
    throw notFound(`model '${manifest.id}' has no codebooks; add them with \`tokenscope models add-codebooks ${manifest.id} <file.npy|model.safetensors>\``, { id: manifest.id });
  }
  const path = join(dir, manifest.codebooks);
  const bytes = await readFile(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== manifest.codebooksSha256) {
    throw invalidModel(`${path}: expected sha256 ${manifest.codebooksSha256} (manifest field 'codebooksSha256'); received ${sha256}`, { path });
  }
  return parseNpyCodebooks(bytes, path);
}

/**
 * `tokenscope models add-codebooks <model> <file>`: reads and validates the codebooks (.npy or the
 * official .safetensors checkpoint), writes them as models/<id>/codebooks.npy and names them in the
 * manifest. Replaces codebooks the model already had. Codebooks with an output projection are refused
 * (the .npy holds vectors only).
 */
export async function addModelCodebooks(modelsDir: string, id: string, file: string): Promise<{ model: LoadedModel; codebooks: Codebooks }> {
  const model = await loadModel(modelsDir, id);
  const codebooks = await readCodebooksFile(file);
  if (codebooks.outputProjection !== undefined) throw invalidModel(`${file}: codebooks with an output projection cannot be stored as ${CODEBOOKS_FILE}`);
  const bytes = codebooksNpyBytes(codebooks.layers, codebooks.entries, codebooks.dim, codebooks.vectors);
  const target = join(model.dir, CODEBOOKS_FILE);
  const partial = `${target}.partial`;
  try {
    await writeFile(partial, bytes);
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  const manifest = { ...model.manifest, codebooks: CODEBOOKS_FILE, codebooksSha256: codebooks.sha256 };
  await writeManifest(model.dir, manifest);
  return { model: { dir: model.dir, manifest }, codebooks };
}

import { readAllAudio24k } from '../audio/index.js';
import { openDecoder } from '../decoders/decoder-registry.js';
import type { Decoder } from '../decoders/decoder.js';
import { ErrorCode, TokenscopeError, invalidArgument } from '../errors.js';
import type { EncoderPool } from '../ingest/encoder-pool.js';
import { SourceIdentity } from '../ingest/source-identity.js';
import { excerpt } from '../jsutils/excerpt.js';
import { buildBabble } from '../stability/build-babble.js';
import { measureStability } from '../stability/measure-stability.js';
import type { NewStabilityRun } from '../store/stability-run-repository.js';
import type { AudioRow, CorpusRow, StabilityRunRow } from '../store/rows.js';
import type { Store } from '../store/store.js';
import { loadModel } from '../tokenizer/model-registry.js';
import { babblePiece, babbleSources, babbleTalkerIds } from './babble-talkers.js';
import type { BabbleTalker } from './babble-talkers.js';
import { corpusModelAudios } from './corpus-model-audios.js';
import { parsePerturbations } from './parse-perturbations.js';

/** What a stability run needs: the store and the encoders (their models folder holds the decoders too). */
export interface StabilityServices {
  readonly store: Store;
  readonly encoders: EncoderPool;
}

/** What to measure. */
export interface StabilityRequest {
  /** Corpus name. */
  readonly corpus: string;
  /** Perturbation texts (`noise:snr=20`, `roundtrip:layers=1-8`, …); each becomes one stored run. */
  readonly perturbations: readonly string[];
  /** The codec model whose audios are measured; required when the corpus holds several. */
  readonly model?: string | null;
}

/**
 * Measures token stability on every audio of a corpus (of one model) that was encoded here from a
 * file: reads its 24 kHz samples, perturbs them (or decodes its codes) and re-encodes with the
 * model's encoder, counting per layer how many frames keep their token and the unit edits.
 * Audios ingested as codes, whose file is gone or changed, or encoded by another build of the
 * model are skipped and counted. All runs are stored at the end in one transaction, each replacing
 * the stored run of the same (corpus, model, perturbation): an interrupted or failed run stores
 * nothing and leaves the previous runs as they were. Returns the stored runs in the order asked.
 */
export async function runStability(services: StabilityServices, request: StabilityRequest): Promise<StabilityRunRow[]> {
  const { store, encoders } = services;
  const perturbations = parsePerturbations(request.perturbations);
  const [corpus] = await store.corpora.requireByNames([request.corpus]);
  store.attached.refuseWrites(corpus!.id, 'storing a stability run');
  const { model, audios } = await corpusModelAudios(store, corpus!, request.model ?? null);
  const fromFiles = audios.filter((a) => a.sourceKind === 'audio');
  if (!fromFiles.length) {
    throw invalidArgument(`corpus ${excerpt(corpus!.name)} holds no audio of model ${model} encoded here from a file (${audios.length} ingested as codes): stability re-encodes the audio, so it needs the files`, { corpus: corpus!.name, model });
  }
  const encoder = await encoders.get(model);
  const measured = fromFiles.filter((a) => a.modelSha256 === encoder.modelSha256);
  if (!measured.length) {
    throw new TokenscopeError(
      ErrorCode.MODEL_MISMATCH,
      `corpus ${excerpt(corpus!.name)}: all ${fromFiles.length} audio files of model ${model} were encoded by another build of it (sha256 ${fromFiles[0]!.modelSha256?.slice(0, 12)}…) than the one loaded now (sha256 ${encoder.modelSha256.slice(0, 12)}…); re-ingest them with this build to measure their stability`,
      { corpus: corpus!.name, model, modelSha256: encoder.modelSha256 },
    );
  }
  const skipped = { audiosWithoutSource: audios.length - fromFiles.length, audiosSourceMissing: 0, audiosOtherEncoder: fromFiles.length - measured.length };
  const measures = perturbations.map((): NewStabilityRun['audios'][number][] => []);
  const decoder = perturbations.some(({ perturbation }) => perturbation.kind === 'roundtrip') ? await openDecoder(await loadModel(encoders.settings.modelsDir, model)) : null;
  try {
    const talkers = new Map<number, BabbleTalker[]>();
    const sources = new SourceIdentity(store);
    let missing = 0;
    for (const audio of measured) {
      const samples = await readSource(audio, sources);
      if (!samples) {
        missing++;
        continue;
      }
      const codes = await store.audios.window(audio.id, 0, audio.frameCount);
      for (const [i, { perturbation }] of perturbations.entries()) {
        const babble = perturbation.kind === 'noise' && perturbation.colour === 'babble' ? babbleOf(audio, samples.length, perturbation.seed, corpus!, await talkersOf(talkers, perturbation.seed, measured, sources)) : undefined;
        const measure = await measureStability({
          samples,
          codes,
          perturbation,
          encode: (s) => encoder.encode(s),
          ...(decoder ? { decode: decodeWith(decoder, audio) } : {}),
          ...(babble ? { babble } : {}),
        });
        measures[i]!.push({ audioId: audio.id, layers: measure.layers });
      }
    }
    skipped.audiosSourceMissing = missing;
    if (missing === measured.length) {
      throw invalidArgument(`corpus ${excerpt(corpus!.name)}: none of the ${measured.length} audio files of model ${model} could be read as it was ingested (gone or changed); nothing was measured`, { corpus: corpus!.name, model });
    }
  } finally {
    await decoder?.close();
  }
  const runs: NewStabilityRun[] = perturbations.map(({ key }, i) => ({ corpusId: corpus!.id, model, modelSha256: encoder.modelSha256, perturbation: key, ...skipped, audios: measures[i]! }));
  const ids = await store.stabilityRuns.replace(runs);
  const stored = new Map((await store.stabilityRuns.list(corpus!.id, { model })).map((r) => [r.id, r]));
  return ids.map((id) => stored.get(id)!);
}

/**
 * The audio's 24 kHz samples, or null when its file is gone, unreadable, or holds other bytes than
 * at ingest (SourceIdentity: the recorded size and mtime, else its sha256, as the media route checks).
 */
async function readSource(audio: AudioRow, sources: SourceIdentity): Promise<Float32Array | null> {
  try {
    if (!(await sources.holds(audio))) return null;
    const samples = await readAllAudio24k(audio.sourcePath);
    return samples.length === audio.audioSource?.samples24k ? samples : null;
  } catch (err) {
    if (err instanceof TokenscopeError || (err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** The babble talkers of a seed, read once per run. */
async function talkersOf(cache: Map<number, BabbleTalker[]>, seed: number, audios: readonly AudioRow[], sources: SourceIdentity): Promise<BabbleTalker[]> {
  let talkers = cache.get(seed);
  if (!talkers) {
    talkers = [];
    const byId = new Map(audios.map((a) => [a.id, a]));
    for (const id of babbleTalkerIds([...byId.keys()], seed)) {
      const samples = await readSource(byId.get(id)!, sources);
      if (samples) talkers.push({ audioId: id, samples: babblePiece(samples, seed ^ id) });
    }
    cache.set(seed, talkers);
  }
  return talkers;
}

/** Babble for `audio` (`length` samples) from the other talkers; INVALID_ARGUMENT when the corpus has no other readable audio. */
function babbleOf(audio: AudioRow, length: number, seed: number, corpus: CorpusRow, talkers: readonly BabbleTalker[]): Float32Array {
  const sources = babbleSources(audio.id, talkers);
  if (!sources.length) {
    throw invalidArgument(`noise:colour=babble draws its babble from other audios of the corpus, and corpus ${excerpt(corpus.name)} has no other readable audio file of model ${audio.model} than audio ${audio.id}`, { corpus: corpus.name, audioId: audio.id });
  }
  return buildBabble(sources, length, { seed });
}

function decodeWith(decoder: Decoder, audio: AudioRow): (codes: Parameters<Decoder['decode']>[0]['codes'], layers: readonly number[]) => Promise<Float32Array> {
  return (codes, layers) => decoder.decode({ codes, model: { id: audio.model, sha256: audio.modelSha256 } }, { layers });
}


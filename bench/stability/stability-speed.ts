/**
 * Speed of one perturbation over an hour of audio: the dev mixtures looped (each copy one audio, as
 * in a corpus) until `minutes` of audio, each perturbed, re-encoded and compared with its codes.
 * The originals' codes are made first (not timed: a stored audio has them already).
 */
import { applyPerturbation } from '../../src/stability/apply-perturbation.js';
import { buildBabble } from '../../src/stability/build-babble.js';
import { compareCodes, sumMeasures } from '../../src/stability/layer-stability.js';
import type { StabilityMeasure } from '../../src/stability/layer-stability.js';
import type { Perturbation } from '../../src/stability/perturbation.js';
import { perturbationKey } from '../../src/stability/perturbation.js';
import type { PooledEncoder } from '../../src/ingest/encoder-pool.js';
import type { StabilityAudio } from './stability-corpus.js';

/** Milliseconds of one run, by stage, and its result. */
export interface SpeedFigures {
  readonly audios: number;
  /** Audio seconds measured. */
  readonly seconds: number;
  readonly perturbMs: number;
  readonly encodeMs: number;
  readonly compareMs: number;
  readonly wallMs: number;
  /** CPU time of this process over the run (all threads, onnxruntime's included), ms. */
  readonly cpuMs: number;
  readonly measure: StabilityMeasure;
}

/** Perturbs, encodes and compares mixtures in turn (looping) until `seconds` of audio. */
export async function measureSpeed(audios: readonly StabilityAudio[], encoder: PooledEncoder, p: Perturbation, seconds: number, babbleSources: readonly Float32Array[]): Promise<SpeedFigures> {
  let perturbMs = 0;
  let encodeMs = 0;
  let compareMs = 0;
  let done = 0;
  let count = 0;
  const measures: StabilityMeasure[] = [];
  const key = perturbationKey(p);
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; done < seconds * 24_000; i++) {
    const audio = audios[i % audios.length]!;
    const t0 = performance.now();
    const babble = p.kind === 'noise' && p.colour === 'babble' ? buildBabble(babbleSources, audio.samples.length, { seed: p.seed + i }) : undefined;
    const perturbed = await applyPerturbation(audio.samples, p, babble ? { babble } : {});
    const t1 = performance.now();
    const codes = await encoder.encode(perturbed);
    const t2 = performance.now();
    measures.push(compareCodes(audio.codes, codes, key));
    const t3 = performance.now();
    perturbMs += t1 - t0;
    encodeMs += t2 - t1;
    compareMs += t3 - t2;
    done += audio.samples.length;
    count++;
  }
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  return { audios: count, seconds: done / 24_000, perturbMs, encodeMs, compareMs, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, measure: sumMeasures(measures) };
}

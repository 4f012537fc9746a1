import { ErrorCode, TokenscopeError, invalidArgument } from '../errors.js';
import { parsePerturbation, perturbationKey } from '../stability/perturbation.js';
import type { Perturbation } from '../stability/perturbation.js';

/** Most perturbations one stability run takes (each re-encodes the whole corpus once). */
export const MAX_PERTURBATIONS = 12;

/**
 * Parses perturbation texts into perturbations with their canonical keys, dropping repeats of one
 * key (`noise:snr=20` and `noise:snr=20,colour=white` are one). INVALID_ARGUMENT for an empty list
 * or a bad text (naming it), LIMIT_EXCEEDED beyond MAX_PERTURBATIONS.
 */
export function parsePerturbations(texts: readonly string[]): { perturbation: Perturbation; key: string }[] {
  if (!texts.length) throw invalidArgument('perturbations: expected at least one (e.g. noise:snr=20, gain:db=-6, roundtrip:layers=1-8), got none', { argument: 'perturbations' });
  const byKey = new Map<string, Perturbation>();
  for (const text of texts) {
    const perturbation = parsePerturbation(text);
    byKey.set(perturbationKey(perturbation), perturbation);
  }
  if (byKey.size > MAX_PERTURBATIONS) {
    throw new TokenscopeError(ErrorCode.LIMIT_EXCEEDED, `perturbations: at most ${MAX_PERTURBATIONS} per run, got ${byKey.size}`, { argument: 'perturbations', max: MAX_PERTURBATIONS, count: byKey.size });
  }
  return [...byKey].map(([key, perturbation]) => ({ perturbation, key }));
}

import type { CodeMatrix } from '../../domain/code-matrix.js';
import { ErrorCode, TokenscopeError } from '../../errors.js';
import type { DetectorContext, TrainingExample } from './detector-context.js';

// A missing optional member is a wiring fault of whoever built the context, not a user error.

/** ctx.referenceMatrices, or INTERNAL naming the detector that needs it. */
export function referenceMatricesOf(ctx: DetectorContext, detector: string): (corpus: string) => AsyncIterable<CodeMatrix> {
  const member = ctx.referenceMatrices;
  if (!member) throw missing('referenceMatrices', detector);
  return (corpus) => member.call(ctx, corpus);
}

/** ctx.trainingExamples, or INTERNAL naming the detector that needs it. */
export function trainingExamplesOf(
  ctx: DetectorContext,
  detector: string,
): (corpus: string, exclude: readonly number[]) => AsyncIterable<TrainingExample> {
  const member = ctx.trainingExamples;
  if (!member) throw missing('trainingExamples', detector);
  return (corpus, exclude) => member.call(ctx, corpus, exclude);
}

/** ctx.heldOutAudioIds sorted ascending, or INTERNAL: a supervised detector must know what it scores. */
export function heldOutOf(ctx: DetectorContext, detector: string): readonly number[] {
  if (!ctx.heldOutAudioIds) throw missing('heldOutAudioIds', detector);
  return [...new Set(ctx.heldOutAudioIds)].sort((a, b) => a - b);
}

/**
 * The held-out ids (heldOutOf) that belong to `corpus`, ascending: excluding the others from training
 * changes nothing, so a fitted model keyed on these is shared by every audio outside the corpus.
 * Without ctx.corpusAudioIds, all held-out ids.
 */
export async function heldOutWithin(ctx: DetectorContext, detector: string, corpus: string): Promise<readonly number[]> {
  const heldOut = heldOutOf(ctx, detector);
  if (!ctx.corpusAudioIds) return heldOut;
  const inCorpus = new Set(await ctx.corpusAudioIds(corpus));
  return heldOut.filter((id) => inCorpus.has(id));
}

function missing(member: string, detector: string): TokenscopeError {
  return new TokenscopeError(ErrorCode.INTERNAL, `detector ${detector} needs ${member}, which this detector context does not provide`, {
    detector,
    member,
  });
}

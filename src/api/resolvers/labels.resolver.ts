import { Arg, Ctx, Mutation, Query, Resolver, UseMiddleware } from 'type-graphql';
import { budgetMiddleware } from '../budget.middleware.js';
import { exportCorpusLabels, importCorpusLabels, setAudioLabels } from '../../query/corpus-labels.js';
import { ErrorCode, invalidArgument, TokenscopeError } from '../../errors.js';
import type { LabelSpan } from '../../labels/audacity-labels.js';
import { parseId } from '../ids.js';
import { AudioLabelsInput } from '../inputs/audio-labels.input.js';
import { LIMITS } from '../limits.js';
import type { ApiContext } from '../context.js';
import { resolveInsideRoots } from '../data-roots.js';
import { LabelFile, LabelFormatEnum, LabelImport } from '../types/label-file.type.js';
import { COST, storeRead, uncappedList } from '../costs.js';

@UseMiddleware(budgetMiddleware)
@Resolver()
export class LabelsResolver {
  @Query(() => [LabelFile], { description: `The labels of every audio of a corpus, as one CSV or as one Audacity track per audio. Cost: ${COST.store} + ${COST.assumedList} × selection.`, complexity: uncappedList(COST.store) })
  corpusLabels(
    @Arg('corpus') corpus: string,
    @Ctx() ctx: ApiContext,
    @Arg('format', () => LabelFormatEnum, { defaultValue: LabelFormatEnum.CSV }) format: LabelFormatEnum,
  ): Promise<LabelFile[]> {
    return exportCorpusLabels(ctx.store, corpus, format);
  }

  @Mutation(() => LabelImport, {
    description:
      'Replaces the labels of the audios a CSV file (file,start_s,end_s,label) or a folder of Audacity tracks (<audio stem>.txt) names, by server-side path inside the data roots. Files are matched to audios by source path, file name or stem. Reversed, negative, too-late or same-class overlapping spans, or an unknown file, fail the whole import: nothing changes. Cost: ' + `${COST.store} + selection.`,
    complexity: storeRead(),
  })
  async importLabels(@Arg('corpus') corpus: string, @Arg('path') path: string, @Arg('format', () => LabelFormatEnum) format: LabelFormatEnum, @Ctx() ctx: ApiContext): Promise<LabelImport> {
    return importCorpusLabels(ctx.store, corpus, await resolveInsideRoots(path, ctx.config.dataRoots), format);
  }

  @Mutation(() => LabelImport, {
    description: `Replaces the labels of audios of a corpus, by audio id (audios not named keep theirs); at most ${LIMITS.maxLabelSpans} spans. Spans are checked as importLabels checks them; any problem fails the whole call: nothing changes. Cost: ${COST.store} + selection.`,
    complexity: storeRead(),
  })
  async setAudioLabels(@Arg('corpus') corpus: string, @Arg('audioLabels', () => [AudioLabelsInput]) audioLabels: AudioLabelsInput[], @Ctx() ctx: ApiContext): Promise<LabelImport> {
    return setAudioLabels(ctx.store, corpus, labelsByAudio(audioLabels));
  }
}

/** The spans by audio id of a setAudioLabels call, after its size and id checks. */
function labelsByAudio(input: readonly AudioLabelsInput[]): Map<number, LabelSpan[]> {
  const total = input.reduce((n, a) => n + a.labels.length, 0);
  if (total > LIMITS.maxLabelSpans) throw new TokenscopeError(ErrorCode.LIMIT_EXCEEDED, `audioLabels must hold at most ${LIMITS.maxLabelSpans} spans; received ${total}`, { argument: 'audioLabels', limit: 'maxLabelSpans', max: LIMITS.maxLabelSpans });
  const byAudio = new Map<number, LabelSpan[]>();
  for (const a of input) {
    const id = parseId(a.audioId, 'audioId');
    if (byAudio.has(id)) throw invalidArgument(`audioLabels names audio ${id} twice; give each audio once with all its spans`, { argument: 'audioLabels', value: id });
    byAudio.set(id, a.labels.map((l) => ({ start: l.startSeconds, end: l.endSeconds, label: l.label })));
  }
  return byAudio;
}

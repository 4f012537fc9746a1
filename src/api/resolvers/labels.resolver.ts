import { Arg, Ctx, Mutation, Query, Resolver, UseMiddleware } from 'type-graphql';
import { budgetMiddleware } from '../budget.middleware.js';
import { exportCorpusLabels, importCorpusLabels } from '../../query/corpus-labels.js';
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
}

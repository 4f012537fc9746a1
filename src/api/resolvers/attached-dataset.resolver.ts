import { Arg, Ctx, Mutation, Query, Resolver, UseMiddleware } from 'type-graphql';
import { attachDataset, detachDataset } from '../../datasets/attach-dataset.js';
import type { Attachment } from '../../store/attached-datasets.js';
import { budgetMiddleware } from '../budget.middleware.js';
import type { ApiContext } from '../context.js';
import { COST, storeRead, uncappedList } from '../costs.js';
import { resolveInsideRoots } from '../data-roots.js';
import { AttachedDataset } from '../types/dataset.type.js';

function toAttachedDataset(a: Attachment): AttachedDataset {
  return Object.assign(new AttachedDataset(), { name: a.name, path: a.path, corpora: a.corpora.map((c) => c.name), files: a.files.length, manifestSha256: a.manifestSha256, attachedAt: a.attachedAt });
}

@UseMiddleware(budgetMiddleware)
@Resolver(() => AttachedDataset)
export class AttachedDatasetResolver {
  @Query(() => [AttachedDataset], { description: `The Parquet datasets attached read-only, by name. Cost: ${COST.store} + ${COST.assumedList} × selection.`, complexity: uncappedList(COST.store) })
  attachedDatasets(@Ctx() ctx: ApiContext): AttachedDataset[] {
    return ctx.store.attached.list().map(toAttachedDataset);
  }

  @Mutation(() => AttachedDataset, {
    description: `Attaches a tokenscope Parquet dataset (exportDataset's) from server-side folder \`path\` inside the data roots, read-only and in place (nothing is copied): its corpora appear as \`<name>/<corpus>\`, their statistics read from its pre-aggregate files. Checked as importDataset checks (INVALID_DATASET naming the file, row group, row and value); ALREADY_EXISTS when \`name\` is attached. Cost: ${COST.dataset} + selection.`,
    complexity: storeRead(COST.dataset),
  })
  async attachDataset(
    @Arg('path', { description: 'The dataset folder (holding dataset.json).' }) path: string,
    @Arg('name', { description: 'Name to attach it under: 1–64 letters, digits, \'.\', \'_\' or \'-\'.' }) name: string,
    @Ctx() ctx: ApiContext,
  ): Promise<AttachedDataset> {
    return toAttachedDataset(await attachDataset(ctx.store, await resolveInsideRoots(path, ctx.config.dataRoots), name));
  }

  @Mutation(() => AttachedDataset, { description: `Detaches the dataset attached as \`name\` (NOT_FOUND if none is): its corpora disappear; its files are left untouched. Cost: ${COST.store} + selection.`, complexity: storeRead() })
  async detachDataset(@Arg('name') name: string, @Ctx() ctx: ApiContext): Promise<AttachedDataset> {
    return toAttachedDataset(await detachDataset(ctx.store, name));
  }
}

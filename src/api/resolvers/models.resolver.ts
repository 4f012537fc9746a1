import { Ctx, Query, Resolver, UseMiddleware } from 'type-graphql';
import { budgetMiddleware } from '../budget.middleware.js';
import { listModels } from '../../tokenizer/model-registry.js';
import type { ApiContext } from '../context.js';
import { EncoderModel } from '../types/encoder-model.type.js';
import { COST, uncappedList } from '../costs.js';

@UseMiddleware(budgetMiddleware)
@Resolver()
export class ModelsResolver {
  @Query(() => [EncoderModel], { description: `Registered encoder models, by id (manifests only: no hashing or loading). Cost: ${COST.store} + ${COST.assumedList} × selection.`, complexity: uncappedList(COST.store) })
  async models(@Ctx() ctx: ApiContext): Promise<EncoderModel[]> {
    const { modelsDir, defaultModel } = ctx.audio.encoders.settings;
    return (await listModels(modelsDir)).map((e) => ({
      id: e.id,
      isDefault: e.id === defaultModel,
      family: 'manifest' in e ? e.manifest.family : null,
      layout: 'manifest' in e ? e.manifest.layout : null,
      licence: 'manifest' in e ? e.manifest.licence : null,
      error: 'error' in e ? e.error : null,
    }));
  }
}

import { Ctx, Query, Resolver, UseMiddleware } from 'type-graphql';
import { ErrorCode, TokenscopeError } from '../../errors.js';
import type { IntegrityProblem as StoredProblem } from '../../store/integrity-check.js';
import { budgetMiddleware } from '../budget.middleware.js';
import type { ApiContext } from '../context.js';
import { COST } from '../costs.js';
import { IntegrityProblem } from '../types/integrity-problem.type.js';

const toIntegrityProblem = (p: StoredProblem): IntegrityProblem => ({ check: p.check, count: p.count });

@UseMiddleware(budgetMiddleware)
@Resolver()
export class IntegrityResolver {
  @Query(() => [IntegrityProblem], {
    description: `The invariants of the stored data that do not hold, checked now on the server's own store (what \`tokenscope check\` checks; an empty list for a sound database; at most one entry per invariant). Scans every table, so only callers that may mutate (the CLI's token, the API key, a keyless loopback server) may ask; others get UNAUTHENTICATED. Never answered from the response cache. Cost: ${COST.integrityCheck}.`,
    complexity: COST.integrityCheck,
  })
  async integrityCheck(@Ctx() ctx: ApiContext): Promise<IntegrityProblem[]> {
    if (!ctx.mayMutate) throw new TokenscopeError(ErrorCode.UNAUTHENTICATED, `integrityCheck scans every table and is for the CLI and API key holders: ${ctx.mutationRefusal ?? 'refused'}`);
    return (await ctx.store.checkIntegrity()).map(toIntegrityProblem);
  }
}

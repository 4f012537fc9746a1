import type { MiddlewareFn } from 'type-graphql';
import type { ApiContext } from './context.js';

/** Runs every field under the request's time budget (see RequestBudget.run). */
export const budgetMiddleware: MiddlewareFn<ApiContext> = ({ context }, next) => context.budget.run(next);

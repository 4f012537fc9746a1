import { withParams } from './route';

/** Rewrites the address's hash parameters without adding a history entry or re-rendering the view. */
export function replaceParams(params: Record<string, string | number | null | undefined>): void {
  history.replaceState(null, '', withParams(location.hash, params));
}

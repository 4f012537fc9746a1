import { withParams } from './route';

/** Rewrites the address's hash parameters without adding a history entry or re-rendering the view. */
export function replaceParams(params: Record<string, string | number | null | undefined>): void {
  cancelSoon();
  history.replaceState(null, '', withParams(location.hash, { ...pending, ...params }));
  pending = {};
}

/** Parameters waiting for replaceParamsSoon's write. */
let pending: Record<string, string | number | null | undefined> = {};
let timer = 0;

function cancelSoon(): void {
  clearTimeout(timer);
  timer = 0;
}

/** How long replaceParamsSoon waits for the next change before writing, ms. */
const SOON_MS = 200;

/**
 * As replaceParams, a moment later: changes that follow each other quickly (a pan a frame, while
 * keys are held) are written once, after the last, instead of each costing a history.replaceState.
 * Forgotten when the route changes meanwhile, so they never land on another view's address.
 */
export function replaceParamsSoon(params: Record<string, string | number | null | undefined>): void {
  pending = { ...pending, ...params };
  if (timer) return;
  timer = window.setTimeout(() => {
    timer = 0;
    const due = pending;
    pending = {};
    history.replaceState(null, '', withParams(location.hash, due));
  }, SOON_MS);
}

window.addEventListener('hashchange', () => {
  cancelSoon();
  pending = {};
});

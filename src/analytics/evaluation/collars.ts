import type { Event } from './event.js';

/** Which boundaries of an estimated event must fall within the collars of the reference event. */
export type EventCriterion = 'onset-offset' | 'onset' | 'offset';

/** sed_eval's time conditions for an estimated event to match a reference event. */
export interface CollarRule {
  /** Onset collar, and the smallest offset collar, seconds (sed_eval's t_collar; default 0.2). */
  readonly collarSeconds: number;
  /** Offset collar as a fraction of the reference event's length (percentage_of_length; default 0.5). */
  readonly offsetLengthFraction: number;
  /** Boundaries that must match (default 'onset-offset'). */
  readonly criterion: EventCriterion;
}

/**
 * Slack on every collar comparison, seconds. Label times are decimals that binary floating point
 * cannot hold exactly (|2.2 − 2.0| evaluates to 0.2000000000000002), so without it an onset exactly
 * 200 ms away would hit or miss by accident; 1 ns is far below any label's precision.
 */
export const COLLAR_SLACK_SECONDS = 1e-9;

type Span = Pick<Event, 'start' | 'end'>;

/** |reference onset − estimated onset| ≤ collar. */
export function onsetWithinCollar(reference: Span, estimated: Span, collarSeconds: number): boolean {
  return Math.abs(reference.start - estimated.start) <= collarSeconds + COLLAR_SLACK_SECONDS;
}

/** |reference offset − estimated offset| ≤ max(collar, fraction × reference length). */
export function offsetWithinCollar(reference: Span, estimated: Span, collarSeconds: number, fraction: number): boolean {
  const collar = Math.max(collarSeconds, fraction * (reference.end - reference.start));
  return Math.abs(reference.end - estimated.end) <= collar + COLLAR_SLACK_SECONDS;
}

/** True when `estimated` meets the rule's time conditions for `reference` (labels not compared). */
export function timesMatch(reference: Span, estimated: Span, rule: CollarRule): boolean {
  const onset = rule.criterion === 'offset' || onsetWithinCollar(reference, estimated, rule.collarSeconds);
  const offset =
    rule.criterion === 'onset' ||
    offsetWithinCollar(reference, estimated, rule.collarSeconds, rule.offsetLengthFraction);
  return onset && offset;
}

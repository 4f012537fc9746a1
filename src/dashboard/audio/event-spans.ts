import { fill, h } from '../dom';
import { clock, fixed } from '../format';

/** An anomaly of a detection or a labelled event, in seconds. */
export interface TimedEvent {
  kind: 'anomaly' | 'label';
  startSeconds: number;
  endSeconds: number;
  /** What the event is: the anomaly's score, the label's text. */
  text: string;
}

export function anomalyEvents(anomalies: { startSeconds: number; endSeconds: number; peakSeconds: number; score: number }[]): TimedEvent[] {
  return anomalies.map((a) => ({ kind: 'anomaly', startSeconds: a.startSeconds, endSeconds: a.endSeconds, text: `score ${fixed(a.score)} (peak at ${clock(a.peakSeconds, 2)})` }));
}

export function labelEvents(labels: { label: string; startSeconds: number; endSeconds: number }[]): TimedEvent[] {
  return labels.map((l) => ({ kind: 'label', startSeconds: l.startSeconds, endSeconds: l.endSeconds, text: l.label }));
}

/**
 * The events inside the window [t0, t1] seconds as buttons spanning their time over the stage
 * (anomalies full height, labels along the bottom); `xOf` maps seconds to pixels; a click seeks.
 */
export function renderSpans(container: HTMLElement, events: TimedEvent[], t0: number, t1: number, xOf: (seconds: number) => number, seek: (seconds: number) => void): void {
  fill(
    container,
    events.map((e) => {
      if (e.endSeconds < t0 || e.startSeconds > t1) return null;
      const a = xOf(Math.max(e.startSeconds, t0));
      const b = xOf(Math.min(e.endSeconds, t1));
      const title = `${e.kind} ${e.startSeconds.toFixed(2)}–${e.endSeconds.toFixed(2)} s, ${e.text}`;
      const width = Math.max(3, b - a);
      // A label's class is written on it, cut with an ellipsis where the span is narrow (too narrow: the title says it).
      const text = e.kind === 'label' && width >= MIN_TEXT_WIDTH ? h('span', { class: 'span-text', 'aria-hidden': 'true' }, e.text) : null;
      return h('button', { type: 'button', class: `span ${e.kind}`, style: `left:${a}px;width:${width}px`, title, 'aria-label': `${title}: play from ${e.startSeconds.toFixed(2)} s`, 'data-start': e.startSeconds, onclick: () => seek(e.startSeconds) }, text);
    }),
  );
}

/** Narrowest label span (CSS pixels) that shows its text: about two characters and an ellipsis. */
const MIN_TEXT_WIDTH = 18;

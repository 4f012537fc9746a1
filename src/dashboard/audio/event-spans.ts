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
      return h('button', { type: 'button', class: `span ${e.kind}`, style: `left:${a}px;width:${Math.max(3, b - a)}px`, title, 'aria-label': `${title}: play from ${e.startSeconds.toFixed(2)} s`, 'data-start': e.startSeconds, onclick: () => seek(e.startSeconds) });
    }),
  );
}

/**
 * The events as a table in time order, each with a button that seeks to its start; the first
 * `limit` rows, then a button that shows them all (a long recording has thousands).
 */
export function renderEventTable(container: HTMLElement, summary: string, events: TimedEvent[], seek: (seconds: number) => void, limit: number): void {
  const sorted = [...events].sort((a, b) => a.startSeconds - b.startSeconds);
  const row = (e: TimedEvent) =>
    h('tr', {}, h('td', {}, e.kind), h('td', { class: 'num' }, clock(e.startSeconds, 2)), h('td', { class: 'num' }, clock(e.endSeconds, 2)), h('td', {}, e.text), h('td', {}, h('button', { type: 'button', 'data-start': e.startSeconds, onclick: () => seek(e.startSeconds) }, '▶ go')));
  fill(
    container,
    h('p', { class: 'muted' }, summary),
    sorted.length ? h('table', { 'aria-label': 'Anomalies and labels' }, h('thead', {}, h('tr', {}, h('th', {}, 'kind'), h('th', { class: 'num' }, 'start'), h('th', { class: 'num' }, 'end'), h('th', {}, ''), h('th', {}, ''))), h('tbody', {}, sorted.slice(0, limit).map(row))) : null,
    sorted.length > limit ? h('button', { type: 'button', onclick: () => renderEventTable(container, summary, events, seek, Infinity) }, `Show all ${sorted.length} events`) : null,
  );
}

import { fill, h } from '../dom';
import { clock } from '../format';
import type { TimedEvent } from './event-spans';

/** Rows kept above the window's first event when the table pages to it, for context. */
const CONTEXT_ROWS = 2;

/**
 * The events as a table in time order, each with a button that seeks to its start, following the
 * window: rows of events that overlap it are marked (class `in-window`) and scrolled to the top of
 * the table's box. At most `limit` rows are in the page at once (a long recording has thousands):
 * when the window moves past them the table pages to it, and a button shows them all.
 */
export class EventTable {
  private sorted: TimedEvent[] = [];
  private summary = '';
  private first = 0;
  private all = false;
  private rows: HTMLTableRowElement[] = [];
  private window: [number, number] | null = null;
  private scrollTarget: HTMLTableRowElement | null = null;
  private scrollPending = false;

  constructor(
    private readonly container: HTMLElement,
    private readonly seek: (seconds: number) => void,
    private readonly limit: number,
  ) {}

  /** Shows `events` (any order) under `summary`, then follows the last window given. */
  show(summary: string, events: TimedEvent[]): void {
    this.summary = summary;
    this.sorted = [...events].sort((a, b) => a.startSeconds - b.startSeconds || a.endSeconds - b.endSeconds);
    this.first = 0;
    this.render();
    if (this.window) this.follow(...this.window);
  }

  /** Marks the events that overlap [t0, t1] seconds and brings the first of them into view. */
  follow(t0: number, t1: number): void {
    this.window = [t0, t1];
    const inside = (e: TimedEvent) => e.startSeconds <= t1 && e.endSeconds >= t0;
    const firstIn = this.sorted.findIndex(inside);
    if (!this.all && firstIn >= 0 && (firstIn < this.first || firstIn >= this.first + this.limit)) {
      this.first = Math.max(0, firstIn - CONTEXT_ROWS);
      this.render();
    }
    let count = 0;
    let top: HTMLTableRowElement | null = null;
    this.rows.forEach((row, i) => {
      const on = inside(this.sorted[this.first + i]!);
      row.classList.toggle('in-window', on);
      if (on) {
        count++;
        top ??= row;
      }
    });
    this.container.dataset['inWindow'] = String(count);
    this.container.dataset['firstInWindow'] = String(firstIn);
    if (top) this.scrollTo(top);
  }

  /**
   * Scrolls `row` to the top of the table's own box (the page itself stays where the reader put
   * it), in the next animation frame: measuring the rows now would force a layout of the whole page
   * in the middle of a pan's redraw, while in the frame it is the layout the frame makes anyway.
   */
  private scrollTo(row: HTMLTableRowElement): void {
    this.scrollTarget = row;
    if (this.scrollPending) return;
    this.scrollPending = true;
    requestAnimationFrame(() => {
      this.scrollPending = false;
      const target = this.scrollTarget;
      this.scrollTarget = null;
      if (!target?.isConnected) return;
      const head = this.container.querySelector('thead')?.getBoundingClientRect().height ?? 0;
      this.container.scrollTop += target.getBoundingClientRect().top - this.container.getBoundingClientRect().top - head;
    });
  }

  private render(): void {
    const shown = this.all ? this.sorted : this.sorted.slice(this.first, this.first + this.limit);
    const from = this.all ? 0 : this.first;
    this.rows = shown.map((e, i) =>
      h('tr', { 'data-index': from + i }, h('td', {}, e.kind), h('td', { class: 'num' }, clock(e.startSeconds, 2)), h('td', { class: 'num' }, clock(e.endSeconds, 2)), h('td', {}, e.text), h('td', {}, h('button', { type: 'button', 'data-start': e.startSeconds, onclick: () => this.seek(e.startSeconds) }, '▶ go'))),
    );
    const partial = !this.all && this.sorted.length > this.limit;
    fill(
      this.container,
      h('p', { class: 'muted' }, this.summary, partial ? ` Rows ${from + 1}–${from + shown.length} of ${this.sorted.length}, following the window.` : ''),
      this.sorted.length ? h('table', { 'aria-label': 'Anomalies and labels' }, h('thead', {}, h('tr', {}, h('th', {}, 'kind'), h('th', { class: 'num' }, 'start'), h('th', { class: 'num' }, 'end'), h('th', {}, ''), h('th', {}, ''))), h('tbody', {}, this.rows)) : null,
      partial
        ? h('button', { type: 'button', onclick: () => {
              this.all = true;
              this.render();
              if (this.window) this.follow(...this.window);
            } }, `Show all ${this.sorted.length} events`)
        : null,
    );
    this.container.dataset['rows'] = String(shown.length);
  }
}

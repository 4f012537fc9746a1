import { ApiError } from '../api';
import { h } from '../dom';
import { exportCanvas } from '../export/export-bar';
import { FRAMES_PER_SECOND } from '../format';
import { SignalCache } from './signal-cache';
import type { SignalBlock } from './signal-block';
import { drawSpectrogram } from './spectrogram';
import { isTransientFailure } from './transient-failure';
import { drawWaveform } from './waveform';
import { waveformSvg } from './waveform-svg';
import { spectrogramSvg } from './spectrogram-svg';
import { measureCanvas } from './fit-canvas';
import type { CanvasSize } from './fit-canvas';

/** Tries of a window after a failure that may pass (busy server, network) before it waits for the next pan or zoom. */
const RETRIES = 2;
/** Milliseconds before the first and the second retry. */
const RETRY_DELAYS_MS = [1_000, 4_000];

/** Why the original cannot be drawn, as the API says it (Audio.mediaUnavailable). */
export interface MediaRefusal {
  reason: string;
  message: string;
}

/**
 * The original audio's waveform and spectrogram, drawn above the heatmap for the same window and
 * between the same x bounds, so a sound and its tokens line up. It fetches its own data
 * (SignalCache) and draws when it arrives. When the original cannot be read it says why in text,
 * once, and asks no more: in the API's words (Audio.mediaUnavailable) when the API has said why,
 * else in the refusal's. A failure that may pass (busy server, network) is tried again by itself
 * RETRIES times, and again on the next window. The element's data attributes say what is drawn:
 * data-state (loading, drawn, unavailable, or error for a failure a later try may not meet),
 * data-reason (the API's reason), data-code (the failed request's code), data-retries-left,
 * data-window-start, data-columns, data-loudest-seconds and data-loudest-x (the loudest column's time and x).
 * Once drawn, each canvas has PNG and SVG downloads of what it shows.
 */
export class SignalPanel {
  readonly element: HTMLElement;
  private readonly waveform: HTMLCanvasElement;
  private readonly spectrogram: HTMLCanvasElement;
  private readonly message: HTMLElement;
  private readonly scale: HTMLElement;
  private readonly cursor: HTMLElement;
  private readonly cache: SignalCache;
  private generation = 0;
  private unavailable = false;
  private retry: ReturnType<typeof setTimeout> | undefined;
  /** The window (show's arguments) whose last try failed, while its retries are pending or spent. */
  private failed: string | null = null;

  /** `exportGroup`: the element whose export row the canvases' buttons join (the stage below, so they do not come between); by default the panel. */
  constructor(audioId: string, private readonly exportGroup: HTMLElement | null = null) {
    this.cache = new SignalCache(audioId);
    this.waveform = h('canvas', { class: 'waveform', 'data-chart': 'waveform', role: 'img', 'aria-label': 'Waveform of the original audio: lowest to highest sample, RMS darker, for the window below' });
    this.spectrogram = h('canvas', { class: 'spectrogram', 'data-chart': 'spectrogram', role: 'img', 'aria-label': 'Mel spectrogram of the original audio for the window below: low frequencies at the bottom, louder is lighter' });
    this.scale = h('span', { class: 'signal-axis', 'aria-hidden': 'true', style: 'top:66px' }, 'kHz');
    this.message = h('p', { class: 'muted signal-message', role: 'status', hidden: true });
    this.cursor = h('div', { class: 'cursor', hidden: true, 'aria-hidden': 'true' });
    this.element = h('div', { class: 'signal-panel', 'data-state': 'loading' }, h('span', { class: 'signal-axis', 'aria-hidden': 'true', style: 'top:2px' }, 'wave'), this.scale, this.waveform, this.spectrogram, this.message, this.cursor);
  }

  /** Draws the playback cursor at `x` (the same x as the heatmap's below), or hides it (null: playback is outside the window). */
  cursorAt(x: number | null): void {
    this.cursor.hidden = x === null || this.unavailable;
    if (x !== null) this.cursor.style.left = `${x - 1}px`;
  }

  /** Starts fetching the window [start, start + frames) drawn `width` pixels wide, before its first draw. */
  prefetch(start: number, frames: number, width: number): void {
    void this.cache.cover(start, start + frames, frames, width, Infinity).catch(() => undefined);
  }

  /**
   * What the API says of the original audio: a reason (Audio.mediaUnavailable) stops the panel
   * for good, with the API's words in place of any refusal shown so far; null changes nothing.
   */
  media(refusal: MediaRefusal | null): void {
    if (refusal) this.refuse(refusal.reason, refusal.message, 'reason');
  }

  /**
   * Draws frames [start, start + frames) of an audio of `total` frames between x = left and x = right, as soon as its data is here.
   * A window whose tries failed is not asked for again when drawn again (its own retries stand); another window is.
   */
  show(start: number, frames: number, left: number, right: number, total: number): void {
    const key = `${start}:${frames}:${left}:${right}:${total}`;
    if (this.unavailable || this.failed === key) return;
    this.failed = null;
    clearTimeout(this.retry);
    this.attempt(key, start, frames, left, right, total, RETRIES);
  }

  private attempt(key: string, start: number, frames: number, left: number, right: number, total: number, retriesLeft: number): void {
    const mine = ++this.generation;
    const width = right - left;
    // Measured now, while the page's layout is clean: the draw comes after the window's other changes.
    const sizes = { wave: measureCanvas(this.waveform), spec: measureCanvas(this.spectrogram) };
    void this.cache.cover(start, start + frames, frames, width, total).then(
      (blocks) => {
        if (mine !== this.generation) return;
        this.failed = null;
        this.draw(blocks, start, frames, left, right, sizes);
      },
      (err: unknown) => {
        if (mine !== this.generation || this.unavailable) return;
        const code = err instanceof ApiError ? err.code : 'ERROR';
        const reason = err instanceof Error ? err.message : String(err);
        if (!isTransientFailure(err)) return this.refuse(code, reason, 'code');
        this.failed = key;
        this.fail(code, reason, retriesLeft);
        // The same window again, unless another is asked for meanwhile (it cancels this try).
        if (retriesLeft > 0) this.retry = setTimeout(() => mine === this.generation && this.attempt(key, start, frames, left, right, total, retriesLeft - 1), RETRY_DELAYS_MS[RETRIES - retriesLeft]);
      },
    );
    // The neighbouring windows (two ahead in the direction of reading), asked for now so that a pan
    // finds them here; once per window shown, not again with each retry of its own blocks.
    if (retriesLeft < RETRIES) return;
    void this.cache.cover(start - frames, start, frames, width, total).catch(() => undefined);
    void this.cache.cover(start + frames, start + 3 * frames, frames, width, total).catch(() => undefined);
  }

  /** `sizes`: the canvases' CSS sizes, measured when the window was asked for. */
  private draw(blocks: SignalBlock[], start: number, frames: number, left: number, right: number, sizes: { wave: CanvasSize; spec: CanvasSize }): void {
    const drawn = drawWaveform(this.waveform, blocks, start, frames, left, right, sizes.wave);
    const columns = drawSpectrogram(this.spectrogram, blocks, start, frames, left, right, sizes.spec);
    this.scale.textContent = `${((blocks[0]?.spectrogram.maxHz ?? 12_000) / 1000).toFixed(0)} kHz`;
    this.message.hidden = true;
    const d = this.element.dataset;
    d['windowStart'] = String(start);
    d['windowFrames'] = String(frames);
    d['columns'] = String(drawn.columns);
    d['spectrogramColumns'] = String(columns);
    d['loudestSeconds'] = drawn.loudestSeconds === null ? '' : drawn.loudestSeconds.toFixed(3);
    d['loudestX'] = drawn.loudestX === null ? '' : drawn.loudestX.toFixed(1);
    d['windowSeconds'] = `${(start / FRAMES_PER_SECOND).toFixed(2)}-${((start + frames) / FRAMES_PER_SECOND).toFixed(2)}`;
    const group = this.exportGroup ?? this.element;
    // Sizes as drawn now (not read again: that would force a layout): the SVG is made at click time, perhaps after a resize.
    const [ww, wh, sw, sh] = [sizes.wave.width, sizes.wave.height, sizes.spec.width, sizes.spec.height];
    exportCanvas(this.waveform, { what: 'waveform', label: 'Waveform', group, svg: () => waveformSvg(blocks, start, frames, ww, wh, left, right) });
    exportCanvas(this.spectrogram, { what: 'spectrogram', label: 'Spectrogram', group, svg: () => spectrogramSvg(blocks, start, frames, sw, sh, left, right) });
    if (!performance.getEntriesByName('tokenscope:signal-painted').length) performance.mark('tokenscope:signal-painted');
    d['state'] = 'drawn';
    delete d['code'];
    delete d['retriesLeft'];
  }

  /** A failure that may pass: said in text over the last drawing, which stays. */
  private fail(code: string, reason: string, retriesLeft: number): void {
    this.message.hidden = false;
    this.message.textContent = `No waveform or spectrogram (${code}): ${reason}`;
    const d = this.element.dataset;
    d['state'] = 'error';
    d['code'] = code;
    d['retriesLeft'] = String(retriesLeft);
  }

  /** Stops what is pending (a retry waiting for its time) when the view goes away: nothing more is asked. */
  dispose(): void {
    clearTimeout(this.retry);
    this.generation++;
  }

  /** A refusal about the file itself (panning will not change it): said once, and nothing more is asked. */
  private refuse(why: string, message: string, kind: 'reason' | 'code'): void {
    clearTimeout(this.retry);
    this.unavailable = true;
    this.generation++;
    this.waveform.hidden = true;
    this.spectrogram.hidden = true;
    this.message.hidden = false;
    this.message.textContent = `No waveform or spectrogram (${why}): ${message}`;
    const d = this.element.dataset;
    d['state'] = 'unavailable';
    d[kind] = why;
  }
}

import { ApiError } from '../api';
import { h } from '../dom';
import { exportCanvas } from '../export/export-bar';
import { FRAMES_PER_SECOND } from '../format';
import { SignalCache } from './signal-cache';
import type { SignalBlock } from './signal-block';
import { drawSpectrogram } from './spectrogram';
import { spectrogramSvg } from './spectrogram-svg';
import { drawWaveform } from './waveform';
import { waveformSvg } from './waveform-svg';

/**
 * The original audio's waveform and spectrogram, drawn above the heatmap for the same window and
 * between the same x bounds, so a sound and its tokens line up. It fetches its own data
 * (SignalCache) and draws when it arrives; when the original audio cannot be read (codes only,
 * outside the data roots, file gone or changed) it says why in text. The element's data
 * attributes say what is drawn: data-state (loading, drawn, unavailable, or error for a failure a later window may not meet), data-window-start,
 * data-columns, data-loudest-seconds and data-loudest-x (the loudest column's time and x), data-code.
 * Once drawn, each canvas has PNG and SVG downloads of what it shows.
 */
export class SignalPanel {
  readonly element: HTMLElement;
  private readonly waveform: HTMLCanvasElement;
  private readonly spectrogram: HTMLCanvasElement;
  private readonly message: HTMLElement;
  private readonly scale: HTMLElement;
  private readonly cache: SignalCache;
  private generation = 0;
  private unavailable = false;

  /** `exportGroup`: the element whose export row the canvases' buttons join (the stage below, so they do not come between); by default the panel. */
  constructor(audioId: string, private readonly exportGroup: HTMLElement | null = null) {
    this.cache = new SignalCache(audioId);
    this.waveform = h('canvas', { class: 'waveform', 'data-chart': 'waveform', role: 'img', 'aria-label': 'Waveform of the original audio: lowest to highest sample, RMS darker, for the window below' });
    this.spectrogram = h('canvas', { class: 'spectrogram', 'data-chart': 'spectrogram', role: 'img', 'aria-label': 'Mel spectrogram of the original audio for the window below: low frequencies at the bottom, louder is lighter' });
    this.scale = h('span', { class: 'signal-axis', 'aria-hidden': 'true', style: 'top:66px' }, 'kHz');
    this.message = h('p', { class: 'muted signal-message', role: 'status', hidden: true });
    this.element = h('div', { class: 'signal-panel', 'data-state': 'loading' }, h('span', { class: 'signal-axis', 'aria-hidden': 'true', style: 'top:2px' }, 'wave'), this.scale, this.waveform, this.spectrogram, this.message);
  }

  /** Starts fetching the window [start, start + frames) drawn `width` pixels wide, before its first draw. */
  prefetch(start: number, frames: number, width: number): void {
    void this.cache.cover(start, start + frames, frames, width, Infinity).catch(() => undefined);
  }

  /** Draws frames [start, start + frames) of an audio of `total` frames between x = left and x = right, as soon as its data is here. */
  show(start: number, frames: number, left: number, right: number, total: number): void {
    if (this.unavailable) return;
    const mine = ++this.generation;
    const width = right - left;
    void this.cache.cover(start, start + frames, frames, width, total).then(
      (blocks) => {
        if (mine === this.generation) this.draw(blocks, start, frames, left, right);
        // The neighbouring windows, so that panning does not wait.
        void this.cache.cover(start - frames, start, frames, width, total).catch(() => undefined);
        void this.cache.cover(start + frames, start + 2 * frames, frames, width, total).catch(() => undefined);
      },
      (err: unknown) => mine === this.generation && this.fail(err),
    );
  }

  private draw(blocks: SignalBlock[], start: number, frames: number, left: number, right: number): void {
    const drawn = drawWaveform(this.waveform, blocks, start, frames, left, right);
    const columns = drawSpectrogram(this.spectrogram, blocks, start, frames, left, right);
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
    // Sizes as drawn now: the SVG is made at click time, perhaps after a resize.
    const [ww, wh, sw, sh] = [this.waveform.clientWidth, this.waveform.clientHeight, this.spectrogram.clientWidth, this.spectrogram.clientHeight];
    exportCanvas(this.waveform, { what: 'waveform', label: 'Waveform', group, svg: () => waveformSvg(blocks, start, frames, ww, wh, left, right) });
    exportCanvas(this.spectrogram, { what: 'spectrogram', label: 'Spectrogram', group, svg: () => spectrogramSvg(blocks, start, frames, sw, sh, left, right) });
    if (!performance.getEntriesByName('tokenscope:signal-painted').length) performance.mark('tokenscope:signal-painted');
    d['state'] = 'drawn';
  }

  /** A refusal about the file (it will not change by panning) stops further requests; other errors may pass. */
  private fail(err: unknown): void {
    const code = err instanceof ApiError ? err.code : 'ERROR';
    const reason = err instanceof Error ? err.message : String(err);
    this.unavailable = ['NOT_FOUND', 'PATH_OUTSIDE_ROOTS', 'SOURCE_CHANGED', 'INVALID_AUDIO', 'UNSUPPORTED_FORMAT', 'UNREADABLE_FILE'].includes(code);
    this.waveform.hidden = this.unavailable;
    this.spectrogram.hidden = this.unavailable;
    this.message.hidden = false;
    this.message.textContent = `No waveform or spectrogram (${code}): ${reason}`;
    this.element.dataset['state'] = this.unavailable ? 'unavailable' : 'error';
    this.element.dataset['code'] = code;
  }
}

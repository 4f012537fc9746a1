import type { Chart } from 'chart.js';
import { request } from '../api';
import { errorBox, fill, h, loading, showError } from '../dom';
import { clock, fixed, FRAMES_PER_SECOND, LAYERS } from '../format';
import { DashAudioDocument, DashCorporaDocument, DashDetectDocument, DashScoreWindowDocument } from '../generated/graphql';
import type { DashAudioQuery, DashDetectQuery } from '../generated/graphql';
import { CodeCache } from '../audio/code-cache';
import { DetectorForm } from '../audio/detector-form';
import type { DetectorSpec } from '../audio/detector-form';
import { cellColour, drawHeatmap } from '../audio/heatmap';
import { anomalyEvents, labelEvents, renderSpans } from '../audio/event-spans';
import { EventTable } from '../audio/event-table';
import { ColourControl } from '../audio/colour-control';
import type { ColourChoice } from '../audio/colour-control';
import { rampGradient } from '../audio/colour-ramp';
import { COMMONNESS_STOPS, isColourMode, loadColouring, SURPRISAL_STOPS } from '../audio/token-colouring';
import type { Colouring } from '../audio/token-colouring';
import { loadOverlay, MAX_OVERLAYS, OVERLAY_COLOURS, OverlayForm, scaleToPrimary } from '../audio/overlays';
import type { Overlay } from '../audio/overlays';
import { PlaybackAddress } from '../audio/playback-address';
import { AbPlayer, startingSide } from '../audio/ab-player';
import type { AbSources } from '../audio/ab-player';
import { drawOverview } from '../audio/overview';
import { drawScoreChart } from '../audio/score-chart';
import { SignalPanel } from '../audio/signal-panel';
import { heatmapSvg } from '../audio/heatmap-svg';
import { exportCanvas } from '../export/export-bar';
import { blockSpan, ScoreCache } from '../audio/score-cache';
import { replaceParams, replaceParamsSoon } from '../address';
import { href } from '../route';
import type { Route } from '../route';
import { renderAudioPicker } from './audio-picker';

type AudioInfo = DashAudioQuery['audio'];
type Detection = DashDetectQuery['detect'];

/** Window lengths offered, in frames (12.5 per second). */
const ZOOMS = [{ frames: 250, label: '20 s' }, { frames: 750, label: '1 min' }, { frames: 1500, label: '2 min' }, { frames: 3750, label: '5 min' }];
/** Buckets of the overview's score envelope: about one per pixel of a laptop screen. */
const ENVELOPE_BUCKETS = 1200;
/** Rows of the events table shown before "Show all". */
const EVENT_ROWS = 200;
/** Width of the left gutter: the score chart's y axis, and the layer numbers beside the heatmap. */
const GUTTER = 56;
const DEFAULT_DETECTOR: DetectorSpec = { name: 'keyLayerVariance', params: {} };

/** The overlaid detectors the address names (`overlays`: a JSON list of {name, params}). */
function initialOverlays(route: Route): DetectorSpec[] {
  try {
    const list = JSON.parse(route.params.get('overlays') ?? '[]') as unknown;
    if (!Array.isArray(list)) return [];
    return list
      .filter((o): o is { name: string; params?: unknown } => Boolean(o) && typeof (o as { name?: unknown }).name === 'string')
      .slice(0, MAX_OVERLAYS)
      .map((o) => ({ name: o.name, params: o.params && typeof o.params === 'object' && !Array.isArray(o.params) ? (o.params as Record<string, unknown>) : {} }));
  } catch {
    return [];
  }
}

function initialSpec(route: Route): DetectorSpec {
  const name = route.params.get('detector');
  if (!name) return DEFAULT_DETECTOR;
  try {
    const params = JSON.parse(route.params.get('params') ?? '{}') as unknown;
    return { name, params: params && typeof params === 'object' && !Array.isArray(params) ? (params as Record<string, unknown>) : {} };
  } catch {
    return { name, params: {} };
  }
}

/**
 * One audio: its code matrix as a 16 × N heatmap over a detector's score curve, anomalies and
 * labels as spans over both, the original audio with a cursor that follows playback, and an
 * overview of the whole recording. The matrix and the scores are fetched a window at a time.
 */
export function renderAudioView(root: HTMLElement, route: Route): () => void {
  if (!route.id) return renderAudioPicker(root);
  const audioId = route.id;
  let alive = true;
  const cleanups: (() => void)[] = [];

  const header = h('div', {}, loading());
  const player = h('div');
  const formSlot = h('div');
  const overlaySlot = h('div');
  const colourSlot = h('div');
  const legendSlot = h('div');
  const status = h('div');
  const overviewCanvas = h('canvas', { 'aria-hidden': 'true' });
  const viewport = h('div', { class: 'viewport' });
  const overview = h('div', { class: 'overview', role: 'slider', tabindex: 0, 'aria-label': 'Position in the recording (click to move the window)' }, overviewCanvas, viewport);
  const heatmap = h('canvas', { class: 'heatmap', 'data-chart': 'heatmap', role: 'img', 'aria-label': 'Code matrix heatmap: 16 layers (layer 1 at the top) by frames' });
  const scoreCanvas = h('canvas', { 'data-chart': 'scores' });
  const spans = h('div', { class: 'spans' });
  const cursor = h('div', { class: 'cursor', hidden: true });
  const layerAxis = h('div', { class: 'layer-axis', 'aria-hidden': 'true' }, Array.from({ length: LAYERS }, (_, l) => (l % 3 === 0 || l === LAYERS - 1 ? h('span', { style: `top:${((l + 0.5) * 288) / LAYERS - 6}px` }, `L${l + 1}`) : null)));
  const stage = h('div', { class: 'stage', tabindex: 0, 'aria-label': 'Code matrix and scores: arrow keys move the window, + and − zoom, space plays or pauses' }, layerAxis, heatmap, h('div', { class: 'score' }, scoreCanvas), spans, cursor);
  const windowLabel = h('span', { class: 'muted', 'aria-live': 'polite' });
  const zoom = h('select', { 'aria-label': 'window length' });
  const navRow = h(
    'div',
    { class: 'nav-row' },
    h('button', { type: 'button', 'aria-label': 'earlier', onclick: () => pan(-0.5) }, '◀ earlier'),
    h('button', { type: 'button', 'aria-label': 'later', onclick: () => pan(0.5) }, 'later ▶'),
    h('label', { class: 'muted' }, 'Window ', zoom),
    windowLabel,
    h('button', { type: 'button', onclick: () => void copyWindow() }, 'Copy window as JSON'),
  );
  const copied = h('div');
  const events = h('div', { class: 'events', tabindex: 0, role: 'region', 'aria-label': 'Events (the rows in the window are marked)' });
  const tooltip = h('div', { class: 'tooltip', hidden: true, role: 'tooltip' });
  const signalPanel = new SignalPanel(audioId, stage);
  fill(root, header, player, formSlot, overlaySlot, status, overview, navRow, colourSlot, copied, signalPanel.element, stage, legendSlot, h('p', { class: 'muted' }, 'Red: anomalies of the detector (click to play from the start). Blue, along the bottom: labelled events. Hover the heatmap for frame, time, layer and token.'), h('h2', {}, 'Events'), events);
  document.body.append(tooltip);
  cleanups.push(() => tooltip.remove(), () => signalPanel.dispose());

  let audio: AudioInfo;
  let cache: CodeCache;
  let form: DetectorForm;
  let spec: DetectorSpec = initialSpec(route);
  let detection: Detection | null = null;
  let start = 0;
  let frames = ZOOMS[1]!.frames;
  let chart: Chart<'line'> | null = null;
  let media: HTMLAudioElement | null = null;
  /** Playback position when there is no original audio to play. */
  let position = 0;
  let generation = 0;
  let scores: ScoreCache | null = null;
  let overlays: Overlay[] = [];
  let colouring: Colouring | null = null;
  let colours: ColourControl | null = null;
  /** Counts colour and overlay choices, so that an answer to an older one does not overwrite a newer. */
  let colourChoices = 0;
  let overlayChoices = 0;
  const timeAddress = new PlaybackAddress();
  cleanups.push(() => timeAddress.cancel());
  const eventTable = new EventTable(events, (s) => seek(s), EVENT_ROWS);

  const now = () => (media ? media.currentTime : position);
  const area = () => (chart?.chartArea ? { left: chart.chartArea.left, right: chart.chartArea.right } : { left: GUTTER, right: stage.clientWidth });
  const xOf = (seconds: number) => {
    const { left, right } = area();
    return left + ((seconds - start / FRAMES_PER_SECOND) / (frames / FRAMES_PER_SECOND)) * (right - left);
  };

  function clampStart(s: number): number {
    return Math.max(0, Math.min(Math.floor(s), Math.max(0, audio.frameCount - frames)));
  }

  /** A new score cache for the detector configuration `spec` names now. */
  function scoreCacheFor(current: DetectorSpec): ScoreCache {
    return new ScoreCache((startFrame, frameCount) => request(DashScoreWindowDocument, { audioId, detector: current, startFrame, frameCount }).then((r) => r.detect.scores));
  }

  /** Fetches what the window [start, start + frames) needs, then draws it. */
  async function showWindow(): Promise<void> {
    const mine = ++generation;
    replaceParamsSoon({ from: start ? (start / FRAMES_PER_SECOND).toFixed(2) : null, zoom: frames });
    windowLabel.textContent = `${clock(start / FRAMES_PER_SECOND)} – ${clock(Math.min(audio.frameCount, start + frames) / FRAMES_PER_SECOND)} of ${clock(audio.durationSeconds)}`;
    placeViewport();
    // What the next pans need, asked for now (not after this window is drawn), so that a pan
    // finds its data here: the neighbouring windows, and two ahead in the direction of reading.
    prefetchAround(start);
    try {
      const shown = overlays;
      const [windowScores, , overlayScores] = await Promise.all([scores!.window(start, frames), cache.load(start, frames), Promise.all(shown.map((o) => o.scores.window(start, frames)))]);
      if (!alive || mine !== generation) return;
      drawWindow(windowScores, shown.map((o, i) => ({ overlay: o, scores: overlayScores[i]! })));
      fill(status);
    } catch (err) {
      if (alive && mine === generation) showError(status, err, 'load this window of the recording');
    }
  }

  /** Starts fetching the codes and scores of the windows next to the one at `at` (each cache keeps what it has). */
  function prefetchAround(at: number): void {
    for (const s of [at + frames, at + 2 * frames, at - frames]) {
      if (s + frames <= 0 || s >= audio.frameCount) continue;
      const from = Math.max(0, s);
      void cache.load(from, frames).catch(() => undefined);
      for (const c of [scores!, ...overlays.map((o) => o.scores)]) c.prefetch(from, Math.min(frames, audio.frameCount - from));
    }
  }

  function drawWindow(scores: number[], over: { overlay: Overlay; scores: number[] }[] = []): void {
    if (!detection) return;
    const primary = { threshold: detection.threshold, low: lowest(detection.scoreEnvelope.min) };
    const lines = over.map(({ overlay, scores: s }) => ({ label: `${overlay.spec.name} (scaled: its threshold on the line)`, colour: overlay.colour, scores: scaleToPrimary(s, overlay, primary) }));
    chart = drawScoreChart(scoreCanvas, chart, detection, scores, start, frames, GUTTER, lines);
    drawCells();
    drawSpans();
    eventTable.follow(start / FRAMES_PER_SECOND, (start + frames) / FRAMES_PER_SECOND);
    moveCursor();
    root.dataset['windowStart'] = String(start);
    if (root.dataset['ready'] !== 'true') {
      performance.mark('tokenscope:audio-painted');
      root.dataset['ready'] = 'true';
    }
  }

  /** The heatmap in the chosen colouring, and the legend saying what it shows. */
  function drawCells(): void {
    if (!colouring) return;
    const c = colouring;
    const { left, right } = area();
    const drawn = drawHeatmap(heatmap, cache, start, frames, left, right, c);
    signalPanel.show(start, frames, left, right, audio.frameCount);
    exportCanvas(heatmap, { what: 'heatmap', label: 'Code matrix heatmap', svg: () => heatmapSvg(cache, start, frames, heatmap.clientWidth, heatmap.clientHeight, left, right, (token, layer) => cellColour(c, layer - 1, token)) });
    heatmap.dataset['cells'] = String(drawn.frames * LAYERS);
    heatmap.dataset['frames'] = String(drawn.frames);
    heatmap.dataset['columns'] = String(drawn.columns);
    heatmap.dataset['colour'] = c.mode;
    const gradient = c.mode === 'commonness' ? rampGradient(COMMONNESS_STOPS) : c.mode === 'surprisal' ? rampGradient(SURPRISAL_STOPS) : null;
    colours?.describe(c.legend, gradient, drawn.columns ? drawn.frames / drawn.columns : 1, c.columnRule);
  }

  /** Colours the heatmap as `choice` says (fetching what it needs once per reference and model) and writes it to the address. */
  async function setColours(choice: ColourChoice): Promise<void> {
    replaceParams({ colour: choice.mode === 'id' ? null : choice.mode, ref: choice.mode === 'commonness' || choice.mode === 'surprisal' ? choice.reference : null });
    const mine = ++colourChoices;
    try {
      const next = await loadColouring(choice.mode, audio.model, choice.reference);
      if (!alive || mine !== colourChoices) return;
      colouring = next;
      fill(legendSlot);
    } catch (err) {
      if (!alive || mine !== colourChoices) return;
      showError(legendSlot, err, `colour the heatmap by ${choice.mode}`);
      colouring = await loadColouring('id', audio.model, choice.reference);
    }
    if (detection) drawCells();
  }

  /** Runs the overlay detectors `specs` and redraws the window with their curves. */
  async function setOverlays(specs: DetectorSpec[]): Promise<void> {
    replaceParams({ overlays: specs.length ? JSON.stringify(specs) : null });
    const mine = ++overlayChoices;
    try {
      const loaded = await Promise.all(specs.map((spec, i) => loadOverlay(audioId, spec, OVERLAY_COLOURS[i]!, start, frames, audio.frameCount)));
      if (!alive || mine !== overlayChoices) return;
      overlays = loaded;
      fill(status);
    } catch (err) {
      if (!alive || mine !== overlayChoices) return;
      showError(status, err, 'run the overlaid detectors');
    }
    // Before the first detection the window is drawn by runDetector, overlays included.
    if (detection) await showWindow();
  }

  function drawSpans(): void {
    if (!detection) return;
    renderSpans(spans, [...anomalyEvents(detection.anomalies), ...labelEvents(audio.labels)], start / FRAMES_PER_SECOND, (start + frames) / FRAMES_PER_SECOND, xOf, seek);
  }

  function placeViewport(): void {
    const w = overview.clientWidth;
    viewport.style.left = `${(start / audio.frameCount) * w}px`;
    viewport.style.width = `${Math.max(2, (Math.min(frames, audio.frameCount) / audio.frameCount) * w)}px`;
    overview.setAttribute('aria-valuemin', '0');
    overview.setAttribute('aria-valuemax', audio.durationSeconds.toFixed(1));
    overview.setAttribute('aria-valuenow', (start / FRAMES_PER_SECOND).toFixed(1));
  }

  function moveCursor(): void {
    const t = now();
    const inside = t >= start / FRAMES_PER_SECOND && t <= (start + frames) / FRAMES_PER_SECOND;
    cursor.hidden = !inside;
    if (inside) cursor.style.left = `${xOf(t) - 1}px`;
    signalPanel.cursorAt(inside ? xOf(t) : null);
    root.dataset['position'] = t.toFixed(3);
  }

  function setWindow(s: number): void {
    const next = clampStart(s);
    if (next === start) {
      moveCursor();
      return;
    }
    start = next;
    void showWindow();
  }

  function pan(fraction: number): void {
    setWindow(start + fraction * frames);
  }

  /** Moves playback to `seconds` and brings it into the window. */
  function seek(seconds: number): void {
    const t = Math.max(0, Math.min(seconds, audio.durationSeconds));
    if (media) media.currentTime = t;
    else position = t;
    reveal(t);
    timeAddress.write(t, true);
  }

  /** Brings playback time `t` into the window (a tenth of a window in) when it lies outside, and moves the cursor. */
  function reveal(t: number): void {
    const frame = t * FRAMES_PER_SECOND;
    if (frame < start || frame >= start + frames) setWindow(frame - frames * 0.1);
    moveCursor();
  }

  async function copyWindow(): Promise<void> {
    const count = Math.min(frames, audio.frameCount - start);
    await cache.load(start, count);
    const json = JSON.stringify({ audioId, startFrame: start, frameCount: count, startSeconds: start / FRAMES_PER_SECOND, layerMajor: cache.layerMajor(start, count) });
    try {
      await navigator.clipboard.writeText(json);
      fill(copied, h('p', { class: 'muted', role: 'status' }, `Copied frames ${start}–${start + count - 1} (16 × ${count} tokens, layer-major) to the clipboard.`));
    } catch {
      // No clipboard permission: show the JSON to copy by hand.
      fill(copied, h('label', { class: 'muted' }, 'The clipboard is not available here; copy from this box:', h('textarea', { rows: 4, cols: 100, readonly: true }, json)));
    }
  }

  /**
   * Runs the chosen detector and redraws. `prefetched`: the first run's request, sent with the
   * spec from the address before the form existed, so the page's first requests go out together.
   */
  async function runDetector(prefetched?: { promise: Promise<DashDetectQuery>; startFrame: number }): Promise<void> {
    if (!prefetched) {
      try {
        spec = form.spec();
      } catch (err) {
        showError(status, err, 'read the detector settings');
        return;
      }
    }
    replaceParams({ detector: spec.name, params: Object.keys(spec.params).length ? JSON.stringify(spec.params) : null });
    fill(status, loading('Running the detector…'));
    const mine = ++generation;
    try {
      const span = blockSpan(start, frames);
      const { detect } = await (prefetched?.promise ?? request(DashDetectDocument, { audioId, detector: spec, buckets: ENVELOPE_BUCKETS, ...span }));
      if (!alive || mine !== generation) return;
      detection = detect;
      scores = scoreCacheFor(spec);
      scores.seed(prefetched?.startFrame ?? span.startFrame, detect.scores, audio.frameCount);
      drawOverview(overviewCanvas, { durationSeconds: audio.durationSeconds, max: detect.scoreEnvelope.max, threshold: detect.threshold, anomalies: detect.anomalies, labels: audio.labels });
      overviewCanvas.dataset['buckets'] = String(detect.scoreEnvelope.max.length);
      await showWindow();
      // The events table of a long recording holds thousands of rows: after the window is on screen.
      requestAnimationFrame(() => alive && detection === detect && drawEvents());
    } catch (err) {
      if (!alive || mine !== generation) return;
      showError(status, err, `run ${spec.name}`);
      if (root.dataset['ready'] !== 'true') root.dataset['ready'] = 'error';
    }
  }

  function drawEvents(): void {
    if (!detection) return;
    const summary = `${detection.detector}: threshold ${fixed(detection.threshold)} (${detection.comparison === 'AT_LEAST' ? 'score ≥ threshold' : 'score > threshold'}), ${detection.anomalies.length} anomalies; ${audio.labels.length} labels.`;
    eventTable.show(summary, [...anomalyEvents(detection.anomalies), ...labelEvents(audio.labels)]);
  }

  function hover(e: MouseEvent): void {
    const rect = heatmap.getBoundingClientRect();
    const { left, right } = area();
    const x = e.clientX - rect.left;
    const frame = start + Math.floor(((x - left) / (right - left)) * frames);
    const y = e.clientY - rect.top;
    const layer = Math.floor((y / rect.height) * LAYERS) + 1;
    if (y < 0 || y >= rect.height || x < left || x > right || frame >= audio.frameCount || layer < 1 || layer > LAYERS) {
      tooltip.hidden = true;
      return;
    }
    const token = cache.token(frame, layer);
    tooltip.textContent = `frame ${frame} · ${(frame / FRAMES_PER_SECOND).toFixed(2)} s · layer ${layer} · token ${token < 0 ? '…' : token}`;
    tooltip.style.left = `${e.clientX + 12}px`;
    tooltip.style.top = `${e.clientY + 12}px`;
    tooltip.hidden = false;
  }

  function key(e: KeyboardEvent): void {
    if (e.key === 'ArrowLeft') pan(-0.25);
    else if (e.key === 'ArrowRight') pan(0.25);
    else if (e.key === '+' || e.key === '=') zoomBy(-1);
    else if (e.key === '-') zoomBy(1);
    else if (e.key === ' ' && media) void (media.paused ? media.play() : media.pause());
    else return;
    e.preventDefault();
  }

  function zoomBy(step: number): void {
    const i = ZOOMS.findIndex((z) => String(z.frames) === zoom.value);
    const next = ZOOMS[Math.max(0, Math.min(ZOOMS.length - 1, (i < 0 ? 1 : i) + step))]!;
    zoom.value = String(next.frames);
    setZoom(next.frames);
  }

  function setZoom(f: number): void {
    const centre = start + frames / 2;
    frames = Math.max(1, Math.min(f, audio.frameCount));
    start = clampStart(centre - f / 2);
    void showWindow();
  }

  // On the stage, not the heatmap: anomaly spans lie over the heatmap and would swallow the events.
  stage.addEventListener('mousemove', hover);
  stage.addEventListener('mouseleave', () => (tooltip.hidden = true));
  stage.addEventListener('keydown', key);
  overview.addEventListener('click', (e) => {
    const rect = overview.getBoundingClientRect();
    setWindow(((e.clientX - rect.left) / rect.width) * audio.frameCount - frames / 2);
  });
  overview.addEventListener('keydown', (e) => key(e));
  zoom.addEventListener('change', () => setZoom(Number(zoom.value)));
  const onResize = () => {
    if (!detection) return;
    drawOverview(overviewCanvas, { durationSeconds: audio.durationSeconds, max: detection.scoreEnvelope.max, threshold: detection.threshold, anomalies: detection.anomalies, labels: audio.labels });
    chart?.resize();
    void showWindow();
  };
  window.addEventListener('resize', onResize);
  cleanups.push(() => window.removeEventListener('resize', onResize));

  void (async () => {
    // The first window as the address asks for it, so the audio, the detection and the codes are
    // requested at once rather than one after another (clamped to the audio once its size is known).
    const chosen = Math.min(Number(route.params.get('zoom')) || ZOOMS[1]!.frames, 4096);
    const t = Number(route.params.get('t'));
    const from = Number(route.params.get('from'));
    const guess = Math.max(0, Math.floor(Number.isFinite(from) && from > 0 ? from * FRAMES_PER_SECOND : Number.isFinite(t) && t > 0 ? t * FRAMES_PER_SECOND - chosen * 0.1 : 0));
    const firstSpan = blockSpan(guess, chosen);
    const detectFirst = request(DashDetectDocument, { audioId, detector: spec, buckets: ENVELOPE_BUCKETS, ...firstSpan });
    detectFirst.catch(() => undefined); // reported by runDetector
    cache = new CodeCache(audioId, Infinity);
    void cache.load(guess, chosen).catch(() => undefined);
    signalPanel.prefetch(guess, chosen, stage.clientWidth - GUTTER);
    let data: DashAudioQuery;
    try {
      data = await request(DashAudioDocument, { id: audioId });
    } catch (err) {
      if (!alive) return;
      fill(root, h('h1', {}, `Audio ${audioId}`), errorBox(err, `load audio ${audioId}`), h('p', {}, h('a', { href: href('audio') }, 'Choose another audio')));
      root.dataset['ready'] = 'error';
      return;
    }
    if (!alive) return;
    audio = data.audio;
    signalPanel.media(audio.mediaUnavailable ?? null);
    cache.frameCount = audio.frameCount;
    const source = audio.source;
    fill(
      header,
      h('h1', {}, `Audio ${audio.id}: ${audio.name}`),
      h(
        'p',
        { class: 'muted' },
        `${clock(audio.durationSeconds)} · ${audio.frameCount} frames · corpus `,
        h('a', { href: href('corpora', null, { compare: audio.corpus.name }) }, audio.corpus.name),
        ` · model ${audio.model}`,
        source.kind === 'AUDIO' ? ` · ${source.format ?? ''}, ${source.sampleRate ?? '?'} Hz, ${source.channels ?? '?'} ch` : ' · ingested as codes',
        audio.text ? ` · “${audio.text}”` : '',
      ),
    );
    const sources: AbSources = { original: audio.mediaUrl ?? null, reconstruction: audio.reconstruction ? { url: audio.reconstruction.url, summary: audio.reconstruction.decoder.summary, partialSums: audio.reconstruction.decoder.partialSums } : null };
    const why = audio.mediaUnavailable;
    const unplayable = why || !audio.mediaUrl ? h('p', { class: 'muted media-unavailable', role: 'status', 'data-reason': why?.reason ?? 'UNKNOWN' }, why?.message ?? 'The original audio cannot be played here.') : null;
    if (sources.original || sources.reconstruction) {
      const ab = new AbPlayer(sources, startingSide(sources, route.params.get('listen')), Number(route.params.get('layers')) || 16, (side, k) => replaceParams({ listen: side === 'reconstruction' ? side : null, layers: side === 'reconstruction' && k < 16 ? k : null }));
      media = ab.media;
      const m = media;
      let raf = 0;
      const follow = () => {
        moveCursor();
        timeAddress.write(m.currentTime);
        const frame = m.currentTime * FRAMES_PER_SECOND;
        // Page forward by a whole window (prefetched); a jump elsewhere recentres.
        if (!m.paused && frame >= start + frames && frame < start + 2 * frames) setWindow(start + frames);
        else if (!m.paused && (frame >= start + frames || frame < start)) setWindow(frame - frames * 0.05);
        if (!m.paused) raf = requestAnimationFrame(follow);
      };
      m.addEventListener('play', () => (raf = requestAnimationFrame(follow)));
      m.addEventListener('pause', () => {
        cancelAnimationFrame(raf);
        timeAddress.write(m.currentTime, true);
      });
      // The player's own seek bar, while paused too: the window follows (playing, follow() pages it).
      m.addEventListener('seeked', () => {
        if (m.paused) reveal(m.currentTime);
        else moveCursor();
        timeAddress.write(m.currentTime, true);
      });
      m.addEventListener('timeupdate', moveCursor);
      m.addEventListener('error', () => fill(player, ab.element, unplayable, errorBox(new Error(m.error?.message || `the server could not stream ${m.currentSrc}`), `play the ${ab.element.dataset['side'] === 'original' ? 'original audio' : 'reconstruction'}`)));
      cleanups.push(() => {
        cancelAnimationFrame(raf);
        m.pause();
        m.removeAttribute('src');
        m.load();
      });
      fill(player, ab.element, unplayable);
    } else {
      fill(player, unplayable);
    }
    form = new DetectorForm(data.detectors, spec, () => void runDetector());
    fill(formSlot, form.element);
    const overlayForm = new OverlayForm(data.detectors, initialOverlays(route), (specs) => void setOverlays(specs), (err) => showError(status, err, 'read the overlay settings'));
    fill(overlaySlot, h('details', { class: 'overlay-details', open: initialOverlays(route).length > 0 }, h('summary', {}, 'Overlay other detectors'), overlayForm.element));
    const wantedMode = route.params.get('colour');
    const initialChoice: ColourChoice = { mode: isColourMode(wantedMode) ? wantedMode : 'id', reference: route.params.get('ref') ?? audio.corpus.name };
    colours = new ColourControl(initialChoice, [audio.corpus.name], (choice) => void setColours(choice));
    fill(colourSlot, colours.element, colours.legend);
    // The reference list: corpora holding codes of this audio's model (the colour starts before it arrives).
    void request(DashCorporaDocument, {})
      .then((r) => {
        if (!alive || !colours) return;
        const names = r.corpora.filter((c) => c.models.includes(audio.model) && c.audioCount > 0).map((c) => c.name);
        const current = colours.choice();
        colours = new ColourControl(current, names, (choice) => void setColours(choice));
        fill(colourSlot, colours.element, colours.legend);
        if (detection) drawCells();
      })
      .catch(() => undefined);
    const colourReady = setColours(initialChoice);
    const overlaysReady = initialOverlays(route).length ? setOverlays(initialOverlays(route)) : Promise.resolve();
    for (const z of ZOOMS) zoom.append(h('option', { value: z.frames, selected: z.frames === chosen }, z.label));
    // A recording shorter than the window fills it.
    frames = Math.max(1, Math.min(chosen, audio.frameCount));
    start = clampStart(guess);
    if (Number.isFinite(t) && t > 0) {
      if (media) media.currentTime = t;
      else position = t;
    }
    await colourReady;
    await runDetector({ promise: detectFirst, startFrame: firstSpan.startFrame });
    await overlaysReady;
  })();

  return () => {
    alive = false;
    for (const c of cleanups) c();
    chart?.destroy();
  };
}

/** The lowest finite value of a score envelope's minima (0 when there is none). */
function lowest(mins: readonly number[]): number {
  let low = Infinity;
  for (const v of mins) if (Number.isFinite(v) && v < low) low = v;
  return Number.isFinite(low) ? low : 0;
}

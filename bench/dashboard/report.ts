import type { Machine } from '../machine.js';
import type { Timing } from '../timing.js';

export const DASHBOARD_START = '<!-- bench:dashboard:start -->';
export const DASHBOARD_END = '<!-- bench:dashboard:end -->';

/** Goals from the issue. */
export const DASHBOARD_GOALS = { paintMs: 1500, panP50Ms: 100, graphqlBytes: 1_000_000 } as const;

/** One load of the audio view's first screen. */
export interface FirstScreen {
  /** Navigation start to the heatmap, the score curve, the waveform and the spectrogram all drawn (the later of heatmapMs and signalMs). */
  paintMs: number;
  /** Navigation start to the heatmap and the score curve drawn (performance mark tokenscope:audio-painted). */
  heatmapMs: number;
  /** Navigation start to the waveform and the spectrogram drawn (performance mark tokenscope:signal-painted). */
  signalMs: number;
  /** Frames the heatmap shows. */
  frames: number;
  /** Bytes of GraphQL response bodies until the view was ready. */
  graphqlBytes: number;
  operations: { name: string; bytes: number }[];
  /** Click on "later" (half a window on) to the first frame rendered with the next window, by the page's clock. */
  panMs: number[];
  /** The same through Playwright (page.click, then waiting for the window), as the benchmark process sees it. */
  playwrightPanMs: number[];
  /** Pans whose waveform and spectrogram failed (the panel showed an error) rather than drawing. */
  signalFailures: number;
}

/** The waveform and spectrogram summary of the whole hour, built on a cold SignalSummaries. */
export interface SummaryFigures {
  /** Until the last frame's window could be cut. */
  seconds: number;
  /** Bytes the summary holds. */
  bytes: number;
  eventLoopP99Ms: number;
  eventLoopMaxMs: number;
}

/** Pans of the audio view while the same server ingests an hour of audio. */
export interface BusyFigures {
  /** Encoders in a worker thread (the default) or in the server's thread. */
  inWorker: boolean;
  ingestSeconds: number;
  pan: Timing;
  /** Pans whose waveform and spectrogram failed rather than drawing. */
  signalFailures: number;
  /** The server's event-loop delay during the ingest (monitorEventLoopDelay, 5 ms resolution). */
  eventLoopP99Ms: number;
  eventLoopMaxMs: number;
}

export interface DashboardReport {
  date: string;
  machine: Machine;
  command: string;
  audio: { path: string; seconds: number; frames: number; source: string };
  browser: string;
  /** Bytes of dist/web/assets/app.js. */
  bundleBytes: number;
  paint: Timing;
  pan: Timing;
  playwrightPan: Timing;
  firstRun: FirstScreen;
  screens: FirstScreen[];
  busy: BusyFigures[];
  summary: SummaryFigures;
  loadAverageAtEnd: number;
}

const ms = (v: number) => `${v.toFixed(0)} ms`;
const kb = (v: number) => `${(v / 1000).toFixed(1)} kB`;

/** The markdown section of docs/benchmarks.md for this benchmark. */
export function renderDashboardSection(r: DashboardReport): string {
  const maxBytes = Math.max(...r.screens.map((s) => s.graphqlBytes));
  const byOperation = new Map<string, number[]>();
  for (const s of r.screens) for (const o of s.operations) byOperation.set(o.name, [...(byOperation.get(o.name) ?? []), o.bytes]);
  const paintVerdict = r.paint.p50 <= DASHBOARD_GOALS.paintMs ? 'met' : 'missed';
  const panVerdict = r.pan.p50 <= DASHBOARD_GOALS.panP50Ms ? 'met' : 'missed';
  const heatmap = r.screens.map((s) => s.heatmapMs).sort((a, b) => a - b)[Math.floor(r.screens.length / 2)]!;
  const signal = r.screens.map((s) => s.signalMs).sort((a, b) => a - b)[Math.floor(r.screens.length / 2)]!;
  const bytesVerdict = maxBytes < DASHBOARD_GOALS.graphqlBytes ? 'met' : 'missed';
  return [
    DASHBOARD_START,
    '## Dashboard benchmark (issue 5)',
    '',
    `Run ${r.date.slice(0, 16).replace('T', ' ')} UTC with \`${r.command}\`, commit ${r.machine.commit ?? 'unknown'}; ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGiB.toFixed(0)} GiB, ${r.machine.os}, Node ${r.machine.node}, headless Chromium ${r.browser}; load average ${r.machine.loadAverage.toFixed(2)} at the start, ${r.loadAverageAtEnd.toFixed(2)} at the end.`,
    '',
    `The audio: ${r.audio.seconds} s (${r.audio.frames} frames) of the dev corpus mixtures looped into one 24 kHz WAV (\`${r.audio.path}\`, from \`${r.audio.source}\`), with their labels shifted to match, ingested with the reference encoder into an in-memory store. The server runs in the benchmark's process on loopback; each run opens \`#/audio/<id>\` in a fresh browser context (empty HTTP cache), 1280 × 800, so every run fetches the page, the ${kb(r.bundleBytes)} JavaScript bundle (minified, uncompressed) and the data again. The first run also meets a cold server (its first \`detect\` on this audio).`,
    '',
    '"First meaningful paint" is the time from navigation start to the moment the view has drawn the heatmap of its first window, the score curve under it, and the waveform and spectrogram of the original audio above it: the later of two performance marks, `tokenscope:audio-painted` (set right after the heatmap and score canvases are drawn; the overview strip is drawn before it, the events table in the next animation frame) and `tokenscope:signal-painted` (set right after the waveform and spectrogram canvases are drawn).',
    '',
    '| measure | goal | p50 | p90 | max | verdict |',
    '|---|---|---|---|---|---|',
    `| first meaningful paint (heatmap + waveform + spectrogram), ${r.paint.runs} runs | ≤ 1.5 s | ${ms(r.paint.p50)} | ${ms(r.paint.p90)} | ${ms(r.paint.max)} | ${paintVerdict} |`,
    `| pan by half the 1-minute window ("later"), all three redrawn: click to the next frame rendered, by the page's clock, ${r.pan.runs} clicks | p50 ≤ 100 ms | ${ms(r.pan.p50)} | ${ms(r.pan.p90)} | ${ms(r.pan.max)} | ${panVerdict} |`,
    `| the same pan through Playwright (page.click, then polling for the window), from the benchmark process, ${r.playwrightPan.runs} clicks, interleaved with the above | | ${ms(r.playwrightPan.p50)} | ${ms(r.playwrightPan.p90)} | ${ms(r.playwrightPan.max)} | |`,
    `| GraphQL payload of the first screen | < 1 MB | ${kb(r.screens.map((s) => s.graphqlBytes).sort((a, b) => a - b)[Math.floor(r.screens.length / 2)]!)} | | ${kb(maxBytes)} | ${bytesVerdict} |`,
    '',
    `Of the paint (p50 over the runs): heatmap and scores ${ms(heatmap)}, waveform and spectrogram ${ms(signal)}. First run: ${ms(r.firstRun.paintMs)} (heatmap ${ms(r.firstRun.heatmapMs)}, waveform and spectrogram ${ms(r.firstRun.signalMs)}; a cold server starts the summary of the hour then, and answers the first window as soon as the build has passed it), heatmap of ${r.firstRun.frames} frames. What the first screen fetched (response bodies, largest run):`,
    '',
    '| operation | bytes |',
    '|---|---|',
    ...[...byOperation.entries()].map(([name, sizes]) => `| ${name} (×${(sizes.length / r.screens.length).toFixed(0)}) | ${kb(Math.max(...sizes))} |`),
    '',
    `A pan is timed in the page: from the click on "later" (dispatched in the page) to the first frame rendered after the heatmap, the waveform and the spectrogram show the next window (a MutationObserver sees the window change; an animation frame and a task after it mark the frame as rendered). Earlier runs timed it from the benchmark process through Playwright, whose click first waits for the button to hold still over two animation frames and whose wait polls once a frame: that figure is in the row below it, measured in the same runs, one pan of each kind in turn. When the window changes, the view asks for the codes, scores and signal of the windows beside it and two ahead, so most pans draw from the browser\'s cache; a pan into data not yet here waits for it. Pans whose waveform and spectrogram failed instead of drawing (the panel showed an error): ${r.screens.reduce((n, s) => n + s.signalFailures, 0)} of ${r.pan.runs}.`,
    '',
    '### The waveform and spectrogram summary',
    '',
    `The server decodes an audio's original file once and keeps a summary (10 ms waveform bins: min, max, mean square as float32; a 64-band mel spectrogram every 20 ms as bytes), from which every window is cut. Built afresh for the whole hour (in a worker thread, as the server does, reading 2 s chunks): ${r.summary.seconds.toFixed(1)} s until the last window could be cut, ${(r.summary.bytes / 1e6).toFixed(1)} MB held (the decoded float samples would be ${((r.audio.seconds * 24_000 * 4) / 1e6).toFixed(0)} MB); the event loop's delay meanwhile p99 ${ms(r.summary.eventLoopP99Ms)}, max ${ms(r.summary.eventLoopMaxMs)}.`,
    '',
    '### While the server ingests',
    '',
    'The same page panning ("later", back to back) while the server ingests the same hour again into another corpus, with the encoder\'s ONNX session in a worker thread (the default) and in the server\'s own thread (`TOKENSCOPE_ENCODE_IN_WORKER=0`). onnxruntime-node runs a session synchronously, so in the server\'s thread every minute of audio holds the event loop for one run.',
    '',
    '| encoder | ingest | pans | signal failed | pan p50 | pan p90 | pan max | event loop p99 | event loop max |',
    '|---|---|---|---|---|---|---|---|---|',
    ...r.busy.map((b) => `| ${b.inWorker ? 'worker thread' : 'server thread'} | ${b.ingestSeconds.toFixed(1)} s | ${b.pan.runs} | ${b.signalFailures} | ${ms(b.pan.p50)} | ${ms(b.pan.p90)} | ${ms(b.pan.max)} | ${ms(b.eventLoopP99Ms)} | ${ms(b.eventLoopMaxMs)} |`),
    '',
    'Why it is small: the first screen asks for the score curve of the visible window only (`scores(startFrame, frameCount)`), a 1,200-bucket min/max envelope of the whole recording for the overview (`scoreEnvelope`), and the code matrix in 512-frame windows (`codes`), never the 45,000 × 16 matrix or 45,000 scores at once (those alone would be about 3.3 MB and 0.8 MB of JSON).',
    DASHBOARD_END,
  ].join('\n');
}

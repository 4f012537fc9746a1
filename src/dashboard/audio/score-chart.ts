import type { Chart } from 'chart.js';
import { draw } from '../charts';
import { chartSvg } from '../export/chart-svg';
import { exportCanvas } from '../export/export-bar';
import { themeColour } from '../theme';
import { clock, fixed, FRAMES_PER_SECOND } from '../format';

/** The chart's name for people (its export buttons say it). */
const LABEL = 'Detector score per frame with the threshold';

/** Score ticks short enough for the gutter (800K, 1.2M, 0.35). */
const COMPACT = new Intl.NumberFormat('en', { notation: 'compact', maximumSignificantDigits: 3 });

/** What the score chart shows of a detection. */
export interface ScoreLines {
  detector: string;
  threshold: number;
  lowThreshold?: number | null;
}

/** A further detector's curve drawn over the first, already on the first one's axis. */
export interface OverlayLine {
  label: string;
  colour: string;
  scores: number[];
}

/**
 * Draws the scores of frames [start, start + frames) as a line over time in seconds (each at its
 * frame's centre), with the threshold (and hysteresis's low threshold) across; the y axis takes
 * exactly `gutter` pixels so the plot lines up with the heatmap above. Updates `chart` in place
 * when given, so panning does not rebuild it. `overlays`: other detectors' curves, drawn over it.
 * Its SVG export (chartSvg: a path per curve and line, from Chart.js's own geometry) is titled with
 * the detector, the window and the threshold.
 */
export function drawScoreChart(canvas: HTMLCanvasElement, chart: Chart<'line'> | null, lines: ScoreLines, scores: number[], start: number, frames: number, gutter: number, overlays: readonly OverlayLine[] = []): Chart<'line'> {
  const t0 = start / FRAMES_PER_SECOND;
  const t1 = (start + frames) / FRAMES_PER_SECOND;
  const points = scores.map((y, i) => ({ x: (start + i + 0.5) / FRAMES_PER_SECOND, y }));
  const across = (y: number) => [{ x: t0, y }, { x: t1, y }];
  const datasets = [
    { label: `${lines.detector} score`, data: points, borderColor: themeColour('--fg', '#1d2330'), borderWidth: 1.2, pointRadius: 0, tension: 0 },
    { label: `threshold ${fixed(lines.threshold)}`, data: across(lines.threshold), borderColor: '#d64541', borderDash: [5, 4], borderWidth: 1.5, pointRadius: 0 },
  ];
  for (const o of overlays) datasets.push({ label: o.label, data: o.scores.map((y, i) => ({ x: (start + i + 0.5) / FRAMES_PER_SECOND, y })), borderColor: o.colour, borderWidth: 1.2, pointRadius: 0, tension: 0 } as (typeof datasets)[number]);
  if (lines.lowThreshold !== null && lines.lowThreshold !== undefined) datasets.push({ label: `low threshold ${fixed(lines.lowThreshold)}`, data: across(lines.lowThreshold), borderColor: '#e07b00', borderDash: [2, 3], borderWidth: 1.2, pointRadius: 0 });
  const title = `${LABEL}: ${lines.detector}, ${clock(t0)}–${clock(t1)}, threshold ${fixed(lines.threshold)}${overlays.length ? `, with ${overlays.map((o) => o.label).join(' and ')}` : ''}`;
  if (chart) {
    const kept = chart.data.datasets;
    // The same series as drawn: new points in the datasets Chart.js already holds (replacing the
    // dataset objects makes it resolve every option again, a third of a pan's redraw).
    if (kept.length === datasets.length && kept.every((d, i) => d.label === datasets[i]!.label && d.borderColor === datasets[i]!.borderColor)) kept.forEach((d, i) => (d.data = datasets[i]!.data as never));
    else chart.data.datasets = datasets as never;
    const x = chart.options.scales!['x']!;
    x.min = t0;
    x.max = t1;
    chart.update('none');
    canvas.dataset['series'] = String(datasets.length);
    canvas.dataset['overlays'] = String(overlays.length);
    canvas.dataset['points'] = String(points.length);
    const drawn = chart;
    exportCanvas(canvas, { what: 'scores', label: LABEL, svg: () => chartSvg(drawn as unknown as Chart, title) });
    return chart;
  }
  canvas.dataset['overlays'] = String(overlays.length);
  const made = draw(
    canvas,
    {
      type: 'line',
      data: { datasets: datasets as never },
      options: {
        parsing: false,
        normalized: true,
        spanGaps: true,
        layout: { padding: { left: 0, right: 0 } },
        plugins: { legend: { display: true, position: 'top', align: 'end', labels: { boxHeight: 2 } }, tooltip: { mode: 'nearest', intersect: false } },
        scales: {
          x: { type: 'linear', min: t0, max: t1, ticks: { callback: (v) => clock(Number(v)), maxRotation: 0 }, grid: { display: false } },
          y: { afterFit: (scale) => void (scale.width = gutter), ticks: { maxTicksLimit: 5, callback: (v) => COMPACT.format(Number(v)) } },
        },
      },
    },
    LABEL,
  );
  exportCanvas(canvas, { what: 'scores', label: LABEL, svg: () => chartSvg(made as unknown as Chart, title) });
  return made;
}

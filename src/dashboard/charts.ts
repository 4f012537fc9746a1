import { BarController, BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip } from 'chart.js';
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import { chartSvg } from './export/chart-svg';
import { exportCanvas } from './export/export-bar';
import { slug } from './export/file-name';
import { seriesColours, themeColour } from './theme';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LogarithmicScale, LineController, LineElement, PointElement, Tooltip, Legend, Filler);
Chart.defaults.animation = false;
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.maintainAspectRatio = false;

/** Series colours of the current colour scheme (theme.ts): one per corpus or configuration; refreshed by every draw(). */
export const PALETTE: string[] = seriesColours();

/** Takes the chart text, grid and series colours from the page's theme (light or dark), before a chart is built. */
function applyTheme(): void {
  Chart.defaults.color = themeColour('--muted', '#5b6475');
  Chart.defaults.borderColor = themeColour('--line', '#d9dde5');
  PALETTE.splice(0, PALETTE.length, ...seriesColours());
}

/** Marks a drawn chart's canvas with what it shows, for people's tools and the end-to-end tests. */
function mark(canvas: HTMLCanvasElement, chart: Chart): void {
  const series = chart.data.datasets.length;
  canvas.dataset['series'] = String(series);
  canvas.dataset['points'] = String(Math.max(0, ...chart.data.datasets.map((d) => d.data.length)));
  canvas.setAttribute('role', 'img');
}

/**
 * Draws (or redraws) a chart on `canvas`; the previous chart on it is destroyed first. The chart
 * gets PNG and SVG downloads, named after the canvas's data-chart (or data-metric, or `label`).
 */
export function draw<T extends 'bar' | 'line'>(canvas: HTMLCanvasElement, config: ChartConfiguration<T>, label: string): Chart<T> {
  Chart.getChart(canvas)?.destroy();
  applyTheme();
  const chart = new Chart(canvas, config);
  mark(canvas, chart as unknown as Chart);
  canvas.setAttribute('aria-label', label);
  exportCanvas(canvas, { what: canvas.dataset['chart'] ?? canvas.dataset['metric'] ?? slug(label), label, svg: () => chartSvg(Chart.getChart(canvas) ?? (chart as unknown as Chart), label) });
  return chart;
}

/** A bar chart by layer 1..16 with one series per corpus. */
export function layerChart(canvas: HTMLCanvasElement, title: string, series: { name: string; values: number[] }[], yTitle: string): Chart<'bar'> {
  applyTheme();
  const datasets: ChartDataset<'bar', number[]>[] = series.map((s, i) => ({ label: s.name, data: s.values, backgroundColor: PALETTE[i % PALETTE.length]! }));
  return draw(
    canvas,
    {
      type: 'bar',
      data: { labels: Array.from({ length: 16 }, (_, i) => String(i + 1)), datasets },
      options: {
        plugins: { title: { display: false }, legend: { display: series.length > 1 } },
        scales: { x: { title: { display: true, text: 'layer' }, ticks: { autoSkip: false, maxRotation: 0 } }, y: { title: { display: true, text: yTitle }, beginAtZero: true } },
      },
    },
    `${title} by layer for ${series.map((s) => s.name).join(' and ')}`,
  );
}

/** A line chart by layer 1..16 with one line per series (e.g. per perturbation); null values leave a gap. */
export function layerLineChart(canvas: HTMLCanvasElement, title: string, series: { name: string; values: (number | null)[] }[], yTitle: string, yMax?: number): Chart<'line'> {
  applyTheme();
  const datasets: ChartDataset<'line', (number | null)[]>[] = series.map((s, i) => ({
    label: s.name,
    data: s.values,
    borderColor: PALETTE[i % PALETTE.length]!,
    backgroundColor: PALETTE[i % PALETTE.length]!,
    pointRadius: 3,
  }));
  return draw(
    canvas,
    {
      type: 'line',
      data: { labels: Array.from({ length: 16 }, (_, i) => String(i + 1)), datasets },
      options: {
        plugins: { legend: { display: true } },
        scales: { x: { title: { display: true, text: 'layer' }, ticks: { autoSkip: false, maxRotation: 0 } }, y: { title: { display: true, text: yTitle }, beginAtZero: true, ...(yMax === undefined ? {} : { max: yMax }) } },
      },
    },
    `${title}: ${series.map((s) => s.name).join(', ')}`,
  );
}

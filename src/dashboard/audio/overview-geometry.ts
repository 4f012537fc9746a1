/** What the overview strip shows: the whole audio's score envelope, threshold, anomalies and labels. */
export interface OverviewData {
  durationSeconds: number;
  max: number[];
  threshold: number;
  anomalies: { startSeconds: number; endSeconds: number }[];
  labels: { startSeconds: number; endSeconds: number }[];
}

/** The strip's colours: labels along the bottom, anomalies above them, the threshold (RGB and opacity). */
export const OVERVIEW_COLOURS = {
  label: { rgb: '#2458c6', opacity: 0.35 },
  anomaly: { rgb: '#d64541', opacity: 0.55 },
  threshold: '#d64541',
} as const;

/** An axis-aligned rectangle, CSS pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where everything of the overview lies on a `width` × `height` strip, for the canvas and the SVG export alike. */
export interface OverviewGeometry {
  labels: Box[];
  anomalies: Box[];
  /** The envelope's points, one per bucket at its centre; empty when no score is finite. */
  envelope: { x: number; y: number }[];
  /** The threshold line's y; null with the envelope empty. */
  thresholdY: number | null;
}

/**
 * The overview of the whole audio across a `width` × `height` strip: labels as 8-px boxes along
 * the bottom, anomalies above them (each at least 2 px wide), and the score envelope and
 * threshold scaled between them so both fit in the 10 px above the labels' row and 4 px below the top.
 */
export function overviewGeometry(data: OverviewData, width: number, height: number): OverviewGeometry {
  const x = (s: number) => (s / data.durationSeconds) * width;
  const box = (e: { startSeconds: number; endSeconds: number }, y: number, h: number): Box => ({ x: x(e.startSeconds), y, width: Math.max(2, x(e.endSeconds) - x(e.startSeconds)), height: h });
  const labels = data.labels.map((l) => box(l, height - 8, 8));
  const anomalies = data.anomalies.map((a) => box(a, 0, height - 10));
  const finite = data.max.filter(Number.isFinite);
  if (finite.length === 0) return { labels, anomalies, envelope: [], thresholdY: null };
  const lo = Math.min(...finite, data.threshold);
  let hi = Math.max(...finite, data.threshold);
  if (hi === lo) hi = lo + 1;
  const y = (v: number) => height - 10 - ((v - lo) / (hi - lo)) * (height - 14);
  const envelope = data.max.map((v, i) => ({ x: ((i + 0.5) / data.max.length) * width, y: y(v) }));
  return { labels, anomalies, envelope, thresholdY: y(data.threshold) };
}

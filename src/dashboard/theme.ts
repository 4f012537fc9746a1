/**
 * Colours of the page's theme for what CSS cannot reach (canvases, Chart.js): the custom properties
 * styles.css sets on :root, for the light and the dark colour scheme (prefers-color-scheme).
 */

/** The value of CSS custom property `name` (e.g. `--fg`) on :root, or `fallback` when it is unset. */
export function themeColour(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** Light-scheme series colours, used when styles.css sets none. */
const SERIES_FALLBACK = ['#2458c6', '#e07b00', '#2a9d5c', '#b83d8e', '#6b6f7a'];

/** Series colours (`--series-1` … `--series-5`): one per corpus or configuration, distinguishable for common colour-vision deficiencies. */
export function seriesColours(): string[] {
  return SERIES_FALLBACK.map((fallback, i) => themeColour(`--series-${i + 1}`, fallback));
}

/** True while the page is in the dark colour scheme. */
export function darkScheme(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

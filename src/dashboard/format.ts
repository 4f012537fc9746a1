/** 12.5 frames per second: one frame is 0.08 s. */
export const FRAMES_PER_SECOND = 12.5;
export const LAYERS = 16;
export const CODEBOOK_SIZE = 2048;

/** Seconds as m:ss.s (or h:mm:ss.s past an hour), with `digits` decimals (2 tells 80 ms frames apart). */
export function clock(seconds: number, digits = 1): string {
  const scale = 10 ** digits;
  // Rounded once, up front: 59.96 s is 1:00.0, not 0:60.0.
  const units = Math.round(Math.max(0, seconds) * scale);
  const whole = Math.floor(units / scale);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const rest = `${String(whole % 60).padStart(2, '0')}${digits > 0 ? `.${String(units % scale).padStart(digits, '0')}` : ''}`;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

export function fixed(value: number | null | undefined, digits = 3): string {
  return value === null || value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);
}

export function hours(seconds: number): string {
  return seconds >= 3600 ? `${(seconds / 3600).toFixed(2)} h` : `${(seconds / 60).toFixed(1)} min`;
}

/** The last path segment of a server-side path. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

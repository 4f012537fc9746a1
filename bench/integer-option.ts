/** Reads an integer command-line option ≥ `min`; the error names the option, the value and the usage. */
export function integerOption(name: string, raw: string, min: number, usage: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer ≥ ${min}; received "${raw}"\n${usage}`);
  return value;
}

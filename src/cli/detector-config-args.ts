import { InvalidArgumentError } from 'commander';
import { invalidArgument } from '../errors.js';

/** A detector configuration from the command line, as the API's DetectorConfigInput. */
export interface DetectorConfigArg {
  name: string;
  params?: Record<string, unknown> | null;
  sweep?: { parameter: string; values: unknown[] } | null;
}

/** A `--sweep detector=parameter=values` option: which detector's configurations it expands. */
export interface SweepArg {
  detector: string;
  parameter: string;
  values: unknown[];
}

/** Parses `name` or `name:{json params}`, e.g. `keyLayerVariance:{"percentile":90}`. */
export function parseDetectorSpec(value: string): DetectorConfigArg {
  const colon = value.indexOf(':');
  if (colon < 0) return { name: value.trim() };
  const name = value.slice(0, colon).trim();
  let params: unknown;
  try {
    params = JSON.parse(value.slice(colon + 1));
  } catch {
    throw new InvalidArgumentError(`--detector takes name or name:{json params}; the params of "${value}" are not JSON`);
  }
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new InvalidArgumentError(`--detector takes name:{json params} with a JSON object; received "${value}"`);
  }
  return { name, params: params as Record<string, unknown> };
}

/**
 * Parses `detector=parameter=v1,v2,…` or `detector=parameter=a..b` (integers a to b inclusive);
 * each listed value is read as JSON when it parses (90, 2.5, true), else as a string.
 */
export function parseSweep(value: string): SweepArg {
  const match = /^([^=]+)=([^=]+)=(.+)$/.exec(value);
  if (!match) throw new InvalidArgumentError(`--sweep takes detector=parameter=v1,v2,… or detector=parameter=a..b; received "${value}"`);
  const [, detector, parameter, list] = match as unknown as [string, string, string, string];
  const range = /^(-?\d+)\.\.(-?\d+)$/.exec(list.trim());
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    if (to < from) throw new InvalidArgumentError(`--sweep range ${list} runs backwards; write a..b with a ≤ b`);
    return { detector: detector.trim(), parameter: parameter.trim(), values: Array.from({ length: to - from + 1 }, (_, i) => from + i) };
  }
  const values = list.split(',').map((v) => {
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v.trim();
    }
  });
  return { detector: detector.trim(), parameter: parameter.trim(), values };
}

/**
 * Attaches each sweep to the configurations of its detector (adding a bare configuration of that
 * detector when none was given). A configuration takes at most one sweep.
 */
export function withSweeps(detectors: readonly DetectorConfigArg[], sweeps: readonly SweepArg[]): DetectorConfigArg[] {
  const out = detectors.map((d) => ({ ...d }));
  for (const sweep of sweeps) {
    let targets = out.filter((d) => d.name === sweep.detector);
    if (!targets.length) {
      const added: DetectorConfigArg = { name: sweep.detector };
      out.push(added);
      targets = [added];
    }
    for (const target of targets) {
      // Runs in the command's action, not in commander's option parsing: a coded error prints as `error [CODE]: …`.
      if (target.sweep) throw invalidArgument(`--sweep: detector ${sweep.detector} is swept twice; one sweep per configuration`, { argument: '--sweep', detector: sweep.detector });
      target.sweep = { parameter: sweep.parameter, values: sweep.values };
    }
  }
  return out;
}

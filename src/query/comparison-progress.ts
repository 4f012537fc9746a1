/** Where a running comparison is: reading the audios, scoring one configuration after another, or storing the run. */
export type ComparisonStep = 'reading' | 'scoring' | 'storing';

/** Progress counters of a running comparison (configurations after sweep expansion). */
export interface ComparisonProgress {
  readonly step: ComparisonStep;
  readonly configurationsTotal: number;
  /** Configurations scored on every audio. */
  readonly configurationsDone: number;
  /** Audios every configuration runs on. */
  readonly audiosTotal: number;
  /** Audios the configuration being scored has run on so far (0 between configurations). */
  readonly audiosDone: number;
}

/** What a caller of compareDetectors may watch and steer: progress reports, and a request to stop between configurations. */
export interface ComparisonWatch {
  readonly report?: (progress: ComparisonProgress) => void;
  /** Checked before each configuration: true stops the comparison (nothing is stored). */
  readonly shouldStop?: () => boolean;
}

/** The share of the scoring done, 0..1: configurations done plus the running one's audios, over all (configuration, audio) pairs. */
export function comparisonFraction(p: ComparisonProgress): number {
  const pairs = p.configurationsTotal * p.audiosTotal;
  if (p.step === 'storing') return 1;
  return pairs === 0 ? 0 : Math.min(1, (p.configurationsDone * p.audiosTotal + p.audiosDone) / pairs);
}

/**
 * One labelled span of one audio file, used for reference labels and for detections alike.
 * A class-agnostic detector's events carry a label too; `classAgnostic` evaluation ignores it.
 */
export interface Event {
  /** The audio file the event belongs to (matches `EvaluatedFile.file`). */
  readonly file: string;
  /** Onset, seconds from the start of the file. */
  readonly start: number;
  /** Offset, seconds from the start of the file (≥ start). */
  readonly end: number;
  /** Class label. */
  readonly label: string;
}

/** An evaluated audio file and its length; every file counts, even one without any event. */
export interface EvaluatedFile {
  /** File name, as in `Event.file`. */
  readonly file: string;
  /** Length of the file, seconds; segment-based metrics cover [0, durationSeconds). */
  readonly durationSeconds: number;
}

/** The label every event gets in class-agnostic evaluation. */
export const AGNOSTIC_LABEL = 'event';

/** Orders events by onset, then offset, then label, so results never depend on input order. */
export function compareEvents(a: Event, b: Event): number {
  return a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
}

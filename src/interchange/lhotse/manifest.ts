/**
 * Lhotse's manifest records as tokenscope writes and reads them (lhotse.audio.Recording and
 * lhotse.supervision.SupervisionSegment, one JSON object per line of recordings.jsonl.gz and
 * supervisions.jsonl.gz). Times are seconds.
 */

/** Where a recording's samples come from: here always a file, its channels numbered from 0. */
export interface LhotseAudioSource {
  type: 'file';
  channels: number[];
  source: string;
}

/** A recording: an audio file, its native sampling rate (Hz) and length. */
export interface LhotseRecording {
  id: string;
  sources: LhotseAudioSource[];
  sampling_rate: number;
  num_samples: number;
  /** num_samples / sampling_rate, seconds. */
  duration: number;
  channel_ids?: number[];
}

/** A segment of a recording with what is known about it (here: a label span). */
export interface LhotseSupervision {
  id: string;
  recording_id: string;
  start: number;
  duration: number;
  channel?: number | number[];
  text?: string;
  speaker?: string;
  language?: string;
  custom?: Record<string, unknown>;
}

/** File names of a manifest folder, as Lhotse's recipes write them. */
export const RECORDINGS_FILE = 'recordings.jsonl.gz';
export const SUPERVISIONS_FILE = 'supervisions.jsonl.gz';

/**
 * The class a supervision stands for as a tokenscope label: `custom.label` (what tokenscope
 * writes), else `custom.event_label`, else its speaker, else its text, else "supervision".
 */
export function supervisionLabel(s: LhotseSupervision): string {
  const custom = s.custom ?? {};
  for (const value of [custom['label'], custom['event_label'], s.speaker, s.text]) if (typeof value === 'string' && value.trim()) return value.trim();
  return 'supervision';
}

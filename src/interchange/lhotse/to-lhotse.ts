import { basename, extname, isAbsolute } from 'node:path';
import { ErrorCode, TokenscopeError } from '../../errors.js';
import type { LhotseRecording, LhotseSupervision } from './manifest.js';

/** What the export reads of an audio (the LhotseAudios operation's shape). */
export interface ExportedAudio {
  id: string;
  source: { path: string; kind: string; sampleRate: number | null; channels: number | null; durationSeconds: number | null };
  labels: readonly { startSeconds: number; endSeconds: number; label: string }[];
}

/** A corpus as Lhotse manifests, and the audios left out (ingested as codes: no audio file to point at). */
export interface LhotseManifests {
  recordings: LhotseRecording[];
  supervisions: LhotseSupervision[];
  /** Ids of audios without an audio file. */
  leftOut: string[];
}

/** Seconds rounded to the microsecond, as label files store them (no 0.19999999999999998). */
const micro = (seconds: number): number => Math.round(seconds * 1e6) / 1e6;

/**
 * Recordings and supervisions of a corpus: one Recording per audio encoded from a file (id: the
 * file's stem, `-<audio id>` added when two files share one; its native sampling rate and channels;
 * num_samples from the exact duration), one SupervisionSegment per label (`custom.label` the class).
 * Each source is the absolute path the store holds: a path as the API shows it to a reader without
 * trust (`<root 1>/a.wav`) would be read by Lhotse relative to its working folder, so one → INTERNAL.
 */
export function toLhotse(audios: readonly ExportedAudio[]): LhotseManifests {
  const withFile = audios.filter((a) => a.source.kind === 'AUDIO' && a.source.sampleRate && a.source.durationSeconds !== null);
  const shown = withFile.find((a) => !isAbsolute(a.source.path));
  if (shown) {
    throw new TokenscopeError(ErrorCode.INTERNAL, `audio ${shown.id}: expected the absolute path of its file to write as a Lhotse source; received ${JSON.stringify(shown.source.path)}, a path as the API shows it to a reader without the CLI token or the API key`, { audioId: shown.id });
  }
  const stems = new Map<string, number>();
  const stemOf = (a: ExportedAudio) => basename(a.source.path, extname(a.source.path));
  for (const a of withFile) stems.set(stemOf(a), (stems.get(stemOf(a)) ?? 0) + 1);
  const recordings: LhotseRecording[] = [];
  const supervisions: LhotseSupervision[] = [];
  for (const a of withFile) {
    const id = stems.get(stemOf(a))! > 1 ? `${stemOf(a)}-${a.id}` : stemOf(a);
    const rate = a.source.sampleRate!;
    const channels = Array.from({ length: Math.max(1, a.source.channels ?? 1) }, (_, c) => c);
    const numSamples = Math.round(a.source.durationSeconds! * rate);
    recordings.push({ id, sources: [{ type: 'file', channels, source: a.source.path }], sampling_rate: rate, num_samples: numSamples, duration: numSamples / rate, channel_ids: channels });
    a.labels.forEach((l, i) => {
      supervisions.push({ id: `${id}-${String(i + 1).padStart(4, '0')}`, recording_id: id, start: micro(l.startSeconds), duration: micro(Math.max(0, l.endSeconds - l.startSeconds)), channel: channels.length === 1 ? 0 : channels, custom: { label: l.label } });
    });
  }
  return { recordings, supervisions, leftOut: audios.filter((a) => !withFile.includes(a)).map((a) => a.id) };
}

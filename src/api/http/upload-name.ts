import { ErrorCode, invalidArgument, TokenscopeError } from '../../errors.js';
import { clip, excerpt } from '../../jsutils/excerpt.js';

/** Extensions an upload may have (lower case, without the dot): what the audio ingest decodes. */
export const UPLOAD_EXTENSIONS: readonly string[] = ['wav', 'flac', 'mp3', 'ogg', 'opus'];

/**
 * Extensions of the label files an upload may carry: an Audacity track (.txt, same stem as its
 * audio, read by the ingest as that audio's labels) or a label table (.csv, for importLabels).
 */
export const LABEL_UPLOAD_EXTENSIONS: readonly string[] = ['txt', 'csv'];

/** Longest upload file name, in characters. */
export const MAX_UPLOAD_NAME = 200;

/**
 * The file name an upload is stored under: the client's name without any folder part (so `../x.wav`
 * is `x.wav`), every character outside `A-Z a-z 0-9 . _ - space` replaced with '_'. INVALID_ARGUMENT
 * for an empty, hidden (leading '.') or overlong name; UNSUPPORTED_FORMAT for an extension other than
 * wav, flac, mp3, ogg, opus, or a label file's txt or csv (in any case).
 */
export function checkUploadName(raw: string): string {
  const base = raw.split(/[/\\]/).at(-1)!.trim();
  const name = base.replace(/[^A-Za-z0-9._ -]/g, '_');
  if (name === '') throw invalidArgument(`name must be a file name; received ${excerpt(raw)}`, { argument: 'name', value: clip(raw) });
  if (name.startsWith('.')) throw invalidArgument(`name must not start with '.'; received ${excerpt(name)}`, { argument: 'name', value: clip(raw) });
  if (name.length > MAX_UPLOAD_NAME) throw invalidArgument(`name must be at most ${MAX_UPLOAD_NAME} characters; received ${name.length}`, { argument: 'name', value: clip(raw) });
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (!UPLOAD_EXTENSIONS.includes(extension) && !LABEL_UPLOAD_EXTENSIONS.includes(extension)) {
    throw new TokenscopeError(ErrorCode.UNSUPPORTED_FORMAT, `name must end in .${UPLOAD_EXTENSIONS.join(', .')} (audio) or .${LABEL_UPLOAD_EXTENSIONS.join(', .')} (labels); received ${excerpt(name)}`, { argument: 'name', value: clip(raw) });
  }
  return name;
}

/** Characters of a transcript kept when it names an audio. */
export const NAME_TEXT_CHARACTERS = 40;

/** What audioName reads of an audio. */
export interface NamedSource {
  sourcePath: string;
  /** JSONL line (1-based) or JSON list index; null for a whole file. */
  sourceLine: number | null;
  text: string | null;
  metadata: Readonly<Record<string, string>>;
}

const baseName = (path: string): string => path.replaceAll('\\', '/').split('/').filter(Boolean).at(-1) ?? path;

/**
 * A short name that tells an audio apart from the others of its file: the file name for a whole
 * file; for a line of a code file its `audio` (file name only) or `id` field, else its text
 * (first NAME_TEXT_CHARACTERS characters), else `file#line`. 481 lines of one JSONL get 481 names.
 */
export function audioName(source: NamedSource): string {
  const file = baseName(source.sourcePath);
  if (source.sourceLine === null) return file;
  const audio = source.metadata['audio']?.trim();
  if (audio) return baseName(audio);
  const id = source.metadata['id']?.trim();
  if (id) return id;
  const text = source.text?.trim().replace(/\s+/g, ' ');
  if (text) return text.length > NAME_TEXT_CHARACTERS ? `${text.slice(0, NAME_TEXT_CHARACTERS - 1)}…` : text;
  return `${file}#${source.sourceLine}`;
}

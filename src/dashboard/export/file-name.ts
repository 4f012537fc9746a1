/** A file-name-safe slug: lowercase letters, digits and single hyphens, at most `max` characters. */
export function slug(text: string, max = 60): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents decomposed off their letters
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}

/** Route parameters that name what a view shows (corpora, audios, runs, layers), in this order. */
const SUBJECT_PARAMS = ['corpus', 'compare', 'corpora', 'target', 'reference', 'layer', 'run', 'vs'];

/**
 * Which data a view shows, for export file names: the view's own subject when it set one, else its
 * route (`#/audio/3` → `audio-3`, `#/corpora?compare=a,b` → `a-b`, `#/tokens` → `tokens`).
 */
export function routeSubject(hash: string): string {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [view = '', id] = path.split('/');
  const params = new URLSearchParams(query);
  const parts = [id ? `${view}-${id}` : '', ...SUBJECT_PARAMS.map((p) => params.get(p) ?? '')].filter(Boolean);
  return slug(parts.join('-') || view || 'dashboard');
}

/** `tokenscope-<what>-<which>.<ext>`, e.g. `tokenscope-layer-stats-demo-audio.csv`. */
export function exportFileName(what: string, which: string, ext: string): string {
  return `${['tokenscope', slug(what), slug(which)].filter(Boolean).join('-')}.${ext}`;
}

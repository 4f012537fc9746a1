/** Routes of the dashboard: parsing and building location hashes (no DOM here, so it is unit-tested in Node). */

/** A parsed location hash: #/<view>/<id>?<params>. */
export interface Route {
  view: string;
  id: string | null;
  params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = raw.split('?', 2);
  const [view = '', id = null] = path.split('/').filter(Boolean);
  return { view: view || 'corpora', id: id ? decodeURIComponent(id) : null, params: new URLSearchParams(query) };
}

/** The hash of a view with an id and parameters (empty values left out). */
export function href(view: string, id: string | number | null = null, params: Record<string, string | number | null | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const query = q.toString();
  return `#/${view}${id !== null ? `/${encodeURIComponent(String(id))}` : ''}${query ? `?${query}` : ''}`;
}

/** The hash `hash` with `params` merged into its parameters (empty values remove one). */
export function withParams(hash: string, params: Record<string, string | number | null | undefined>): string {
  const route = parseRoute(hash);
  const merged: Record<string, string> = Object.fromEntries(route.params.entries());
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === '') delete merged[k];
    else merged[k] = String(v);
  }
  return href(route.view, route.id, merged);
}

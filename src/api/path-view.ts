import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { isInside } from './data-roots.js';

/** Shown instead of a folder that is neither a data root nor the models folder. */
export const OUTSIDE = '<outside the data roots>';

/**
 * How server-side paths are shown to one caller: as they are to a trusted one (the key, or a
 * loopback server without one), relative to their folder to anyone else, so that no response
 * tells an anonymous reader where the data roots, the models or anything else lie.
 */
export interface PathView {
  readonly trusted: boolean;
  /**
   * A path as this caller may see it. Untrusted: `<root N>/rel/path` below the N-th data root,
   * `<models>/rel/path` below the models folder, `<outside the data roots>/<file name>` for any
   * other absolute path; a relative path (the caller's own input) as it is.
   */
  path(p: string): string;
  /**
   * A text (an error message) with every path below a data root or the models folder shown as
   * path() shows it, and each of the `hidden` absolute paths (a symlink target, say) replaced by
   * `<outside the data roots>` when it lies below neither.
   */
  text(t: string, hidden?: readonly string[]): string;
}

/** The view of a trusted caller: every path as it is. */
export const ABSOLUTE_PATHS: PathView = { trusted: true, path: (p) => p, text: (t) => t };

interface Folder {
  path: string;
  label: string;
}

/** Characters a path in a message runs on with (a regex class): up to white space, punctuation or brackets. */
const PATH_CHARS = `[^\\s,;:'"()\\[\\]]`;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The view of an untrusted caller, for data roots `roots` and models folder `modelsDir`. Both
 * the configured and the real path (symlinks followed) of each folder are recognised, the real
 * ones looked up once, on first use.
 */
export function relativePaths(roots: readonly string[], modelsDir: string): PathView {
  let folders: Folder[] | null = null;
  const known = (): Folder[] => {
    if (folders) return folders;
    const named = [...roots.map((r, i) => ({ path: resolve(r), label: `<root ${i + 1}>` })), { path: resolve(modelsDir), label: '<models>' }];
    const real = named.flatMap((f) => {
      try {
        const r = realpathSync.native(f.path);
        return r === f.path ? [] : [{ path: r, label: f.label }];
      } catch {
        return [];
      }
    });
    // Longest first, so a folder inside another is matched before it.
    folders = [...named, ...real].sort((a, b) => b.path.length - a.path.length);
    return folders;
  };
  const under = (p: string): string | null => {
    for (const f of known()) {
      if (!isInside(f.path, p)) continue;
      const rel = relative(f.path, p);
      return rel === '' ? f.label : `${f.label}/${rel.split(sep).join('/')}`;
    }
    return null;
  };
  const path = (p: string): string => (isAbsolute(p) ? (under(resolve(p)) ?? `${OUTSIDE}/${basename(p)}`) : p);
  const text = (t: string, hidden: readonly string[] = []): string => {
    let out = t;
    for (const h of [...hidden].filter((p) => isAbsolute(p) && p.length > 1).sort((a, b) => b.length - a.length)) {
      out = out.split(h).join(under(resolve(h)) ?? OUTSIDE);
    }
    for (const f of known()) {
      if (dirname(f.path) === f.path) continue; // a root of `/` would turn every slash into a label
      // The folder, then its rest up to a delimiter; not a longer name that merely starts like it.
      const pattern = new RegExp(`${escapeRegExp(f.path)}(${escapeRegExp(sep)}${PATH_CHARS}*)?(?![\\w-])`, 'g');
      out = out.replace(pattern, (_m, rest: string | undefined) => (rest ? `${f.label}/${rest.slice(1).split(sep).join('/')}` : f.label));
    }
    return out;
  };
  return { trusted: false, path, text };
}

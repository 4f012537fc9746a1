import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * Bundles the dashboard (src/dashboard, type-checked separately by `tsc -p tsconfig.dashboard.json`) into
 * dist/web: index.html, assets/app.js and assets/app.css. Run from the repo root.
 */
const root = process.cwd();
const out = resolve(root, 'dist', 'web');
await rm(out, { recursive: true, force: true });
await mkdir(join(out, 'assets'), { recursive: true });
const result = await build({
  entryPoints: { app: join(root, 'src', 'dashboard', 'main.ts') },
  bundle: true,
  format: 'esm',
  target: ['chrome120', 'firefox120', 'safari17'],
  minify: true,
  sourcemap: true,
  outdir: join(out, 'assets'),
  metafile: true,
  logLevel: 'warning',
  legalComments: 'linked',
});
await copyFile(join(root, 'src', 'dashboard', 'index.html'), join(out, 'index.html'));
await copyFile(join(root, 'src', 'dashboard', 'styles.css'), join(out, 'assets', 'app.css'));
const bytes = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith('.js')).reduce((n, [, o]) => n + o.bytes, 0);
console.log(`dashboard bundled into ${out} (${(bytes / 1024).toFixed(0)} KiB of JavaScript)`);

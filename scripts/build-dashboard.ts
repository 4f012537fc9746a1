import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * Bundles the dashboard (src/dashboard, type-checked separately by `tsc -p tsconfig.dashboard.json`) into
 * dist/web: index.html, assets/app.js and assets/app.css; and the GraphQL IDE: graphiql.html,
 * assets/ide.js and ide.css, with GraphiQL's and React's UMD builds copied from node_modules so the
 * IDE needs no other host. Run from the repo root.
 */
const root = process.cwd();
const out = resolve(root, 'dist', 'web');
await rm(out, { recursive: true, force: true });
await mkdir(join(out, 'assets'), { recursive: true });
const result = await build({
  entryPoints: { app: join(root, 'src', 'dashboard', 'main.ts'), ide: join(root, 'src', 'dashboard', 'ide', 'ide.ts') },
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
await copyFile(join(root, 'src', 'dashboard', 'ide', 'graphiql.html'), join(out, 'graphiql.html'));
await copyFile(join(root, 'src', 'dashboard', 'ide', 'ide.css'), join(out, 'assets', 'ide.css'));
const modules = join(root, 'node_modules');
for (const file of ['graphiql/graphiql.min.js', 'graphiql/graphiql.min.css', 'react/umd/react.production.min.js', 'react-dom/umd/react-dom.production.min.js']) {
  await copyFile(join(modules, file), join(out, 'assets', file.split('/').at(-1)!));
}
const bytes = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith('.js')).reduce((n, [, o]) => n + o.bytes, 0);
console.log(`dashboard bundled into ${out} (${(bytes / 1024).toFixed(0)} KiB of JavaScript)`);

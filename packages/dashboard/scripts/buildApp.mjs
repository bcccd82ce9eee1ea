// Bundles the browser app (app/) into assets/app.js and assets/app.css with esbuild.
// Run by `npm run build` (and so by `npm install` / `npm ci` through the root `prepare`).
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
await build({
  absWorkingDir: root,
  entryPoints: { app: 'app/main.tsx' },
  outdir: 'assets',
  bundle: true,
  format: 'esm',
  minify: true,
  sourcemap: false,
  target: ['chrome110', 'firefox110', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'eof',
  logLevel: 'warning',
})
await build({
  absWorkingDir: root,
  entryPoints: { app: 'app/styles.css' },
  outdir: 'assets',
  bundle: true,
  minify: true,
  logLevel: 'warning',
})

// bundle.mjs: the second step of `npm run build`. Bundles tsc's output (dist/) into dist/bundle/
// with esbuild, one file a process entry plus shared chunks, so that a command loads a few files
// instead of about 400 modules (ours, zod's, yaml's, commander's). bin/flashcrowd.js runs the
// bundle; tests and bench scripts that import single modules keep using dist/ as tsc wrote it.
//
// Layout (paths between entries are resolved from import.meta.url, so they must stay one folder
// below dist/bundle/, as they are one folder below dist/):
//   dist/bundle/cli/main.js                      the CLI (bin/flashcrowd.js imports it)
//   dist/bundle/generator/worker.js              a traffic worker thread (coordinator.ts)
//   dist/bundle/notes-api/embedded-target-child.js  the embedded target's process
//   dist/bundle/chunks/*.js                      code shared by entries or loaded lazily
//
// Packages are bundled too, except those read through createRequire at run time (jsonpath-plus,
// tough-cookie, undici's internals, uPlot's assets), which esbuild leaves alone and Node resolves
// from node_modules as before. pako is left out altogether (see withoutPako).
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const outdir = join(dist, 'bundle');

const entries = ['cli/main.js', 'generator/worker.js', 'notes-api/embedded-target-child.js'];

/**
 * withoutPako: `require('pako')` gives null. hdr-histogram-js's encoding requires pako (219 KB of
 * the 339 KB a thread loaded to record latencies) only as the browsers' deflate: in Node it
 * takes `require("zlib")` first (JsHistogram.encoding.js, findDeflateFunction), so pako's code
 * was loaded and never run. test/build/bundle.test.ts checks that the bundle encodes and decodes.
 */
const withoutPako = {
  name: 'without-pako',
  setup(b) {
    b.onResolve({ filter: /^pako$/ }, () => ({ path: 'pako', namespace: 'without-pako' }));
    b.onLoad({ filter: /.*/, namespace: 'without-pako' }, () => ({
      contents: 'module.exports = null;',
    }));
  },
};

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: entries.map((e) => join(dist, e)),
  outbase: dist,
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  // ES module builds first: a package's CommonJS build, when imported with import(), gives only
  // a default export (esbuild cannot know its names), so `const { SignatureV4 } = await
  // import('@smithy/signature-v4')` would find nothing.
  mainFields: ['module', 'main'],
  sourcemap: true,
  // Bundled CommonJS packages (yaml, commander) call require(); an ES module has none, so each
  // output file gets one bound to its own location.
  banner: {
    js: "import { createRequire as __flashcrowdRequire } from 'node:module'; const require = __flashcrowdRequire(import.meta.url);",
  },
  plugins: [withoutPako],
  logLevel: 'warning',
});

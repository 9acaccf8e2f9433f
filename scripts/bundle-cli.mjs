/**
 * Build step: the command line as a few files instead of sixty modules. Node 20 resolves, reads
 * and compiles each ES module of the import graph one by one, with no compile cache: for
 * `classif search` that was a fifth of its time (docs/performance.md). esbuild bundles what tsc
 * emitted (dist/cli/main.js and what it imports) into dist/cli/main.js again, splitting what is
 * imported on demand (the audit, the YAML path, the reports) into chunks of dist/cli/ that load
 * only when used; packages stay imports of node_modules.
 *
 * Bundled code keeps working from dist/cli/: PACKAGE_ROOT and the other paths taken from
 * `import.meta.url` are two folders up from any dist/<folder>/ file, and the audit's worker thread
 * is found at ../service/ (src/service/audit-parallel.ts), where tsc wrote it. The server, the
 * library (dist/index.js) and that worker run tsc's files as before.
 *   node scripts/bundle-cli.mjs [dist/cli]   (after tsc, in `npm run build`)
 */
import { mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const dir = resolve(process.argv[2] ?? join(import.meta.dirname, '..', 'dist', 'cli'));
// Bundled beside dist/cli (the same depth: the maps' relative paths hold), then moved in: the
// chunks of an earlier build (their names are hashes of their contents) are removed only once
// the new ones exist, so that a failed or repeated run (main.js already a bundle, importing
// them) never leaves main.js importing chunks that are gone.
const out = mkdtempSync(join(dir, '..', '.cli-bundle-'));
try {
  await build({
    entryPoints: [join(dir, 'main.js')],
    outdir: out,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    // Composed with tsc's maps: a stack points into src/.
    sourcemap: true,
    logLevel: 'warning',
  });
  for (const f of readdirSync(dir)) if (/^chunk-.*\.js(\.map)?$/.test(f)) rmSync(join(dir, f));
  for (const f of readdirSync(out)) renameSync(join(out, f), join(dir, f));
} finally {
  rmSync(out, { recursive: true, force: true });
}

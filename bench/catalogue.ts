/**
 * Catalogue load time, cold: each sample is a fresh Node process that imports the built library
 * and loads the catalogue — from the snapshot the build validated (what the CLI, the server and
 * `loadCatalogue()` do), and by reading and validating every YAML file (`validate: true`).
 * Target: under 100 ms.
 *   npm run build && npx tsx bench/catalogue.ts
 */
import { execFileSync } from 'node:child_process';
import { fmt, percentiles } from './stats.js';

const RUNS = 15;
const script = `
const t0 = performance.now();
const { loadCatalogue } = await import('./dist/index.js');
const t1 = performance.now();
const c = loadCatalogue(process.argv[1] === 'validate' ? { validate: true } : {});
const t2 = performance.now();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, loadMs: t2 - t1, grids: c.conventions.flatMap((x) => x.grids).length }));
`;
function sample(mode: string) {
  const load: number[] = [];
  const imp: number[] = [];
  let grids = 0;
  for (let i = 0; i < RUNS; i++) {
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script, mode], { encoding: 'utf8' })) as { importMs: number; loadMs: number; grids: number };
    load.push(out.loadMs);
    imp.push(out.importMs);
    grids = out.grids;
  }
  return { load: percentiles(load), imp: percentiles(imp), grids };
}
const snap = sample('snapshot');
const full = sample('validate');
console.log(`catalogue: ${snap.grids} grids, ${RUNS} cold runs each`);
console.log(`  import of the library          p50 ${fmt(snap.imp.p50)}  max ${fmt(snap.imp.max)}`);
console.log(`  loadCatalogue() (snapshot)     p50 ${fmt(snap.load.p50)}  max ${fmt(snap.load.max)}  (target < 100 ms) ${snap.load.p50 < 100 ? 'OK' : 'OVER'}`);
console.log(`  loadCatalogue({ validate })    p50 ${fmt(full.load.p50)}  max ${fmt(full.load.max)}  (YAML parse + schemas + cross-references)`);

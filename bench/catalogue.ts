/**
 * Catalogue load time, cold: each sample is a fresh Node process that imports the built library
 * and loads (parses and validates) every grid file. Target: under 100 ms.
 *   npm run build && npx tsx bench/catalogue.ts
 */
import { execFileSync } from 'node:child_process';
import { fmt, percentiles } from './stats.js';

const RUNS = 15;
const script = `
const t0 = performance.now();
const { loadCatalogue } = await import('./dist/index.js');
const t1 = performance.now();
const c = loadCatalogue();
const t2 = performance.now();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, loadMs: t2 - t1, grids: c.conventions.flatMap((x) => x.grids).length }));
`;
const load: number[] = [];
const imp: number[] = [];
let grids = 0;
for (let i = 0; i < RUNS; i++) {
  const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as { importMs: number; loadMs: number; grids: number };
  load.push(out.loadMs);
  imp.push(out.importMs);
  grids = out.grids;
}
const l = percentiles(load);
const m = percentiles(imp);
console.log(`catalogue: ${grids} grids, ${RUNS} cold runs`);
console.log(`  import of the library   p50 ${fmt(m.p50)}  max ${fmt(m.max)}`);
console.log(`  loadCatalogue()         p50 ${fmt(l.p50)}  max ${fmt(l.max)}  (target < 100 ms) ${l.max < 100 ? 'OK' : 'OVER'}`);

/**
 * Search latency over all 114 photo titles of the 2024 grid and variants people type (no
 * accents, feminine, plural, upper case, a typo), p50/p99 in process; then `classif search` end
 * to end against a bare `node -e ""`. Targets: p99 < 2 ms; CLI < 3× bare Node start-up.
 *   npm run build && npx tsx bench/search.ts
 */
import { execFileSync } from 'node:child_process';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { searchJobs } from '../src/match/search.js';
import { titleVariants } from '../test/support/variants.js';
import { fmt, percentiles } from './stats.js';

const grid = loadCatalogue().convention('3168')!.grid('3168-2024')!;
const queries = grid.jobs.flatMap((job) => titleVariants(job.title).map((q) => ({ q, job })));

for (const { q } of queries.slice(0, 200)) searchJobs(grid, q); // warm-up (index build, JIT)
const times: number[] = [];
let top1 = 0;
for (let round = 0; round < 5; round++) {
  for (const { q, job } of queries) {
    const t0 = performance.now();
    const results = searchJobs(grid, q, { limit: 10 });
    times.push(performance.now() - t0);
    // A title shared by two filières (e.g. "Infographiste") is found if either comes first.
    if (round === 0 && results[0]?.job.title === job.title) top1++;
  }
}
const s = percentiles(times);
console.log(`search: ${grid.jobs.length} titles, ${queries.length} queries (titles and variants) × 5`);
console.log(`  latency   p50 ${fmt(s.p50)}  p99 ${fmt(s.p99)}  max ${fmt(s.max)}  (target p99 < 2 ms) ${s.p99 < 2 ? 'OK' : 'OVER'}`);
console.log(`  top-1     ${top1}/${queries.length} (${((100 * top1) / queries.length).toFixed(1)} %) find their own title first`);

const RUNS = 15;
const median = (args: string[]) => {
  const t: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    execFileSync(process.execPath, args, { stdio: 'ignore' });
    t.push(performance.now() - t0);
  }
  return percentiles(t).p50;
};
const bare = median(['-e', '']);
const cli = median(['dist/cli/main.js', 'search', '3168', 'retoucheuse 2e niveau', '--json']);
console.log(`cli: bare node -e "" p50 ${fmt(bare)}; classif search p50 ${fmt(cli)}; ratio ${(cli / bare).toFixed(2)} (target < 3) ${cli / bare < 3 ? 'OK' : 'OVER'}`);

/**
 * What one convention folder costs the catalogue: cold `loadCatalogue()` (from the build's snapshot) and
 * `classif search` end to end, with every folder against without the one named, in interleaved pairs so
 * that the load of a shared machine falls on both sides alike.
 *   npm run build && npx tsx bench/catalogue-without.ts 3248-metallurgie [pairs]
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fmt, percentiles } from './stats.js';

const [folder, pairsArg] = process.argv.slice(2);
if (!folder) throw new Error('usage: tsx bench/catalogue-without.ts <dossier de grids/> [paires]');
const pairs = Number(pairsArg ?? 40);
const here = resolve('.');
const without = mkdtempSync(join(tmpdir(), 'classif-without-'));
for (const dir of ['dist', 'texts', 'law', 'eval', 'grids']) cpSync(join(here, dir), join(without, dir), { recursive: true });
cpSync(join(here, 'package.json'), join(without, 'package.json'));
rmSync(join(without, 'grids', folder), { recursive: true });
symlinkSync(join(here, 'node_modules'), join(without, 'node_modules'));
execFileSync(process.execPath, ['dist/service/build-snapshot.js'], { cwd: without, stdio: 'ignore' });

const load = `const { loadCatalogue } = await import('./dist/index.js'); const t = performance.now(); loadCatalogue(); process.stdout.write(String(performance.now() - t));`;
const runs = { all: { load: [] as number[], cli: [] as number[] }, without: { load: [] as number[], cli: [] as number[] } };
for (let i = 0; i < pairs; i++) {
  const order = [['all', here], ['without', without]] as const;
  for (const [k, root] of i % 2 ? [...order].reverse() : order) {
    runs[k].load.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', load], { cwd: root, encoding: 'utf8' })));
    const t0 = performance.now();
    execFileSync(process.execPath, ['dist/cli/main.js', 'search', '3168', 'retoucheuse 2e niveau', '--json'], { cwd: root, stdio: 'ignore' });
    runs[k].cli.push(performance.now() - t0);
  }
}
rmSync(without, { recursive: true });
const p = (k: 'all' | 'without', m: 'load' | 'cli') => percentiles(runs[k][m]).p50;
console.log(`catalogue with and without grids/${folder}, ${pairs} interleaved pairs of cold runs`);
console.log(`  loadCatalogue()  p50 ${fmt(p('all', 'load'))} with, ${fmt(p('without', 'load'))} without: ratio ${(p('all', 'load') / p('without', 'load')).toFixed(3)} (target ≤ 1.10)`);
console.log(`  classif search   p50 ${fmt(p('all', 'cli'))} with, ${fmt(p('without', 'cli'))} without: ratio ${(p('all', 'cli') / p('without', 'cli')).toFixed(3)} (target ≤ 1.10)`);

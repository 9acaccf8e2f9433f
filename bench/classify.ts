/**
 * Latency of classify and transpose in process (p50/p99), over fact sets of the three
 * conventions, from nothing known to everything known. Target: p99 under 1 ms.
 *   npx tsx bench/classify.ts
 */
import { classify } from '../src/classify/classify.js';
import { transpose } from '../src/classify/transpose.js';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { fmt, percentiles } from './stats.js';

const catalogue = loadCatalogue();
const at = '2025-06-01';
const photo = catalogue.convention('3168')!;
const optique = catalogue.convention('1431')!;
const vad = catalogue.convention('2198')!;
const g3168 = photo.gridAt(at)!;
const g1431 = optique.gridAt(at)!;
const g2198 = vad.gridAt(at)!;

const classifyCases: [typeof g3168, Record<string, unknown>][] = [
  [g3168, {}],
  [g3168, { jobId: g3168.jobs[0]!.id, positionSince: '2024-01-15' }],
  [g3168, { jobId: g3168.jobs.find((j) => j.track === 'photographie-professionnelle')!.id, diploma: 'diplome-branche' }],
  [g1431, {}],
  [g1431, { diploma: 'bts', yearsOfPractice: 1 }],
  [g1431, { diploma: 'bts', yearsOfPractice: 5, referentDomains: ['atelier', 'contactologie'], advancedPractices: ['basse-vision'] }],
  [g1431, { diploma: 'none', managedStaff: 2 }],
  [g2198, {}],
  [g2198, { jobId: g2198.jobs[0]!.id, positionSince: '2024-09-01' }],
  [g2198, { autonomie: 'C', activite: 'D', responsabilite: 'C', connaissancesRequises: 'D' }],
];
const transposeCases: [typeof photo, string, Record<string, unknown>][] = [
  [optique, '100', {}],
  [optique, '140', { diploma: 'bts', yearsOfPractice: 3 }],
  [optique, '220', { diploma: 'none' }],
  [photo, '155', {}],
];

function measure(name: string, run: () => void, rounds = 2000): void {
  for (let i = 0; i < 200; i++) run();
  const t: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    run();
    t.push(performance.now() - t0);
  }
  const s = percentiles(t);
  console.log(`  ${name.padEnd(12)} p50 ${fmt(s.p50)}  p99 ${fmt(s.p99)}  (target p99 < 1 ms) ${s.p99 < 1 ? 'OK' : 'OVER'}`);
}

console.log(`classify: ${classifyCases.length} fact sets; transpose: ${transposeCases.length} positions`);
let i = 0;
measure('classify', () => {
  const [grid, facts] = classifyCases[i++ % classifyCases.length]!;
  classify(grid, facts, { at });
}, 10_000);
let k = 0;
measure('transpose', () => {
  const [conv, from, facts] = transposeCases[k++ % transposeCases.length]!;
  transpose(conv, { from, facts, at });
}, 10_000);

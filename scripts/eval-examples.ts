/**
 * Leave-one-set-out cross-validation of the learned `examples` signal (src/match/examples.ts):
 * for each tuning set S that eval/training.json lists, the signal learns from the other sets and
 * the matcher is measured on S, without the signal and with it at a few weights. The mean over
 * the sets estimates how the signal does on text it has not learned from; choose its weight
 * (WEIGHTS.examples) on that mean only.
 *
 * Caveat: every set listed here was also used to hand-tune the rest of the matcher, so the
 * "without" column is in-sample for the hand-built signals; the gain the learned signal shows is
 * what it adds to a matcher already fitted to these texts (docs/matching.md).
 *
 *   npx tsx scripts/eval-examples.ts                      # weights 0, 0.1, 0.2, 0.3, 0.5, 0.8
 *   npx tsx scripts/eval-examples.ts --weights 0,0.2 -v   # and the cases the signal changes
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { loadCatalogue, PACKAGE_ROOT } from '../src/grids/catalogue.js';
import { readTraining } from '../src/grids/examples.js';
import type { Example } from '../src/match/examples.js';
import { scoreJobs } from '../src/match/describe.js';
import { labelledJobs } from '../src/match/learned-examples.js';
import { WEIGHTS } from '../src/match/score-weights.js';

interface Case {
  id: string;
  idcc: string;
  text: string;
  expect: { job: string; positions: string[] };
}

const { values } = parseArgs({ options: { weights: { type: 'string', default: '0,0.1,0.2,0.3,0.5,0.8' }, verbose: { type: 'boolean', short: 'v' } } });
const weights = values.weights!.split(',').map(Number);
const training = readTraining(PACKAGE_ROOT);
if (!training) throw new Error('eval/training.json manquant');
const sets = new Map(training.sets.map((s) => [s, parse(readFileSync(new URL(`../eval/${s}.yaml`, import.meta.url), 'utf8')) as Case[]]));
const catalogue = loadCatalogue();
const gridOf = (idcc: string) => catalogue.convention(idcc)!.gridAt(training.at)!;
const AT = '2026-11-15'; // dated starts counted to a fixed year, so that the figures do not drift

type Tally = { n: number; top1: number[]; top3: number[]; rr: number[] };
const tallies = new Map<string, Tally>(); // `${set}|${idcc}`
const changed: string[] = [];
for (const [held, cases] of sets) {
  // The examples of the other sets, one list per convention (one index each).
  const train = new Map<string, Example[]>();
  for (const [name, other] of sets) {
    if (name === held) continue;
    for (const c of other) train.set(c.idcc, [...(train.get(c.idcc) ?? []), { id: c.id, text: c.text, job: c.expect.job }]);
  }
  for (const c of cases) {
    const grid = gridOf(c.idcc);
    const right = new Set(labelledJobs(grid, c.expect.job).map((i) => grid.jobs[i]!));
    const scored = scoreJobs(grid, c.text, { at: AT, examples: train.get(c.idcc) ?? [] });
    const t = tallies.get(`${held}|${c.idcc}`) ?? { n: 0, top1: weights.map(() => 0), top3: weights.map(() => 0), rr: weights.map(() => 0) };
    tallies.set(`${held}|${c.idcc}`, t);
    t.n++;
    const firsts: string[] = [];
    weights.forEach((w, k) => {
      const ranked = scored.map((s) => ({ job: s.job, score: s.score - WEIGHTS.examples * s.signals.examples + w * s.signals.examples })).sort((a, b) => b.score - a.score);
      // One answer per title and positions, as matchDescription gives them.
      const seen = new Set<string>();
      const distinct = ranked.filter((r) => {
        const key = `${r.job.title}|${[...r.job.positions].sort().join(',')}`;
        return seen.has(key) ? false : (seen.add(key), true);
      });
      if (right.has(distinct[0]!.job)) t.top1[k]!++;
      if (distinct.slice(0, 3).some((r) => right.has(r.job))) t.top3[k]!++;
      const rank = distinct.findIndex((r) => right.has(r.job));
      if (rank >= 0) t.rr[k]! += 1 / (rank + 1);
      firsts.push(distinct[0]!.job.title);
    });
    if (values.verbose && new Set(firsts).size > 1) changed.push(`${c.id} attendu « ${c.expect.job} » : ${weights.map((w, k) => `${w} → ${firsts[k]}`).join(' ; ')}`);
  }
}

const pct = (a: number, n: number) => ((100 * a) / n).toFixed(1);
console.log(`Validation croisée « un jeu laissé de côté » (${training.sets.join(', ')}) : top-1 / top-3 en %, par poids du signal examples (0 = sans).`);
console.log('Attention : ces jeux ont aussi servi à régler le reste du matcher à la main ; la colonne 0 est donc « dans l’échantillon » pour lui.');
console.log(`jeu      IDCC     n  ${weights.map((w) => `w=${w}`.padStart(15)).join('')}`);
const line = (label: string, idcc: string, ts: Tally[]) => {
  const n = ts.reduce((a, t) => a + t.n, 0);
  const cells = weights.map((_, k) => `${pct(ts.reduce((a, t) => a + t.top1[k]!, 0), n)} / ${pct(ts.reduce((a, t) => a + t.top3[k]!, 0), n)}`.padStart(15));
  console.log(`${label.padEnd(8)} ${idcc.padEnd(5)} ${String(n).padStart(4)}  ${cells.join('')}`);
};
const idccs = [...new Set([...tallies.keys()].map((k) => k.split('|')[1]!))].sort();
for (const held of sets.keys()) {
  for (const idcc of idccs) {
    const t = tallies.get(`${held}|${idcc}`);
    if (t) line(held, idcc, [t]);
  }
  line(held, 'total', idccs.flatMap((i) => tallies.get(`${held}|${i}`) ?? []));
}
for (const idcc of idccs) line('tous', idcc, [...sets.keys()].flatMap((s) => tallies.get(`${s}|${idcc}`) ?? []));
line('tous', 'total', [...tallies.values()]);
const all = [...tallies.values()];
const total = all.reduce((a, t) => a + t.n, 0);
console.log(`rang réciproque moyen (départage)  ${weights.map((_, k) => (all.reduce((a, t) => a + t.rr[k]!, 0) / total).toFixed(4).padStart(15)).join('')}`);
if (values.verbose) for (const c of changed) console.log(c);

/**
 * Accuracy of the search on the evaluation sets (eval/*.yaml), as a user meets it: each text goes
 * through `searchGrid` (a title to the title search, a description to the matcher). Top-1 and
 * top-3 (a right job among the first results), within-range (the first result's positions include
 * an expected one), then the reliability of the confidence: bins of the first answer's confidence
 * → share right, the expected calibration error (ECE), and the share right of the confident
 * answers (confidence ≥ 0.9, not uncertain).
 *   npm run eval                          # the held-out test split (never tune on it)
 *   npm run eval -- --set dev             # a development split
 *   npm run eval -- --set test,fresh4 -v  # several sets, and the misses
 *
 * The sets eval/training.json lists train the learned `examples` signal: measured here they are
 * in-sample for it (the run says so). Its honest measure is scripts/eval-examples.ts.
 */
import { parseArgs } from 'node:util';
import { searchGrid } from '../src/match/grid-search.js';
import { loadCatalogue, PACKAGE_ROOT } from '../src/grids/catalogue.js';
import { readTraining } from '../src/grids/examples.js';
import { confidentOf, eceByChance, readSet, reliability, rightAnswer } from './eval-sets.js';

const { values } = parseArgs({ options: { set: { type: 'string', default: 'test' }, verbose: { type: 'boolean', short: 'v' } } });
const sets = values.set === 'all' ? ['dev', 'test'] : values.set!.split(',');
const cases = sets.flatMap(readSet);
const catalogue = loadCatalogue();

const stats = new Map<string, { n: number; top1: number; strict: number; top3: number; range: number; ms: number[] }>();
const answers: { confidence: number; right: boolean; uncertain: boolean }[] = [];
for (const c of cases) {
  const grid = catalogue.convention(c.idcc)!.gridAt('2025-06-01')!;
  const t0 = performance.now();
  const answer = searchGrid(grid, c.text, { limit: 3 });
  const ms = performance.now() - t0;
  const results = answer.results;
  const s = stats.get(c.idcc) ?? { n: 0, top1: 0, strict: 0, top3: 0, range: 0, ms: [] };
  stats.set(c.idcc, s);
  s.n++;
  s.ms.push(ms);
  const same = rightAnswer(c);
  const hit1 = results[0] !== undefined && same(results[0].job.title);
  if (hit1) s.top1++;
  if (results[0] !== undefined && rightAnswer({ ...c, accept: [], expect: { ...c.expect, accept: [] } })(results[0].job.title)) s.strict++;
  if (results.some((r) => same(r.job.title))) s.top3++;
  if (results[0]?.positions.some((p) => c.expect.positions.includes(p))) s.range++;
  answers.push({ confidence: results[0]?.confidence ?? 0, right: hit1, uncertain: answer.uncertain });
  if (values.verbose && !hit1) {
    console.log(`✗ ${c.id} « ${c.text.slice(0, 80).replace(/\n/g, " ")} » [${answer.mode}] attendu « ${c.expect.job} » ${c.expect.positions.join('/')} — obtenu ${results.map((r) => `« ${r.job.title} » ${r.positions.join('/')} (${(r.confidence ?? 0).toFixed(2)})`).join(' ; ')}`);
  }
}
const pct = (a: number, n: number) => `${((100 * a) / (n || 1)).toFixed(1).padStart(5)} %`;
console.log(`jeu ${sets.join('+')} — ${cases.length} textes`);
const learned = sets.filter((s) => readTraining(PACKAGE_ROOT)?.sets.includes(s));
if (learned.length > 0) {
  console.log(`attention : mesure dans l'échantillon pour le signal appris « examples », entraîné sur ${learned.join(', ')} (eval/training.json) ; estimation honnête : npx tsx scripts/eval-examples.ts`);
}
console.log('IDCC   n    top-1     top-3     dans la plage   top-1 strict (sans accept)   latence p50');
let all = { n: 0, top1: 0, strict: 0, top3: 0, range: 0 };
for (const [idcc, s] of [...stats.entries()].sort()) {
  const p50 = [...s.ms].sort((a, b) => a - b)[Math.floor(s.ms.length / 2)]!;
  console.log(`${idcc}  ${String(s.n).padStart(3)}  ${pct(s.top1, s.n)}  ${pct(s.top3, s.n)}  ${pct(s.range, s.n)}       ${pct(s.strict, s.n)}                  ${p50.toFixed(2)} ms`);
  all = { n: all.n + s.n, top1: all.top1 + s.top1, strict: all.strict + s.strict, top3: all.top3 + s.top3, range: all.range + s.range };
}
console.log(`total  ${String(all.n).padStart(3)}  ${pct(all.top1, all.n)}  ${pct(all.top3, all.n)}  ${pct(all.range, all.n)}       ${pct(all.strict, all.n)}`);
const { bins, ece } = reliability(answers);
console.log('\nconfiance de la 1re réponse → part juste');
for (const b of bins) if (b.n > 0) console.log(`[${b.lo.toFixed(2)}, ${b.hi.toFixed(2)})  n=${String(b.n).padStart(3)}  moyenne ${b.mean.toFixed(3)}  juste ${pct(b.right * b.n, b.n)}`);
const sure = confidentOf(answers);
const flagged = answers.filter((a) => a.uncertain);
console.log(`ECE ${ece.toFixed(3)} ; confiance ≥ 0,9 et non incertaine : ${sure.length} réponses, ${pct(sure.filter((a) => a.right).length, sure.length)} justes ; incertaines : ${flagged.length}, ${pct(flagged.filter((a) => a.right).length, flagged.length)} justes`);
const chance = eceByChance(answers.map((a) => a.confidence));
console.log(`ECE d'un appariement parfaitement calibré, par le seul hasard de ces ${answers.length} réponses : moyenne ${chance.mean.toFixed(3)}, 90e centile ${chance.p90.toFixed(3)} ; ECE ≤ 0,05 dans ${pct(100 * chance.atMost(0.05), 100)} des tirages`);
console.log(`les ${sure.length} réponses sûres promettent en moyenne ${pct(sure.reduce((t, a) => t + a.confidence, 0), sure.length)} de justes`);

/**
 * Out-of-fold figures of the sets a user would meet: every text answered as `searchGrid` answers
 * it (a title to the title search, a description to the matcher), the learned `examples` signal
 * trained on every tuning set of eval/training.json except the one measured (leave one set out;
 * a set not in training.json is measured with all of them). Top-1 (label or `accept`), top-3,
 * the reliability of the first answer's confidence (ECE), and the share right of the answers
 * given with confidence ≥ 0.9 and not uncertain. Held-out sets are refused.
 *   npx tsx scripts/oof.ts others-dev dev titles-dev [--failures others-dev] [--by style]
 */
import { parseArgs } from 'node:util';
import { loadCatalogue, PACKAGE_ROOT } from '../src/grids/catalogue.js';
import { isHeldOut, readTraining } from '../src/grids/examples.js';
import { matchDescription, scoreJobs } from '../src/match/describe.js';
import type { Signals } from '../src/match/signals.js';
import type { Example } from '../src/match/examples.js';
import { aboveItsCard, searchGrid } from '../src/match/grid-search.js';
import { confidentOf, eceByChance, readSet, reliability, rightAnswer, type Case } from './eval-sets.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { signals: { type: 'boolean', default: false }, failures: { type: 'string', default: '' }, json: { type: 'string', default: '' }, 'allow-final': { type: 'boolean', default: false } } });
const refused = positionals.filter(isHeldOut);
// test and fresh4 are run once, at the end, for the own-style non-regression (--allow-final).
if (refused.length > 0 && !(values['allow-final'] && refused.every((s) => s === 'test' || s === 'fresh4'))) throw new Error(`jeux réservés à la mesure : ${refused.join(', ')}`);
const training = readTraining(PACKAGE_ROOT)!;
const catalogue = loadCatalogue();
const gridOf = (idcc: string) => catalogue.convention(idcc)!.gridAt(training.at)!;
const AT = '2026-11-15';
const trainingSets = new Map(training.sets.map((s) => [s, readSet(s)]));

/** The examples of the tuning sets but `held`, one list per convention. */
function examplesWithout(held: string): Map<string, Example[]> {
  const train = new Map<string, Example[]>();
  for (const [name, cases] of trainingSets) if (name !== held) for (const c of cases) train.set(c.idcc, [...(train.get(c.idcc) ?? []), { id: c.id, text: c.text, job: c.expect.job }]);
  return train;
}

export interface OofAnswer {
  set: string;
  id: string;
  idcc: string;
  style: string;
  mode: 'title' | 'description';
  right1: boolean;
  right3: boolean;
  confidence: number;
  uncertain: boolean;
  lead: number;
  first: string;
  expected: string;
  words: number;
  /** The first answer's score. */
  score: number;
  /** The description sounds well above the first card (searchGrid flags it uncertain whatever the confidence). */
  above?: boolean;
  /** The first answer's signals, and whether it is also the first by the learned signal alone and by the cosine alone (to study the confidence, scripts/calibration-loso.ts). */
  signals?: Signals;
  firstByExamples?: boolean;
  firstByCosine?: boolean;
  /** The matcher's own `learnedAgrees` (describe.ts), which the calibration reads. */
  learnedAgrees?: boolean;
}

const out: OofAnswer[] = [];
for (const set of positionals) {
  const cases: Case[] = readSet(set);
  const train = examplesWithout(set);
  for (const c of cases) {
    const grid = gridOf(c.idcc);
    const right = rightAnswer(c);
    const answer = searchGrid(grid, c.text, { limit: 3 });
    const words = c.text.split(/\s+/).filter(Boolean).length;
    if (answer.mode === 'title') {
      const r = answer.results;
      out.push({ set, id: c.id, idcc: c.idcc, style: c.style ?? '', mode: 'title', right1: r[0] !== undefined && right(r[0].job.title), right3: r.slice(0, 3).some((x) => right(x.job.title)), confidence: r[0]?.confidence ?? 0, uncertain: answer.uncertain, lead: 0, first: r[0]?.job.title ?? '', expected: c.expect.job, words, score: r[0]?.score ?? 0 });
      continue;
    }
    const m = matchDescription(grid, c.text, { at: AT, limit: 3, examples: train.get(c.idcc) ?? [] });
    const f = m[0];
    // searchGrid's own flag: a description well above its card is uncertain too.
    const above = f !== undefined && aboveItsCard(f.level);
    const all = values.signals ? scoreJobs(grid, c.text, { at: AT, examples: train.get(c.idcc) ?? [] }) : [];
    const mine = all.find((x) => x.job.id === f?.job.id);
    const best = (k: keyof Signals) => all.reduce<(typeof all)[number] | undefined>((b, x) => (b === undefined || x.signals[k] > b.signals[k] ? x : b), undefined);
    const study = mine ? { signals: mine.signals, firstByExamples: best('examples')?.job.id === f?.job.id, firstByCosine: best('cosine')?.job.id === f?.job.id } : {};
    out.push({ ...study, set, id: c.id, idcc: c.idcc, style: c.style ?? '', mode: 'description', right1: f !== undefined && right(f.job.title), right3: m.some((x) => right(x.job.title)), confidence: f?.confidence ?? 0, uncertain: (f?.uncertain ?? true) || above, lead: f?.lead ?? 0, first: f?.job.title ?? '', expected: c.expect.job, words, score: f?.score ?? 0, above, learnedAgrees: f?.learnedAgrees ?? true });
  }
}

const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)} %`);
for (const set of positionals) {
  const a = out.filter((x) => x.set === set);
  const confident = confidentOf(a);
  const rel = reliability(a.map((x) => ({ confidence: x.confidence, right: x.right1 })));
  console.log(`${set}: n ${a.length}, top-1 ${pct(a.filter((x) => x.right1).length, a.length)}, top-3 ${pct(a.filter((x) => x.right3).length, a.length)}, ECE ${rel.ece.toFixed(3)} (hasard seul ${eceByChance(a.map((x) => x.confidence)).mean.toFixed(3)}), confiance ≥ 0.9 non incertaine ${confident.length}, justes ${pct(confident.filter((x) => x.right1).length, confident.length)}, incertaines ${a.filter((x) => x.uncertain).length}`);
  console.log('   ' + rel.bins.filter((b) => b.n > 0).map((b) => `[${b.lo},${b.hi}) n ${b.n} moy ${b.mean.toFixed(2)} justes ${(100 * b.right).toFixed(0)} %`).join(' | '));
}
for (const set of values.failures!.split(',').filter(Boolean)) {
  for (const x of out.filter((y) => y.set === set && !y.right1)) console.log(`✗ ${x.id} [${x.confidence}${x.uncertain ? ' ?' : ''}] ${x.expected} ← ${x.first}`);
}
if (values.json) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(values.json, JSON.stringify(out));
}

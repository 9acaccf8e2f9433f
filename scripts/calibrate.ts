/**
 * Fits the calibration of the confidence (src/match/calibration.ts) and writes
 * src/match/calibration-table.ts. Only answers to texts the matcher had not learned from:
 * - each tuning set of eval/training.json answered as a user meets it (`searchGrid`: a title to
 *   the title search, a description to the matcher), the matcher learning from the examples of
 *   the other sets only (leave one set out), so the learned signal never knows the text;
 * - the development sets outside training.json given with --extra (payroll titles, other
 *   branches' definitions), answered as a user meets them (`searchGrid`).
 * Held-out sets (test, fresh4, *-test) are never read here.
 *   npx tsx scripts/calibrate.ts --extra titles-own,titles-dev
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { searchGrid } from '../src/match/grid-search.js';
import { loadCatalogue, PACKAGE_ROOT } from '../src/grids/catalogue.js';
import { isHeldOut, readTraining } from '../src/grids/examples.js';
import { evidenceOf, fitIsotonic, lead, type AnswerMode } from '../src/match/calibration.js';
import { matchDescription } from '../src/match/describe.js';
import type { Example } from '../src/match/examples.js';
import { readSet, rightAnswer } from './eval-sets.js';

const { values } = parseArgs({
  options: {
    extra: { type: 'string', default: '' },
    target: { type: 'string', default: '0.95' },
    // The title answers of the tuning sets are in-sample for the lexicons' names and shorthand
    // (tuned on titles-dev): their share right is pulled toward the first-contact accuracy of
    // the title search on titles-dev, measured before any tuning on it (docs/matching.md).
    'title-prior': { type: 'string', default: '0.96:200' },
    // What the description map reads: lead + w × first score (docs/matching.md, "Confidence"); w
    // chosen by the pooled log-loss of the answers, each set's map fitted without it.
    'score-weight': { type: 'string', default: '0.3' },
    // Taken off when the learned signal ranks another job first (calibration.ts,
    // `disagreeWeight`); chosen the same way (scripts/calibration-loso.ts, docs/matching.md).
    'disagree-weight': { type: 'string', default: '0.3' },
    // A description answer is certain only where the map says it is right at least 9 times in 10:
    // the threshold fitted on the pooled answers (right ≥ 95 % from it up) sat lower (0.77–0.84),
    // where the answers of sets never seen were right 84 % of the time, and where the lower cards
    // of the no-card held-out sets were given as certain (docs/matching.md, « Certain means 0.9 »).
    'description-floor': { type: 'string', default: '0.9' },
  },
});
const extra = values.extra!.split(',').filter(Boolean);
const refused = extra.filter(isHeldOut);
if (refused.length > 0) throw new Error(`jeux réservés à la mesure : ${refused.join(', ')}`);
const training = readTraining(PACKAGE_ROOT)!;
const catalogue = loadCatalogue();
const gridOf = (idcc: string) => catalogue.convention(idcc)!.gridAt(training.at)!;
const AT = '2026-11-15';
const scoreWeight = Number(values['score-weight']);
const disagreeWeight = Number(values['disagree-weight']);
const describedBy = (m: { lead: number; score: number; learnedAgrees: boolean } | undefined) => (m === undefined ? 0 : evidenceOf({ scoreWeight, disagreeWeight }, [m.score, m.score - m.lead], !m.learnedAgrees));

// What the calibration reads: the first answer's lead over the second, and whether it was right.
const pairs: Record<AnswerMode, { raw: number; right: boolean }[]> = { title: [], description: [] };
const sets = new Map(training.sets.map((s) => [s, readSet(s)]));
/** Per tuning set, how many of its descriptions are right when the learned signal never saw them (leave one set out). */
const perSet: string[] = [];
for (const [held, cases] of sets) {
  let right1 = 0;
  const train = new Map<string, Example[]>();
  for (const [name, other] of sets) if (name !== held) for (const c of other) train.set(c.idcc, [...(train.get(c.idcc) ?? []), { id: c.id, text: c.text, job: c.expect.job }]);
  for (const c of cases) {
    // As a user meets it: a title goes to the title search (which learns nothing from examples).
    const answer = searchGrid(gridOf(c.idcc), c.text, { limit: 10 });
    if (answer.mode === 'title') {
      pairs.title.push({ raw: lead(answer.results.map((r) => r.score)), right: answer.results[0] !== undefined && rightAnswer(c)(answer.results[0].job.title) });
      continue;
    }
    const first = matchDescription(gridOf(c.idcc), c.text, { at: AT, limit: 1, examples: train.get(c.idcc) ?? [] })[0];
    pairs.description.push({ raw: describedBy(first), right: first !== undefined && rightAnswer(c)(first.job.title) });
    if (pairs.description.at(-1)!.right) right1++;
  }
  perSet.push(`${held}: ${cases.length} textes, ${right1} descriptions justes hors apprentissage`);
}
console.log(perSet.join('\n'));
for (const set of extra) {
  for (const c of readSet(set)) {
    const grid = gridOf(c.idcc);
    const answer = searchGrid(grid, c.text, { limit: 10 });
    const first = answer.results[0];
    const right = first !== undefined && rightAnswer(c)(first.job.title);
    if (answer.mode === 'description') {
      const m = matchDescription(grid, c.text, { at: AT, limit: 1 })[0];
      pairs.description.push({ raw: describedBy(m), right });
    } else {
      pairs.title.push({ raw: lead(answer.results.map((r) => r.score)), right });
    }
  }
}

/** The lowest probability from which the answers at or above it are right at least `target` of the time. */
function threshold(points: [number, number][], answers: { raw: number; right: boolean }[], target: number): number {
  const prob = (raw: number) => points.reduce((p, [x, y]) => (raw >= x ? y : p), points[0]?.[1] ?? 0);
  const scored = answers.map((a) => ({ p: prob(a.raw), right: a.right }));
  const candidates = [...new Set(scored.map((s) => s.p))].sort((a, b) => a - b);
  for (const t of candidates) {
    const above = scored.filter((s) => s.p >= t);
    if (above.filter((s) => s.right).length >= target * above.length) return t;
  }
  return 1;
}

const table: Record<AnswerMode, { points: [number, number][]; uncertainBelow: number; n: number; scoreWeight: number; disagreeWeight: number }> = {} as never;
for (const mode of ['title', 'description'] as const) {
  const [mean, weight] = values['title-prior']!.split(':').map(Number);
  const points = fitIsotonic(pairs[mode], mode === 'title' ? { mean: mean!, weight: weight! } : undefined);
  const fitted = threshold(points, pairs[mode], Number(values.target));
  table[mode] = { points, uncertainBelow: mode === 'description' ? Math.max(fitted, Number(values['description-floor'])) : fitted, n: pairs[mode].length, scoreWeight: mode === 'description' ? scoreWeight : 0, disagreeWeight: mode === 'description' ? disagreeWeight : 0 };
  console.log(`${mode}: ${pairs[mode].length} réponses, ${pairs[mode].filter((p) => p.right).length} justes ; ${points.length} paliers ; incertaine sous ${table[mode].uncertainBelow} (ajusté : ${fitted})`);
}
const body = (mode: AnswerMode) => `  ${mode}: {\n    // ${table[mode].n} answers (leave one training set out${extra.length ? `; ${extra.join(', ')}` : ''})\n    points: ${JSON.stringify(table[mode].points)},\n    uncertainBelow: ${table[mode].uncertainBelow},${table[mode].scoreWeight ? `\n    scoreWeight: ${table[mode].scoreWeight},` : ''}${table[mode].disagreeWeight ? `\n    disagreeWeight: ${table[mode].disagreeWeight},` : ''}\n  },`;
writeFileSync(
  new URL('../src/match/calibration-table.ts', import.meta.url),
  `/** Written by scripts/calibrate.ts (do not edit by hand): see docs/matching.md, "Confidence". */\nimport type { AnswerMode, Calibration } from './calibration.js';\n\nexport const CALIBRATION_TABLE: Record<AnswerMode, Calibration> = {\n${body('title')}\n${body('description')}\n};\n`,
);

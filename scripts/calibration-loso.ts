/**
 * How honest the description confidence is on text of a set it was not fitted on: for each set of
 * an out-of-fold run (`npx tsx scripts/oof.ts <sets> --json answers.json`), the calibration map is
 * fitted as scripts/calibrate.ts fits it, on the description answers of the *other* sets only, and
 * the set's answers are read through it (leave one set out). Reports, per `scoreWeight` tried, the
 * pooled log-loss (how `scoreWeight` is chosen, docs/matching.md « Confidence »), and for the
 * answers of the sets given with --focus (others' style): ECE, the reliability bins, and the share
 * right of the answers at confidence ≥ 0.9 and not uncertain (the uncertain threshold fitted
 * without the set too). A `--feature` adds a text feature to what the map reads, to test it the
 * same way.
 *   npx tsx scripts/calibration-loso.ts answers.json --weights 0,0.2,0.3,0.4 --focus others-dev,others-dev2
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fitIsotonic } from '../src/match/calibration.js';
import { WEIGHTS } from '../src/match/score-weights.js';
import type { OofAnswer } from './oof.js';
import { confidentOf, reliability } from './eval-sets.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { weights: { type: 'string', default: '0.3' }, disagree: { type: 'string', default: '0' }, heading: { type: 'string', default: '0' }, focus: { type: 'string', default: '' }, target: { type: 'string', default: '0.95' } },
});
const answers = (JSON.parse(readFileSync(positionals[0]!, 'utf8')) as OofAnswer[]).filter((a) => a.mode === 'description');
const sets = [...new Set(answers.map((a) => a.set))];
const focus = new Set(values.focus!.split(',').filter(Boolean));
const target = Number(values.target);

/** The map as calibration.ts reads it: linear between knots, flat outside. */
function mapOf(points: [number, number][]): (raw: number) => number {
  return (raw) => {
    if (points.length === 0) return raw;
    if (raw <= points[0]![0]) return points[0]![1];
    for (let i = 1; i < points.length; i++) {
      const [x1, y1] = points[i]!;
      if (raw <= x1) {
        const [x0, y0] = points[i - 1]!;
        return x1 === x0 ? y1 : y0 + ((raw - x0) * (y1 - y0)) / (x1 - x0);
      }
    }
    return points.at(-1)![1];
  };
}

/** As scripts/calibrate.ts: the lowest probability from which the answers at or above it are right `target` of the time. */
function threshold(probs: { p: number; right: boolean }[]): number {
  for (const t of [...new Set(probs.map((s) => s.p))].sort((a, b) => a - b)) {
    const above = probs.filter((s) => s.p >= t);
    if (above.filter((s) => s.right).length >= target * above.length) return t;
  }
  return 1;
}

const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)} %`);
const grid = values.weights!.split(',').flatMap((w) => values.disagree!.split(',').flatMap((d) => values.heading!.split(',').map((h) => [Number(w), Number(d), Number(h)] as const)));
for (const [w, d, h] of grid) {
  // The features tried beside lead and score: the first answer is not the learned signal's first
  // (`--disagree`, subtracted), the heading names it (`--heading`, added).
  const raw = (a: OofAnswer) => a.lead + w * a.score - ((a.learnedAgrees ?? a.firstByExamples) === false ? d : 0) + ((a.signals?.heading ?? 0) > 0 ? h : 0);
  const mapped: { set: string; p: number; right: boolean; uncertain: boolean }[] = [];
  for (const held of sets) {
    const train = answers.filter((a) => a.set !== held);
    const map = mapOf(fitIsotonic(train.map((a) => ({ raw: raw(a), right: a.right1 }))));
    const below = threshold(train.map((a) => ({ p: map(raw(a)), right: a.right1 })));
    for (const a of answers.filter((x) => x.set === held)) {
      const p = map(raw(a));
      mapped.push({ set: held, p, right: a.right1, uncertain: p < below || a.score < WEIGHTS.uncertain.score || (a.above ?? false) });
    }
  }
  const logLoss = (xs: typeof mapped) => -xs.reduce((s, x) => s + Math.log(Math.min(1 - 1e-3, Math.max(1e-3, x.right ? x.p : 1 - x.p))), 0) / (xs.length || 1);
  const report = (label: string, xs: typeof mapped) => {
    const rel = reliability(xs.map((x) => ({ confidence: x.p, right: x.right })));
    const confident = confidentOf(xs.map((x) => ({ ...x, confidence: x.p })));
    console.log(`  ${label}: n ${xs.length}, log-loss ${logLoss(xs).toFixed(4)}, ECE ${rel.ece.toFixed(3)}, confiance ≥ 0.9 non incertaine ${confident.length}, justes ${pct(confident.filter((x) => x.right).length, confident.length)}`);
    console.log('     ' + rel.bins.filter((b) => b.n > 0).map((b) => `[${b.lo},${b.hi}) n ${b.n} moy ${b.mean.toFixed(2)} justes ${(100 * b.right).toFixed(0)} %`).join(' | '));
  };
  console.log(`scoreWeight ${w}, disagree ${d}, heading ${h}: log-loss de toutes les réponses ${logLoss(mapped).toFixed(4)} (${mapped.length})`);
  if (focus.size > 0) {
    report([...focus].join('+'), mapped.filter((x) => focus.has(x.set)));
    for (const s of focus) report(s, mapped.filter((x) => x.set === s));
  }
}

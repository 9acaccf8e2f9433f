/**
 * From the lead of the first answer over the second (a softmax share ranks answers but saturates
 * and overstates how often the first is right) to a probability: an isotonic map fitted by scripts/calibrate.ts on
 * answers to texts the matcher had not learned from (docs/matching.md, "Confidence"). The fitted
 * tables are in calibration-table.ts; `uncertainBelow` is chosen on the same data.
 */
import { CALIBRATION_TABLE } from './calibration-table.js';

export interface Calibration {
  /** (lead, probability) knots, lead increasing, probability non-decreasing. */
  points: readonly (readonly [number, number])[];
  /** An answer whose probability is below this is flagged `uncertain`. */
  uncertainBelow: number;
  /**
   * How much the first score itself adds to the lead in what the map reads (`evidenceOf`): a text
   * that says little the grid knows (a short generic definition of another branch) scores low
   * and is right less often at the same lead. Fitted with the map; 0 or absent for titles.
   */
  scoreWeight?: number;
  /**
   * Taken off what the map reads when the learned signal alone (the labelled examples) ranks
   * another job first: the text's words and the employers' ways of writing disagree, and such
   * answers are right far less often at the same lead (docs/matching.md, « Third pass »).
   * Fitted with the map; 0 or absent for titles.
   */
  disagreeWeight?: number;
}

export type AnswerMode = 'title' | 'description';

export function calibrationOf(mode: AnswerMode): Calibration {
  return CALIBRATION_TABLE[mode];
}

/** The probability that an answer whose lead is `raw` is right (linear between knots). */
export function calibrated(c: Calibration, raw: number): number {
  const pts = c.points;
  if (pts.length === 0) return raw;
  if (raw <= pts[0]![0]) return pts[0]![1];
  for (let i = 1; i < pts.length; i++) {
    const [x1, y1] = pts[i]!;
    if (raw <= x1) {
      const [x0, y0] = pts[i - 1]!;
      return Math.round(1000 * (x1 === x0 ? y1 : y0 + ((raw - x0) * (y1 - y0)) / (x1 - x0))) / 1000;
    }
  }
  return pts.at(-1)![1];
}

/**
 * What the calibration reads of a ranking: the lead of the first score over the second (the
 * whole first score when it is alone). Unlike a softmax share, it does not saturate at 1.
 */
export function lead(scores: readonly number[]): number {
  return scores.length === 0 ? 0 : scores[0]! - (scores[1] ?? 0);
}

/**
 * What the calibration map reads of a ranking: the lead, plus the first score weighed by
 * `scoreWeight`, less `disagreeWeight` when the learned signal ranks another job first.
 */
export function evidenceOf(c: Pick<Calibration, 'scoreWeight' | 'disagreeWeight'>, scores: readonly number[], learnedDisagrees = false): number {
  return lead(scores) + (c.scoreWeight ?? 0) * (scores[0] ?? 0) - (learnedDisagrees ? (c.disagreeWeight ?? 0) : 0);
}

/**
 * Confidences of ranked answers: the first gets the calibrated probability of its evidence, the
 * others share what is left in proportion to their raw (softmax) shares.
 */
export function calibratedShares(c: Calibration, scores: readonly number[], raw: readonly number[], learnedDisagrees = false): number[] {
  if (raw.length === 0) return [];
  const first = calibrated(c, evidenceOf(c, scores, learnedDisagrees));
  // What the others' shares add up to, as given: the softmax shares are rounded to the
  // thousandth, and 1 − the first's can be less than their sum (0.995 for the first, 0.005 + 3 ×
  // 0.001 for the others), which made the confidences add up to more than 1.
  let rest = 0;
  for (let i = 1; i < raw.length; i++) rest += raw[i]!;
  // A later answer is never more likely than the first.
  return raw.map((r, i) => (i === 0 ? first : Math.min(first, Math.round(1000 * (rest > 0 ? (r * (1 - first)) / rest : 0)) / 1000)));
}

/**
 * Pool-adjacent-violators: the non-decreasing step function closest (least squares) to whether
 * each answer was right, as knots at the mean raw value of each pooled block, each block's share
 * smoothed toward `prior`.
 */
export function fitIsotonic(answers: readonly { raw: number; right: boolean }[], prior: { mean: number; weight: number } = { mean: 0.5, weight: 2 }): [number, number][] {
  const sorted = [...answers].sort((a, b) => a.raw - b.raw);
  const blocks: { sumX: number; sumY: number; n: number }[] = [];
  for (const a of sorted) {
    blocks.push({ sumX: a.raw, sumY: a.right ? 1 : 0, n: 1 });
    while (blocks.length > 1) {
      const b = blocks.at(-1)!;
      const p = blocks.at(-2)!;
      if (p.sumY / p.n < b.sumY / b.n) break;
      blocks.splice(-2, 2, { sumX: p.sumX + b.sumX, sumY: p.sumY + b.sumY, n: p.n + b.n });
    }
  }
  // Each block's share pulled toward a prior (by default one right and one wrong answer, Laplace):
  // a block of answers all right does not promise certainty; a running maximum keeps the map
  // non-decreasing.
  let floor = 0;
  return blocks.map((b) => {
    floor = Math.max(floor, (b.sumY + prior.mean * prior.weight) / (b.n + prior.weight));
    return [Math.round((1000 * b.sumX) / b.n) / 1000, Math.round(1000 * floor) / 1000];
  });
}

/**
 * From a free-text description (a job ad, a fiche de poste, a few lines by a shop owner) to the
 * benchmark jobs of a grid, ranked, each with its evidence and a calibrated confidence.
 *
 * The score of a job is a weighted sum of signals (`Signals`, weights in `WEIGHTS`, fitted on the
 * development half of eval/ only; docs/matching.md):
 * - what the job does: TF-IDF cosine between the description and the job's text (title,
 *   inherited duties, mission, activities, criteria, notes). Cosine, not BM25, because a higher
 *   job inherits every duty of the one below: a one-sided score would always prefer the higher
 *   job, whereas cosine also counts what the description does not say. Words a sentence denies
 *   ("non opticien") are left out on both sides, and the branch lexicon adds the texts' words for
 *   the trade's ("minilab" → "tirages photos sur machine automatique");
 * - the job's title written in the description;
 * - how senior the description sounds (débutant, sous contrôle… / encadre, budget…) against the
 *   job's height among its neighbours (jobs linked by "Mêmes fonctions que précédent" or sharing a
 *   title) and in its track; the job's own text against its neighbours' (what each level adds);
 * - the vocabulary of the job's track (twins of two filières differ by nothing else);
 * - what the texts count or name to separate levels: the status ("statut cadre"), the people
 *   managed against the job's bounds ("moins de trois salariés"), several shops;
 * - facts read in the description (diploma, years, referent domains…) put through the grid's own
 *   rules (src/match/text-facts.ts);
 * - learned: how employers write about each job, from labelled example descriptions (the tuning
 *   sets eval/training.json lists; src/match/examples.ts).
 */
import type { Grid } from '../grids/grid.js';
import type { Source } from '../model/schema.js';
import { calibratedShares, calibrationOf, lead } from './calibration.js';
import type { LevelCues } from './cues.js';
import { lexiconEntries } from './branch-lexicon.js';
import { asWritten, readQuery, type Query } from './description-query.js';
import type { Example, ExampleIndex } from './examples.js';
import type { JobHit } from './hit.js';
import { examplesOf } from './learned-examples.js';
import { indexOf, type Index, type JobEntry, type MatcherIndexes } from './matcher-index.js';
import { WEIGHTS } from './score-weights.js';
import { allSignals, combine, combineColumns, jobTracks, signalColumns, type Signals } from './signals.js';
import type { TextFacts } from './text-facts.js';
import type { Job } from '../model/schema.js';

export interface DescriptionMatch extends JobHit {
  /**
   * Probability that this is the right benchmark job (0–1): for the first answer, the share of
   * right first answers at this raw confidence on texts the matcher had not learned from
   * (src/match/calibration.ts); the others share the rest.
   */
  confidence: number;
  /** The softmax share of the score before calibration (ranks answers; overstates certainty). */
  rawConfidence: number;
  /** For the first answer, its score's lead over the second, which the calibration reads with the score itself (calibration.ts, `evidenceOf`); 0 for the others. */
  lead: number;
  /**
   * For the first answer, false when the learned signal alone (the labelled examples) ranks
   * another job first, which the calibration reads (calibration.ts, `disagreeWeight`); true for
   * the others, and without examples.
   */
  learnedAgrees: boolean;
  /**
   * True when the answer should not be taken without a look: the first results are close, or
   * the first is weak. The user should then choose among the results, or say more.
   */
  uncertain: boolean;
  /**
   * Share of the description's words (stems of three letters or more, numbers aside) that neither
   * the jobs' texts nor the learned examples use: what the grid's vocabulary leaves unexplained.
   */
  foreign: number;
  /** Seniority read in the description, and the job's height among its neighbours and in its track (0–1). */
  level: { description: LevelCues; jobHeight: number; trackHeight: number };
  /** Facts read in the description, and the positions the grid's rules give them. */
  facts?: TextFacts['summary'];
  source: Source;
}

export interface DescriptionOptions {
  limit?: number;
  /**
   * The date the description is read at (ISO date or Date; today by default): a dated start
   * ("diplômée en 2019", "chez nous depuis 2015") is counted in years up to it.
   */
  at?: string | Date;
  /**
   * The labelled descriptions the `examples` signal learns from, instead of the grid's own (those
   * the build loads from the sets eval/training.json declares): to cross-validate
   * (scripts/eval-examples.ts) or to train on one's own.
   */
  examples?: readonly Example[];
}

/** The year a description is read at. */
function yearOf(at: DescriptionOptions['at']): number | undefined {
  if (at === undefined) return undefined;
  const year = (typeof at === 'string' ? new Date(at) : at).getUTCFullYear();
  return Number.isFinite(year) ? year : undefined;
}

/** The indexes of `grid`, to store (the build). */
export function matcherIndexes(grid: Grid): MatcherIndexes {
  const examples = examplesOf(grid);
  return { index: indexOf(grid), ...(examples ? { examples } : {}), lexicon: lexiconEntries(grid) };
}

/**
 * Every job of the grid with its signals and score, best first (to study or tune the weights).
 * The `examples` signal is computed whatever its weight, to scan it.
 */
export function scoreJobs(grid: Grid, text: string, options: Pick<DescriptionOptions, 'at' | 'examples'> = {}): { job: Job; signals: Signals; score: number }[] {
  const index = indexOf(grid);
  const q = readQuery(grid, index, text, yearOf(options.at));
  if (!q) return [];
  const signals = allSignals(index, q, examplesOf(grid, options.examples), jobTracks(grid, index));
  return index.entries.map((e, i) => ({ job: e.job, signals: signals[i]!, score: combine(signals[i]!) })).sort((a, b) => b.score - a.score);
}

/** Benchmark jobs of `grid` ranked for a free-text description, best first. */
export function matchDescription(grid: Grid, text: string, options: DescriptionOptions = {}): DescriptionMatch[] {
  const limit = options.limit ?? 5;
  const index = indexOf(grid);
  const q = readQuery(grid, index, asWritten(grid, text), yearOf(options.at));
  if (!q) return [];
  const n = index.entries.length;
  const examples = WEIGHTS.examples !== 0 ? examplesOf(grid, options.examples) : undefined;
  const columns = signalColumns(index, q, examples, jobTracks(grid, index));
  const scores = combineColumns(columns, n);
  // The entries ranked by number, and an object only for the few answers kept (the sort is stable,
  // as it was on the objects).
  const ranked = new Array<number>(n);
  for (let i = 0; i < n; i++) ranked[i] = i;
  ranked.sort((a, b) => scores[b]! - scores[a]!);
  const scored = distinct(ranked, index.entries, Math.max(10, limit)).map((i) => ({ e: index.entries[i]!, score: scores[i]! }));
  // Pushed, not mapped: `map` gives arrays of another elements kind depending on whether this
  // function runs optimised or not, and the calibration's code, optimised for one, was thrown
  // away on the other in the middle of a warm search (docs/performance.md, « Slow warm searches »).
  const best: number[] = [];
  for (let i = 0; i < scored.length && i < 10; i++) best.push(scored[i]!.score);
  const raw = calibrate(best);
  const calibration = calibrationOf('description');
  const learned = learnedFirst(index.entries, columns.examples);
  const learnedAgrees = learned === undefined || scored.length === 0 || learned === scored[0]!.e.key;
  const confidences = calibratedShares(calibration, best, raw, !learnedAgrees);
  const foreign = foreignWords(q, index, examples);
  const uncertain = isUncertain(confidences[0] ?? 0, scored[0]?.score ?? 0, calibration.uncertainBelow) || fitsNoCard(foreign, scored[0]?.score ?? 0);
  return scored.slice(0, limit).map(({ e, score }, i) => ({
    job: e.job,
    track: e.job.track,
    trackTitle: grid.trackLabel(e.job.track),
    positions: grid.sortPositions(e.job.positions),
    statuses: e.statuses,
    score: Math.round(score * 1000) / 1000,
    confidence: confidences[i] ?? 0,
    rawConfidence: raw[i] ?? 0,
    lead: i === 0 ? Math.round(1000 * lead(best)) / 1000 : 0,
    learnedAgrees: i > 0 || learnedAgrees,
    uncertain,
    foreign: Math.round(1000 * foreign.share) / 1000,
    evidence: evidence(e, q),
    level: { description: q.level, jobHeight: e.height.height, trackHeight: Math.round(1000 * e.absoluteHeight) / 1000 },
    ...(q.facts ? { facts: q.facts.summary } : {}),
    source: e.job.source,
  }));
}

/** The job the learned signal alone ranks first (its key: twins of two filières are one), undefined without examples. */
function learnedFirst(entries: readonly JobEntry[], examples: ArrayLike<number>): string | undefined {
  let best = 0;
  let key: string | undefined;
  for (let i = 0; i < entries.length; i++) {
    if (examples[i]! > best) {
      best = examples[i]!;
      key = entries[i]!.key;
    }
  }
  return key;
}

/** The job's lines that share most words with the description. */
function evidence(e: JobEntry, q: Query): DescriptionMatch['evidence'] {
  // A loop rather than map/filter: most lines share no word, and are left without a copy.
  const found: DescriptionMatch['evidence'] = [];
  for (const l of e.lines) {
    const terms: string[] = [];
    for (const t of l.terms) if (q.vector.has(t)) terms.push(t);
    if (terms.length > 0) found.push({ field: l.field, terms, text: l.text });
  }
  return found.sort((a, b) => b.terms.length - a.terms.length).slice(0, 5);
}

/**
 * One result per job as the user sees it: a title the text lists in two filières with the same
 * positions (3168: Adjoint au directeur, Directeur du marketing…) is one answer, not two. Only
 * the first `keep` are needed (the answers shown and the scores the confidence reads).
 */
function distinct(ranked: number[], entries: JobEntry[], keep: number): number[] {
  const seen = new Set<string>();
  const kept: number[] = [];
  for (const i of ranked) {
    const key = entries[i]!.key;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(i);
    if (kept.length === keep) break;
  }
  return kept;
}

/**
 * An answer to check: its calibrated probability is below the threshold chosen on data
 * (scripts/calibrate.ts), or the first is weak (a score below that of any right answer of the
 * development set: the text says little the grid knows).
 */
function isUncertain(confidence: number, score: number, below: number): boolean {
  return confidence < below || score < WEIGHTS.uncertain.score;
}

/**
 * The words of the description the grid never uses: neither its jobs' texts (the index's IDF) nor
 * the labelled descriptions it learned from. Short stems and numbers say nothing of a trade.
 */
function foreignWords(q: Query, index: Index, examples: ExampleIndex | undefined): { share: number; words: number } {
  let content = 0;
  let words = 0;
  for (const t of q.stems) {
    if (t.length < 3 || /^\d/.test(t)) continue;
    content++;
    if (!index.idf.has(t) && !examples?.idf.has(t)) words++;
  }
  return { share: content === 0 ? 0 : words / content, words };
}

/**
 * No card fits at all: the text speaks mostly of what the grid never names (an occupational
 * nurse, a pilot: "infirmier", "santé", "vol"), and its best card is not a strong match — the
 * card's lead then comes from a few shared words ("manutentions", "prépare"), not from the job.
 * The answer is uncertain, and `searchGrid` reads the grid's criteria instead (docs/matching.md).
 */
function fitsNoCard(foreign: { share: number; words: number }, score: number): boolean {
  const t = WEIGHTS.uncertain.foreign;
  return foreign.words >= t.words && foreign.share >= t.share && score < t.below;
}

/** Softmax over the best scores; the temperature is fitted on the development set. */
export function calibrate(scores: number[], temperature = WEIGHTS.temperature): number[] {
  if (scores.length === 0) return [];
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp((s - max) / temperature));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => Math.round((1000 * e) / sum) / 1000);
}

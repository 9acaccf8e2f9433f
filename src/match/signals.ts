/**
 * The signals of the matcher's score for each job (`Signals`), from the description as read
 * (src/match/description-query.ts) and the grid's index; `combine` weighs them (score-weights.ts).
 */
import type { Grid } from '../grids/grid.js';
import type { Status } from '../model/schema.js';
import type { LevelCues } from './cues.js';
import type { Query } from './description-query.js';
import { exampleSimilarities, type ExampleIndex } from './examples.js';
import type { Height, StaffBounds } from './job-heights.js';
import type { Index, JobEntry } from './matcher-index.js';
import { WEIGHTS } from './score-weights.js';
import { cosines } from './term-vectors.js';

/** Each signal of the score for one job, before weighting (each about -1 … 1). */
export interface Signals {
  /** TF-IDF cosine of the description with the job's text. */
  cosine: number;
  /** Share of the job's title written in the description, weighted by the rarity of its words. */
  title: number;
  /** Seniority read against the job's height among its neighbours. */
  level: number;
  /** How much worse the job's own text fits than its best neighbour's (0 for the best). */
  own: number;
  /** Cosine of the description with the vocabulary of the job's track. */
  track: number;
  /** Seniority read against the job's height among all positions of its track. */
  absolute: number;
  /** +1 when the status the description states is one of the job's, -1 when not. */
  status: number;
  /** +1 when the people managed fit the job's bounds, -1 when not. */
  staff: number;
  /** +1 for a multi-shop job when several shops are run, -0.5 when not. */
  shops: number;
  /** Agreement with the positions the facts read lead to (text-facts.ts). */
  facts: number;
  /** Cosine of the description with the job's labelled example descriptions (examples.ts); 0 without. */
  examples: number;
  /** The title search's score of the job for the description's heading ("Intitulé : …", "Chef de rayon : …"); 0 without one. */
  heading: number;
}

/**
 * How much of a title the description writes: its words found together in a stretch no longer
 * than the title and one more word ("chef de studio", not "chef" here and "studio" there), each
 * weighted by its rarity among titles, times the title's mean rarity, so that a lone common word
 * ("commercial") counts less than a telling one ("retoucheur"). Words only the lexicon adds count
 * `WEIGHTS.lexiconTitle`.
 */
function titleFit(title: { terms: string[]; weights: number[] }, q: Query): number {
  const { terms, weights } = title;
  // A one-word title the text writes only as an adjective (« pièces comptables ») is not named.
  if (terms.length === 1 && q.adjectival.has(terms[0]!)) return 0;
  // Loops rather than some/reduce: this runs for every title of every job of each search.
  let present = false;
  for (let i = 0; i < terms.length && !present; i++) present = q.present.has(terms[i]!);
  if (!present) return 0;
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  total ||= 1;
  const found = Math.max(together(terms, weights, q.written), WEIGHTS.lexiconTitle * together(terms, weights, q.added));
  return ((total / terms.length) * found) / total;
}

/** Marks of the title words found in one stretch (`together`): a stamp per stretch, so that no set is made for each. */
let marks = new Int32Array(32);
let stamp = 0;

/** Largest weight of title words found within one stretch of the sequence. */
function together(title: string[], weights: number[], sequence: readonly string[]): number {
  if (marks.length < title.length) marks = new Int32Array(2 * title.length);
  let best = 0;
  for (let i = 0; i < sequence.length; i++) {
    if (!title.includes(sequence[i]!)) continue;
    // The weights are added in the order the words are first found, as the set of them was.
    if (++stamp === 0x7fffffff) marks.fill((stamp = 0));
    let sum = 0;
    for (let k = i; k < Math.min(sequence.length, i + title.length + 1); k++) {
      const at = title.indexOf(sequence[k]!);
      if (at >= 0 && marks[at] !== stamp) {
        marks[at] = stamp;
        sum += weights[at]!;
      }
    }
    best = Math.max(best, sum);
  }
  return best;
}

/** The height the seniority read points to (0 … 1), against a job's height: 0.5 when equal, -0.5 when opposite. */
const nearness = (seniority: number, height: number) => 0.5 - Math.abs((seniority + 1) / 2 - height);

function levelFit(level: LevelCues, h: Height): number {
  return level.seniority === 0 || h.levels < 2 ? 0 : h.scale * nearness(level.seniority, h.height);
}

function statusFit(status: LevelCues['status'], statuses: Status[]): number {
  if (status === undefined) return 0;
  // "Non cadre": employé or agent de maîtrise, whichever.
  if (status === 'non-cadre') return statuses.some((s) => s === 'ouvrier-employe' || s === 'agent-de-maitrise') ? 1 : -1;
  return statuses.includes(status) ? 1 : -1;
}

function staffFit(managed: number | undefined, bounds: StaffBounds): number {
  if (managed === undefined || (bounds.min === undefined && bounds.max === undefined)) return 0;
  return (bounds.min === undefined || managed >= bounds.min) && (bounds.max === undefined || managed <= bounds.max) ? 1 : -1;
}

/** Running several shops is what the multi-shop job is about; a description of one shop is not. */
function shopsFit(level: LevelCues, e: JobEntry): number {
  return !e.multiShop ? 0 : level.shops !== undefined ? 1 : -0.5;
}

/**
 * Within a family, a job whose own text fits the description worse than a neighbour's is the less
 * likely level. Only a penalty: the best member is not favoured over a job without neighbours.
 */
function ownPenalties(index: Index, own: ArrayLike<number>): Float64Array {
  const { of: family, size } = familyNumbers(index);
  // The best and second best own fit of each family, by family number.
  const first = new Float64Array(size).fill(-Infinity);
  const second = new Float64Array(size).fill(-Infinity);
  for (let i = 0; i < index.entries.length; i++) {
    const f = family[i]!;
    const x = own[i]!;
    if (x > first[f]!) {
      second[f] = first[f]!;
      first[f] = x;
    } else second[f] = Math.max(second[f]!, x);
  }
  const penalties = new Float64Array(index.entries.length);
  for (let i = 0; i < index.entries.length; i++) {
    const f = family[i]!;
    const rival = own[i] === first[f] ? second[f]! : first[f]!;
    penalties[i] = index.entries[i]!.height.levels > 1 && Number.isFinite(rival) ? Math.min(0, own[i]! - rival) : 0;
  }
  return penalties;
}

const familyNumbersOf = new WeakMap<Index, { of: Int32Array; size: number }>();

/** Each entry's family as a number (0 … size − 1), computed once per index. */
function familyNumbers(index: Index): { of: Int32Array; size: number } {
  let numbers = familyNumbersOf.get(index);
  if (!numbers) {
    const ids = new Map<string, number>();
    const of = new Int32Array(index.entries.length);
    index.entries.forEach((e, i) => {
      let f = ids.get(e.family);
      if (f === undefined) ids.set(e.family, (f = ids.size));
      of[i] = f;
    });
    familyNumbersOf.set(index, (numbers = { of, size: ids.size }));
  }
  return numbers;
}

/** The best fit of the job's titles, 0 without any (a loop: no array for each job). */
function bestTitleFit(e: JobEntry, q: Query): number {
  let best = 0;
  for (let i = 0; i < e.titles.length; i++) best = Math.max(best, titleFit(e.titles[i]!, q));
  return best;
}

/** Each signal of every job, as one array per signal (by entry index), in the order of `Signals`. */
export type SignalColumns = { [K in keyof Signals]: ArrayLike<number> };

/**
 * The signals of every job as columns: a search scores them (`combineColumns`) without an object
 * for each job, which was a fifth of what a search allocated (and its garbage, collected in the
 * middle of a later search, made the slowest searches).
 */
export function signalColumns(index: Index, q: Query, examples: ExampleIndex | undefined, alsoTracks: JobTracks): SignalColumns {
  const n = index.entries.length;
  const learned = examples ? exampleSimilarities(examples, q.tf) : undefined;
  const cosine = cosines(q, index.postings.job, n);
  const own = ownPenalties(index, cosines(q, index.postings.own, n));
  const trackCosines = cosines(q, index.postings.track, index.tracks.length);
  const tracks = trackNumbers(index);
  const columns: SignalColumns = {
    cosine,
    title: new Float64Array(n),
    level: new Float64Array(n),
    own,
    track: new Float64Array(n),
    absolute: new Float64Array(n),
    status: new Float64Array(n),
    staff: new Float64Array(n),
    shops: new Float64Array(n),
    facts: new Float64Array(n),
    examples: new Float64Array(n),
    heading: new Float64Array(n),
  };
  const { title, level, track, absolute, status, staff, shops, facts, examples: fromExamples, heading } = columns as { [K in keyof Signals]: Float64Array };
  for (let i = 0; i < n; i++) {
    const e = index.entries[i]!;
    title[i] = bestTitleFit(e, q);
    level[i] = levelFit(q.level, e.height);
    const t = tracks.get(e.job.track);
    track[i] = t === undefined ? NaN : trackCosines[t]!;
    // A job the grid lets one use in other filières (emplois-repères « transverses ») has their vocabulary too.
    const more = alsoTracks[i];
    if (more) for (const m of more) track[i] = Math.max(track[i]!, trackCosines[m]!);
    absolute[i] = q.level.seniority === 0 ? 0 : nearness(q.level.seniority, e.absoluteHeight);
    status[i] = statusFit(q.level.status, e.statuses);
    staff[i] = staffFit(q.level.managedStaff, e.staff);
    shops[i] = shopsFit(q.level, e);
    facts[i] = q.facts ? q.facts.fit(e.job) : 0;
    fromExamples[i] = learned?.[i] ?? 0;
    heading[i] = q.heading.get(e.job.id) ?? 0;
  }
  return columns;
}

/** By entry index, the numbers (in `index.tracks`) of the other tracks a job may be used in, or nothing. */
export type JobTracks = readonly (readonly number[] | undefined)[];

const jobTracksOf = new WeakMap<Index, JobTracks>();

/**
 * The filières besides its own where the grid lets each job be used: the `track-eligibility` rules
 * that name jobs and tracks (« les emplois-repères transverses, c'est-à-dire commun à deux filières
 * ou plus », each listed with the filières it is used in). Computed once per index.
 */
export function jobTracks(grid: Grid, index: Index): JobTracks {
  let out = jobTracksOf.get(index);
  if (!out) {
    const numbers = trackNumbers(index);
    const byJob = new Map<string, number[]>();
    for (const r of grid.rules) {
      if (r.kind !== 'track-eligibility' || !r.appliesTo?.jobs || !r.appliesTo.tracks) continue;
      const ts = r.appliesTo.tracks.map((t) => numbers.get(t)).filter((t): t is number => t !== undefined);
      for (const j of r.appliesTo.jobs) byJob.set(j, [...(byJob.get(j) ?? []), ...ts]);
    }
    jobTracksOf.set(index, (out = index.entries.map((e) => byJob.get(e.job.id))));
  }
  return out;
}

const trackNumbersOf = new WeakMap<Index, Map<string, number>>();

/** Each track's place in `index.tracks`, computed once per index. */
function trackNumbers(index: Index): Map<string, number> {
  let numbers = trackNumbersOf.get(index);
  if (!numbers) trackNumbersOf.set(index, (numbers = new Map(index.tracks.map((id, i) => [id, i]))));
  return numbers;
}

export function allSignals(index: Index, q: Query, examples: ExampleIndex | undefined, alsoTracks: JobTracks): Signals[] {
  const columns = signalColumns(index, q, examples, alsoTracks);
  return index.entries.map((_, i) => {
    const s = {} as Signals;
    for (const k in columns) s[k as keyof Signals] = columns[k as keyof Signals][i]!;
    return s;
  });
}

export function combine(s: Signals): number {
  let score = 0;
  // for…in visits the keys in the order Object.keys gives, without an array for each job.
  for (const k in s) score += WEIGHTS[k as keyof Signals] * s[k as keyof Signals];
  return score;
}

/** `combine` for every job at once: the same sums, in the same order, signal after signal. */
export function combineColumns(columns: SignalColumns, n: number): Float64Array {
  const scores = new Float64Array(n);
  for (const k in columns) {
    const w = WEIGHTS[k as keyof Signals];
    const column = columns[k as keyof Signals];
    for (let i = 0; i < n; i++) scores[i]! += w * column[i]!;
  }
  return scores;
}

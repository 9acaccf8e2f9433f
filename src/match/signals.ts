/**
 * The signals of the matcher's score for each job (`Signals`), from the description as read
 * (src/match/description-query.ts) and the grid's index; `combine` weighs them (score-weights.ts).
 */
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
  if (!terms.some((t) => q.present.has(t))) return 0;
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const found = Math.max(together(terms, weights, q.written), WEIGHTS.lexiconTitle * together(terms, weights, q.added));
  return ((total / terms.length) * found) / total;
}

/** Largest weight of title words found within one stretch of the sequence. */
function together(title: string[], weights: number[], sequence: readonly string[]): number {
  let best = 0;
  for (let i = 0; i < sequence.length; i++) {
    if (!title.includes(sequence[i]!)) continue;
    const found = new Set<number>();
    for (let k = i; k < Math.min(sequence.length, i + title.length + 1); k++) {
      const at = title.indexOf(sequence[k]!);
      if (at >= 0) found.add(at);
    }
    best = Math.max(best, [...found].reduce((a, at) => a + weights[at]!, 0));
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
function ownPenalties(index: Index, own: number[]): number[] {
  const best = new Map<string, [number, number]>();
  index.entries.forEach((e, i) => {
    const [first, second] = best.get(e.family) ?? [-Infinity, -Infinity];
    best.set(e.family, own[i]! > first ? [own[i]!, first] : [first, Math.max(second, own[i]!)]);
  });
  return index.entries.map((e, i) => {
    const [first, second] = best.get(e.family)!;
    const rival = own[i] === first ? second : first;
    return e.height.levels > 1 && Number.isFinite(rival) ? Math.min(0, own[i]! - rival) : 0;
  });
}

/** The best fit of the job's titles, 0 without any (a loop: no array for each job). */
function bestTitleFit(e: JobEntry, q: Query): number {
  let best = 0;
  for (const t of e.titles) best = Math.max(best, titleFit(t, q));
  return best;
}

export function allSignals(index: Index, q: Query, examples?: ExampleIndex): Signals[] {
  const n = index.entries.length;
  const learned = examples ? exampleSimilarities(examples, q.tf) : undefined;
  const cosine = cosines(q, index.postings.job, n);
  const own = ownPenalties(index, cosines(q, index.postings.own, n));
  const trackCosines = cosines(q, index.postings.track, index.tracks.length);
  const tracks = new Map(index.tracks.map((id, i) => [id, trackCosines[i]!]));
  return index.entries.map((e, i) => ({
    cosine: cosine[i]!,
    title: bestTitleFit(e, q),
    level: levelFit(q.level, e.height),
    own: own[i]!,
    track: tracks.get(e.job.track)!,
    absolute: q.level.seniority === 0 ? 0 : nearness(q.level.seniority, e.absoluteHeight),
    status: statusFit(q.level.status, e.statuses),
    staff: staffFit(q.level.managedStaff, e.staff),
    shops: shopsFit(q.level, e),
    facts: q.facts ? q.facts.fit(e.job) : 0,
    examples: learned?.[i] ?? 0,
    heading: q.heading.get(e.job.id) ?? 0,
  }));
}

export function combine(s: Signals): number {
  let score = 0;
  // for…in visits the keys in the order Object.keys gives, without an array for each job.
  for (const k in s) score += WEIGHTS[k as keyof Signals] * s[k as keyof Signals];
  return score;
}

/**
 * Explanations as data: what the engine says of an answer is a closed set of codes, each with its
 * typed parameters and the text it rests on. The engine writes no sentence; the French ones are
 * made from these by one renderer (reasons-fr.ts), for every surface (CLI, API, web, reports).
 * Parameters carry the grid's own words (rule text, titles) so that a reason reads without the grid.
 */
import type { Source } from './schema.js';
import type { Status } from './status.js';

type IsoDate = string;

/** The grid rule a reason rests on: its id, and its words as the grid states them. */
interface RuleRef {
  rule: string;
  ruleText: string;
}

/** A criterion of a cotation and the degree the facts give it (null: not answered). */
export interface CriterionDegree {
  fact: string;
  title: string;
  degree: number | null;
}

export interface ReasonParams {
  /** The grid version applied at the date. */
  grid: { grid: string; title: string; at: IsoDate };
  /** A transposition: from the replaced grid to the one in force at the date. */
  'transposition-grid': { from: string; fromTitle: string; to: string; toTitle: string; at: IsoDate };
  /** The benchmark job gives its positions. */
  job: { job: string; jobTitle: string; trackTitle: string; positions: string[] };
  /** The status of the positions of the answer. */
  status: { statuses: Status[]; positions: string[] };
  /** The track, and the rule that makes it eligible. */
  track: RuleRef & { track: string; trackTitle: string };
  /** The facts leave this track open among parallel ones (ranks do not compare across them): its positions. */
  'track-open': { track: string; trackTitle: string; positions: string[] };
  /** The facts exclude the whole grid (track null) or a track, with where they lead instead. */
  'track-ineligible': RuleRef & ({ track: null } | { track: string; trackTitle: string; otherwiseTrack: string | null });
  /** The conditions of a position are met. */
  'condition-met': RuleRef & { position: string; label: string | null };
  /** The conditions of a level inside the position are met. */
  'level-condition-met': RuleRef & { level: string; levelTitle: string };
  'condition-not-met': RuleRef & { position: string };
  /** A rule imposes at least a position. */
  floor: RuleRef & { minPosition: string };
  /** The critères classants would give less: the benchmark job's lowest position stays the minimum. */
  'benchmark-floor': RuleRef & { job: string; jobTitle: string };
  /** A rule imposes at least a level; `after` the entry period whose end raised it. */
  'level-floor': RuleRef & { level: string; after: string | null };
  /** The position reached by the critères classants: all known (complete), or a ceiling until the others are. */
  criteria: RuleRef & { criteria: Record<string, string>; position: string; complete: boolean };
  /** The points of the criteria's degrees: their sum and the row of the table it falls in. */
  cotation: { title: string; degrees: CriterionDegree[]; points: number; row: { min: number; max: number }; position: string };
  /** Some criteria unanswered: the sums still possible and the positions they reach. */
  'cotation-partial': { title: string; degrees: CriterionDegree[]; points: { min: number; max: number }; positions: string[] };
  /** The text leaves the choice within a range. */
  range: RuleRef & { positions: string[] };
  /** Maximum time in an entry position (`max`, an ISO 8601 duration), with its due date when the start is known. */
  'entry-period': RuleRef & ({ max: string } | { max: string; since: IsoDate; dueDate: IsoDate });
  /** Maximum time at entry levels inside the position. */
  'level-entry-period': RuleRef & { levels: string[]; max: string; since: IsoDate; dueDate: IsoDate };
  /** A transposition keeps a job but changes its maximum periods (`from`/`to`: the first of each, kept for clients). */
  'entry-period-changed': RuleRef & { job: string; jobTitle: string; from: string | null; to: string | null; before: string[]; after: string[] };
  /** A row of a correspondence table. */
  transposition: { table: string; tableTitle: string; from: string[]; to: string[]; jobs: string[]; condition: string | null };
  /** A position kept from one grid version to the next. */
  unchanged: { position: string; gridTitle: string };
  /** An unknown fact taken at its usual value (and still asked). */
  assumption: { fact: string; value: string | number | boolean | string[]; question: string; valueLabel: string };
}

export type ReasonCode = keyof ReasonParams;

/** One reason of an answer. An answer without a citation is a bug. */
export type Reason = { [K in ReasonCode]: { code: K; params: ReasonParams[K]; source: Source } }[ReasonCode];

/**
 * Warning codes name the situation a client acts on (kept stable); a code's variants, told apart by
 * their keys, say in what context it arose.
 */
export interface WarningParams {
  /** The facts exclude the job: from the whole grid (a rule), or from a track (and its benchmark job). */
  'not-applicable': RuleRef | { track: string; trackTitle: string; jobTitle: string | null };
  'track-changed': { track: string; trackTitle: string; otherwiseTrack: string; otherwiseTitle: string; jobTitle: string | null };
  /**
   * The answer goes above the benchmark job's range: the facts prove a higher position
   * (`position`), or a floor rule imposes one (`minPosition`; no job then, or the job's range).
   */
  'job-range-overridden':
    | { position: string; jobTitle: string; jobPositions: string[] }
    | { minPosition: string; jobTitle: string | null; jobPositions: string[] | null };
  'conditions-not-met': { position: string; jobTitle: string };
  /** The maximum time in an entry position (`position`, and what is due `next`) or at entry levels (`levels`) is over. */
  'entry-period-exceeded':
    | { position: string; since: IsoDate; dueDate: IsoDate; next: { position: string; jobTitle: string | null } | null }
    | { levels: string[]; since: IsoDate; dueDate: IsoDate };
}

export type WarningCode = keyof WarningParams;

export type Warning = {
  [K in WarningCode]: {
    code: K;
    params: WarningParams[K];
    /** The date something became due (an overdue promotion). */
    dueDate?: IsoDate;
    /** What is due from `dueDate`: the next position, and the job that holds it when the grid says. */
    next?: { position: string; job?: { id: string; title: string } };
    source?: Source;
  };
}[WarningCode];

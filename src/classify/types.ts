import type { GridSummary } from '../grids/convention.js';
import type { IsoDate } from '../grids/dates.js';
import type { Fact, Source, Status } from '../model/schema.js';

export type { Facts, FactValue } from './conditions.js';

/**
 * One reason of an answer: a code and its parameters (the data), the French sentence made of
 * them, and the text it rests on. An answer without a citation is a bug.
 */
export interface Reason {
  code: ReasonCode;
  text: string;
  params?: Record<string, unknown>;
  source: Source;
}

export type ReasonCode =
  | 'grid' // which grid version was applied, and why
  | 'job' // the benchmark job gives its positions
  | 'track' // the track, and its eligibility
  | 'track-ineligible' // the facts exclude the track
  | 'condition-met' // the conditions of a position or level are met
  | 'condition-not-met'
  | 'floor' // a rule imposes at least a position, status or level
  | 'criteria' // the position reached by the critères classants
  | 'cotation' // the points of the criteria's degrees and the position their sum gives
  | 'range' // the text leaves the choice within a range, and what decides
  | 'entry-period' // maximum time in an entry position or level
  | 'transposition' // a row of a correspondence table
  | 'unchanged' // a position kept from one grid version to the next
  | 'assumption'; // an unknown fact taken at its usual value (and still asked)

export interface Warning {
  code: 'entry-period-exceeded' | 'job-range-overridden' | 'conditions-not-met' | 'track-changed' | 'not-applicable' | 'superseded-grid';
  text: string;
  /** The date something became due (an overdue promotion). */
  dueDate?: IsoDate;
  /** What is due from `dueDate`: the next position, and the job that holds it when the grid says. */
  next?: { position: string; job?: { id: string; title: string } };
  source?: Source;
}

/** A fact that would narrow the answer, with the question to ask. Most useful first. */
export interface MissingFact {
  fact: string;
  question: string;
  type: Fact['type'];
  /** What a number counts (« ans », « salariés »), for answers in words: « 3 ans ». */
  unit?: string;
  values?: { id: string; label: string }[];
}

export type Outcome =
  /** A position or a range the text leaves open. */
  | 'result'
  /** The facts exclude the job from this grid or track. */
  | 'not-applicable'
  /** A fact is missing to say anything useful: see `missing`. */
  | 'unknown';

export interface ClassifyResult {
  idcc: string;
  grid: GridSummary;
  at: IsoDate;
  outcome: Outcome;
  track: string | null;
  trackTitle: string | null;
  job: { id: string; title: string } | null;
  /** Grid order; several when the text leaves the choice or facts are missing. */
  positions: string[];
  /** The status when every position of the range shares it, else null (see statuses). */
  status: Status | null;
  statuses: Status[];
  /** Levels inside the position (2198), in order; absent where the grid has none. */
  level?: string[];
  explanation: Reason[];
  missing: MissingFact[];
  warnings: Warning[];
}

export interface TransposeResult {
  idcc: string;
  from: { grid: GridSummary; position: string; status: Status };
  to: { grid: GridSummary; track: string | null; trackTitle: string | null; positions: string[]; status: Status | null; statuses: Status[] };
  explanation: Reason[];
  missing: MissingFact[];
  warnings: Warning[];
}

import type { GridSummary } from '../grids/convention.js';
import type { IsoDate } from '../grids/dates.js';
import type { Fact, Status } from '../model/schema.js';
import type { Reason, Warning } from '../model/reason.js';

export type { Facts, FactValue } from './conditions.js';
export type { Reason, ReasonCode, ReasonParams, Warning, WarningCode, WarningParams } from '../model/reason.js';

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

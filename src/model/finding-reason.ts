/**
 * The audit's findings as data: what a finding says is a closed set of codes, each with its typed
 * parameters. A code is the finding's rule id, or `rule.variant` where one rule says different
 * things. Parameters are the facts of the row and the grid's own words (titles, rule texts): dates
 * as ISO, amounts as numbers; the French sentence is made from them by one renderer
 * (findings-fr.ts). Where a parameter is already French (`error`), it is a message the file's
 * reader or the catalogue wrote, quoted as it stands.
 */
import type { Reason } from './reason.js';
import type { Status } from './status.js';
import type { ExcludablePay } from './wages.js';

type IsoDate = string;

/**
 * A component of the pay the scale leaves out of the compared pay, taken off because the file gives
 * it — in one column or several (« HS 25 % », « HS 50 % »), each amount with its header.
 */
export interface PayTakenOff {
  /** The amounts, each with the file's header as the user wrote it. */
  amounts: { amount: number; header: string }[];
  /** The scale's words that leave it out. */
  quote: string;
}

/** What the pay compared with a minimum is made of. */
export interface ComparedPay {
  /** The pay cell of the file. */
  pay: number;
  /** When the scale leaves components out: those taken off (`total`, the sum) and those the file has no column for. */
  deductions: { taken: PayTakenOff[]; absent: ExcludablePay[]; total: number } | null;
  /** The pay compared, after deductions. */
  compared: number;
  /** Not a full-time month: a forfait in days, or a share of a full time (from hours when the file gives them). */
  time: { kind: 'forfait' } | { kind: 'part-time'; share: number; hours: { hours: number; reference: number } | null; fullTime: number } | null;
  /** A scale that binds members of the signatory organisations only: the one a member applies, from when. */
  membersOnly: { scaleTitle: string; from: IsoDate } | null;
}

export interface FindingParams {
  /** No grid of the convention in force at the audit's date. */
  'invalid-row.no-grid': { idcc: string; at: IsoDate };
  /** A line the reader could not read (`error`: the reader's words). */
  'invalid-row.unreadable': { line: number; error: string };
  /** The convention cell names no convention of the catalogue (`error`: the catalogue's words). */
  'invalid-row.convention': { line: number; header: string; error: string };
  /** A cell that cannot be read (`error`: what was expected), with its value. */
  'invalid-row.cell': { line: number; header: string; error: string; value: string };
  'duplicate-matricule': { matricule: string; previousLine: number };
  /** A position no grid of the convention has; `grids`: every grid's positions, newest first. */
  'unknown-position': { value: string; header: string; idcc: string; grids: { title: string; positions: string[] }[] };
  /** A position of a grid signed but not yet in force at the date. */
  'unknown-position.not-in-force': { position: string; gridTitle: string; from: IsoDate; at: IsoDate; currentGridTitle: string; currentPositions: string[] };
  /** A position a later text removed, its holders requalified. */
  'unknown-position.abolished': { position: string; since: IsoDate; replacedBy: string; quote: string };
  /** A position of a replaced grid after the new one became mandatory, with its transposition when one is found. */
  'grid-outdated': OutdatedParams;
  /** The same, before the deadline: the old grid is still admitted. */
  'grid-outdated.admitted': OutdatedParams;
  /** The maximum time in an entry position (or level) is over; `assumedFromEntry` when the position date was missing. */
  'entry-period-exceeded': {
    position: string;
    level: string | null;
    since: IsoDate;
    max: string;
    dueDate: IsoDate;
    ruleText: string;
    assumedFromEntry: { positionDateHeader: string | null; entryDateHeader: string } | null;
  };
  'below-diploma-minimum': { position: string; minPosition: string; ruleText: string };
  /** The statut the file declares is below the one the grid gives the position. */
  'status-below-required.declared': { value: string; header: string; status: Status; position: string };
  /** The position's status is below the one the facts give; `because`: the engine's reason for it. */
  'status-below-required': { status: Status; position: string; required: Status; because: Reason | null };
  'track-requires-diploma': {
    position: string;
    trackTitle: string;
    /** The diploma as the file writes it, and whether it says "none" ("aucun", "néant", "-"…). */
    diploma: string;
    none: boolean;
    otherwiseTrackTitle: string | null;
    ruleText: string;
  };
  /** The job title points to a benchmark job of other positions (`confidence` from 0 to 1). */
  'job-position-mismatch': {
    jobTitle: string;
    job: string;
    jobPositions: string[];
    position: string;
    /** Where the position stands against the job's: ranks compare only within one track. */
    placement: 'above' | 'below' | 'other-track';
    jobTrackTitle: string;
    confidence: number;
    uncertain: boolean;
  };
  /** The pay is below the conventional minimum of the position. */
  'below-minimum-wage': ComparedPay & {
    position: string;
    level: string | null;
    minimum: number;
    scaleTitle: string;
    scaleFrom: IsoDate;
    /** The scale's definition of the pay to compare, when it gives one. */
    comparedPayText: string | null;
  };
  /** The pay is below the SMIC, the floor because the conventional minimum is lower (`conventional`) or unknown at `at`. */
  'below-minimum-wage.smic': ComparedPay & { position: string; smic: { amount: number; from: IsoDate; act: string }; conventional: number | null; at: IsoDate };
}

interface OutdatedParams {
  position: string;
  gridTitle: string;
  newGridTitle: string;
  deadline: IsoDate;
  /** The transposed position, and the first questions it still depends on. */
  transposed: { positions: string[]; trackTitle: string | null; toSpecify: string[] } | null;
}

export type FindingCode = keyof FindingParams;

/** What a finding says, as data. */
export type FindingReason = { [K in FindingCode]: { code: K; params: FindingParams[K] } }[FindingCode];

/**
 * A finding of the audit: one row, one rule, what it says as data (`reason`), that in French
 * (`message`, rendered once by the one renderer) and the text it cites. The shared part of findings
 * (what rows of one position and day have in common) is built and rendered once.
 */
import type { FindingReason } from '../model/finding-reason.js';
import { findingText } from '../model/findings-fr.js';
import type { Source } from '../model/schema.js';
import { detach } from './cells.js';
import type { RuleId, Severity } from './rule-ids.js';
import type { IsoDate } from '../grids/dates.js';

/**
 * On a finding built from one shared by many rows (same position, same day): that shared finding.
 * A symbol, so that JSON and copies between threads leave it out; writers use it to format the
 * shared part once.
 */
export const SHARED_FINDING: unique symbol = Symbol('classif.shared-finding');

export interface Finding {
  [SHARED_FINDING]?: object;
  line: number;
  matricule: string;
  idcc?: string;
  /** The employee's name, when the file has it. */
  name?: string;
  rule: RuleId;
  severity: Severity;
  /**
   * `reason` in French, rendered when the finding is made (by `said`): the CSV, HTML, PDF and CLI
   * write it as is, and a finding shared by many rows is rendered once for all of them.
   */
  message: string;
  /** What the finding says, as data: a code of a closed list and its parameters (docs/api.md). */
  reason: FindingReason;
  expected?: string[] | number | string;
  /** Date something became due (a promotion, the new grid). */
  dueDate?: IsoDate;
  source: Source;
}

/**
 * A finding that can be kept once its rows are gone (samples for a report, the first ones shown):
 * its texts may be cut from a block of the file, which they would otherwise keep in memory.
 */
export function keepable(f: Finding): Finding {
  const out: Finding = { ...f, matricule: detach(f.matricule), message: detach(messageOf(f)), reason: keepableReason(f.reason) };
  if (f.name !== undefined) out.name = detach(f.name);
  if (f.source.doc === 'fichier-importe') out.source = { ...f.source, quote: detach(f.source.quote) };
  return out;
}

/** A reason whose texts (a cell's value, the reader's message) no longer hold a block of the file. */
function keepableReason(r: FindingReason): FindingReason {
  const params: Record<string, unknown> = { ...r.params };
  for (const [k, v] of Object.entries(params)) if (typeof v === 'string') params[k] = detach(v);
  return { code: r.code, params } as FindingReason;
}

/**
 * The message `said` rendered for each reason. A writer that keeps findings compactly leaves out a
 * message it finds here and renders it again when it reads them (report/stored-findings.ts): the
 * same words, exactly, without storing them a million times.
 */
const rendered = new WeakMap<FindingReason, string>();

/** What a finding says: its reason, and that rendered in French by the one renderer. */
export function said<R extends FindingReason>(reason: R): { reason: R; message: string } {
  const message = findingText(reason);
  rendered.set(reason, message);
  return { reason, message };
}

/** Reasons whose message `saidLater` left empty, for whoever needs it to render (`messageOf`). */
const deferred = new WeakSet<FindingReason>();

/**
 * What a finding says, its French not rendered yet: for an audit whose findings are kept by their
 * reason (a queued audit's, report/stored-findings.ts), a tenth of a million-row file's rows would
 * otherwise render a sentence (a pay below the minimum) that nobody reads before the report is
 * asked for. `messageOf` renders it; samples kept for the reports do (`keepable`).
 */
export function saidLater<R extends FindingReason>(reason: R): { reason: R; message: string } {
  deferred.add(reason);
  return { reason, message: '' };
}

/** `f`'s message, rendered now if it was left for later. */
export function messageOf(f: Pick<Finding, 'reason' | 'message'>): string {
  return f.message === '' && deferred.has(f.reason) ? findingText(f.reason) : f.message;
}

/** Whether `f`'s message is the renderer's reading of its reason (made by `said` or `saidLater`, reason untouched since). */
export function renderedFromReason(f: Pick<Finding, 'reason' | 'message'>): boolean {
  return f.message === '' ? deferred.has(f.reason) : rendered.get(f.reason) === f.message;
}

/** A finding before it is put on a row. */
export type StaticFinding = Omit<Finding, 'line' | 'matricule' | 'idcc'>;

/** The imported file as the source of a finding: the cell or line that shows it. */
export const FILE_SOURCE = (quote: string): Source => ({ doc: 'fichier-importe', quote });

/** A finding of the row at `line`. Built field by field: object spread is many times slower in this hot path. */
export function located(line: number, matricule: string, idcc: string, f: StaticFinding, shared = false): Finding {
  const out: Finding = { line, matricule, idcc, rule: f.rule, severity: f.severity, message: f.message, reason: f.reason, source: f.source };
  if (shared) out[SHARED_FINDING] = f;
  if (f.expected !== undefined) out.expected = f.expected;
  if (f.dueDate !== undefined) out.dueDate = f.dueDate;
  return out;
}

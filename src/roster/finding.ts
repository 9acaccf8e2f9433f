/**
 * A finding of the audit: one row, one rule, a message in French and the text it cites. The shared
 * part of findings (what rows of one position and day have in common) is built once.
 */
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
  message: string;
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
  const out: Finding = { ...f, matricule: detach(f.matricule), message: detach(f.message) };
  if (f.name !== undefined) out.name = detach(f.name);
  if (f.source.doc === 'fichier-importe') out.source = { ...f.source, quote: detach(f.source.quote) };
  return out;
}

/** A finding before it is put on a row. */
export type StaticFinding = Omit<Finding, 'line' | 'matricule' | 'idcc'>;

/** The imported file as the source of a finding: the cell or line that shows it. */
export const FILE_SOURCE = (quote: string): Source => ({ doc: 'fichier-importe', quote });

/** A finding of the row at `line`. Built field by field: object spread is many times slower in this hot path. */
export function located(line: number, matricule: string, idcc: string, f: StaticFinding, shared = false): Finding {
  const out: Finding = { line, matricule, idcc, rule: f.rule, severity: f.severity, message: f.message, source: f.source };
  if (shared) out[SHARED_FINDING] = f;
  if (f.expected !== undefined) out.expected = f.expected;
  if (f.dueDate !== undefined) out.dueDate = f.dueDate;
  return out;
}

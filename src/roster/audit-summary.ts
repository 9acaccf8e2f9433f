/** What an audit says as a whole: rows read, findings by rule, severity and convention, head count, coverage. */
import type { IsoDate } from '../grids/dates.js';
import type { Coverage } from './coverage.js';
import type { Finding } from './finding.js';
import type { RuleId, Severity } from './rule-ids.js';

export interface HeadcountRow {
  idcc: string;
  position: string;
  status: string | null;
  total: number;
  F: number;
  H: number;
}

export interface AuditSummary {
  at: IsoDate;
  format: string;
  encoding: string;
  delimiter?: string;
  /** Data rows read, good or bad. */
  rows: number;
  rowsInError: number;
  /** Rows with at least one error or warning. */
  employeesWithFindings: number;
  findings: number;
  byRule: Partial<Record<RuleId, number>>;
  bySeverity: Partial<Record<Severity, number>>;
  byConvention: Record<string, { rows: number; withFindings: number; findings: number }>;
  headcount: HeadcountRow[];
  hasSex: boolean;
  unknownColumns: string[];
  notes: string[];
  /** Per rule: rows checked, checked on an assumption, and not checked with the reason. */
  coverage: Coverage;
}

/** An empty summary of an audit at `at` of a file read as `source` says. */
export function emptySummary(at: IsoDate, source: { format: string; encoding: string; delimiter?: string | undefined }): AuditSummary {
  return {
    at,
    format: source.format,
    encoding: source.encoding,
    ...(source.delimiter ? { delimiter: source.delimiter } : {}),
    rows: 0,
    rowsInError: 0,
    employeesWithFindings: 0,
    findings: 0,
    byRule: {},
    bySeverity: {},
    byConvention: {},
    headcount: [],
    hasSex: false,
    unknownColumns: [],
    notes: [],
    coverage: {},
  };
}

/** Counts a row's findings in the summary; returns them. */
export function countFindings(s: AuditSummary, findings: Finding[], idcc: string | undefined): Finding[] {
  let invalid = false;
  let serious = false;
  for (const f of findings) {
    s.byRule[f.rule] = (s.byRule[f.rule] ?? 0) + 1;
    s.bySeverity[f.severity] = (s.bySeverity[f.severity] ?? 0) + 1;
    if (f.rule === 'invalid-row') invalid = true;
    if (f.severity !== 'info') serious = true;
  }
  if (invalid) s.rowsInError++;
  if (serious) s.employeesWithFindings++;
  s.findings += findings.length;
  if (idcc !== undefined) {
    const c = (s.byConvention[idcc] ??= { rows: 0, withFindings: 0, findings: 0 });
    c.rows++;
    c.findings += findings.length;
    if (serious) c.withFindings++;
  }
  return findings;
}

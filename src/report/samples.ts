/**
 * What a report for people shows of a large audit: every count, and the first findings of each
 * rule (a million lines of findings help nobody on paper; the CSV and NDJSON keep them all).
 */
import type { Catalogue } from '../grids/convention.js';
import { keepable, type AuditSummary, type Finding, type RuleId } from '../roster/audit.js';
import type { ReportConventions } from './labels.js';

export interface ReportData {
  /** The audited file's name, as shown to the reader. */
  file: string;
  summary: AuditSummary;
  /** First findings of each rule, in file order. */
  samples: Map<RuleId, Finding[]>;
  /** How many findings each rule has beyond its samples. */
  omitted: Map<RuleId, number>;
  /** When the report was made (ISO date-time). */
  generatedAt: string;
  /** The conventions of the catalogue, to name them (their IDCC alone otherwise). */
  conventions?: ReportConventions;
}

/** What reports say of each convention of the catalogue. */
export function reportConventions(catalogue: Catalogue): ReportConventions {
  return Object.fromEntries(catalogue.conventions.map((c) => [c.idcc, { shortTitle: c.shortTitle, ...(c.sexSpreadSource ? { sexSpreadSource: c.sexSpreadSource } : {}) }]));
}

export class SampleCollector {
  readonly samples = new Map<RuleId, Finding[]>();
  readonly omitted = new Map<RuleId, number>();
  constructor(private readonly perRule = 200) {}

  add(f: Finding): void {
    const list = this.samples.get(f.rule) ?? [];
    if (list.length < this.perRule) {
      list.push(keepable(f));
      this.samples.set(f.rule, list);
    } else {
      this.omitted.set(f.rule, (this.omitted.get(f.rule) ?? 0) + 1);
    }
  }
}

/**
 * What a report for people shows of a large audit: every count, and the first findings of each
 * rule (a million lines of findings help nobody on paper; the CSV and NDJSON keep them all).
 */
import { keepable, type AuditSummary, type Finding, type RuleId } from '../roster/audit.js';

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

/**
 * The NDJSON, JSON and CSV reports of a queued audit, made from the findings it kept
 * (report/stored-findings.ts: each shared text once) — or, for an audit kept before that, from its
 * NDJSON report, which the same reader reads. Each finding goes through the same writer that would
 * have written the report directly, so the bytes are the same; one line is held at a time, and
 * the shared parts of findings are encoded once per report, as in the audit.
 */
import type { Readable } from 'node:stream';
import type { AuditSummary } from '../roster/audit.js';
import { readStoredFindings } from '../report/stored-findings.js';
import { CsvWriter, JsonWriter, NdjsonWriter, type FindingWriter, type ReportSink } from '../report/writers.js';

/** The kept findings' name, stored as `report.findings.ndjson` next to the reports; never served. */
export const REPORT_FINDINGS = 'findings.ndjson';

export const DERIVED_FORMATS = ['ndjson', 'json', 'csv'] as const;
export type DerivedFormat = (typeof DERIVED_FORMATS)[number];

/** Findings written between two writes to `out`: a few megabytes at most. */
const BATCH = 2000;

export function isDerived(format: string): format is DerivedFormat {
  return (DERIVED_FORMATS as readonly string[]).includes(format);
}

/** Writes into `out` (closed at the end) the report in `format` whose kept findings are `stored`. */
export async function deriveReport(stored: Readable, format: DerivedFormat, out: ReportSink): Promise<void> {
  const writer: FindingWriter = format === 'json' ? new JsonWriter(out) : format === 'csv' ? new CsvWriter(out) : new NdjsonWriter(out);
  let summary: AuditSummary | undefined;
  let pending = 0;
  for await (const item of readStoredFindings(stored)) {
    if ('summary' in item) summary = item.summary;
    else writer.add(item.finding);
    if (++pending === BATCH) {
      pending = 0;
      await writer.flush();
    }
  }
  await writer.finish(summary);
}

/**
 * The JSON and CSV reports of an audit made from its NDJSON report, which is the only findings
 * report an audit writes (the fastest to write on two threads; every finding and the summary are
 * in it, one JSON value a line). Each line goes through the same writer that would have written
 * the report directly, so the bytes are the same; one line is held at a time.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { AuditSummary, Finding } from '../roster/audit.js';
import { CsvWriter, JsonWriter, type FindingWriter, type ReportSink } from '../report/writers.js';

export const DERIVED_FORMATS = ['json', 'csv'] as const;
export type DerivedFormat = (typeof DERIVED_FORMATS)[number];

/** Findings written between two writes to `out`: a few megabytes at most. */
const BATCH = 2000;

export function isDerived(format: string): format is DerivedFormat {
  return (DERIVED_FORMATS as readonly string[]).includes(format);
}

/** Writes into `out` (closed at the end) the report in `format` whose NDJSON report is `ndjson`. */
export async function deriveReport(ndjson: Readable, format: DerivedFormat, out: ReportSink): Promise<void> {
  const writer: FindingWriter = format === 'json' ? new JsonWriter(out) : new CsvWriter(out);
  let summary: AuditSummary | undefined;
  let pending = 0;
  for await (const line of createInterface({ input: ndjson, crlfDelay: Infinity })) {
    if (line === '') continue;
    // The key order of the rest is the finding's own: written again, it gives the same text.
    const { type, ...value } = JSON.parse(line) as { type: 'finding' | 'summary' } & Record<string, unknown>;
    if (type === 'summary') summary = value as unknown as AuditSummary;
    else writer.add(value as unknown as Finding);
    if (++pending === BATCH) {
      pending = 0;
      await writer.flush();
    }
  }
  // A report without its summary line was cut short: better no report than a wrong one.
  if (!summary) throw new Error('rapport NDJSON incomplet (pas de résumé)');
  await writer.finish(summary);
}

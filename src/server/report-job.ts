/**
 * Makes one report for people (HTML or PDF) from the data its audit kept, in a process of its own
 * started by report-on-demand.ts: tens of seconds of PDF layout never hold the server's event
 * loop, and the process is held to the audits' time and memory budgets.
 */
import { readFileSync } from 'node:fs';
import { Output } from '../report/writers.js';
import { parseReportData, writeFromData, type DataFormat } from '../service/report-data.js';

export interface ReportJobRequest {
  /** The kept report data (JSON). */
  data: string;
  format: DataFormat;
  /** Where the report is written. */
  out: string;
}

export type ReportJobMessage = { type: 'done' } | { type: 'failed'; message: string };

export async function runReportJob(req: ReportJobRequest): Promise<void> {
  await writeFromData(parseReportData(readFileSync(req.data, 'utf8')), req.format, new Output(req.out));
}

if (process.send) {
  const end = (m: ReportJobMessage) => process.send!(m, undefined, {}, () => process.exit(0));
  process.once('message', (req: ReportJobRequest) => {
    runReportJob(req).then(
      () => end({ type: 'done' }),
      (e: unknown) => end({ type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
    );
  });
  process.once('disconnect', () => process.exit(0));
}

/**
 * One audit, in a process of its own (started by audit-process.ts): reads the staff list, writes
 * every report into the folder it is given, and tells its parent its progress and its result over
 * IPC. Whatever a file does to this process (exhausts its memory, runs too long, crashes it), the
 * server's process is untouched: it kills this one and reports the failure.
 */
import { join } from 'node:path';
import { InputError } from '../api/lookup.js';
import { openCatalogue } from '../grids/open.js';
import { Auditor, auditRoster, type AuditSummary } from '../roster/audit.js';
import { openRoster, type RosterSource } from '../roster/read.js';
import { SampleCollector } from '../report/samples.js';
import { CsvWriter, JsonWriter, NdjsonWriter, Output, type FindingWriter } from '../report/writers.js';

export interface JobRequest {
  input: string;
  /** Where the reports are written (report.json, .ndjson, .csv, .html, .pdf). */
  dir: string;
  at: string;
  fileName: string;
  fileSize: number;
  /** Pause after each batch of rows (tests of interruption and of budgets only). */
  batchDelayMs?: number;
}

export type JobMessage =
  | { type: 'progress'; rows: number; bytesDone: number; bytesTotal: number }
  | { type: 'done'; summary: AuditSummary }
  | { type: 'failed'; message: string; input: boolean };

/** Releases the file of a source that will not be read: an XLSX reader only closes at its end. */
async function closeSource(source: RosterSource): Promise<void> {
  const rows = source.rows[Symbol.asyncIterator]();
  try {
    if (source.format === 'csv') {
      await rows.next();
      await rows.return?.(undefined);
    } else {
      for (let r = await rows.next(); !r.done; r = await rows.next());
    }
  } catch {
    // Unreadable: nothing more to release.
  }
}

export async function runJob(req: JobRequest, send: (m: JobMessage) => void, loaded = openCatalogue()): Promise<AuditSummary> {
  const catalogue = await loaded;
  const source = await openRoster(req.input);
  // The header first (missing columns): no report is started for a file that is no staff list.
  try {
    new Auditor({ at: req.at, catalogue }, source);
  } catch (e) {
    await closeSource(source);
    throw e;
  }
  const csv = source.format === 'csv';
  const samples = new SampleCollector();
  const writers: FindingWriter[] = [new JsonWriter(new Output(join(req.dir, 'report.json'))), new NdjsonWriter(new Output(join(req.dir, 'report.ndjson'))), new CsvWriter(new Output(join(req.dir, 'report.csv')))];
  let last = 0;
  const summary = await auditRoster(
    source,
    {
      at: req.at,
      catalogue,
      onProgress: (rows) => {
        const now = Date.now();
        if (now - last < 250) return;
        last = now;
        const p = source.progress();
        send({ type: 'progress', rows, bytesDone: csv ? p.done : 0, bytesTotal: csv ? p.total : req.fileSize });
      },
    },
    (f) => {
      samples.add(f);
      for (const w of writers) w.add(f);
    },
    async () => {
      for (const w of writers) await w.flush();
      if (req.batchDelayMs) await new Promise((r) => setTimeout(r, req.batchDelayMs));
    },
  );
  for (const w of writers) await w.finish(summary);
  const data = { file: req.fileName, summary, samples: samples.samples, omitted: samples.omitted, generatedAt: new Date().toISOString() };
  const { renderHtml } = await import('../report/html.js');
  const html = new Output(join(req.dir, 'report.html'));
  await html.write(renderHtml(data));
  await html.close();
  const { renderPdf } = await import('../report/pdf.js');
  const pdf = new Output(join(req.dir, 'report.pdf'));
  await pdf.write(await renderPdf(data));
  await pdf.close();
  return summary;
}

// Started by fork() ahead of need (a spare): loads the catalogue and the report modules, then
// waits for one request; one answer, then the process ends.
if (process.send) {
  const loaded = openCatalogue();
  loaded.catch(() => undefined);
  void Promise.all([import('../report/html.js'), import('../report/pdf.js')]).catch(() => undefined);
  const send = (m: JobMessage) => process.send!(m);
  const end = (m: JobMessage) => process.send!(m, undefined, {}, () => process.exit(0));
  process.once('message', (req: JobRequest) => {
    runJob(req, send, loaded).then(
      (summary) => end({ type: 'done', summary }),
      (e: unknown) => end({ type: 'failed', message: e instanceof Error ? e.message : String(e), input: e instanceof InputError }),
    );
  });
  // The parent gone (killed), nothing is left to report to.
  process.once('disconnect', () => process.exit(0));
}

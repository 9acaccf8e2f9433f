/**
 * One audit, in a process of its own (started by audit-process.ts): reads the staff list (a large
 * CSV on two threads, as the CLI does), writes its findings (report/stored-findings.ts) and the
 * data of the reports for people into the folder it is given (NDJSON, JSON and CSV are made from
 * the findings, HTML and PDF from that data, when first asked for: report-on-demand.ts),
 * and tells its parent its progress and its result over IPC. Whatever a file does to this process (exhausts its memory, runs too long, crashes it), the
 * server's process is untouched: it kills this one and reports the failure.
 */
import { join } from 'node:path';
import { InputError } from '../model/input-error.js';
import { openCatalogue } from '../grids/open.js';
import { Auditor, auditRoster, type AuditSummary } from '../roster/audit.js';
import { openRoster, type RosterSource } from '../roster/read.js';
import { reportConventions, SampleCollector } from '../report/samples.js';
import { Output } from '../report/writers.js';
import { StoredFindingsWriter } from '../report/stored-findings.js';
import { REPORT_FINDINGS } from '../service/derived-report.js';
import type { Catalogue } from '../grids/convention.js';
import { auditInParallel, canSplit } from '../service/audit-parallel.js';
import { REPORT_DATA, serializeReportData } from '../service/report-data.js';
import { resolveAuditContext, type AuditRequestOptions, type OrganisationAuditData } from './audit-setup.js';

export interface JobRequest {
  input: string;
  /** Where the audit writes its kept findings and report data (every report is made from them on demand). */
  dir: string;
  at: string;
  fileName: string;
  fileSize: number;
  /** The options given with the audit (column choices, membership). */
  options: AuditRequestOptions;
  /** The organisation's kept column choices and wage scales. */
  organisation: OrganisationAuditData;
  /** Pause after each batch of rows (tests of interruption and of budgets only). */
  batchDelayMs?: number;
}

export type JobMessage =
  | { type: 'progress'; rows: number; bytesDone: number; bytesTotal: number }
  | { type: 'done'; summary: AuditSummary; headers: string[] }
  | { type: 'failed'; message: string; input: boolean };

/** Releases the file of a source that will not be read (every reader closes on `return`). */
async function closeSource(source: RosterSource): Promise<void> {
  const rows = source.rows[Symbol.asyncIterator]();
  try {
    // A CSV stream opens on its first read: start it, then end it.
    if (source.format === 'csv') await rows.next();
    await rows.return?.(undefined);
  } catch {
    // Unreadable: nothing more to release.
  }
}

/** The audit on this thread (spreadsheets, DSN, small or uncut files): findings into the kept findings. */
async function auditOneThread(
  source: RosterSource,
  req: JobRequest,
  catalogue: Catalogue,
  context: ReturnType<typeof resolveAuditContext>,
  path: string,
  onProgress: (rows: number) => void,
): Promise<{ summary: AuditSummary; samples: SampleCollector }> {
  const samples = new SampleCollector();
  const writer = new StoredFindingsWriter(new Output(path));
  try {
    const summary = await auditRoster(
      source,
      { at: req.at, catalogue, ...context, onProgress, deferMessages: true },
      (f) => {
        samples.add(f);
        writer.add(f);
      },
      async () => {
        await writer.flush();
        if (req.batchDelayMs) await new Promise((r) => setTimeout(r, req.batchDelayMs));
      },
    );
    await writer.finish(summary);
    return { summary, samples };
  } catch (e) {
    writer.abort();
    throw e;
  }
}

export async function runJob(req: JobRequest, send: (m: JobMessage) => void, loaded = openCatalogue()): Promise<{ summary: AuditSummary; headers: string[] }> {
  const catalogue = await loaded;
  const own = req.options;
  const source = await openRoster(req.input, own.mapping ? { mapping: own.mapping } : {});
  let context: ReturnType<typeof resolveAuditContext>;
  // The header first (missing columns): no report is started for a file that is no staff list.
  try {
    context = resolveAuditContext(catalogue, own, source.headers, req.organisation);
    new Auditor({ at: req.at, catalogue, ...context }, source);
  } catch (e) {
    await closeSource(source);
    throw e;
  }
  const csv = source.format === 'csv';
  let last = 0;
  const onProgress = (rows: number, bytesDone?: number) => {
    const now = Date.now();
    if (now - last < 250) return;
    last = now;
    send({ type: 'progress', rows, bytesDone: csv ? (bytesDone ?? source.progress().done) : 0, bytesTotal: csv ? source.progress().total : req.fileSize });
  };
  const kept = join(req.dir, `report.${REPORT_FINDINGS}`);
  // A large CSV on two threads, as the CLI does (the worker thread lives and dies with this
  // process: a kill for time, memory or cancel ends it too).
  const parallel =
    canSplit(source, source.progress().total) && !req.batchDelayMs
      ? await auditInParallel(req.input, source, source.progress().total, { at: req.at, catalogue, wageScales: req.organisation.wageScales, audit: { mapping: context.mapping, membership: context.membership }, onProgress }, 'stored', kept)
      : undefined;
  const { summary, samples } = parallel ?? (await auditOneThread(source, req, catalogue, context, kept, (rows) => onProgress(rows)));
  // The reports for people are laid out from this at their first download (report-on-demand.ts),
  // dated now: the same bytes whenever they are asked for.
  const data = { file: req.fileName, summary, samples: samples.samples, omitted: samples.omitted, generatedAt: new Date().toISOString(), conventions: reportConventions(catalogue) };
  const forPeople = new Output(join(req.dir, `report.${REPORT_DATA}`));
  await forPeople.write(serializeReportData(data));
  await forPeople.close();
  return { summary, headers: source.headers };
}

// Started by fork() ahead of need (a spare): loads the catalogue, then
// waits for one request; one answer, then the process ends.
if (process.send) {
  const loaded = openCatalogue();
  loaded.catch(() => undefined);
  const send = (m: JobMessage) => process.send!(m);
  const end = (m: JobMessage) => process.send!(m, undefined, {}, () => process.exit(0));
  process.once('message', (req: JobRequest) => {
    runJob(req, send, loaded).then(
      ({ summary, headers }) => end({ type: 'done', summary, headers }),
      (e: unknown) => end({ type: 'failed', message: e instanceof Error ? e.message : String(e), input: e instanceof InputError }),
    );
  });
  // The parent gone (killed), nothing is left to report to.
  process.once('disconnect', () => process.exit(0));
}

/**
 * An audit's reports as downloaded. The audit keeps its findings (report/stored-findings.ts) and
 * the small data of the reports for people (service/report-data.ts); every report is made at its first download,
 * then kept where the others are (audit-files.ts): the audit does not pay for reports nobody asks
 * for, and each is made once.
 *   - NDJSON, JSON and CSV are streamed from the kept findings (service/derived-report.ts), here;
 *   - HTML and PDF are laid out from the kept data in a process of their own (report-job.ts), held
 *     to the audits' time and memory budgets: tens of seconds of PDF layout never hold the
 *     server's event loop. Their date is the audit's, so their bytes never depend on when they
 *     are asked for.
 *
 * A download that arrives while its report is being made waits for it (the same making serves
 * every request of this instance): the web's links are plain links, which cannot retry a 202. A
 * report that cannot be made (past its budget, or its process crashed) answers a French 409 at
 * once to the next requests, without being made again, until the audit is run again.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyBaseLogger } from 'fastify';
import { Output } from '../report/writers.js';
import { deriveReport, isDerived, REPORT_FINDINGS } from '../service/derived-report.js';
import { isMadeFromData, REPORT_DATA, type DataFormat } from '../service/report-data.js';
import type { AuditFiles, ReportFormat, StoredReport } from './audit-files.js';
import { budgetTime, forkBudgeted, outOfMemory, watchBudgets, type Budgets } from './audit-process.js';
import { HttpError } from './errors.js';
import type { ReportJobMessage, ReportJobRequest } from './report-job.js';

const NAMES: Record<DataFormat, string> = { html: 'HTML', pdf: 'PDF' };

/** Why a report's process ended without it: the report's fault (kept), not a passing one. */
class ReportFailure extends Error {}

/**
 * Lays out the report `format` from the data at `data` into `out`, in a process held to `budgets`.
 * `running` holds the process's stop while it runs: the server stopping ends it at once (a PDF may
 * take minutes; a shutdown should not wait for it), and the report is not remembered as failed.
 */
export function makeInProcess(request: ReportJobRequest, budgets: Budgets, running = new Set<() => void>()): Promise<void> {
  const { child, stderr: lastWords } = forkBudgeted('report-job', budgets);
  let reason: 'time' | 'memory' | 'stopped' | undefined;
  const kill = (why: 'time' | 'memory' | 'stopped') => {
    reason ??= why;
    child.kill('SIGKILL');
  };
  const stop = () => kill('stopped');
  running.add(stop);
  const unwatch = watchBudgets(child, budgets, kill);
  let answer: ReportJobMessage | undefined;
  const name = NAMES[request.format];
  return new Promise<void>((resolve, reject) => {
    child.on('message', (m: ReportJobMessage) => (answer = m));
    child.once('error', (e) => {
      // Not started, or no longer reachable: never left running.
      running.delete(stop);
      child.kill('SIGKILL');
      unwatch();
      reject(e);
    });
    child.once('exit', (code, signal) => {
      running.delete(stop);
      unwatch();
      const csv = 'Le rapport CSV contient tous les constats de l’audit.';
      if (reason === 'stopped') reject(new HttpError('unavailable', `Le serveur s’arrête : la mise en page du rapport ${name} a été interrompue. Demandez-le de nouveau dans un instant.`));
      else if (reason === 'time') reject(new ReportFailure(`La mise en page du rapport ${name} a dépassé le temps qui lui est accordé (${budgetTime(budgets.timeMs)}) et a été arrêtée. ${csv}`));
      else if (reason === 'memory' || outOfMemory(lastWords())) reject(new ReportFailure(`La mise en page du rapport ${name} a dépassé la mémoire qui lui est accordée (${budgets.memoryMb} Mo) et a été arrêtée. ${csv}`));
      else if (answer?.type === 'done') resolve();
      else reject(new ReportFailure(`Le rapport ${name} n’a pas pu être fait (erreur enregistrée). ${csv}`, { cause: answer?.type === 'failed' ? answer.message : `code ${code}, signal ${signal}: ${lastWords().slice(-500)}` }));
    });
    child.send(request);
  });
}

export interface OnDemandOptions {
  files: AuditFiles;
  /** Where reports are made before they are kept (emptied at start-up). */
  scratch: string;
  budgets: Budgets;
  log: FastifyBaseLogger;
}

/** Failures remembered, at most (the oldest forgotten first). */
const MAX_FAILURES = 1000;

export class OnDemandReports {
  private readonly making = new Map<string, Promise<void>>();
  private readonly failures = new Map<string, string>();
  /** Reports made by this instance since it started (tests: each is made once). */
  made = 0;
  /** The stops of the report processes running. */
  private readonly running = new Set<() => void>();

  constructor(private readonly o: OnDemandOptions) {}

  /**
   * The report `format` of the done audit, made now if it is made on demand; undefined when gone.
   * `finishedAt` tells one run of the audit from the next (a failure is remembered for one run).
   */
  async report(audit: { id: string; finishedAt: string | null }, format: ReportFormat): Promise<StoredReport | undefined> {
    const { files } = this.o;
    const stored = await files.report(audit.id, format);
    if (stored || !(isDerived(format) || isMadeFromData(format))) return stored;
    const key = `${audit.id}:${audit.finishedAt ?? ''}:${format}`;
    const failure = this.failures.get(key);
    if (failure) throw new HttpError('conflict', failure);
    let making = this.making.get(key);
    if (!making) {
      making = this.make(audit, format, key).finally(() => this.making.delete(key));
      this.making.set(key, making);
    }
    await making;
    return files.report(audit.id, format);
  }

  private async make({ id, finishedAt }: { id: string; finishedAt: string | null }, format: ReportFormat, key: string): Promise<void> {
    const { files } = this.o;
    // Its own folder: another instance may make the same report at once (the same bytes; the second adds nothing).
    const dir = join(this.o.scratch, `${id}-${format}-${randomBytes(6).toString('hex')}`);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `report.${format}`);
    this.made++;
    try {
      if (isDerived(format)) {
        // An audit kept before its findings were (December 2026) has its NDJSON report instead.
        const kept = (await files.report(id, REPORT_FINDINGS)) ?? (format === 'ndjson' ? undefined : await files.report(id, 'ndjson'));
        if (!kept) return;
        const out = new Output(path);
        try {
          await deriveReport(kept.stream, format, out);
        } catch (e) {
          out.abort();
          throw e;
        } finally {
          kept.stream.destroy();
        }
      } else if (isMadeFromData(format)) {
        const data = await files.report(id, REPORT_DATA);
        if (!data) return;
        const dataPath = join(dir, REPORT_DATA);
        await pipeline(data.stream, createWriteStream(dataPath));
        try {
          await makeInProcess({ data: dataPath, format, out: path }, this.o.budgets, this.running);
        } catch (e) {
          if (!(e instanceof ReportFailure)) throw e;
          this.o.log.error({ audit: id, format, cause: e.cause }, 'rapport non fait');
          this.failures.set(key, e.message);
          if (this.failures.size > MAX_FAILURES) this.failures.delete(this.failures.keys().next().value!);
          throw new HttpError('conflict', e.message);
        }
      }
      await files.keep(id, format, path, finishedAt);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** Ends the report processes running (the server stops): their requests are answered 503. */
  stop(): void {
    for (const stop of this.running) stop();
  }
}

/**
 * Runs uploaded staff lists through the audit, in the background, one at a time per process.
 *
 * Files, under `<dataDir>/audits/<id>/`: `input` (the upload), `reports/` (report.json, .ndjson,
 * .csv, .html, .pdf). A run writes into a fresh `work-<random>/` directory and renames it to
 * `reports/` only when every report is complete, then marks the audit done: a process killed
 * halfway leaves a `running` row and a work directory, never a half-written report that could be
 * served (reports are served only for `done` audits, from `reports/`).
 *
 * Recovery: each running audit names its process (`host:pid:boot`) and beats every second. An
 * audit left `running` by a process that is gone (same host and that pid is dead or is now
 * another process, or no heartbeat for `staleMs`) is queued again and re-run from the start —
 * at start-up and then periodically, by any instance — up to `maxAttempts` times, then marked
 * failed. With several instances, `dataDir` must be storage they share.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { InputError } from '../api/lookup.js';
import type { Catalogue } from '../grids/convention.js';
import { auditContext, storedOptions } from './audit-setup.js';
import { Auditor, auditRoster, type AuditSummary } from '../roster/audit.js';
import { openRoster, type RosterSource } from '../roster/read.js';
import { SampleCollector, type ReportData } from '../report/samples.js';
import { CsvWriter, JsonWriter, NdjsonWriter, Output, type FindingWriter } from '../report/writers.js';
import * as store from '../store/audits.js';
import type { AuditTable, Database } from '../store/schema.js';

export const REPORT_FORMATS = ['json', 'ndjson', 'csv', 'html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function auditDir(dataDir: string, id: string): string {
  return join(dataDir, 'audits', id);
}

export function inputFile(dataDir: string, id: string): string {
  return join(auditDir(dataDir, id), 'input');
}

export function reportFile(dataDir: string, id: string, format: ReportFormat): string {
  return join(auditDir(dataDir, id), 'reports', `report.${format}`);
}

/** Removes what a previous run left: reports and unfinished work directories. */
export function clearRuns(dataDir: string, id: string): void {
  const dir = auditDir(dataDir, id);
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir)) {
    if (entry === 'reports' || entry.startsWith('work-')) rmSync(join(dir, entry), { recursive: true, force: true });
  }
}

/** Messages of the core name the file by its path: show the name the user sent instead. */
export function withFileName(message: string, path: string, fileName: string): string {
  return message.split(path).join(fileName);
}

/**
 * Uploads cut off by a killed process stay as `uploads/<id>.partiel`, with no audit row: they
 * are deleted once old enough not to be an upload still arriving at another instance.
 */
export function cleanUploads(dataDir: string, olderThanMs = 3600_000, now = Date.now()): number {
  const dir = join(dataDir, 'uploads');
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    try {
      if (entry.endsWith('.partiel') && now - statSync(path).mtimeMs > olderThanMs) {
        rmSync(path, { force: true });
        n++;
      }
    } catch {
      // Removed meanwhile by another instance.
    }
  }
  return n;
}

/** Releases the file of a source that will not be read: an XLSX reader only closes at its end. */
function closeSource(source: RosterSource): void {
  const rows = source.rows[Symbol.asyncIterator]();
  void (async () => {
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
  })();
}

/** The PDF report, made on a worker thread (see pdf-worker.ts). */
export function renderPdfOffThread(data: ReportData): Promise<Buffer> {
  // Built code runs the built worker; tests run the TypeScript one through tsx's loader,
  // registered inside the worker (Node 20 does not pass loaders on to workers).
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './pdf-worker.ts' : './pdf-worker.js', import.meta.url);
  const worker = fromSource
    ? new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`, { eval: true, workerData: data })
    : new Worker(url, { workerData: data });
  return new Promise((resolve, reject) => {
    worker.once('message', (m: { ok: boolean; pdf?: Uint8Array; message?: string }) => {
      if (m.ok) resolve(Buffer.from(m.pdf!.buffer, m.pdf!.byteOffset, m.pdf!.byteLength));
      else reject(new Error(`rapport PDF : ${m.message}`));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`rapport PDF : le fil s'est arrêté (code ${code})`)));
  });
}

class Aborted extends Error {}

export interface RunnerOptions {
  db: Kysely<Database>;
  catalogue: Catalogue;
  dataDir: string;
  log: FastifyBaseLogger;
  /** How often to look for queued audits and dead runs (ms). */
  pollMs?: number;
  /** A running audit without heartbeat for this long is considered dead (ms). */
  staleMs?: number;
  maxAttempts?: number;
  /** Pause after each batch of rows (tests of interruption only). */
  batchDelayMs?: number;
}

export class AuditRunner {
  private readonly boot = randomBytes(4).toString('hex');
  readonly worker = `${hostname()}:${process.pid}:${this.boot}`;
  private draining: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private started = false;
  private current: { id: string; abort: boolean } | null = null;
  private lastRecovery = 0;
  private readonly pollMs: number;
  private readonly staleMs: number;
  private readonly maxAttempts: number;

  constructor(private readonly o: RunnerOptions) {
    this.pollMs = o.pollMs ?? 2000;
    this.staleMs = o.staleMs ?? 120_000;
    this.maxAttempts = o.maxAttempts ?? 3;
  }

  /** Recovers dead runs, then runs the queue now and every `pollMs`. */
  async start(): Promise<void> {
    this.started = true;
    cleanUploads(this.o.dataDir);
    await this.recover();
    this.kick();
    this.timer = setInterval(() => {
      if (Date.now() - this.lastRecovery > Math.min(30_000, this.staleMs / 2)) this.recover().catch((e) => this.o.log.error({ err: e }, 'reprise des audits interrompus'));
      this.kick();
    }, this.pollMs);
    this.timer.unref();
  }

  /** Runs queued audits (no-op when already at it). */
  kick(): void {
    if (this.stopped || !this.started) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain()
      .catch((e) => this.o.log.error({ err: e }, 'file des audits'))
      .finally(() => {
        this.draining = null;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves when nothing runs (tests). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Stops taking work; a run in progress is interrupted and put back in the queue. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.current) this.current.abort = true;
    await this.idle();
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const ids = await store.nextQueued(this.o.db);
      let ran = false;
      for (const id of ids) {
        if (this.stopped) return;
        const row = await store.claim(this.o.db, id, this.worker);
        if (!row) continue;
        ran = true;
        await this.run(row);
        break;
      }
      if (!ran) return;
    }
  }

  /** Whether the process named in `worker` is certainly gone, or silent too long. */
  isDead(worker: string | null, heartbeat: string | null, now = Date.now()): boolean {
    const stale = !heartbeat || now - Date.parse(heartbeat) > this.staleMs;
    if (!worker) return true;
    const [host, pidText, boot] = worker.split(':');
    const pid = Number(pidText);
    if (host !== hostname() || !Number.isInteger(pid)) return stale;
    if (pid === process.pid) return boot !== this.boot;
    try {
      process.kill(pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') return true;
    }
    return stale;
  }

  /** Audits left running by dead processes: queued again, or failed after too many attempts. */
  async recover(): Promise<number> {
    this.lastRecovery = Date.now();
    let n = 0;
    for (const a of await store.runningAudits(this.o.db)) {
      if (a.worker === this.worker || !this.isDead(a.worker, a.heartbeat_at)) continue;
      const retry = Number(a.attempts) < this.maxAttempts;
      const done = await store.recover(
        this.o.db,
        a.id,
        a.worker,
        retry,
        `L’audit a été interrompu ${a.attempts} fois (arrêt du serveur pendant le traitement) : relancez-le, ou vérifiez la taille du fichier.`,
      );
      if (done) {
        n++;
        this.o.log.warn({ audit: a.id, worker: a.worker, retry }, retry ? 'audit interrompu : relancé' : 'audit interrompu trop souvent : abandonné');
        if (!retry) clearRuns(this.o.dataDir, a.id);
      }
    }
    if (n > 0) this.kick();
    return n;
  }

  private async run(row: AuditTable): Promise<void> {
    const { db, dataDir, catalogue, log } = this.o;
    const id = row.id;
    const input = inputFile(dataDir, id);
    const current = (this.current = { id, abort: false });
    clearRuns(dataDir, id);
    const work = join(auditDir(dataDir, id), `work-${randomBytes(6).toString('hex')}`);
    const writers: FindingWriter[] = [];
    const outputs: Output[] = [];
    let progress = Promise.resolve(true);
    try {
      if (!existsSync(input)) throw new InputError('Le fichier envoyé n’est plus disponible sur le serveur : envoyez-le de nouveau.', 'invalid');
      mkdirSync(work, { recursive: true });
      const own = storedOptions(row.options);
      const source = await openRoster(input, own.mapping ? { mapping: own.mapping } : {});
      // The organisation's column choices, membership and wage scales.
      const context = await auditContext(db, catalogue, row.organisation_id, own, source.headers).catch((e: unknown) => {
        closeSource(source);
        throw e;
      });
      // The header first (missing columns): no report is started for a file that is no staff list.
      try {
        new Auditor({ at: row.at, catalogue, ...context }, source);
      } catch (e) {
        closeSource(source);
        throw e;
      }
      const csv = source.format === 'csv';
      const samples = new SampleCollector();
      writers.push(new JsonWriter(new Output(join(work, 'report.json'))), new NdjsonWriter(new Output(join(work, 'report.ndjson'))), new CsvWriter(new Output(join(work, 'report.csv'))));
      let last = 0;
      const summary: AuditSummary = await auditRoster(
        source,
        {
          at: row.at,
          catalogue,
          ...context,
          onProgress: (rows) => {
            const now = Date.now();
            if (now - last < 1000) return;
            last = now;
            const p = source.progress();
            progress = progress.then((ok) =>
              ok ? store.reportProgress(db, id, this.worker, { rows, bytesDone: csv ? p.done : 0, bytesTotal: csv ? p.total : Number(row.file_size) }).catch(() => true) : false,
            );
          },
        },
        (f) => {
          samples.add(f);
          for (const w of writers) w.add(f);
        },
        async () => {
          for (const w of writers) await w.flush();
          if (this.o.batchDelayMs) await new Promise((r) => setTimeout(r, this.o.batchDelayMs));
          if (current.abort || !(await progress)) throw new Aborted();
        },
      );
      for (const w of writers) await w.finish(summary);
      writers.length = 0;
      const data = { file: row.file_name, summary, samples: samples.samples, omitted: samples.omitted, generatedAt: new Date().toISOString() };
      const { renderHtml } = await import('../report/html.js');
      const html = new Output(join(work, 'report.html'));
      outputs.push(html);
      await html.write(renderHtml(data));
      await html.close();
      if (current.abort) throw new Aborted();
      const pdf = new Output(join(work, 'report.pdf'));
      outputs.push(pdf);
      await pdf.write(await renderPdfOffThread(data));
      await pdf.close();
      outputs.length = 0;
      if (current.abort || !(await progress)) throw new Aborted();
      // Every report is complete: they appear together, then the audit is done.
      renameSync(work, join(auditDir(dataDir, id), 'reports'));
      if (!(await store.finish(db, id, this.worker, { status: 'done', summary }))) clearRuns(dataDir, id);
      log.info({ audit: id, rows: summary.rows, findings: summary.findings }, 'audit terminé');
    } catch (e) {
      for (const w of writers) w.abort();
      for (const o of outputs) o.abort();
      rmSync(work, { recursive: true, force: true });
      await progress.catch(() => undefined);
      if (e instanceof Aborted) {
        // Stopped (shutdown) or taken away (deleted, recovered elsewhere): back in the queue if still ours.
        await store.finish(db, id, this.worker, { status: 'queued' }).catch(() => false);
        log.info({ audit: id }, 'audit interrompu, remis en file');
      } else if (e instanceof InputError) {
        await store.finish(db, id, this.worker, { status: 'failed', error: withFileName(e.message, input, row.file_name) });
      } else {
        log.error({ err: e, audit: id }, 'audit en échec');
        await store.finish(db, id, this.worker, { status: 'failed', error: 'Erreur interne pendant l’audit ; elle a été enregistrée. Relancez l’audit ou signalez le problème.' });
      }
    } finally {
      this.current = null;
    }
  }
}

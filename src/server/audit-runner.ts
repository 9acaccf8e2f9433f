/**
 * Runs claimed audits, each in a process of its own held to its budgets (audit-process.ts), and
 * recovers the audits of instances that died. Which audit runs when is the queue's business
 * (audit-queue.ts in process for SQLite, audit-queue-pg.ts on graphile-worker for PostgreSQL).
 *
 * A run copies nothing it does not need: the upload is read where it lives on disk (SQLite) or
 * copied once into a scratch folder `<dataDir>/work/<id>-<random>/` (PostgreSQL); reports are
 * written there, then published with the audit's `done` (audit-files.ts). The scratch folder goes
 * whatever ends the run; the folder as a whole is emptied at start-up (a killed process's).
 *
 * Liveness: each running audit names its instance (`host:pid:boot`, and the queue's worker id on
 * PostgreSQL) and beats every second; the beat also tells a run that it was cancelled or deleted
 * (the row is no longer its own), and the run's process is killed at once. An audit left running
 * by an instance that is gone (same host and that pid is dead, or silent for `staleMs`) is queued
 * again up to `maxAttempts` times, then failed. A file that kills its run's process is never
 * retried: it ends `failed` with its reason, since with its budgets it could only fail again.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import * as store from '../store/audits.js';
import type { AuditTable, Database } from '../store/schema.js';
import type { AuditFiles } from './audit-files.js';
import type { JobRequest } from './audit-job.js';
import { keepColumnChoices, loadOrganisationAuditData, storedOptions } from './audit-setup.js';
import { AuditProcess, DEFAULT_BUDGETS, JobProcesses, type Budgets, type Progress } from './audit-process.js';

export interface RunnerOptions {
  db: Kysely<Database>;
  files: AuditFiles;
  dataDir: string;
  log: FastifyBaseLogger;
  budgets?: Partial<Budgets>;
  /** Audits run at once by this instance (at most one per organisation). */
  concurrency?: number;
  /** How often to look for queued audits (ms; the SQLite queue). */
  pollMs?: number;
  /** A running audit without heartbeat for this long is considered dead (ms). */
  staleMs?: number;
  /** Runs of one audit cut short by the death of their instance, before it is failed. */
  maxAttempts?: number;
  /** Pause after each batch of rows (tests of interruption and budgets only). */
  batchDelayMs?: number;
}

/** Messages of the core name the file by its path: show the name the user sent instead. */
export function withFileName(message: string, path: string, fileName: string): string {
  // Some readers name a file by its base name (a DSN among several): « input » says nothing either.
  return message.split(path).join(fileName).split(`« ${basename(path)} »`).join(`« ${fileName} »`);
}

/** Removes what killed processes left in the data folder: scratch folders, partial uploads, uploads kept for a run (PostgreSQL). */
export function cleanScratch(dataDir: string): number {
  let n = 0;
  for (const dir of [join(dataDir, 'work'), join(dataDir, 'uploads'), join(dataDir, 'uploaded')]) {
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir)) {
      rmSync(join(dir, entry), { recursive: true, force: true });
      n++;
    }
  }
  return n;
}

/** How a run ended, for the queue: `requeued` when the instance stopped it to shut down. */
export type RunOutcome = 'ended' | 'requeued';

export class AuditRunner {
  private readonly boot = randomBytes(4).toString('hex');
  /** This instance: `host:pid:boot`. */
  readonly instance = `${hostname()}:${process.pid}:${this.boot}`;
  readonly budgets: Budgets;
  readonly concurrency: number;
  readonly staleMs: number;
  readonly maxAttempts: number;
  private readonly runs = new Map<string, { proc?: AuditProcess; why?: 'cancelled' | 'shutdown' }>();
  private closing = false;
  private readonly processes: JobProcesses;

  constructor(readonly o: RunnerOptions) {
    this.budgets = { ...DEFAULT_BUDGETS, ...o.budgets };
    this.concurrency = Math.max(1, o.concurrency ?? 2);
    this.staleMs = o.staleMs ?? 30_000;
    this.maxAttempts = o.maxAttempts ?? 2;
    this.processes = new JobProcesses(this.budgets);
  }

  /** Starts an audit process ahead of the first audit (the queue's start). */
  warm(): void {
    this.processes.warm();
  }

  get running(): number {
    return this.runs.size;
  }

  /** Runs an audit claimed by `worker` to its end: done, failed, or back in the queue on shutdown. */
  async execute(row: AuditTable, worker: string): Promise<RunOutcome> {
    const { db, files, dataDir, log } = this.o;
    const id = row.id;
    const run: { proc?: AuditProcess; why?: 'cancelled' | 'shutdown' } = this.closing ? { why: 'shutdown' } : {};
    this.runs.set(id, run);
    const scratch = join(dataDir, 'work', `${id}-${randomBytes(6).toString('hex')}`);
    let progress: Progress | undefined;
    let beating = false;
    const beat = setInterval(() => {
      if (beating) return;
      beating = true;
      store
        .beat(db, id, worker, progress && { rows: progress.rows, bytesDone: progress.bytesDone, bytesTotal: progress.bytesTotal })
        .then((mine) => {
          if (!mine) this.stopRun(id, 'cancelled');
        })
        .catch((e: unknown) => log.warn({ err: e, audit: id }, 'battement de l’audit'))
        .finally(() => (beating = false));
    }, 1000);
    const started = performance.now();
    this.processes.begun();
    try {
      mkdirSync(join(scratch, 'reports'), { recursive: true });
      const input = await files.localInput(id, scratch);
      const inputReady = performance.now();
      if (!input) {
        await store.finish(db, id, worker, { status: 'failed', error: 'Le fichier envoyé n’est plus disponible sur le serveur : envoyez-le de nouveau.' });
        return 'ended';
      }
      if (run.why) return await this.stopped(run.why, id, worker);
      const options = storedOptions(row.options);
      const organisation = await loadOrganisationAuditData(db, row.organisation_id);
      const request: JobRequest = { input, dir: join(scratch, 'reports'), at: row.at, fileName: row.file_name, fileSize: Number(row.file_size), options, organisation, ...(this.o.batchDelayMs ? { batchDelayMs: this.o.batchDelayMs } : {}) };
      run.proc = new AuditProcess(this.processes, request, this.budgets, (p) => (progress = p));
      const end = await run.proc.result;
      const audited = performance.now();
      clearInterval(beat);
      if (end.status === 'stopped') return await this.stopped(run.why ?? 'cancelled', id, worker);
      if (end.status === 'failed') {
        if (end.internal) log.error({ audit: id, cause: end.internal }, 'audit en échec');
        else log.warn({ audit: id, error: end.error }, 'audit en échec');
        await store.finish(db, id, worker, { status: 'failed', error: withFileName(end.error, input, row.file_name) });
        return 'ended';
      }
      await keepColumnChoices(db, row.organisation_id, options, end.headers).catch((e: unknown) => log.warn({ err: e, audit: id }, 'choix de colonnes non gardés'));
      const published = await files.publish(id, join(scratch, 'reports'), (trx) => store.finish(trx, id, worker, { status: 'done', summary: end.summary }));
      // Where an audit's time went: the upload fetched, the audit, its reports stored (docs/performance.md).
      const ms = { input: Math.round(inputReady - started), audit: Math.round(audited - inputReady), publish: Math.round(performance.now() - audited) };
      if (published) log.info({ audit: id, rows: end.summary.rows, findings: end.summary.findings, ms }, 'audit terminé');
      return 'ended';
    } catch (e) {
      log.error({ err: e, audit: id }, 'audit en échec');
      await store.finish(db, id, worker, { status: 'failed', error: 'Erreur interne pendant l’audit ; elle a été enregistrée. Relancez l’audit ou signalez le problème.' }).catch(() => false);
      return 'ended';
    } finally {
      clearInterval(beat);
      this.runs.delete(id);
      rmSync(scratch, { recursive: true, force: true });
      this.processes.ended();
    }
  }

  private async stopped(why: 'cancelled' | 'shutdown', id: string, worker: string): Promise<RunOutcome> {
    if (why === 'cancelled') {
      this.o.log.info({ audit: id }, 'audit annulé');
      return 'ended';
    }
    // Shutting down: back in the queue, for this instance's next start or another instance.
    await store.finish(this.o.db, id, worker, { status: 'queued' }).catch(() => false);
    this.o.log.info({ audit: id }, 'audit interrompu par l’arrêt du serveur, remis en file');
    return 'requeued';
  }

  private stopRun(id: string, why: 'cancelled' | 'shutdown'): void {
    const run = this.runs.get(id);
    if (!run) return;
    run.why ??= why;
    run.proc?.stop();
  }

  /** Stops the audit if it runs here (its row was cancelled or deleted). */
  cancel(id: string): void {
    this.stopRun(id, 'cancelled');
  }

  /** Stops every run of this instance, and any claimed later, to shut down: they go back to the queue. */
  stopAll(): void {
    this.closing = true;
    this.processes.close();
    for (const id of this.runs.keys()) this.stopRun(id, 'shutdown');
  }

  /** Whether the instance named in `worker` is certainly gone, or silent too long. */
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

  /** Audits left running by dead instances: queued again, or failed after `maxAttempts` runs. */
  async recover(): Promise<{ id: string; organisationId: string; worker: string | null; retry: boolean }[]> {
    const recovered: { id: string; organisationId: string; worker: string | null; retry: boolean }[] = [];
    for (const a of await store.runningAudits(this.o.db)) {
      if (this.runs.has(a.id) || !this.isDead(a.worker, a.heartbeat_at)) continue;
      const retry = Number(a.attempts) < this.maxAttempts;
      const error = `L’audit a été interrompu ${a.attempts} fois par l’arrêt brutal du serveur qui le traitait ; il n’est plus relancé automatiquement. Relancez-le, ou découpez le fichier s’il est très volumineux.`;
      if (await store.recover(this.o.db, a.id, a.worker, retry, error)) {
        recovered.push({ id: a.id, organisationId: a.organisation_id, worker: a.worker, retry });
        this.o.log.warn({ audit: a.id, worker: a.worker, retry }, retry ? 'audit interrompu : remis en file' : 'audit interrompu trop souvent : abandonné');
      }
    }
    return recovered;
  }
}

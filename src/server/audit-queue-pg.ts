/**
 * The audit queue on PostgreSQL, shared by every instance: graphile-worker (see docs/security.md
 * for why it and not pg-boss). Each audit is a job `classif_audit` in the named queue of its
 * organisation (`org:<id>`): graphile-worker runs the jobs of one named queue one at a time, so an
 * organisation never has two audits running, whatever the number of instances, while the others'
 * queues go on. A job's priority is the number of audits its organisation already had waiting or
 * running when it was queued: a second file waits behind the other organisations' first.
 *
 * The job only carries the audit's id; the `audits` row stays the truth (status, attempts,
 * heartbeat). A job whose audit was cancelled or deleted ends at once. A run's failure (budget,
 * crash, bad file) completes the job: graphile-worker's own retries are for instances that stop.
 * An instance killed with its job locked: the others see the audit's heartbeat stop, queue it
 * again (or fail it after `maxAttempts` runs), unlock the dead instance's jobs and queues
 * (forceUnlockWorkers) and queue its job again, so another instance finishes it within seconds,
 * not after graphile-worker's four hours.
 *
 * Its tables live in the schema `classif_queue`, created and migrated by graphile-worker at
 * start-up: one per database, whatever the application's schema. One per database because
 * graphile-worker announces a migration on a channel that every worker of the database hears
 * (NOTIFY is not per schema) and stops on it: a second queue schema installed later would stop
 * the running ones. Applications in other schemas of the same database (tests) each have their
 * own task name, `classif_audit:<schema>`, so that a worker only takes its own application's jobs.
 */
import type { Pool } from 'pg';
import { sql, type Kysely } from 'kysely';
import { Logger, makeWorkerUtils, run, runMigrations, type JobHelpers, type Runner, type WorkerUtils } from 'graphile-worker';
import * as store from '../store/audits.js';
import type { Database } from '../store/schema.js';
import type { AuditQueue } from './audit-queue.js';
import { cleanScratch, type AuditRunner } from './audit-runner.js';

export const QUEUE_SCHEMA = 'classif_queue';

/** The task of the application working in the connection's schema. */
export async function taskName(db: Kysely<Database>): Promise<string> {
  const current = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s;
  return current === 'public' ? 'classif_audit' : `classif_audit:${current}`;
}

/** Instance liveness lives in `audits.worker`: `host:pid:boot:<graphile-worker pool id>`. */
function poolOf(worker: string | null): string | undefined {
  return worker?.split(':').slice(3).join(':') || undefined;
}

export class PgQueue implements AuditQueue {
  private readonly schema = QUEUE_SCHEMA;
  private task = '';
  private graphile: Runner | undefined;
  private utils: WorkerUtils | undefined;
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | null = null;
  private lastCleanup = 0;
  private readonly active = new Set<Promise<unknown>>();

  constructor(
    readonly runner: AuditRunner,
    private readonly pool: Pool,
  ) {}

  private get logger(): Logger {
    const log = this.runner.o.log;
    return new Logger(() => (level, message) => (level === 'error' ? log.error(`graphile-worker : ${message}`) : level === 'warning' ? log.warn(`graphile-worker : ${message}`) : log.debug(`graphile-worker : ${message}`)));
  }

  async prepare(): Promise<void> {
    this.task = await taskName(this.runner.o.db);
    await runMigrations({ pgPool: this.pool, schema: this.schema, logger: this.logger });
  }

  async start(): Promise<void> {
    cleanScratch(this.runner.o.dataDir);
    this.runner.warm();
    this.utils = await makeWorkerUtils({ pgPool: this.pool, schema: this.schema, logger: this.logger });
    await this.sweep();
    this.graphile = await run({
      pgPool: this.pool,
      schema: this.schema,
      concurrency: this.runner.concurrency,
      noHandleSignals: true,
      pollInterval: this.runner.o.pollMs ?? 2000,
      logger: this.logger,
      taskList: { [this.task]: (payload, helpers) => this.run(payload, helpers) },
    });
    const every = Math.max(200, Math.min(5000, this.runner.staleMs / 3));
    this.timer = setInterval(() => void this.sweep(), every);
    this.timer.unref();
  }

  private async run(payload: unknown, helpers: JobHelpers): Promise<void> {
    const id = (payload as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return;
    const worker = `${this.runner.instance}:${helpers.job.locked_by ?? ''}`;
    const row = await store.claim(this.runner.o.db, id, worker);
    // Cancelled, deleted, or already taken: nothing to do.
    if (!row) return;
    const run = this.runner.execute(row, worker);
    this.active.add(run);
    try {
      // Stopped by this instance's shutdown: failing the job lets graphile-worker offer it again.
      if ((await run) === 'requeued') throw new Error('audit interrompu par l’arrêt de l’instance : remis en file');
    } finally {
      this.active.delete(run);
    }
  }

  /** Audits of dead instances: queued again and their jobs unlocked, or failed and their jobs removed. */
  private sweep(): Promise<void> {
    this.sweeping ??= (async () => {
      try {
        const recovered = await this.runner.recover();
        const pools = [...new Set(recovered.map((r) => poolOf(r.worker)).filter((p): p is string => p !== undefined))];
        // The dead instance's locks go (its organisations' queues with them); a job whose audit
        // was failed ends at its next fetch, with nothing to claim.
        if (pools.length) await this.utils!.forceUnlockWorkers(pools);
        // An audit queued again gets its job again (the same key: the old one is replaced).
        for (const r of recovered) if (r.retry) await this.enqueue(this.runner.o.db, r);
        // Organisations' named queues left empty are collected now and then.
        if (Date.now() - this.lastCleanup > 600_000) {
          this.lastCleanup = Date.now();
          await this.utils!.cleanup({ tasks: ['GC_JOB_QUEUES'] });
        }
      } catch (e) {
        this.runner.o.log.error({ err: e }, 'reprise des audits interrompus');
      } finally {
        this.sweeping = null;
      }
    })();
    return this.sweeping;
  }

  async enqueue(db: Kysely<Database>, audit: { id: string; organisationId: string }): Promise<void> {
    const priority = Math.max(0, (await store.pendingCount(db, audit.organisationId)) - 1);
    // In the caller's transaction: the audit and its job exist together or not at all.
    await sql`select ${sql.id(this.schema)}.add_job(${this.task}, ${JSON.stringify({ id: audit.id })}::json, queue_name => ${`org:${audit.organisationId}`}, job_key => ${audit.id}, priority => ${priority}, max_attempts => 25)`.execute(db);
  }

  kick(): void {
    // graphile-worker hears new jobs through LISTEN/NOTIFY.
  }

  cancel(id: string): void {
    this.runner.cancel(id);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    // No new job is fetched; the runs in progress are stopped and their jobs offered again.
    const stopping = this.graphile?.stop();
    this.runner.stopAll();
    await this.idle();
    await stopping;
    await this.sweeping;
    await this.utils?.release();
  }

  async idle(): Promise<void> {
    while (this.active.size > 0) await Promise.allSettled([...this.active]);
  }
}

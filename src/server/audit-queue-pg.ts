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
 * again (or fail it after `maxAttempts` runs) and unlock the dead instance's jobs
 * (forceUnlockWorkers), so another instance finishes it within seconds, not graphile-worker's
 * four hours.
 *
 * Its tables live in a schema of their own, named after the application's (`<schema>_queue`, or
 * `classif_queue` for `public`), created and migrated by graphile-worker at start-up.
 */
import type { Pool } from 'pg';
import { sql, type Kysely } from 'kysely';
import { Logger, makeWorkerUtils, run, runMigrations, type JobHelpers, type Runner, type WorkerUtils } from 'graphile-worker';
import * as store from '../store/audits.js';
import type { Database } from '../store/schema.js';
import type { AuditQueue } from './audit-queue.js';
import { cleanScratch, type AuditRunner } from './audit-runner.js';

const TASK = 'classif_audit';

/** The queue's schema, next to the application's. */
export async function queueSchema(db: Kysely<Database>): Promise<string> {
  const current = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s;
  const name = current === 'public' ? 'classif_queue' : `${current}_queue`;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`schéma de file invalide : ${name}`);
  return name;
}

/** Instance liveness lives in `audits.worker`: `host:pid:boot:<graphile-worker pool id>`. */
function poolOf(worker: string | null): string | undefined {
  return worker?.split(':').slice(3).join(':') || undefined;
}

export class PgQueue implements AuditQueue {
  private schema = '';
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
    this.schema = await queueSchema(this.runner.o.db);
    await runMigrations({ pgPool: this.pool, schema: this.schema, logger: this.logger });
  }

  async start(): Promise<void> {
    cleanScratch(this.runner.o.dataDir);
    this.utils = await makeWorkerUtils({ pgPool: this.pool, schema: this.schema, logger: this.logger });
    await this.sweep();
    this.graphile = await run({
      pgPool: this.pool,
      schema: this.schema,
      concurrency: this.runner.concurrency,
      noHandleSignals: true,
      pollInterval: this.runner.o.pollMs ?? 2000,
      logger: this.logger,
      taskList: { [TASK]: (payload, helpers) => this.task(payload, helpers) },
    });
    const every = Math.max(200, Math.min(5000, this.runner.staleMs / 3));
    this.timer = setInterval(() => void this.sweep(), every);
    this.timer.unref();
  }

  private async task(payload: unknown, helpers: JobHelpers): Promise<void> {
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
        // An unlocked job whose audit was failed meanwhile ends at its next fetch (nothing to claim).
        if (pools.length) await this.utils!.forceUnlockWorkers(pools);
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
    await sql`select ${sql.id(this.schema)}.add_job(${TASK}, ${JSON.stringify({ id: audit.id })}::json, queue_name => ${`org:${audit.organisationId}`}, job_key => ${audit.id}, priority => ${priority}, max_attempts => 25)`.execute(db);
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

/**
 * The audit queue, as the routes see it, whichever backend runs it: in process for SQLite (this
 * file), on graphile-worker for PostgreSQL (audit-queue-pg.ts). Both keep the same promises:
 *   - fairness: a concurrency of N runs per instance and at most one running audit per
 *     organisation; an organisation that queues many files gets its next one after the others'
 *     (round-robin), so one organisation's big or hostile file never holds back another's;
 *   - budgets: each run in its own process, killed past its time or memory budget (`failed`);
 *   - cancel: a cancelled or deleted audit's process is killed within a second;
 *   - no loop: only the death of an instance queues an audit again, `maxAttempts` times at most.
 */
import type { Kysely } from 'kysely';
import * as store from '../store/audits.js';
import type { Database } from '../store/schema.js';
import { AuditRunner, cleanScratch } from './audit-runner.js';

export interface AuditQueue {
  readonly runner: AuditRunner;
  /** Sets up what the queue needs in the database (before the first `enqueue`). */
  prepare(): Promise<void>;
  /** Recovers dead instances' audits, then takes work. */
  start(): Promise<void>;
  /** Stops taking work; runs in progress are stopped and put back in the queue. */
  stop(): Promise<void>;
  /** Queues an audit whose row was just inserted or requeued, in the same transaction `db`. */
  enqueue(db: Kysely<Database>, audit: { id: string; organisationId: string }): Promise<void>;
  /** After the transaction that queued an audit: look for work now. */
  kick(): void;
  /** Stops the audit if it runs here; its row was already cancelled or deleted. */
  cancel(id: string): void;
  /** Resolves when nothing runs here (tests). */
  idle(): Promise<void>;
}

/** SQLite, one process: the queue is the `audits` table, scheduled here. */
export class LocalQueue implements AuditQueue {
  private readonly running = new Map<string, { organisationId: string; done: Promise<unknown> }>();
  private filling: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private stopped = false;
  private lastRecovery = 0;

  constructor(readonly runner: AuditRunner) {}

  prepare(): Promise<void> {
    return Promise.resolve();
  }

  async start(): Promise<void> {
    this.started = true;
    cleanScratch(this.runner.o.dataDir);
    this.runner.warm();
    await this.recover();
    this.kick();
    const pollMs = this.runner.o.pollMs ?? 2000;
    this.timer = setInterval(() => {
      if (Date.now() - this.lastRecovery > Math.min(30_000, this.runner.staleMs / 2)) this.recover().catch((e: unknown) => this.runner.o.log.error({ err: e }, 'reprise des audits interrompus'));
      this.kick();
    }, pollMs);
    this.timer.unref();
  }

  private async recover(): Promise<void> {
    this.lastRecovery = Date.now();
    if ((await this.runner.recover()).some((r) => r.retry)) this.kick();
  }

  enqueue(): Promise<void> {
    return Promise.resolve();
  }

  kick(): void {
    if (this.stopped || !this.started) return;
    if (this.filling) {
      this.again = true;
      return;
    }
    this.filling = this.fill()
      .catch((e: unknown) => this.runner.o.log.error({ err: e }, 'file des audits'))
      .finally(() => {
        this.filling = null;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Starts queued audits while there is room: the organisation served least recently first. */
  private async fill(): Promise<void> {
    const { db } = this.runner.o;
    while (!this.stopped && this.running.size < this.runner.concurrency) {
      const busy = new Set([...this.running.values()].map((r) => r.organisationId));
      let next: { id: string; organisationId: string; lastStart: string } | undefined;
      for (const q of await store.queuedAudits(db)) {
        if (busy.has(q.organisationId) || this.running.has(q.id)) continue;
        if (!next || q.lastStart < next.lastStart) next = q;
      }
      if (!next) return;
      const worker = this.runner.instance;
      const row = await store.claim(db, next.id, worker);
      if (!row) continue;
      if (this.stopped) {
        await store.finish(db, row.id, worker, { status: 'queued' });
        return;
      }
      const done = this.runner.execute(row, worker).finally(() => {
        this.running.delete(row.id);
        this.kick();
      });
      this.running.set(row.id, { organisationId: row.organisation_id, done });
    }
  }

  cancel(id: string): void {
    this.runner.cancel(id);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.runner.stopAll();
    await this.idle();
  }

  async idle(): Promise<void> {
    while (this.filling || this.running.size > 0) {
      await this.filling;
      await Promise.all([...this.running.values()].map((r) => r.done));
    }
  }
}

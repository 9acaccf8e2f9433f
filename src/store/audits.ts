/**
 * Audit jobs: a row per uploaded staff list, its status and progress. A job is claimed with a
 * conditional update (`queued` → `running`), so that one instance only runs it even when several
 * poll the same database.
 */
import type { Kysely } from 'kysely';
import type { AuditSummary } from '../roster/audit.js';
import type { AuditStatus, AuditTable, Database } from './schema.js';
import { nowIso, parseJson } from './util.js';

type Db = Kysely<Database>;

export interface AuditView {
  id: string;
  fileName: string;
  fileSize: number;
  at: string;
  status: AuditStatus;
  progress: { rows: number; bytesDone: number; bytesTotal: number; percent: number };
  summary: AuditSummary | null;
  error: string | null;
  attempts: number;
  author: { type: 'user' | 'token'; id: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export function auditView(r: AuditTable): AuditView {
  const total = Number(r.bytes_total);
  const done = Number(r.bytes_done);
  const percent = r.status === 'done' ? 100 : total > 0 ? Math.min(99, Math.floor((100 * done) / total)) : 0;
  return {
    id: r.id,
    fileName: r.file_name,
    fileSize: Number(r.file_size),
    at: r.at,
    status: r.status,
    progress: { rows: Number(r.rows_read), bytesDone: done, bytesTotal: total, percent },
    summary: parseJson<AuditSummary>(r.summary),
    error: r.error,
    attempts: Number(r.attempts),
    author: r.author_token_id ? { type: 'token', id: r.author_token_id } : r.author_user_id ? { type: 'user', id: r.author_user_id } : null,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

export async function insertAudit(
  db: Db,
  input: { id: string; organisationId: string; authorUserId: string | null; authorTokenId: string | null; fileName: string; fileSize: number; at: string; options?: string },
): Promise<AuditView> {
  const row: AuditTable = {
    id: input.id,
    organisation_id: input.organisationId,
    author_user_id: input.authorUserId,
    author_token_id: input.authorTokenId,
    file_name: input.fileName,
    file_size: input.fileSize,
    at: input.at,
    status: 'queued',
    rows_read: 0,
    bytes_done: 0,
    bytes_total: input.fileSize,
    summary: null,
    error: null,
    attempts: 0,
    worker: null,
    heartbeat_at: null,
    created_at: nowIso(),
    started_at: null,
    finished_at: null,
    ...(input.options ? { options: input.options } : {}),
  };
  await db.insertInto('audits').values(row).execute();
  return auditView(row);
}

export async function getAudit(db: Db, organisationId: string, id: string): Promise<AuditView | undefined> {
  const r = await db.selectFrom('audits').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
  return r && auditView(r);
}

export async function listAudits(db: Db, organisationId: string, options: { limit: number; offset: number }): Promise<{ items: AuditView[]; total: number }> {
  const [rows, count] = await Promise.all([
    db.selectFrom('audits').selectAll().where('organisation_id', '=', organisationId).orderBy('created_at', 'desc').orderBy('id').limit(options.limit).offset(options.offset).execute(),
    db.selectFrom('audits').select((eb) => eb.fn.countAll().as('n')).where('organisation_id', '=', organisationId).executeTakeFirst(),
  ]);
  return { items: rows.map(auditView), total: Number(count?.n ?? 0) };
}

/** Puts a finished audit back in the queue, its attempts counted anew; false when it is queued or running. */
export async function requeue(db: Db, organisationId: string, id: string): Promise<boolean> {
  const r = await db
    .updateTable('audits')
    .set({ status: 'queued', rows_read: 0, bytes_done: 0, summary: null, error: null, attempts: 0, worker: null, heartbeat_at: null, started_at: null, finished_at: null })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('status', 'in', ['done', 'failed'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Stops a queued or running audit: it ends `failed` with `reason`. The instance running it sees
 * the change at its next heartbeat (within a second) and stops its process; false when it had
 * already ended.
 */
export async function cancelAudit(db: Db, organisationId: string, id: string, reason: string): Promise<boolean> {
  const r = await db
    .updateTable('audits')
    .set({ status: 'failed', error: reason, finished_at: nowIso() })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Deletes an audit whatever its state (a running one stops at its next heartbeat); false when absent. */
export async function deleteAudit(db: Db, organisationId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('audits').where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

// ——— the queue's side: not scoped to one organisation, it serves them all ———

/** Queued audits, oldest first, with when their organisation last started one (round-robin). */
export async function queuedAudits(db: Db, limit = 500): Promise<{ id: string; organisationId: string; lastStart: string }[]> {
  const rows = await db.selectFrom('audits').select(['id', 'organisation_id']).where('status', '=', 'queued').orderBy('created_at').orderBy('id').limit(limit).execute();
  if (rows.length === 0) return [];
  const orgs = [...new Set(rows.map((r) => r.organisation_id))];
  const starts = await db
    .selectFrom('audits')
    .select((eb) => ['organisation_id', eb.fn.max('started_at').as('last')])
    .where('organisation_id', 'in', orgs)
    .groupBy('organisation_id')
    .execute();
  const last = new Map(starts.map((s) => [s.organisation_id, (s.last as string | null) ?? '']));
  return rows.map((r) => ({ id: r.id, organisationId: r.organisation_id, lastStart: last.get(r.organisation_id) ?? '' }));
}

/** How many audits of the organisation wait or run: the queue's priority for its next one. */
export async function pendingCount(db: Db, organisationId: string): Promise<number> {
  const r = await db.selectFrom('audits').select((eb) => eb.fn.countAll().as('n')).where('organisation_id', '=', organisationId).where('status', 'in', ['queued', 'running']).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Claims a queued audit for `worker`; the row when claimed, undefined when cancelled or taken. */
export async function claim(db: Db, id: string, worker: string): Promise<AuditTable | undefined> {
  const now = nowIso();
  const r = await db
    .updateTable('audits')
    .set((eb) => ({ status: 'running', worker, heartbeat_at: now, started_at: now, attempts: eb('attempts', '+', 1), rows_read: 0, bytes_done: 0, error: null }))
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return undefined;
  return db.selectFrom('audits').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The run's heartbeat, with its progress; false when the audit is no longer this run's (cancelled, deleted, recovered). */
export async function beat(db: Db, id: string, worker: string, p: { rows: number; bytesDone: number; bytesTotal: number } | undefined): Promise<boolean> {
  const progress = p ? { rows_read: p.rows, bytes_done: Math.min(p.bytesDone, p.bytesTotal), bytes_total: p.bytesTotal } : {};
  const r = await db
    .updateTable('audits')
    .set({ ...progress, heartbeat_at: nowIso() })
    .where('id', '=', id)
    .where('worker', '=', worker)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export type Outcome = { status: 'done'; summary: AuditSummary } | { status: 'failed'; error: string } | { status: 'queued' };

/**
 * Ends this run: done, failed, or back in the queue (an instance shutting down: the attempt is
 * not counted). False when the audit is no longer this run's.
 */
export async function finish(db: Db, id: string, worker: string, outcome: Outcome): Promise<boolean> {
  const now = nowIso();
  const r = await db
    .updateTable('audits')
    .set((eb) =>
      outcome.status === 'done'
        ? { status: 'done' as const, summary: JSON.stringify(outcome.summary), rows_read: outcome.summary.rows, error: null, finished_at: now, heartbeat_at: now }
        : outcome.status === 'failed'
          ? { status: 'failed' as const, error: outcome.error, finished_at: now, heartbeat_at: now }
          : { status: 'queued' as const, worker: null, heartbeat_at: null, attempts: eb('attempts', '-', 1) },
    )
    .where('id', '=', id)
    .where('worker', '=', worker)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function runningAudits(db: Db): Promise<Pick<AuditTable, 'id' | 'organisation_id' | 'worker' | 'heartbeat_at' | 'attempts'>[]> {
  return db.selectFrom('audits').select(['id', 'organisation_id', 'worker', 'heartbeat_at', 'attempts']).where('status', '=', 'running').execute();
}

/** An audit whose instance died: queued again, or failed after too many attempts. */
export async function recover(db: Db, id: string, worker: string | null, retry: boolean, error: string): Promise<boolean> {
  let q = db.updateTable('audits').set(retry ? { status: 'queued', worker: null, heartbeat_at: null } : { status: 'failed', error, finished_at: nowIso() }).where('id', '=', id).where('status', '=', 'running');
  q = worker === null ? q.where('worker', 'is', null) : q.where('worker', '=', worker);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Classification decisions: immutable rows. A correction is a new row, version n+1, that points
 * to the version it corrects (`previous_id`, unique: a version is corrected once, so the
 * versions of a decision form one chain even when two instances race). Nothing here updates or
 * deletes a decision.
 */
import type { Kysely } from 'kysely';
import type { Database, DecisionTable } from './schema.js';
import { isUniqueViolation } from './db.js';
import { decisionNumber } from './migrations.js';
import { newId, nowIso, parseJson } from './util.js';

type Db = Kysely<Database>;

export type Author = { type: 'user'; id: string; name: string; email: string } | { type: 'token'; id: string; name: string };

/** What a decision records: its facts, its result, and what it was computed against. */
interface DecisionContent {
  employeeId: string | null;
  kind: 'classify' | 'transpose';
  idcc: string;
  gridId: string;
  at: string;
  facts: unknown;
  input: unknown;
  result: unknown;
  explanation: unknown;
  position: string | null;
  comment: string | null;
}

export interface DecisionView extends DecisionContent {
  id: string;
  /** The short reference people file the decision under (« 2026-0007 »), the same for every version. */
  reference: string | null;
  version: number;
  rootId: string;
  previousId: string | null;
  /** The version that corrects this one, if any. */
  supersededBy: string | null;
  latest: boolean;
  author: Author | null;
  createdAt: string;
}

export interface NewDecision extends DecisionContent {
  organisationId: string;
  previous?: { id: string; rootId: string; version: number };
  authorUserId: string | null;
  authorTokenId: string | null;
}

/**
 * Writes a decision. A first version takes the next reference of its organisation and year; two
 * written at once may take the same one: the unique index refuses the second, which tries the
 * next (a correction keeps its decision's reference, and races are caught by `previous_id`).
 */
export async function insertDecision(db: Db, d: NewDecision): Promise<string> {
  if (d.previous) return insertRow(db, d, await referenceOf(db, d.organisationId, d.previous.rootId));
  for (let attempt = 0; ; attempt++) {
    try {
      return await insertRow(db, d, await nextReference(db, d.organisationId));
    } catch (e) {
      if (attempt >= 8 || !isUniqueViolation(e)) throw e;
    }
  }
}

async function referenceOf(db: Db, organisationId: string, rootId: string): Promise<string | null> {
  const r = await db.selectFrom('decisions').select('reference').where('organisation_id', '=', organisationId).where('id', '=', rootId).executeTakeFirst();
  return r?.reference ?? null;
}

async function nextReference(db: Db, organisationId: string): Promise<string> {
  const year = nowIso().slice(0, 4);
  const r = await db
    .selectFrom('decisions')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('version', '=', 1)
    .where('reference', 'like', `${year}-%`)
    .executeTakeFirst();
  return decisionNumber(year, Number(r?.n ?? 0) + 1);
}

async function insertRow(db: Db, d: NewDecision, reference: string | null): Promise<string> {
  const id = newId();
  const row: DecisionTable = {
    id,
    reference,
    organisation_id: d.organisationId,
    root_id: d.previous?.rootId ?? id,
    version: d.previous ? d.previous.version + 1 : 1,
    previous_id: d.previous?.id ?? null,
    employee_id: d.employeeId,
    kind: d.kind,
    idcc: d.idcc,
    grid_id: d.gridId,
    at: d.at,
    facts: JSON.stringify(d.facts ?? {}),
    input: JSON.stringify(d.input ?? {}),
    result: JSON.stringify(d.result),
    explanation: JSON.stringify(d.explanation ?? []),
    position: d.position,
    comment: d.comment,
    author_user_id: d.authorUserId,
    author_token_id: d.authorTokenId,
    created_at: nowIso(),
  };
  await db.insertInto('decisions').values(row).execute();
  return id;
}

function decisionQuery(db: Db, organisationId: string) {
  return db
    .selectFrom('decisions')
    .leftJoin('decisions as next', 'next.previous_id', 'decisions.id')
    .leftJoin('users', 'users.id', 'decisions.author_user_id')
    .leftJoin('api_tokens', 'api_tokens.id', 'decisions.author_token_id')
    .selectAll('decisions')
    .select(['next.id as next_id', 'users.name as user_name', 'users.email as user_email', 'api_tokens.name as token_name'])
    .where('decisions.organisation_id', '=', organisationId);
}

type Row = Awaited<ReturnType<ReturnType<typeof decisionQuery>['executeTakeFirstOrThrow']>>;

function view(r: Row): DecisionView {
  const author: Author | null = r.author_token_id
    ? { type: 'token', id: r.author_token_id, name: r.token_name ?? '' }
    : r.author_user_id
      ? { type: 'user', id: r.author_user_id, name: r.user_name ?? '', email: r.user_email ?? '' }
      : null;
  return {
    id: r.id,
    reference: r.reference,
    version: Number(r.version),
    rootId: r.root_id,
    previousId: r.previous_id,
    supersededBy: r.next_id,
    latest: r.next_id === null,
    employeeId: r.employee_id,
    kind: r.kind,
    idcc: r.idcc,
    gridId: r.grid_id,
    at: r.at,
    facts: parseJson(r.facts),
    input: parseJson(r.input),
    result: parseJson(r.result),
    explanation: parseJson(r.explanation),
    position: r.position,
    comment: r.comment,
    author,
    createdAt: r.created_at,
  };
}

export async function getDecision(db: Db, organisationId: string, id: string): Promise<DecisionView | undefined> {
  const r = await decisionQuery(db, organisationId).where('decisions.id', '=', id).executeTakeFirst();
  return r && view(r);
}

/** Every version of a decision, oldest first. */
export async function versionsOf(db: Db, organisationId: string, rootId: string): Promise<{ id: string; version: number; createdAt: string }[]> {
  const rows = await db
    .selectFrom('decisions')
    .select(['id', 'version', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .where('root_id', '=', rootId)
    .orderBy('version')
    .execute();
  return rows.map((r) => ({ id: r.id, version: Number(r.version), createdAt: r.created_at }));
}

export async function listDecisions(
  db: Db,
  organisationId: string,
  options: { employeeId?: string; latestOnly?: boolean; limit: number; offset: number },
): Promise<{ items: DecisionView[]; total: number }> {
  let q = decisionQuery(db, organisationId);
  let c = db.selectFrom('decisions').leftJoin('decisions as next', 'next.previous_id', 'decisions.id').where('decisions.organisation_id', '=', organisationId);
  if (options.employeeId !== undefined) {
    q = q.where('decisions.employee_id', '=', options.employeeId);
    c = c.where('decisions.employee_id', '=', options.employeeId);
  }
  if (options.latestOnly) {
    q = q.where('next.id', 'is', null);
    c = c.where('next.id', 'is', null);
  }
  const [rows, count] = await Promise.all([
    q.orderBy('decisions.created_at', 'desc').orderBy('decisions.version', 'desc').orderBy('decisions.id').limit(options.limit).offset(options.offset).execute(),
    c.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
  ]);
  return { items: rows.map(view), total: Number(count?.n ?? 0) };
}

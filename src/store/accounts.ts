/**
 * Users, organisations and memberships. Every query on an organisation's data takes the
 * organisation id of the authenticated principal, never one read from a request body.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, Role } from './schema.js';
import { newId, nowIso } from './util.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface UserRow {
  id: string;
  email: string;
  name: string;
  createdAt: string;
}

export interface MembershipView {
  organisationId: string;
  organisationName: string;
  role: Role;
}

export interface MemberView {
  userId: string;
  email: string;
  name: string;
  role: Role;
  since: string;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
}

export async function findUser(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function createUser(db: Db, input: { email: string; name: string; passwordHash: string }): Promise<UserRow> {
  const row = { id: newId(), email: normaliseEmail(input.email), name: input.name, password_hash: input.passwordHash, created_at: nowIso() };
  await db.insertInto('users').values(row).execute();
  return { id: row.id, email: row.email, name: row.name, createdAt: row.created_at };
}

export async function setPassword(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

export async function createOrganisation(db: Db, name: string): Promise<{ id: string; name: string; createdAt: string }> {
  const row = { id: newId(), name, created_at: nowIso() };
  await db.insertInto('organisations').values(row).execute();
  return { id: row.id, name: row.name, createdAt: row.created_at };
}

export async function findOrganisation(db: Db, id: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function renameOrganisation(db: Db, id: string, name: string): Promise<void> {
  await db.updateTable('organisations').set({ name }).where('id', '=', id).execute();
}

export async function addMembership(db: Db, organisationId: string, userId: string, role: Role): Promise<void> {
  await db.insertInto('memberships').values({ organisation_id: organisationId, user_id: userId, role, created_at: nowIso() }).execute();
}

export async function membership(db: Db, organisationId: string, userId: string): Promise<Role | undefined> {
  const row = await db.selectFrom('memberships').select('role').where('organisation_id', '=', organisationId).where('user_id', '=', userId).executeTakeFirst();
  return row?.role;
}

/** The user's organisations, oldest membership first. */
export async function membershipsOf(db: Db, userId: string): Promise<MembershipView[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
    .select(['memberships.organisation_id', 'organisations.name', 'memberships.role', 'memberships.created_at'])
    .where('memberships.user_id', '=', userId)
    .orderBy('memberships.created_at')
    .orderBy('memberships.organisation_id')
    .execute();
  return rows.map((r) => ({ organisationId: r.organisation_id, organisationName: r.name, role: r.role }));
}

export async function listMembers(db: Db, organisationId: string): Promise<MemberView[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email', 'users.name', 'memberships.role', 'memberships.created_at'])
    .where('memberships.organisation_id', '=', organisationId)
    .orderBy('memberships.created_at')
    .orderBy('users.email')
    .execute();
  return rows.map((r) => ({ userId: r.id, email: r.email, name: r.name, role: r.role, since: r.created_at }));
}

export async function member(db: Db, organisationId: string, userId: string): Promise<MemberView | undefined> {
  const r = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email', 'users.name', 'memberships.role', 'memberships.created_at'])
    .where('memberships.organisation_id', '=', organisationId)
    .where('memberships.user_id', '=', userId)
    .executeTakeFirst();
  return r && { userId: r.id, email: r.email, name: r.name, role: r.role, since: r.created_at };
}

export async function countAdmins(db: Db, organisationId: string): Promise<number> {
  const r = await db.selectFrom('memberships').select((eb) => eb.fn.countAll().as('n')).where('organisation_id', '=', organisationId).where('role', '=', 'admin').executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function setRole(db: Db, organisationId: string, userId: string, role: Role): Promise<void> {
  await db.updateTable('memberships').set({ role }).where('organisation_id', '=', organisationId).where('user_id', '=', userId).execute();
}

/**
 * Takes the organisation's row lock for the rest of the transaction, so that every change to
 * its memberships runs one after the other: PostgreSQL holds the row lock until commit (a
 * concurrent change waits, then reads the committed state: READ COMMITTED takes a new snapshot
 * per statement); on SQLite this first write takes the database's write lock, which serialises
 * even another process on the same file. The same statement on both engines, where
 * `SELECT … FOR UPDATE` does not exist in SQLite.
 */
async function lockOrganisation(trx: Transaction<Database>, organisationId: string): Promise<void> {
  await trx.updateTable('organisations').set((eb) => ({ name: eb.ref('name') })).where('id', '=', organisationId).execute();
}

export type MemberChange = { role: Role } | 'remove';

/**
 * Changes a member's role or removes them, never leaving the organisation without an admin,
 * even when two admins demote or remove each other at the same instant.
 */
export async function changeMember(db: Kysely<Database>, organisationId: string, userId: string, change: MemberChange): Promise<'done' | 'not-found' | 'last-admin'> {
  return db.transaction().execute(async (trx) => {
    await lockOrganisation(trx, organisationId);
    const current = await membership(trx, organisationId, userId);
    if (!current) return 'not-found';
    const losesAdmin = current === 'admin' && (change === 'remove' || change.role !== 'admin');
    if (losesAdmin && (await countAdmins(trx, organisationId)) <= 1) return 'last-admin';
    if (change === 'remove') await removeMember(trx, organisationId, userId);
    else await setRole(trx, organisationId, userId, change.role);
    return 'done';
  });
}

/** Removes a member: their membership, the sessions working in this organisation, their tokens here. */
export async function removeMember(db: Db, organisationId: string, userId: string, at = nowIso()): Promise<void> {
  await db.deleteFrom('memberships').where('organisation_id', '=', organisationId).where('user_id', '=', userId).execute();
  await db.updateTable('sessions').set({ organisation_id: null }).where('organisation_id', '=', organisationId).where('user_id', '=', userId).execute();
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('organisation_id', '=', organisationId).where('created_by', '=', userId).where('revoked_at', 'is', null).execute();
}

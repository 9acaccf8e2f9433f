/**
 * Single-use tokens of the accounts: invitations to join an organisation and password resets.
 * Only their sha256 is stored; a token is spent by one conditional UPDATE (not yet used, not
 * revoked, not expired), so that of two concurrent uses exactly one wins on either engine.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, Role } from './schema.js';
import { newId, nowIso } from './util.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  createdBy: { id: string; name: string; email: string } | null;
  createdAt: string;
  expiresAt: string;
}

export async function createInvitation(
  db: Db,
  input: { organisationId: string; email: string; role: Role; tokenHash: string; createdBy: string; expiresAt: string },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('invitations')
    .values({
      id,
      organisation_id: input.organisationId,
      email: input.email,
      role: input.role,
      token_hash: input.tokenHash,
      created_by: input.createdBy,
      created_at: nowIso(),
      expires_at: input.expiresAt,
      accepted_at: null,
      accepted_by: null,
      revoked_at: null,
    })
    .execute();
  return id;
}

function pendingQuery(db: Db, organisationId: string, now: string) {
  return db
    .selectFrom('invitations')
    .leftJoin('users', 'users.id', 'invitations.created_by')
    .select([
      'invitations.id',
      'invitations.email',
      'invitations.role',
      'invitations.created_at',
      'invitations.expires_at',
      'users.id as user_id',
      'users.name as user_name',
      'users.email as user_email',
    ])
    .where('invitations.organisation_id', '=', organisationId)
    .where('invitations.accepted_at', 'is', null)
    .where('invitations.revoked_at', 'is', null)
    .where('invitations.expires_at', '>', now);
}

/** Invitations not yet accepted, revoked or expired, newest first. */
export async function listPendingInvitations(db: Db, organisationId: string, now = nowIso()): Promise<InvitationView[]> {
  const rows = await pendingQuery(db, organisationId, now).orderBy('invitations.created_at', 'desc').orderBy('invitations.id').execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    createdBy: r.user_id ? { id: r.user_id, name: r.user_name ?? '', email: r.user_email ?? '' } : null,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  }));
}

export async function getPendingInvitation(db: Db, organisationId: string, id: string, now = nowIso()): Promise<InvitationView | undefined> {
  return (await listPendingInvitations(db, organisationId, now)).find((i) => i.id === id);
}

export async function revokeInvitation(db: Db, organisationId: string, id: string, at = nowIso()): Promise<boolean> {
  const r = await db
    .updateTable('invitations')
    .set({ revoked_at: at })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The invitation a token opens, if it can still be used, with its organisation's name. */
export async function findUsableInvitation(db: Db, tokenHash: string, now = nowIso()) {
  return db
    .selectFrom('invitations')
    .innerJoin('organisations', 'organisations.id', 'invitations.organisation_id')
    .select(['invitations.id', 'invitations.organisation_id', 'invitations.email', 'invitations.role', 'invitations.expires_at', 'organisations.name as organisation_name'])
    .where('invitations.token_hash', '=', tokenHash)
    .where('invitations.accepted_at', 'is', null)
    .where('invitations.revoked_at', 'is', null)
    .where('invitations.expires_at', '>', now)
    .executeTakeFirst();
}

/** Spends an invitation; false when another request spent it first (or it died meanwhile). */
export async function spendInvitation(db: Db, id: string, userId: string, now = nowIso()): Promise<boolean> {
  const r = await db
    .updateTable('invitations')
    .set({ accepted_at: now, accepted_by: userId })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function createPasswordReset(db: Db, input: { tokenHash: string; userId: string; createdBy: string; expiresAt: string }): Promise<void> {
  await db
    .insertInto('password_resets')
    .values({ token_hash: input.tokenHash, user_id: input.userId, created_by: input.createdBy, created_at: nowIso(), expires_at: input.expiresAt, used_at: null })
    .execute();
}

/** The user a reset token is for, while it can still be used. */
export async function findPasswordResetUser(db: Db, tokenHash: string, now = nowIso()): Promise<string | undefined> {
  const row = await db.selectFrom('password_resets').select('user_id').where('token_hash', '=', tokenHash).where('used_at', 'is', null).where('expires_at', '>', now).executeTakeFirst();
  return row?.user_id;
}

/** Spends a reset token: the user it is for, or undefined when unknown, used or expired. */
export async function spendPasswordReset(db: Db, tokenHash: string, now = nowIso()): Promise<string | undefined> {
  const userId = await findPasswordResetUser(db, tokenHash, now);
  if (!userId) return undefined;
  const r = await db.updateTable('password_resets').set({ used_at: now }).where('token_hash', '=', tokenHash).where('used_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1 ? userId : undefined;
}

/** Every reset token of a user still open dies when the password changes. */
export async function spendAllPasswordResets(db: Db, userId: string, now = nowIso()): Promise<void> {
  await db.updateTable('password_resets').set({ used_at: now }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
}

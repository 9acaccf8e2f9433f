/**
 * Sessions (web UI, cookie) and API tokens (payroll software, `Authorization: Bearer`). Only
 * hashes of the secrets are stored; a token shows its short prefix so it can be found and named.
 */
import type { Kysely } from 'kysely';
import type { Database, Role } from './schema.js';
import { newId, nowIso } from './util.js';

type Db = Kysely<Database>;

export async function createSession(db: Db, input: { idHash: string; userId: string; organisationId: string | null; expiresAt: string }): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id: input.idHash, user_id: input.userId, organisation_id: input.organisationId, created_at: nowIso(), expires_at: input.expiresAt })
    .execute();
}

export async function findSession(db: Db, idHash: string, now = nowIso()) {
  return db.selectFrom('sessions').selectAll().where('id', '=', idHash).where('expires_at', '>', now).executeTakeFirst();
}

export async function setSessionOrganisation(db: Db, idHash: string, organisationId: string): Promise<void> {
  await db.updateTable('sessions').set({ organisation_id: organisationId }).where('id', '=', idHash).execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', idHash).execute();
}

/** Ends every session of a user but one (after a password change). */
export async function deleteOtherSessions(db: Db, userId: string, keepIdHash: string | null): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepIdHash) q = q.where('id', '!=', keepIdHash);
  await q.execute();
}

export async function purgeExpiredSessions(db: Db, now = nowIso()): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  createdBy: { id: string; name: string; email: string } | null;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export async function createToken(
  db: Db,
  input: { organisationId: string; prefix: string; tokenHash: string; name: string; role: Role; createdBy: string; expiresAt: string | null },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('api_tokens')
    .values({
      id,
      organisation_id: input.organisationId,
      prefix: input.prefix,
      token_hash: input.tokenHash,
      name: input.name,
      role: input.role,
      created_by: input.createdBy,
      created_at: nowIso(),
      expires_at: input.expiresAt,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  return id;
}

export async function findTokenByPrefix(db: Db, prefix: string) {
  return db.selectFrom('api_tokens').selectAll().where('prefix', '=', prefix).executeTakeFirst();
}

export async function touchToken(db: Db, id: string, at = nowIso()): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

function tokenQuery(db: Db, organisationId: string) {
  return db
    .selectFrom('api_tokens')
    .leftJoin('users', 'users.id', 'api_tokens.created_by')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.prefix',
      'api_tokens.role',
      'api_tokens.created_at',
      'api_tokens.expires_at',
      'api_tokens.last_used_at',
      'api_tokens.revoked_at',
      'users.id as user_id',
      'users.name as user_name',
      'users.email as user_email',
    ])
    .where('api_tokens.organisation_id', '=', organisationId);
}

type TokenRow = Awaited<ReturnType<ReturnType<typeof tokenQuery>['executeTakeFirstOrThrow']>>;

function tokenView(r: TokenRow): TokenView {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    role: r.role,
    createdBy: r.user_id ? { id: r.user_id, name: r.user_name ?? '', email: r.user_email ?? '' } : null,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  };
}

export async function listTokens(db: Db, organisationId: string): Promise<TokenView[]> {
  const rows = await tokenQuery(db, organisationId).orderBy('api_tokens.created_at', 'desc').orderBy('api_tokens.id').execute();
  return rows.map(tokenView);
}

export async function getToken(db: Db, organisationId: string, id: string): Promise<TokenView | undefined> {
  const r = await tokenQuery(db, organisationId).where('api_tokens.id', '=', id).executeTakeFirst();
  return r && tokenView(r);
}

export async function revokeToken(db: Db, organisationId: string, id: string, at = nowIso()): Promise<boolean> {
  const r = await db.updateTable('api_tokens').set({ revoked_at: at }).where('organisation_id', '=', organisationId).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

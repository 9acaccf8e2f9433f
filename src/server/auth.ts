/**
 * Who is asking. Two ways in:
 *  - the web UI: a session cookie (random, HttpOnly, SameSite=Lax, Secure over HTTPS), stored
 *    hashed; unsafe methods also need the `X-CSRF-Token` header, equal to the readable `csrf`
 *    cookie, itself derived from the session (so a site that cannot read our cookies cannot
 *    forge it);
 *  - payroll software: `Authorization: Bearer clf_<prefix>_<secret>`, an API token of one
 *    organisation, stored hashed (sha256), looked up by its prefix.
 * Passwords are hashed with scrypt (memory-hard; N = 2^15, r = 8, p = 1 by default, 32 MiB).
 */
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { findTokenByPrefix, touchToken } from '../store/credentials.js';
import type { Database, Role } from '../store/schema.js';
import { HttpError } from './errors.js';

// ——— passwords ———

export interface PasswordParams {
  /** log2 of the scrypt cost N. */
  logN: number;
  r: number;
  p: number;
}

export const DEFAULT_PASSWORD_PARAMS: PasswordParams = { logN: 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, params: PasswordParams): Promise<Buffer> {
  const N = 2 ** params.logN;
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 128 * N * params.r * params.p + 16 * 1024 * 1024 };
  return new Promise((resolve, reject) => scryptCb(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** `scrypt$<logN>$<r>$<p>$<salt>$<hash>` (base64): the parameters travel with the hash. */
export async function hashPassword(password: string, params: PasswordParams = DEFAULT_PASSWORD_PARAMS): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, params);
  return `scrypt$${params.logN}$${params.r}$${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [logN, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![logN, r, p].every((n) => Number.isInteger(n) && n > 0) || logN > 20 || r > 32 || p > 16) return false;
  const expected = Buffer.from(parts[5]!, 'base64');
  const key = await scrypt(password, Buffer.from(parts[4]!, 'base64'), { logN, r, p });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

// ——— secrets ———

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export function newSessionToken(): { token: string; idHash: string } {
  const token = randomToken();
  return { token, idHash: sha256(token) };
}

/** The CSRF token of a session: derived from its secret, so nothing more is stored. */
export function csrfFor(sessionToken: string): string {
  return createHash('sha256').update('classif-csrf\0').update(sessionToken).digest('base64url');
}

const TOKEN_RE = /^clf_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export function newApiToken(): { token: string; prefix: string; hash: string } {
  const prefix = randomBytes(6).toString('hex');
  const token = `clf_${prefix}_${randomToken()}`;
  return { token, prefix, hash: sha256(token) };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// ——— cookies ———

export const SESSION_COOKIE = 'classif_session';
export const CSRF_COOKIE = 'classif_csrf';
export const SESSION_DAYS = 14;

export function isHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

export function setSessionCookies(request: FastifyRequest, reply: FastifyReply, token: string): string {
  const secure = isHttps(request);
  const maxAge = SESSION_DAYS * 24 * 3600;
  const csrf = csrfFor(token);
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, secure, sameSite: 'lax', path: '/', maxAge });
  reply.setCookie(CSRF_COOKIE, csrf, { httpOnly: false, secure, sameSite: 'lax', path: '/', maxAge });
  return csrf;
}

export function clearSessionCookies(request: FastifyRequest, reply: FastifyReply): void {
  const secure = isHttps(request);
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, secure, sameSite: 'lax', path: '/' });
  reply.clearCookie(CSRF_COOKIE, { httpOnly: false, secure, sameSite: 'lax', path: '/' });
}

// ——— principals ———

export interface Principal {
  via: 'session' | 'token';
  /** The signed-in user (sessions); null for an API token, which acts in its own name. */
  userId: string | null;
  tokenId: string | null;
  tokenName: string | null;
  /** The organisation the request works in; null when the user has none active. */
  organisationId: string | null;
  role: Role | null;
  /** Hash of the session id (sessions only). */
  sessionHash: string | null;
  sessionToken: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const RANK: Record<Role, number> = { 'read-only': 0, member: 1, admin: 2 };
export const ROLE_LABELS: Record<Role, string> = { admin: 'administrateur', member: 'membre', 'read-only': 'lecture seule' };

export function atLeast(role: Role | null, min: Role): boolean {
  return role !== null && RANK[role] >= RANK[min];
}

/** The lower of two roles (a token never does more than the member who made it still may). */
export function lowerRole(a: Role, b: Role): Role {
  return RANK[a] <= RANK[b] ? a : b;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const unauthorized = (message: string) => new HttpError('unauthorized', message, undefined, { 'WWW-Authenticate': 'Bearer realm="classif"' });

async function fromToken(db: Kysely<Database>, header: string): Promise<Principal> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const token = m?.[1] ?? '';
  const parts = TOKEN_RE.exec(token);
  if (!parts) throw unauthorized('Jeton d’API mal formé : « Authorization: Bearer clf_… » attendu.');
  const row = await findTokenByPrefix(db, parts[1]!);
  const now = new Date().toISOString();
  if (!row || !safeEqual(row.token_hash, sha256(token))) throw unauthorized('Jeton d’API inconnu.');
  if (row.revoked_at) throw unauthorized('Jeton d’API révoqué.');
  if (row.expires_at && row.expires_at <= now) throw unauthorized('Jeton d’API expiré.');
  const creator = await db
    .selectFrom('memberships')
    .select('role')
    .where('organisation_id', '=', row.organisation_id)
    .where('user_id', '=', row.created_by)
    .executeTakeFirst();
  if (!creator) throw unauthorized('Jeton d’API révoqué : son auteur ne fait plus partie de l’organisation.');
  if (!row.last_used_at || Date.parse(now) - Date.parse(row.last_used_at) > 60_000) {
    touchToken(db, row.id, now).catch(() => undefined);
  }
  return {
    via: 'token',
    userId: null,
    tokenId: row.id,
    tokenName: row.name,
    organisationId: row.organisation_id,
    role: lowerRole(row.role, creator.role),
    sessionHash: null,
    sessionToken: null,
  };
}

async function fromSession(db: Kysely<Database>, token: string): Promise<Principal | null> {
  if (token.length > 200) return null;
  const idHash = sha256(token);
  const row = await db
    .selectFrom('sessions')
    .leftJoin('memberships', (join) => join.onRef('memberships.organisation_id', '=', 'sessions.organisation_id').onRef('memberships.user_id', '=', 'sessions.user_id'))
    .select(['sessions.user_id', 'sessions.organisation_id', 'memberships.role'])
    .where('sessions.id', '=', idHash)
    .where('sessions.expires_at', '>', new Date().toISOString())
    .executeTakeFirst();
  if (!row) return null;
  return {
    via: 'session',
    userId: row.user_id,
    tokenId: null,
    tokenName: null,
    organisationId: row.role ? row.organisation_id : null,
    role: row.role ?? null,
    sessionHash: idHash,
    sessionToken: token,
  };
}

/** Resolves the principal of a request (undefined: anonymous). Checks CSRF on cookie sessions. */
export async function authenticate(db: Kysely<Database>, request: FastifyRequest): Promise<Principal | null> {
  // Any Authorization header, even blank, is a token attempt: it never falls back to the cookie.
  const header = request.headers.authorization;
  if (typeof header === 'string') return fromToken(db, header);
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const principal = await fromSession(db, cookie);
  if (!principal) return null;
  if (UNSAFE.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !safeEqual(sent, csrfFor(cookie))) {
      throw new HttpError('forbidden', 'Jeton CSRF manquant ou invalide : renvoyez la valeur du cookie « classif_csrf » dans l’en-tête X-CSRF-Token.');
    }
  }
  return principal;
}

export interface AuthHooks {
  /** Any signed-in user (session), with or without an organisation. */
  user: (request: FastifyRequest) => Promise<void>;
  /** A session or a token of an organisation, with at least this role. */
  role: (min: Role) => (request: FastifyRequest) => Promise<void>;
  /** The principal if any (public routes that behave the same for everyone do not call it). */
  optional: (request: FastifyRequest) => Promise<void>;
}

export function authHooks(db: Kysely<Database>): AuthHooks {
  return {
    async optional(request) {
      request.principal = await authenticate(db, request);
    },
    async user(request) {
      const p = await authenticate(db, request);
      if (!p) throw unauthorized('Connexion requise : ouvrez une session (POST /api/auth/login).');
      if (p.via !== 'session') throw new HttpError('forbidden', 'Cette action est réservée aux personnes connectées : un jeton d’API ne peut pas la faire.');
      request.principal = p;
    },
    role(min) {
      return async (request) => {
        const p = await authenticate(db, request);
        if (!p) throw unauthorized('Authentification requise : session ou jeton d’API (Authorization: Bearer …).');
        if (!p.organisationId || !p.role) throw new HttpError('forbidden', 'Aucune organisation active : choisissez-en une (POST /api/auth/organisation) ou demandez à y être ajouté.');
        if (!atLeast(p.role, min)) {
          const allowed = (['read-only', 'member', 'admin'] as Role[]).filter((r) => atLeast(r, min)).map((r) => ROLE_LABELS[r]);
          throw new HttpError('forbidden', `Action réservée au rôle ${allowed.join(' ou ')} ; votre rôle : ${ROLE_LABELS[p.role]}.`);
        }
        request.principal = p;
      };
    },
  };
}

/** The principal of a route guarded by `role`/`user` (set by the hook). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new HttpError('unauthorized', 'Authentification requise.');
  return request.principal;
}

/** The organisation of a route guarded by `role` (always set by the hook). */
export function orgOf(request: FastifyRequest): { organisationId: string; principal: Principal } {
  const p = principalOf(request);
  if (!p.organisationId) throw new HttpError('forbidden', 'Aucune organisation active.');
  return { organisationId: p.organisationId, principal: p };
}

/** `scheme://host[:port]` without a default port; '' when not a URL. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

/**
 * Unsafe requests that carry an Origin header must come from this server (or an allowed
 * origin): a second line against CSRF, also for login and registration. Whatever the other
 * headers: a program with an API token sends no Origin, and a browser page of another origin
 * has no business here with or without one.
 */
export function checkOrigin(request: FastifyRequest, allowed: readonly string[]): void {
  if (!UNSAFE.has(request.method)) return;
  const origin = request.headers.origin;
  if (origin === undefined) return;
  const own = originOf(`${request.protocol}://${request.host}`);
  const from = originOf(origin);
  if (from !== '' && (from === own || allowed.some((a) => originOf(a) === from))) return;
  throw new HttpError('forbidden', `Origine refusée : « ${String(origin).slice(0, 100)} ». Les requêtes doivent venir de ${own}.`);
}

/**
 * A single-use token handed to a person (invitation `inv_…`, password reset `rst_…`): 256
 * random bits, of which only the sha256 is stored.
 */
export function newOneTimeToken(kind: 'inv' | 'rst'): { token: string; hash: string } {
  const token = `${kind}_${randomToken()}`;
  return { token, hash: sha256(token) };
}

/**
 * What the account routes share: opening a session and describing it, and the counters that
 * throttle guessing (logins, tokens). Counters count failures: an attempt takes a slot before
 * its check, so that parallel attempts cannot slip past the bound, and gives it back when it
 * succeeds.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { findOrganisation, findUser, membership, membershipsOf } from '../store/accounts.js';
import { createSession } from '../store/credentials.js';
import * as limits from '../store/rate-limit.js';
import type { Database } from '../store/schema.js';
import { addMs, nowIso } from '../store/util.js';
import { csrfFor, newSessionToken, SESSION_DAYS, setSessionCookies, type Principal } from './auth.js';
import { HttpError } from './errors.js';

export interface RateLimits {
  windowMs: number;
  /** Failed logins on one account from one address; then that address waits (the owner elsewhere does not). */
  loginPerAccountIp: number;
  /** Failed logins from one address, all accounts together (password spraying); also failed token uses. */
  loginPerIp: number;
  /** Failed logins on one account, all addresses together, after which its answers are slowed down, never refused. */
  loginSlowAfter: number;
  loginSlowStepMs: number;
  loginSlowMaxMs: number;
  registerPerIp: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  windowMs: 15 * 60_000,
  loginPerAccountIp: 10,
  loginPerIp: 100,
  loginSlowAfter: 20,
  loginSlowStepMs: 250,
  loginSlowMaxMs: 3000,
  registerPerIp: 20,
};

export async function sessionInfo(db: Kysely<Database>, p: Principal) {
  const organisation = p.organisationId ? await findOrganisation(db, p.organisationId) : undefined;
  const user = p.userId ? await findUser(db, p.userId) : undefined;
  return {
    user: user ? { id: user.id, email: user.email, name: user.name } : null,
    token: p.tokenId ? { id: p.tokenId, name: p.tokenName ?? '' } : null,
    via: p.via,
    organisation: organisation ? { id: organisation.id, name: organisation.name } : null,
    role: p.role,
    memberships: p.userId ? await membershipsOf(db, p.userId) : [],
    csrfToken: p.sessionToken ? csrfFor(p.sessionToken) : null,
  };
}

export async function openSession(db: Kysely<Database>, request: FastifyRequest, reply: FastifyReply, userId: string, organisationId: string | null) {
  const { token, idHash } = newSessionToken();
  await createSession(db, { idHash, userId, organisationId, expiresAt: addMs(nowIso(), SESSION_DAYS * 24 * 3600_000) });
  setSessionCookies(request, reply, token);
  const role = organisationId ? ((await membership(db, organisationId, userId)) ?? null) : null;
  const principal: Principal = { via: 'session', userId, tokenId: null, tokenName: null, organisationId, role, sessionHash: idHash, sessionToken: token };
  return sessionInfo(db, principal);
}

function rateLimited(message: string, resetAt: number): HttpError {
  const seconds = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
  return new HttpError('rate-limited', `${message} Réessayez dans ${Math.ceil(seconds / 60)} minute(s).`, undefined, { 'Retry-After': String(seconds) });
}

export class Throttle {
  constructor(
    private readonly db: Kysely<Database>,
    readonly limits: RateLimits,
  ) {}

  /** Counts a hit; refuses (429) past `max` in the window. */
  async hit(key: string, max: number, message: string): Promise<void> {
    const { count, resetAt } = await limits.hit(this.db, key, this.limits.windowMs);
    if (count > max) throw rateLimited(message, resetAt);
  }

  /** Takes a slot for an attempt; refuses (429, slot given back) past `max` failures in the window. */
  async reserve(key: string, max: number, message: string): Promise<void> {
    const { count, resetAt } = await limits.hit(this.db, key, this.limits.windowMs);
    if (count > max) {
      await limits.release(this.db, key);
      throw rateLimited(message, resetAt);
    }
  }

  /** The attempt succeeded: its slot is given back. */
  release(key: string): Promise<void> {
    return limits.release(this.db, key);
  }

  count(key: string): Promise<number> {
    return limits.peek(this.db, key, this.limits.windowMs);
  }

  failed(key: string): Promise<unknown> {
    return limits.hit(this.db, key, this.limits.windowMs);
  }

  clear(key: string): Promise<void> {
    return limits.clear(this.db, key);
  }

  purgeOld(): Promise<void> {
    return limits.purgeOld(this.db, this.limits.windowMs * 2);
  }
}

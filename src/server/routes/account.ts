/**
 * Accounts: register (a user and their organisation, of which they are the first admin), login,
 * logout, who am I, choose the organisation to work in, change one's password.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { addMembership, createOrganisation, createUser, findOrganisation, findUser, findUserByEmail, membership, membershipsOf, normaliseEmail, setPassword } from '../../store/accounts.js';
import { createSession, deleteOtherSessions, deleteSession, purgeExpiredSessions, setSessionOrganisation } from '../../store/credentials.js';
import { isUniqueViolation } from '../../store/db.js';
import * as limits from '../../store/rate-limit.js';
import type { Database } from '../../store/schema.js';
import { addMs, nowIso } from '../../store/util.js';
import {
  clearSessionCookies,
  csrfFor,
  hashPassword,
  newSessionToken,
  principalOf,
  SESSION_DAYS,
  setSessionCookies,
  verifyPassword,
  type AuthHooks,
  type PasswordParams,
  type Principal,
} from '../auth.js';
import { HttpError } from '../errors.js';
import { ChangePasswordBody, errors, LoginBody, RegisterBody, SessionResponse, SwitchOrganisationBody } from '../schemas.js';

export interface RateLimits {
  windowMs: number;
  loginPerIp: number;
  loginPerEmail: number;
  registerPerIp: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { windowMs: 15 * 60_000, loginPerIp: 50, loginPerEmail: 10, registerPerIp: 20 };

export interface AccountOptions {
  db: Kysely<Database>;
  auth: AuthHooks;
  passwordParams: PasswordParams;
  rateLimits: RateLimits;
}

async function sessionInfo(db: Kysely<Database>, p: Principal) {
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

export async function accountRoutes(app: FastifyInstance, options: AccountOptions): Promise<void> {
  const { db, auth, passwordParams, rateLimits } = options;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Compte'];
  // Compared against when the e-mail is unknown, so that timing does not tell which accounts exist.
  let dummyHash: Promise<string> | undefined;
  let lastPurge = 0;

  async function limit(key: string, max: number, message: string): Promise<void> {
    const { count, resetAt } = await limits.hit(db, key, rateLimits.windowMs);
    if (count > max) {
      const seconds = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
      throw new HttpError('rate-limited', `${message} Réessayez dans ${Math.ceil(seconds / 60)} minute(s).`, undefined, { 'Retry-After': String(seconds) });
    }
  }

  async function openSession(request: FastifyRequest, reply: Parameters<typeof setSessionCookies>[1], userId: string, organisationId: string | null) {
    const { token, idHash } = newSessionToken();
    await createSession(db, { idHash, userId, organisationId, expiresAt: addMs(nowIso(), SESSION_DAYS * 24 * 3600_000) });
    setSessionCookies(request, reply, token);
    const role = organisationId ? ((await membership(db, organisationId, userId)) ?? null) : null;
    const principal: Principal = { via: 'session', userId, tokenId: null, tokenName: null, organisationId, role, sessionHash: idHash, sessionToken: token };
    return sessionInfo(db, principal);
  }

  r.post(
    '/api/auth/register',
    {
      schema: {
        tags,
        security: [],
        summary: 'Créer un compte et son organisation (vous en êtes administrateur)',
        body: RegisterBody,
        response: { 201: SessionResponse, ...errors(400, 403, 409, 429) },
      },
    },
    async (req, reply) => {
      await limit(`register:ip:${req.ip}`, rateLimits.registerPerIp, 'Trop de comptes créés depuis cette adresse.');
      const { email, password, name, organisationName } = req.body;
      if (await findUserByEmail(db, email)) throw new HttpError('conflict', 'Un compte existe déjà pour cette adresse e-mail : connectez-vous.');
      const passwordHash = await hashPassword(password, passwordParams);
      let created: { userId: string; organisationId: string };
      try {
        created = await db.transaction().execute(async (trx) => {
          const user = await createUser(trx, { email, name, passwordHash });
          const org = await createOrganisation(trx, organisationName);
          await addMembership(trx, org.id, user.id, 'admin');
          return { userId: user.id, organisationId: org.id };
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw new HttpError('conflict', 'Un compte existe déjà pour cette adresse e-mail : connectez-vous.');
        throw e;
      }
      const info = await openSession(req, reply, created.userId, created.organisationId);
      return reply.code(201).send(info);
    },
  );

  r.post(
    '/api/auth/login',
    {
      schema: {
        tags,
        security: [],
        summary: 'Ouvrir une session (cookie)',
        description: 'Pose le cookie de session (HttpOnly) et le cookie `classif_csrf`, dont la valeur doit accompagner chaque requête POST, PATCH ou DELETE dans l’en-tête X-CSRF-Token. Limité en fréquence par adresse IP et par compte.',
        body: LoginBody,
        response: { 200: SessionResponse, ...errors(400, 401, 403, 429) },
      },
    },
    async (req, reply) => {
      const email = normaliseEmail(req.body.email);
      await limit(`login:ip:${req.ip}`, rateLimits.loginPerIp, 'Trop de tentatives de connexion depuis cette adresse.');
      await limit(`login:email:${email}`, rateLimits.loginPerEmail, 'Trop de tentatives de connexion pour ce compte.');
      const user = await findUserByEmail(db, email);
      const ok = user ? await verifyPassword(req.body.password, user.password_hash) : await verifyPassword(req.body.password, await (dummyHash ??= hashPassword('classif', passwordParams))).then(() => false);
      if (!user || !ok) throw new HttpError('unauthorized', 'Adresse e-mail ou mot de passe incorrect.');
      await limits.clear(db, `login:email:${email}`);
      const memberships = await membershipsOf(db, user.id);
      const wanted = req.body.organisationId;
      if (wanted !== undefined && !memberships.some((m) => m.organisationId === wanted)) throw new HttpError('forbidden', 'Vous n’êtes pas membre de cette organisation.');
      if (Date.now() - lastPurge > 10 * 60_000) {
        // Housekeeping, now and then: expired sessions, counters of windows long past.
        lastPurge = Date.now();
        purgeExpiredSessions(db).catch(() => undefined);
        limits.purgeOld(db, rateLimits.windowMs * 2).catch(() => undefined);
      }
      return openSession(req, reply, user.id, wanted ?? memberships[0]?.organisationId ?? null);
    },
  );

  r.post(
    '/api/auth/logout',
    { schema: { tags, summary: 'Fermer la session', response: { 204: z.undefined(), ...errors(401, 403) } }, onRequest: auth.user },
    async (req, reply) => {
      const p = principalOf(req);
      if (p.sessionHash) await deleteSession(db, p.sessionHash);
      clearSessionCookies(req, reply);
      return reply.code(204).send();
    },
  );

  r.get(
    '/api/auth/me',
    {
      schema: { tags, summary: 'Qui suis-je : utilisateur ou jeton, organisation active, rôle', response: { 200: SessionResponse, ...errors(401) } },
      onRequest: async (req) => {
        await auth.optional(req);
        if (!req.principal) throw new HttpError('unauthorized', 'Non connecté.', undefined, { 'WWW-Authenticate': 'Bearer realm="classif"' });
      },
    },
    (req) => sessionInfo(db, principalOf(req)),
  );

  r.post(
    '/api/auth/organisation',
    {
      schema: { tags, summary: 'Choisir l’organisation active de la session', body: SwitchOrganisationBody, response: { 200: SessionResponse, ...errors(400, 401, 403, 404) } },
      onRequest: auth.user,
    },
    async (req) => {
      const p = principalOf(req);
      const role = await membership(db, req.body.organisationId, p.userId!);
      if (!role) throw new HttpError('not-found', 'Organisation introuvable parmi les vôtres.');
      await setSessionOrganisation(db, p.sessionHash!, req.body.organisationId);
      return sessionInfo(db, { ...p, organisationId: req.body.organisationId, role });
    },
  );

  r.post(
    '/api/auth/password',
    {
      schema: { tags, summary: 'Changer son mot de passe (ferme les autres sessions)', body: ChangePasswordBody, response: { 204: z.undefined(), ...errors(400, 401, 403, 429) } },
      onRequest: auth.user,
    },
    async (req, reply) => {
      const p = principalOf(req);
      await limit(`password:user:${p.userId}`, rateLimits.loginPerEmail, 'Trop de tentatives de changement de mot de passe.');
      const user = await findUser(db, p.userId!);
      if (!user || !(await verifyPassword(req.body.currentPassword, user.password_hash))) throw new HttpError('forbidden', 'Mot de passe actuel incorrect.');
      await setPassword(db, user.id, await hashPassword(req.body.newPassword, passwordParams));
      await deleteOtherSessions(db, user.id, p.sessionHash);
      return reply.code(204).send();
    },
  );
}

/**
 * Accounts: register (a user and their organisation, of which they are the first admin), login,
 * logout, who am I, choose the organisation to work in, change one's password, reset it with a
 * single-use token.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { addMembership, createOrganisation, createUser, findUser, findUserByEmail, membership, membershipsOf, normaliseEmail, setPassword } from '../../store/accounts.js';
import { deleteOtherSessions, deleteSession, purgeExpiredSessions, setSessionOrganisation } from '../../store/credentials.js';
import { isUniqueViolation } from '../../store/db.js';
import { createPasswordReset, findPasswordResetUser, spendAllPasswordResets, spendPasswordReset } from '../../store/invitations.js';
import type { Database } from '../../store/schema.js';
import { addMs, nowIso } from '../../store/util.js';
import { clearSessionCookies, hashPassword, newOneTimeToken, principalOf, sha256, verifyPassword, type AuthHooks, type PasswordParams } from '../auth.js';
import { HttpError } from '../errors.js';
import { assertStrongPassword } from '../password-strength.js';
import { ChangePasswordBody, errors, LoginBody, OneTimeTokenResponse, RegisterBody, ResetPasswordBody, SessionResponse, SwitchOrganisationBody } from '../schemas.js';
import { openSession, sessionInfo, Throttle, type RateLimits } from '../sessions.js';

export { DEFAULT_RATE_LIMITS, type RateLimits } from '../sessions.js';

/** A reset token lives a day: long enough to be passed on by hand, short enough to be of little use if it leaks later. */
export const RESET_TTL_MS = 24 * 3600_000;

export interface AccountOptions {
  db: Kysely<Database>;
  auth: AuthHooks;
  passwordParams: PasswordParams;
  rateLimits: RateLimits;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Issues a reset token for a user: shown once to whoever asked, stored hashed. */
export async function issuePasswordReset(db: Kysely<Database>, userId: string, createdBy: string) {
  const { token, hash } = newOneTimeToken('rst');
  const expiresAt = addMs(nowIso(), RESET_TTL_MS);
  await createPasswordReset(db, { tokenHash: hash, userId, createdBy, expiresAt });
  return { token, path: `/reinitialiser#${token}`, expiresAt };
}

export async function accountRoutes(app: FastifyInstance, options: AccountOptions): Promise<void> {
  const { db, auth, passwordParams, rateLimits } = options;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Compte'];
  const throttle = new Throttle(db, rateLimits);
  // Compared against when the e-mail is unknown, so that timing does not tell which accounts exist.
  let dummyHash: Promise<string> | undefined;
  let lastPurge = 0;

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
      await throttle.hit(`register:ip:${req.ip}`, rateLimits.registerPerIp, 'Trop de comptes créés depuis cette adresse.');
      const { email, password, name, organisationName } = req.body;
      await assertStrongPassword(password, { email, name });
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
      const info = await openSession(db, req, reply, created.userId, created.organisationId);
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
        description: 'Pose le cookie de session (HttpOnly) et le cookie `classif_csrf`, dont la valeur doit accompagner chaque requête POST, PATCH ou DELETE dans l’en-tête X-CSRF-Token. Seuls les échecs comptent : 10 par compte et par adresse IP, 100 par adresse IP (15 minutes), puis 429 ; au-delà de 20 échecs sur un compte, toutes adresses confondues, les réponses pour ce compte sont ralenties (jamais refusées).',
        body: LoginBody,
        response: { 200: SessionResponse, ...errors(400, 401, 403, 429) },
      },
    },
    async (req, reply) => {
      const email = normaliseEmail(req.body.email);
      // Failures only are counted (each attempt takes a slot, given back when it succeeds): per
      // account and address, so that a stranger elsewhere never locks the owner out; per
      // address, against spraying many accounts; per account, all addresses together, a delay.
      const ipKey = `login:fail:ip:${req.ip}`;
      const pairKey = `login:fail:account-ip:${email}|${req.ip}`;
      const accountKey = `login:fail:account:${email}`;
      await throttle.reserve(ipKey, rateLimits.loginPerIp, 'Trop d’échecs de connexion depuis cette adresse.');
      try {
        await throttle.reserve(pairKey, rateLimits.loginPerAccountIp, 'Trop d’échecs de connexion pour ce compte depuis cette adresse.');
      } catch (e) {
        await throttle.release(ipKey);
        throw e;
      }
      const excess = (await throttle.count(accountKey)) - rateLimits.loginSlowAfter;
      if (excess > 0) await sleep(Math.min(rateLimits.loginSlowMaxMs, excess * rateLimits.loginSlowStepMs));
      const user = await findUserByEmail(db, email);
      const ok = user ? await verifyPassword(req.body.password, user.password_hash) : await verifyPassword(req.body.password, await (dummyHash ??= hashPassword('classif', passwordParams))).then(() => false);
      if (!user || !ok) {
        await throttle.failed(accountKey);
        throw new HttpError('unauthorized', 'Adresse e-mail ou mot de passe incorrect.');
      }
      await Promise.all([throttle.release(ipKey), throttle.clear(pairKey)]);
      const memberships = await membershipsOf(db, user.id);
      const wanted = req.body.organisationId;
      if (wanted !== undefined && !memberships.some((m) => m.organisationId === wanted)) throw new HttpError('forbidden', 'Vous n’êtes pas membre de cette organisation.');
      if (Date.now() - lastPurge > 10 * 60_000) {
        // Housekeeping, now and then: expired sessions, counters of windows long past.
        lastPurge = Date.now();
        purgeExpiredSessions(db).catch(() => undefined);
        throttle.purgeOld().catch(() => undefined);
      }
      return openSession(db, req, reply, user.id, wanted ?? memberships[0]?.organisationId ?? null);
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
      const key = `password:fail:user:${p.userId}`;
      await throttle.reserve(key, rateLimits.loginPerAccountIp, 'Trop d’échecs de changement de mot de passe.');
      const user = await findUser(db, p.userId!);
      if (!user || !(await verifyPassword(req.body.currentPassword, user.password_hash))) throw new HttpError('forbidden', 'Mot de passe actuel incorrect.');
      await throttle.release(key);
      await assertStrongPassword(req.body.newPassword, { email: user.email, name: user.name }, 'newPassword');
      await setPassword(db, user.id, await hashPassword(req.body.newPassword, passwordParams));
      await deleteOtherSessions(db, user.id, p.sessionHash);
      await spendAllPasswordResets(db, user.id);
      return reply.code(204).send();
    },
  );

  r.post(
    '/api/auth/password-reset',
    {
      schema: {
        tags,
        summary: 'Obtenir un jeton de réinitialisation de son mot de passe (montré une seule fois)',
        description: 'Pour changer de mot de passe sans l’actuel, depuis une session ouverte (par exemple sur un autre appareil). Le jeton, à usage unique, vaut 24 heures : POST /api/auth/reset.',
        response: { 201: OneTimeTokenResponse, ...errors(401, 403) },
      },
      onRequest: auth.user,
    },
    async (req, reply) => {
      const p = principalOf(req);
      return reply.code(201).send(await issuePasswordReset(db, p.userId!, p.userId!));
    },
  );

  r.post(
    '/api/auth/reset',
    {
      schema: {
        tags,
        security: [],
        summary: 'Choisir un nouveau mot de passe avec un jeton de réinitialisation',
        description: 'Le jeton (à usage unique) vient d’un administrateur de l’organisation ou de la personne elle-même. Toutes les sessions de la personne sont fermées ; une nouvelle est ouverte.',
        body: ResetPasswordBody,
        response: { 200: SessionResponse, ...errors(400, 403, 410, 429) },
      },
    },
    async (req, reply) => {
      const key = `token:fail:ip:${req.ip}`;
      await throttle.reserve(key, rateLimits.loginPerIp, 'Trop de jetons invalides essayés depuis cette adresse.');
      const tokenHash = sha256(req.body.token);
      const userId = await findPasswordResetUser(db, tokenHash);
      const user = userId && (await findUser(db, userId));
      if (!user) throw new HttpError('gone', 'Jeton de réinitialisation inconnu, expiré ou déjà utilisé : demandez-en un nouveau.');
      await throttle.release(key);
      await assertStrongPassword(req.body.password, { email: user.email, name: user.name });
      const passwordHash = await hashPassword(req.body.password, passwordParams);
      const done = await db.transaction().execute(async (trx) => {
        if ((await spendPasswordReset(trx, tokenHash)) !== user.id) return false;
        await setPassword(trx, user.id, passwordHash);
        await spendAllPasswordResets(trx, user.id);
        await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
        return true;
      });
      if (!done) throw new HttpError('gone', 'Jeton de réinitialisation déjà utilisé : demandez-en un nouveau.');
      const first = (await membershipsOf(db, user.id))[0];
      return reply.code(200).send(await openSession(db, req, reply, user.id, first?.organisationId ?? null));
    },
  );
}

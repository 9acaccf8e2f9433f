/**
 * The invited person's side: see what an invitation is for, then accept it — by choosing a
 * password (a new account, with the invited address) or from one's own session (an existing
 * account, whose address must be the invited one). Nobody joins an organisation without
 * holding its token and saying yes.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { addMembership, createUser, findUser, findUserByEmail, membership } from '../../store/accounts.js';
import { setSessionOrganisation } from '../../store/credentials.js';
import { isUniqueViolation } from '../../store/db.js';
import { findUsableInvitation, spendInvitation } from '../../store/invitations.js';
import type { Database } from '../../store/schema.js';
import { hashPassword, principalOf, sha256, type AuthHooks, type PasswordParams } from '../auth.js';
import { HttpError } from '../errors.js';
import { assertStrongPassword } from '../password-strength.js';
import { errors, InvitationPreviewResponse, InvitationRegisterBody, SessionResponse, TokenBody } from '../schemas.js';
import { openSession, sessionInfo, Throttle, type RateLimits } from '../sessions.js';

export interface InvitationOptions {
  db: Kysely<Database>;
  auth: AuthHooks;
  passwordParams: PasswordParams;
  rateLimits: RateLimits;
}

const unusable = () => new HttpError('gone', 'Invitation inconnue, expirée, révoquée ou déjà utilisée : demandez-en une nouvelle à un administrateur de l’organisation.');

export async function invitationRoutes(app: FastifyInstance, options: InvitationOptions): Promise<void> {
  const { db, auth, passwordParams, rateLimits } = options;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Compte'];
  const throttle = new Throttle(db, rateLimits);

  /** The invitation a token opens; unknown tokens count against the address (tokens are not to be guessed). */
  async function usable(ip: string, token: string) {
    const key = `token:fail:ip:${ip}`;
    await throttle.reserve(key, rateLimits.loginPerIp, 'Trop de jetons invalides essayés depuis cette adresse.');
    const invitation = await findUsableInvitation(db, sha256(token));
    if (!invitation) throw unusable();
    await throttle.release(key);
    return invitation;
  }

  r.post(
    '/api/invitations/preview',
    {
      schema: {
        tags,
        security: [],
        summary: 'Ce qu’une invitation propose (organisation, adresse invitée, rôle)',
        description: 'Le jeton voyage dans le corps, jamais dans l’adresse (journaux, Referer).',
        body: TokenBody,
        response: { 200: InvitationPreviewResponse, ...errors(400, 410, 429) },
      },
    },
    async (req) => {
      const inv = await usable(req.ip, req.body.token);
      return { organisation: { name: inv.organisation_name }, email: inv.email, role: inv.role, expiresAt: inv.expires_at };
    },
  );

  r.post(
    '/api/invitations/register',
    {
      schema: {
        tags,
        security: [],
        summary: 'Accepter une invitation en créant son compte (avec l’adresse invitée)',
        description: 'Si un compte existe déjà pour cette adresse, 409 : connectez-vous et acceptez depuis votre session (POST /api/invitations/accept).',
        body: InvitationRegisterBody,
        response: { 201: SessionResponse, ...errors(400, 409, 410, 429) },
      },
    },
    async (req, reply) => {
      await throttle.hit(`register:ip:${req.ip}`, rateLimits.registerPerIp, 'Trop de comptes créés depuis cette adresse.');
      const inv = await usable(req.ip, req.body.token);
      const exists = 'Un compte existe déjà pour cette adresse e-mail : connectez-vous, puis acceptez l’invitation depuis votre session.';
      if (await findUserByEmail(db, inv.email)) throw new HttpError('conflict', exists);
      await assertStrongPassword(req.body.password, { email: inv.email, name: req.body.name });
      const passwordHash = await hashPassword(req.body.password, passwordParams);
      let userId: string;
      try {
        userId = await db.transaction().execute(async (trx) => {
          const user = await createUser(trx, { email: inv.email, name: req.body.name, passwordHash });
          if (!(await spendInvitation(trx, inv.id, user.id))) throw unusable();
          await addMembership(trx, inv.organisation_id, user.id, inv.role);
          return user.id;
        });
      } catch (e) {
        // Two uses of one link at once: the loser meets the winner's new account; it is told the link is spent.
        if (isUniqueViolation(e)) throw (await findUsableInvitation(db, sha256(req.body.token))) ? new HttpError('conflict', exists) : unusable();
        throw e;
      }
      return reply.code(201).send(await openSession(db, req, reply, userId, inv.organisation_id));
    },
  );

  r.post(
    '/api/invitations/accept',
    {
      schema: {
        tags,
        summary: 'Accepter une invitation depuis sa session (compte existant)',
        description: 'L’adresse e-mail du compte doit être celle de l’invitation. La session passe dans l’organisation rejointe.',
        body: TokenBody,
        response: { 200: SessionResponse, ...errors(400, 401, 403, 409, 410, 429) },
      },
      onRequest: auth.user,
    },
    async (req) => {
      const p = principalOf(req);
      const inv = await usable(req.ip, req.body.token);
      const user = (await findUser(db, p.userId!))!;
      if (user.email !== inv.email) throw new HttpError('forbidden', `Cette invitation est adressée à une autre adresse e-mail que la vôtre (${user.email}) : connectez-vous avec le compte invité.`);
      if (await membership(db, inv.organisation_id, user.id)) throw new HttpError('conflict', 'Vous êtes déjà membre de cette organisation.');
      try {
        await db.transaction().execute(async (trx) => {
          if (!(await spendInvitation(trx, inv.id, user.id))) throw unusable();
          await addMembership(trx, inv.organisation_id, user.id, inv.role);
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw new HttpError('conflict', 'Vous êtes déjà membre de cette organisation.');
        throw e;
      }
      await setSessionOrganisation(db, p.sessionHash!, inv.organisation_id);
      return sessionInfo(db, { ...p, organisationId: inv.organisation_id, role: inv.role });
    },
  );
}

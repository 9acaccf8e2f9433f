/**
 * An organisation's members and API tokens. Admins manage them; every member can see who the
 * members are. The organisation is always the principal's, never one named in the request.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { changeMember, findOrganisation, findUserByEmail, listMembers, member, membership, membershipsOf, normaliseEmail, renameOrganisation } from '../../store/accounts.js';
import { createToken, getToken, listTokens, revokeToken } from '../../store/credentials.js';
import { createInvitation, getPendingInvitation, listPendingInvitations, revokeInvitation } from '../../store/invitations.js';
import type { Database } from '../../store/schema.js';
import { addMs, nowIso } from '../../store/util.js';
import { newApiToken, newOneTimeToken, orgOf, type AuthHooks } from '../auth.js';
import { HttpError, notFound } from '../errors.js';
import {
  AddMemberBody,
  ChangeRoleBody,
  CreateTokenBody,
  errors,
  IdParams,
  InvitationResponse,
  MemberResponse,
  NewInvitationResponse,
  NewTokenResponse,
  OneTimeTokenResponse,
  RenameOrganisationBody,
  TokenResponse,
  UserIdParams,
} from '../schemas.js';
import { issuePasswordReset } from './account.js';

/** An invitation lives a week: time to be passed on and opened, not long enough to lie around. */
export const INVITATION_TTL_MS = 7 * 24 * 3600_000;

export interface OrganisationOptions {
  db: Kysely<Database>;
  auth: AuthHooks;
}

const OrganisationResponse = z.object({ id: z.string(), name: z.string(), createdAt: z.string() });

export async function organisationRoutes(app: FastifyInstance, options: OrganisationOptions): Promise<void> {
  const { db, auth } = options;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Organisation'];

  r.get(
    '/api/organisation',
    { schema: { tags, summary: 'L’organisation active', response: { 200: OrganisationResponse, ...errors(401, 403) } }, onRequest: auth.role('read-only') },
    async (req) => {
      const { organisationId } = orgOf(req);
      const o = await findOrganisation(db, organisationId);
      if (!o) throw notFound('Organisation');
      return { id: o.id, name: o.name, createdAt: o.created_at };
    },
  );

  r.patch(
    '/api/organisation',
    { schema: { tags, summary: 'Renommer l’organisation', body: RenameOrganisationBody, response: { 200: OrganisationResponse, ...errors(400, 401, 403) } }, onRequest: auth.role('admin') },
    async (req) => {
      const { organisationId } = orgOf(req);
      await renameOrganisation(db, organisationId, req.body.name);
      const o = (await findOrganisation(db, organisationId))!;
      return { id: o.id, name: o.name, createdAt: o.created_at };
    },
  );

  r.get(
    '/api/members',
    { schema: { tags, summary: 'Membres et rôles', response: { 200: z.object({ items: z.array(MemberResponse) }), ...errors(401, 403) } }, onRequest: auth.role('read-only') },
    async (req) => ({ items: await listMembers(db, orgOf(req).organisationId) }),
  );

  r.post(
    '/api/members',
    {
      schema: {
        tags,
        summary: 'Inviter une personne (lien à usage unique, montré une seule fois)',
        description:
          'Ne crée aucun compte et n’ajoute personne : renvoie une invitation (valable 7 jours, à usage unique) dont l’adresse (`path`, /invitation#<jeton>) est à transmettre à la personne. Elle l’accepte en choisissant son mot de passe (POST /api/invitations/register) ou, si elle a déjà un compte, depuis sa session (POST /api/invitations/accept). La réponse est la même que l’adresse e-mail ait un compte ou non.',
        body: AddMemberBody,
        response: { 201: NewInvitationResponse, ...errors(400, 401, 403, 409) },
      },
      onRequest: auth.role('admin'),
    },
    async (req, reply) => {
      const { organisationId, principal } = orgOf(req);
      const email = normaliseEmail(req.body.email);
      // The admin sees the organisation's members anyway: saying that one already is tells nothing new.
      const existing = await findUserByEmail(db, email);
      if (existing && (await membership(db, organisationId, existing.id))) throw new HttpError('conflict', 'Cette personne est déjà membre de l’organisation.');
      const { token, hash } = newOneTimeToken('inv');
      const id = await createInvitation(db, { organisationId, email, role: req.body.role, tokenHash: hash, createdBy: principal.userId!, expiresAt: addMs(nowIso(), INVITATION_TTL_MS) });
      const invitation = (await getPendingInvitation(db, organisationId, id))!;
      return reply.code(201).send({ invitation, token, path: `/invitation#${token}` });
    },
  );

  r.get(
    '/api/invitations',
    { schema: { tags, summary: 'Invitations en attente (sans leur jeton)', response: { 200: z.object({ items: z.array(InvitationResponse) }), ...errors(401, 403) } }, onRequest: auth.role('admin') },
    async (req) => ({ items: await listPendingInvitations(db, orgOf(req).organisationId) }),
  );

  r.delete(
    '/api/invitations/:id',
    { schema: { tags, summary: 'Révoquer une invitation en attente', params: IdParams, response: { 204: z.undefined(), ...errors(401, 403, 404) } }, onRequest: auth.role('admin') },
    async (req, reply) => {
      if (!(await revokeInvitation(db, orgOf(req).organisationId, req.params.id))) throw notFound('Invitation en attente');
      return reply.code(204).send();
    },
  );

  r.patch(
    '/api/members/:userId',
    {
      schema: { tags, summary: 'Changer le rôle d’un membre', params: UserIdParams, body: ChangeRoleBody, response: { 200: MemberResponse, ...errors(400, 401, 403, 404, 409) } },
      onRequest: auth.role('admin'),
    },
    async (req) => {
      const { organisationId } = orgOf(req);
      const outcome = await changeMember(db, organisationId, req.params.userId, { role: req.body.role });
      if (outcome === 'not-found') throw notFound('Membre');
      if (outcome === 'last-admin') throw new HttpError('conflict', 'C’est le dernier administrateur : nommez-en un autre avant de changer son rôle.');
      return (await member(db, organisationId, req.params.userId))!;
    },
  );

  r.delete(
    '/api/members/:userId',
    {
      schema: {
        tags,
        summary: 'Retirer un membre',
        description: 'Ses sessions quittent l’organisation et ses jetons d’API y sont révoqués.',
        params: UserIdParams,
        response: { 204: z.undefined(), ...errors(401, 403, 404, 409) },
      },
      onRequest: auth.role('admin'),
    },
    async (req, reply) => {
      const outcome = await changeMember(db, orgOf(req).organisationId, req.params.userId, 'remove');
      if (outcome === 'not-found') throw notFound('Membre');
      if (outcome === 'last-admin') throw new HttpError('conflict', 'C’est le dernier administrateur : nommez-en un autre avant de le retirer.');
      return reply.code(204).send();
    },
  );

  r.post(
    '/api/members/:userId/password-reset',
    {
      schema: {
        tags,
        summary: 'Obtenir un jeton de réinitialisation du mot de passe d’un membre (montré une seule fois)',
        description:
          'À transmettre à la personne (adresse `path`, /reinitialiser#<jeton>, valable 24 heures, à usage unique). Refusé pour une personne qui appartient aussi à une organisation dont vous n’êtes pas administrateur : elle seule peut alors changer son mot de passe.',
        params: UserIdParams,
        response: { 201: OneTimeTokenResponse, ...errors(401, 403, 404) },
      },
      onRequest: auth.role('admin'),
    },
    async (req, reply) => {
      const { organisationId, principal } = orgOf(req);
      if (!principal.userId) throw new HttpError('forbidden', 'Un jeton d’API ne peut pas réinitialiser un mot de passe.');
      if (!(await membership(db, organisationId, req.params.userId))) throw notFound('Membre');
      // Resetting a password opens every organisation of the account: only one whose admin the issuer is everywhere.
      const theirs = await membershipsOf(db, req.params.userId);
      const mine = new Map((await membershipsOf(db, principal.userId)).map((m) => [m.organisationId, m.role]));
      if (theirs.some((m) => mine.get(m.organisationId) !== 'admin')) {
        throw new HttpError('forbidden', 'Cette personne appartient aussi à d’autres organisations : elle seule peut changer son mot de passe, depuis sa session (Mon compte).');
      }
      return reply.code(201).send(await issuePasswordReset(db, req.params.userId, principal.userId));
    },
  );

  const tokenTags = ['Jetons d’API'];

  r.get(
    '/api/tokens',
    { schema: { tags: tokenTags, summary: 'Jetons d’API (sans leur secret)', response: { 200: z.object({ items: z.array(TokenResponse) }), ...errors(401, 403) } }, onRequest: auth.role('admin') },
    async (req) => ({ items: await listTokens(db, orgOf(req).organisationId) }),
  );

  r.post(
    '/api/tokens',
    {
      schema: {
        tags: tokenTags,
        summary: 'Créer un jeton d’API (montré une seule fois)',
        description: 'Pour un logiciel de paie : `Authorization: Bearer <token>`. Rôle `read-only` ou `member` ; un jeton ne fait jamais plus que ce que son auteur peut encore faire, et il est révoqué si son auteur quitte l’organisation.',
        body: CreateTokenBody,
        response: { 201: NewTokenResponse, ...errors(400, 401, 403) },
      },
      onRequest: auth.role('admin'),
    },
    async (req, reply) => {
      const { organisationId, principal } = orgOf(req);
      if (!principal.userId) throw new HttpError('forbidden', 'Un jeton d’API ne peut pas créer de jeton.');
      const { token, prefix, hash } = newApiToken();
      const expiresAt = req.body.expiresInDays ? addMs(nowIso(), req.body.expiresInDays * 24 * 3600_000) : null;
      const id = await createToken(db, { organisationId, prefix, tokenHash: hash, name: req.body.name, role: req.body.role, createdBy: principal.userId, expiresAt });
      const view = (await getToken(db, organisationId, id))!;
      return reply.code(201).send({ ...view, token });
    },
  );

  r.delete(
    '/api/tokens/:id',
    { schema: { tags: tokenTags, summary: 'Révoquer un jeton', params: IdParams, response: { 204: z.undefined(), ...errors(401, 403, 404) } }, onRequest: auth.role('admin') },
    async (req, reply) => {
      const { organisationId } = orgOf(req);
      const existing = await getToken(db, organisationId, req.params.id);
      if (!existing) throw notFound('Jeton');
      await revokeToken(db, organisationId, req.params.id);
      return reply.code(204).send();
    },
  );
}

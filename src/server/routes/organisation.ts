/**
 * An organisation's members and API tokens. Admins manage them; every member can see who the
 * members are. The organisation is always the principal's, never one named in the request.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  addMembership,
  countAdmins,
  createUser,
  findOrganisation,
  findUserByEmail,
  listMembers,
  member,
  membership,
  removeMember,
  renameOrganisation,
  setRole,
} from '../../store/accounts.js';
import { createToken, getToken, listTokens, revokeToken } from '../../store/credentials.js';
import { isUniqueViolation } from '../../store/db.js';
import type { Database } from '../../store/schema.js';
import { addMs, nowIso } from '../../store/util.js';
import { generatePassword, hashPassword, newApiToken, orgOf, type AuthHooks, type PasswordParams } from '../auth.js';
import { HttpError, notFound } from '../errors.js';
import {
  AddMemberBody,
  AddMemberResponse,
  ChangeRoleBody,
  CreateTokenBody,
  errors,
  IdParams,
  MemberResponse,
  NewTokenResponse,
  RenameOrganisationBody,
  TokenResponse,
  UserIdParams,
} from '../schemas.js';

export interface OrganisationOptions {
  db: Kysely<Database>;
  auth: AuthHooks;
  passwordParams: PasswordParams;
}

const OrganisationResponse = z.object({ id: z.string(), name: z.string(), createdAt: z.string() });

export async function organisationRoutes(app: FastifyInstance, options: OrganisationOptions): Promise<void> {
  const { db, auth, passwordParams } = options;
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
        summary: 'Ajouter un membre',
        description: 'Ajoute un compte existant, ou crée le compte avec un mot de passe provisoire renvoyé une seule fois (`temporaryPassword`), que la personne changera (POST /api/auth/password).',
        body: AddMemberBody,
        response: { 201: AddMemberResponse, ...errors(400, 401, 403, 409) },
      },
      onRequest: auth.role('admin'),
    },
    async (req, reply) => {
      const { organisationId } = orgOf(req);
      const { email, role } = req.body;
      const existing = await findUserByEmail(db, email);
      let temporaryPassword: string | undefined;
      let userId: string;
      if (existing) {
        if (await membership(db, organisationId, existing.id)) throw new HttpError('conflict', 'Cette personne est déjà membre de l’organisation.');
        userId = existing.id;
      } else {
        temporaryPassword = generatePassword();
        const passwordHash = await hashPassword(temporaryPassword, passwordParams);
        try {
          userId = (await createUser(db, { email, name: req.body.name ?? email.split('@')[0]!, passwordHash })).id;
        } catch (e) {
          if (isUniqueViolation(e)) throw new HttpError('conflict', 'Un compte vient d’être créé pour cette adresse : réessayez.');
          throw e;
        }
      }
      try {
        await addMembership(db, organisationId, userId, role);
      } catch (e) {
        if (isUniqueViolation(e)) throw new HttpError('conflict', 'Cette personne est déjà membre de l’organisation.');
        throw e;
      }
      const added = (await member(db, organisationId, userId))!;
      return reply.code(201).send({ ...added, ...(temporaryPassword ? { temporaryPassword } : {}) });
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
      const current = await member(db, organisationId, req.params.userId);
      if (!current) throw notFound('Membre');
      if (current.role === 'admin' && req.body.role !== 'admin' && (await countAdmins(db, organisationId)) <= 1) {
        throw new HttpError('conflict', 'C’est le dernier administrateur : nommez-en un autre avant de changer son rôle.');
      }
      await setRole(db, organisationId, req.params.userId, req.body.role);
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
      const { organisationId } = orgOf(req);
      const current = await member(db, organisationId, req.params.userId);
      if (!current) throw notFound('Membre');
      if (current.role === 'admin' && (await countAdmins(db, organisationId)) <= 1) {
        throw new HttpError('conflict', 'C’est le dernier administrateur : nommez-en un autre avant de le retirer.');
      }
      await db.transaction().execute((trx) => removeMember(trx, organisationId, req.params.userId));
      return reply.code(204).send();
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

/**
 * An organisation's employees and classification decisions. Decisions are computed by the core
 * from the facts given (the client never supplies the result) and never overwritten: a
 * correction is a new version pointing to the one it corrects.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { findConvention } from '../../grids/lookup.js';
import { InputError } from '../../model/input-error.js';
import { parseDate } from '../../service/dates.js';
import { classify } from '../../classify/classify.js';
import { transpose } from '../../classify/transpose.js';
import { explained } from '../../service/explained.js';
import type { Catalogue } from '../../grids/convention.js';
import { isUniqueViolation } from '../../store/db.js';
import { getDecision, insertDecision, listDecisions, versionsOf } from '../../store/decisions.js';
import { createEmployee, getEmployee, listEmployees, updateEmployee } from '../../store/employees.js';
import type { Database } from '../../store/schema.js';
import { orgOf, type AuthHooks } from '../auth.js';
import { HttpError, notFound } from '../errors.js';
import { lookupGrid } from './public.js';
import {
  DecisionBody,
  DecisionListQuery,
  DecisionResponse,
  DecisionWithVersions,
  EmployeeBody,
  EmployeeListQuery,
  EmployeePatch,
  EmployeeResponse,
  errors,
  IdParams,
  list,
  Pagination,
} from '../schemas.js';
import { z } from 'zod';

export interface RecordOptions {
  db: Kysely<Database>;
  auth: AuthHooks;
  catalogue: Catalogue;
}

export async function recordRoutes(app: FastifyInstance, options: RecordOptions): Promise<void> {
  const { db, auth, catalogue } = options;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Salariés'];

  const checkIdcc = (idcc: string | null | undefined) => {
    if (idcc) findConvention(catalogue, idcc);
  };

  r.get(
    '/api/employees',
    { schema: { tags, summary: 'Salariés (recherche par matricule ou nom)', querystring: EmployeeListQuery, response: { 200: list(EmployeeResponse), ...errors(400, 401, 403) } }, onRequest: auth.role('read-only') },
    async (req) => {
      const { q, limit, offset } = req.query;
      const page = await listEmployees(db, orgOf(req).organisationId, { ...(q?.trim() ? { q: q.trim() } : {}), limit, offset });
      return { ...page, limit, offset };
    },
  );

  r.post(
    '/api/employees',
    { schema: { tags, summary: 'Ajouter un salarié', body: EmployeeBody, response: { 201: EmployeeResponse, ...errors(400, 401, 403, 404, 409) } }, onRequest: auth.role('member') },
    async (req, reply) => {
      checkIdcc(req.body.idcc);
      try {
        return reply.code(201).send(await createEmployee(db, orgOf(req).organisationId, req.body));
      } catch (e) {
        if (isUniqueViolation(e)) throw new HttpError('conflict', `Le matricule « ${req.body.matricule} » existe déjà dans l’organisation.`);
        throw e;
      }
    },
  );

  r.get(
    '/api/employees/:id',
    { schema: { tags, summary: 'Un salarié', params: IdParams, response: { 200: EmployeeResponse, ...errors(401, 403, 404) } }, onRequest: auth.role('read-only') },
    async (req) => {
      const e = await getEmployee(db, orgOf(req).organisationId, req.params.id);
      if (!e) throw notFound('Salarié');
      return e;
    },
  );

  r.patch(
    '/api/employees/:id',
    { schema: { tags, summary: 'Modifier un salarié', params: IdParams, body: EmployeePatch, response: { 200: EmployeeResponse, ...errors(400, 401, 403, 404, 409) } }, onRequest: auth.role('member') },
    async (req) => {
      const { organisationId } = orgOf(req);
      if (!(await getEmployee(db, organisationId, req.params.id))) throw notFound('Salarié');
      checkIdcc(req.body.idcc);
      try {
        return (await updateEmployee(db, organisationId, req.params.id, req.body))!;
      } catch (e) {
        if (isUniqueViolation(e)) throw new HttpError('conflict', `Le matricule « ${req.body.matricule} » existe déjà dans l’organisation.`);
        throw e;
      }
    },
  );

  r.get(
    '/api/employees/:id/decisions',
    {
      schema: {
        tags,
        summary: 'Historique des décisions d’un salarié (toutes les versions, les plus récentes d’abord)',
        params: IdParams,
        querystring: z.object(Pagination),
        response: { 200: list(DecisionResponse), ...errors(400, 401, 403, 404) },
      },
      onRequest: auth.role('read-only'),
    },
    async (req) => {
      const { organisationId } = orgOf(req);
      if (!(await getEmployee(db, organisationId, req.params.id))) throw notFound('Salarié');
      const { limit, offset } = req.query;
      return { ...(await listDecisions(db, organisationId, { employeeId: req.params.id, limit, offset })), limit, offset };
    },
  );

  const dtags = ['Décisions'];

  r.get(
    '/api/decisions',
    {
      schema: { tags: dtags, summary: 'Décisions (les plus récentes d’abord)', querystring: DecisionListQuery, response: { 200: list(DecisionResponse), ...errors(400, 401, 403) } },
      onRequest: auth.role('read-only'),
    },
    async (req) => {
      const { employeeId, latest, limit, offset } = req.query;
      const page = await listDecisions(db, orgOf(req).organisationId, { ...(employeeId ? { employeeId } : {}), latestOnly: latest === 'true', limit, offset });
      return { ...page, limit, offset };
    },
  );

  r.post(
    '/api/decisions',
    {
      schema: {
        tags: dtags,
        summary: 'Enregistrer une décision de classement (ou la corriger)',
        description:
          'Le serveur calcule le résultat à partir des faits (comme POST /api/conventions/{idcc}/classify, ou transpose si `kind` = "transpose") et enregistre faits, résultat, raisons, version de grille, date et auteur. Avec `previousId`, la décision est une nouvelle version de celle-ci, qui reste consultable ; seule la dernière version peut être corrigée.',
        body: DecisionBody,
        response: { 201: DecisionWithVersions, ...errors(400, 401, 403, 404, 409) },
      },
      onRequest: auth.role('member'),
    },
    async (req, reply) => {
      const { organisationId, principal } = orgOf(req);
      const body = req.body;
      const previous = body.previousId ? await getDecision(db, organisationId, body.previousId) : undefined;
      if (body.previousId && !previous) throw notFound('Décision à corriger');
      if (previous && !previous.latest) {
        throw new HttpError('conflict', `Cette version (${previous.version}) a déjà été corrigée : corrigez la dernière version (${previous.supersededBy}).`);
      }
      const employeeId = body.employeeId === undefined ? (previous?.employeeId ?? null) : body.employeeId;
      if (employeeId && !(await getEmployee(db, organisationId, employeeId))) throw notFound('Salarié');

      let computed: { gridId: string; at: string; result: unknown; explanation: unknown; positions: string[]; input: Record<string, unknown> };
      if (body.kind === 'transpose') {
        const conv = findConvention(catalogue, body.idcc);
        const at = parseDate(body.at, 'at : date');
        const from = body.from === undefined ? '' : String(body.from);
        if (from.trim() === '') throw new InputError('Ancienne position manquante : indiquez « from » pour une transposition.', 'invalid');
        const result = explained(transpose(conv, { from, facts: body.facts, at }));
        computed = { gridId: result.to.grid.id, at, result, explanation: result.explanation, positions: result.to.positions, input: { from } };
      } else {
        if (body.from !== undefined) throw new InputError('« from » ne sert qu’aux transpositions (kind = "transpose").', 'invalid');
        const { grid, date } = lookupGrid(catalogue, body.idcc, body.at);
        const result = explained(classify(grid, body.facts, { at: date }));
        computed = { gridId: grid.id, at: date, result, explanation: result.explanation, positions: result.positions, input: {} };
      }
      const position = body.position ?? null;
      if (position !== null && position !== '' && !computed.positions.includes(position)) {
        throw new InputError(
          computed.positions.length
            ? `Position retenue « ${position} » hors du résultat : choisissez parmi ${computed.positions.join(', ')}.`
            : `Position retenue « ${position} » impossible : le résultat ne propose aucune position.`,
          'invalid',
        );
      }
      let id: string;
      try {
        id = await insertDecision(db, {
          organisationId,
          ...(previous ? { previous: { id: previous.id, rootId: previous.rootId, version: previous.version } } : {}),
          employeeId,
          kind: body.kind,
          idcc: findConvention(catalogue, body.idcc).idcc,
          gridId: computed.gridId,
          at: computed.at,
          facts: body.facts,
          input: computed.input,
          result: computed.result,
          explanation: computed.explanation,
          position: position || null,
          comment: body.comment || null,
          authorUserId: principal.userId,
          authorTokenId: principal.tokenId,
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw new HttpError('conflict', 'Cette version vient d’être corrigée par ailleurs : rechargez la décision et corrigez la dernière version.');
        throw e;
      }
      const saved = (await getDecision(db, organisationId, id))!;
      return reply.code(201).send({ ...saved, versions: await versionsOf(db, organisationId, saved.rootId) });
    },
  );

  r.get(
    '/api/decisions/:id',
    {
      schema: { tags: dtags, summary: 'Une décision, avec la liste de ses versions', params: IdParams, response: { 200: DecisionWithVersions, ...errors(401, 403, 404) } },
      onRequest: auth.role('read-only'),
    },
    async (req) => {
      const { organisationId } = orgOf(req);
      const d = await getDecision(db, organisationId, req.params.id);
      if (!d) throw notFound('Décision');
      return { ...d, versions: await versionsOf(db, organisationId, d.rootId) };
    },
  );
}

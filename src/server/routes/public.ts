/**
 * The public routes: the law is public, no account needed. Each answer comes from the core
 * through src/service (the same functions as `classif … --json`), and is cached serialised.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findConvention, gridAt } from '../../grids/lookup.js';
import { InputError } from '../../model/input-error.js';
import { parseDate } from '../../service/dates.js';
import { searchGrid } from '../../match/grid-search.js';
import { conventionsView, conventionView, gridView, searchView } from '../../service/views.js';
import { findConventions, normalizeNaf, searchAllConventions } from '../../service/conventions.js';
import { classify } from '../../classify/classify.js';
import { factDefinitions } from '../../classify/facts.js';
import { transpose } from '../../classify/transpose.js';
import { explained } from '../../service/explained.js';
import type { Catalogue } from '../../grids/convention.js';
import { canonicalJson, Lru } from '../cache.js';
import {
  AtQuery,
  ClassifyBody,
  ClassifyResponse,
  ConventionFinderQuery,
  ConventionFinderResponse,
  ConventionsResponse,
  SearchAllResponse,
  errors,
  GridResponse,
  IdccParams,
  SearchQuery,
  SearchResponse,
  TransposeBody,
  TransposeResponse,
} from '../schemas.js';

export interface PublicOptions {
  catalogue: Catalogue;
  /** Entries of each answer cache (0 disables them: the bench measures both). */
  cacheSize: number;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** Sends JSON already serialised (cached), whatever the route's typed reply. */
function sendJson(reply: unknown, body: string): void {
  (reply as FastifyReply).type(JSON_TYPE).send(body);
}

export function lookupGrid(catalogue: Catalogue, idcc: string, at: string | undefined) {
  const conv = findConvention(catalogue, idcc);
  const date = parseDate(at, 'at : date');
  return { conv, date, grid: gridAt(conv, date) };
}

export async function publicRoutes(app: FastifyInstance, options: PublicOptions): Promise<void> {
  const { catalogue } = options;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const conventions = JSON.stringify(conventionsView(catalogue));
  const grids = new Lru<string>(Math.max(options.cacheSize > 0 ? 64 : 0, 0));
  const searches = new Lru<string>(options.cacheSize);
  const classifications = new Lru<string>(options.cacheSize);
  const transpositions = new Lru<string>(options.cacheSize);
  const tags = ['Conventions (public)'];

  r.get('/api/conventions', { schema: { tags, security: [], summary: 'Conventions prises en charge et versions de leurs grilles', response: { 200: ConventionsResponse } } }, (_req, reply) => {
    sendJson(reply, conventions);
  });

  r.get(
    '/api/conventions/find',
    {
      schema: {
        tags,
        security: [],
        summary: 'Trouver sa convention : par son nom, son IDCC ou le code NAF (APE) de l’entreprise',
        description: 'Même réponse que `classif conventions --naf 47.78A --json` (ou `--name`). Les codes NAF viennent du champ d’application de chaque texte.',
        querystring: ConventionFinderQuery,
        response: { 200: ConventionFinderResponse, ...errors(400) },
      },
    },
    (req, reply) => {
      const { q, naf } = req.query;
      if (naf !== undefined && naf.trim() !== '' && normalizeNaf(naf) === undefined) {
        throw new InputError(`Code NAF invalide : « ${naf} ». Il s’écrit avec 4 chiffres et une lettre, par exemple 47.78A.`, 'invalid');
      }
      sendJson(reply, JSON.stringify(findConventions(catalogue, { q, naf }).map((f) => ({ ...conventionView(f.convention), matched: f.matched }))));
    },
  );

  r.get(
    '/api/search',
    {
      schema: {
        tags,
        security: [],
        summary: 'Un emploi cherché dans toutes les conventions à la fois',
        description: 'Les réponses de chaque convention, regroupées par convention (même forme que `/api/conventions/{idcc}/search`, avec le nom de la convention). Même réponse que `classif search "<q>" --json`.',
        querystring: SearchQuery,
        response: { 200: SearchAllResponse, ...errors(400) },
      },
    },
    (req, reply) => {
      const { q, limit, mode, at } = req.query;
      const date = parseDate(at, 'at : date');
      const key = `*\0${date}\0${mode}\0${limit}\0${q}`;
      let body = searches.get(key);
      if (body === undefined) {
        body = JSON.stringify({ query: q, at: date, conventions: searchAllConventions(catalogue, q, { at: date, limit, mode }) });
        searches.set(key, body);
      }
      sendJson(reply, body);
    },
  );

  r.get(
    '/api/conventions/:idcc/grid',
    { schema: { tags, security: [], summary: 'Grille en vigueur à une date', params: IdccParams, querystring: AtQuery, response: { 200: GridResponse, ...errors(400, 404) } } },
    (req, reply) => {
      const { conv, grid } = lookupGrid(catalogue, req.params.idcc, req.query.at);
      let body = grids.get(grid.id);
      if (body === undefined) grids.set(grid.id, (body = JSON.stringify(gridView(conv, grid))));
      sendJson(reply, body);
    },
  );

  r.get(
    '/api/conventions/:idcc/search',
    {
      schema: {
        tags,
        security: [],
        summary: 'Emplois-repères pour un intitulé ou une description',
        description: 'Même réponse que `classif search <idcc> "<q>" --json`.',
        params: IdccParams,
        querystring: SearchQuery,
        response: { 200: SearchResponse, ...errors(400, 404) },
      },
    },
    (req, reply) => {
      const { q, limit, mode, at } = req.query;
      const { conv, grid } = lookupGrid(catalogue, req.params.idcc, at);
      const key = `${grid.id}\0${mode}\0${limit}\0${q}`;
      let body = searches.get(key);
      if (body === undefined) {
        body = JSON.stringify(searchView(conv, grid, q, searchGrid(grid, q, { limit, mode })));
        searches.set(key, body);
      }
      sendJson(reply, body);
    },
  );

  r.get(
    '/api/conventions/:idcc/facts',
    {
      schema: {
        tags,
        security: [],
        summary: 'Faits que le classement accepte (questionnaire)',
        description: 'Chaque fait : identifiant, question, type, valeurs possibles. Ce sont les clés de `facts` pour classify et transpose.',
        params: IdccParams,
        querystring: AtQuery,
        response: { 200: z.looseObject({ idcc: z.string(), grid: z.looseObject({ id: z.string() }), facts: z.array(z.looseObject({ id: z.string(), type: z.string(), question: z.string() })) }), ...errors(400, 404) },
      },
    },
    (req) => {
      const { conv, grid } = lookupGrid(catalogue, req.params.idcc, req.query.at);
      return { idcc: conv.idcc, grid: grid.summary(), facts: [...factDefinitions(grid).values()] };
    },
  );

  r.get(
    '/api/conventions/:idcc/jobs/:jobId',
    {
      schema: {
        tags,
        security: [],
        summary: 'Fiche complète d’un emploi-repère',
        description: 'Même réponse que `classif job <idcc> <jobId> --json`.',
        params: z.object({ idcc: IdccParams.shape.idcc, jobId: z.string().min(1).max(100) }),
        querystring: AtQuery,
        response: { 200: z.looseObject({ idcc: z.string(), grid: z.looseObject({ id: z.string() }), job: z.looseObject({ id: z.string(), title: z.string() }) }), ...errors(400, 404) },
      },
    },
    (req) => {
      const { conv, grid } = lookupGrid(catalogue, req.params.idcc, req.query.at);
      const job = grid.job(req.params.jobId);
      if (!job) throw new InputError(`Emploi inconnu dans la grille ${grid.id} : « ${req.params.jobId} ». Voir GET /api/conventions/${conv.idcc}/grid pour la liste.`, 'not-found');
      // The same object as `classif job --json` builds.
      const view = gridView(conv, grid).jobs.find((j) => j.id === job.id)!;
      return { idcc: conv.idcc, grid: grid.summary(), job: { ...job, ...view, trackTitle: grid.trackLabel(job.track), lineage: grid.jobLineage(job.id).map((j) => j.id) } };
    },
  );

  r.post(
    '/api/conventions/:idcc/classify',
    {
      schema: {
        tags,
        security: [],
        summary: 'Position, statut et niveau à partir des faits, avec les raisons',
        description: 'Corps `{ "facts": {…}, "at": "AAAA-MM-JJ" }`. Même réponse que `classif classify <idcc> --facts … --json`.',
        params: IdccParams,
        body: ClassifyBody,
        response: { 200: ClassifyResponse, ...errors(400, 404, 413, 415) },
      },
    },
    (req, reply) => {
      const { grid, date } = lookupGrid(catalogue, req.params.idcc, req.body.at);
      const key = `${grid.id}\0${date}\0${canonicalJson(req.body.facts)}`;
      let body = classifications.get(key);
      if (body === undefined) {
        body = JSON.stringify(explained(classify(grid, req.body.facts, { at: date })));
        classifications.set(key, body);
      }
      sendJson(reply, body);
    },
  );

  r.post(
    '/api/conventions/:idcc/transpose',
    {
      schema: {
        tags,
        security: [],
        summary: 'Passage d’une ancienne position à la nouvelle grille',
        description: 'Corps `{ "from": "150", "facts": {…}, "at": "AAAA-MM-JJ" }`. Même réponse que `classif transpose <idcc> --coefficient … --json`.',
        params: IdccParams,
        body: TransposeBody,
        response: { 200: TransposeResponse, ...errors(400, 404, 413, 415) },
      },
    },
    (req, reply) => {
      const conv = findConvention(catalogue, req.params.idcc);
      const at = parseDate(req.body.at, 'at : date');
      const from = String(req.body.from);
      if (from.trim() === '') throw new InputError('Ancienne position manquante : indiquez « from » (par exemple "150").', 'invalid');
      const key = `${conv.idcc}\0${at}\0${from}\0${canonicalJson(req.body.facts)}`;
      let body = transpositions.get(key);
      if (body === undefined) {
        body = JSON.stringify(explained(transpose(conv, { from, facts: req.body.facts, at })));
        transpositions.set(key, body);
      }
      sendJson(reply, body);
    },
  );
}

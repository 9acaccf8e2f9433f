/**
 * An organisation's wage scales: the minima its audits use next to the shipped ones, for what the
 * tool does not ship (a company agreement, a scale not yet in the data). Same CSV as the CLI's
 * `--wages` file, validated the same way on upload; members load and delete, everyone reads.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Catalogue } from '../../grids/convention.js';
import { parseUserScales } from '../../roster/minimum.js';
import type { Database } from '../../store/schema.js';
import { deleteWageScale, insertWageScale, listWageScales } from '../../store/wage-scales.js';
import { orgOf, type AuthHooks } from '../auth.js';
import { notFound } from '../errors.js';
import { errors, IdParams } from '../schemas.js';
import { cleanFileName } from './audits.js';

export interface WageScaleOptions {
  db: Kysely<Database>;
  auth: AuthHooks;
  catalogue: Catalogue;
}

/** A scale file is a few hundred lines; this bounds what one upload may hold. */
export const MAX_SCALE_CHARS = 512 * 1024;

const WageScaleResponse = z.object({ id: z.string(), fileName: z.string(), idccs: z.array(z.string()), rows: z.number().int(), createdAt: z.string() }).describe('Barème de salaires chargé');
const WageScaleBody = z.strictObject({
  fileName: z.string().max(200).optional().describe('Nom du fichier, cité dans les constats'),
  csv: z.string().min(1).max(MAX_SCALE_CHARS).describe('Contenu CSV : idcc;position;niveau;date_effet;montant (niveau facultatif)'),
});

export async function wageScaleRoutes(app: FastifyInstance, options: WageScaleOptions): Promise<void> {
  const { db, auth, catalogue } = options;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Barèmes de salaires'];

  r.get(
    '/api/wage-scales',
    { schema: { tags, summary: 'Barèmes de salaires de l’organisation', response: { 200: z.object({ items: z.array(WageScaleResponse) }), ...errors(401, 403) } }, onRequest: auth.role('read-only') },
    async (req) => ({ items: await listWageScales(db, orgOf(req).organisationId) }),
  );

  r.post(
    '/api/wage-scales',
    {
      schema: {
        tags,
        summary: 'Charger un barème de salaires (utilisé par les audits suivants de l’organisation)',
        description: 'Même format que le fichier `--wages` de la ligne de commande : CSV `idcc;position;niveau;date_effet;montant`, une ligne par minimum. Un fichier illisible est refusé avec la ligne en cause.',
        body: WageScaleBody,
        response: { 201: WageScaleResponse, ...errors(400, 401, 403, 413) },
      },
      onRequest: auth.role('member'),
    },
    async (req, reply) => {
      const { organisationId, principal } = orgOf(req);
      const fileName = cleanFileName(req.body.fileName ?? 'bareme.csv');
      // Validated now, as the audit will read it: InputError → 400 with the line at fault.
      const scales = parseUserScales(req.body.csv, fileName, catalogue.conventions);
      const rows = [...scales.values()].reduce((n, list) => n + list.length, 0);
      const view = await insertWageScale(db, { organisationId, fileName, csv: req.body.csv, idccs: [...scales.keys()].sort(), rows, createdBy: principal.userId });
      return reply.code(201).header('Location', `/api/wage-scales/${view.id}`).send(view);
    },
  );

  r.delete(
    '/api/wage-scales/:id',
    { schema: { tags, summary: 'Supprimer un barème de salaires', params: IdParams, response: { 204: z.null().describe('Supprimé'), ...errors(401, 403, 404) } }, onRequest: auth.role('member') },
    async (req, reply) => {
      if (!(await deleteWageScale(db, orgOf(req).organisationId, req.params.id))) throw notFound('Barème');
      return reply.code(204).send(null);
    },
  );
}

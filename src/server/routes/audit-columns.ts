/**
 * The columns step before an audit: the header row found in a file (title lines skipped), what
 * each header is read as — by the synonyms, or by the organisation's earlier choices for files of
 * the same shape — and the columns a header may be mapped to. Nothing is kept of the file.
 */
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { COLUMN_HELP, COLUMNS, headerSignature, mapHeaders, REQUIRED, type Column } from '../../roster/columns.js';
import { openRoster } from '../../roster/read.js';
import type { Database } from '../../store/schema.js';
import { newId } from '../../store/util.js';
import { getColumnMapping } from '../../store/wage-scales.js';
import { orgOf, type AuthHooks } from '../auth.js';
import { HttpError } from '../errors.js';
import { errors } from '../schemas.js';

export interface AuditColumnsOptions {
  db: Kysely<Database>;
  auth: AuthHooks;
  dataDir: string;
  maxUploadBytes: number;
}

const ColumnsResponse = z
  .object({
    headerLine: z.number().int(),
    headers: z.array(z.object({ header: z.string(), column: z.string().nullable(), kept: z.boolean() })),
    columns: z.array(z.object({ id: z.string(), help: z.string(), required: z.boolean() })),
  })
  .describe('En-têtes lus et colonne retenue pour chacun');

export async function auditColumnRoutes(app: FastifyInstance, options: AuditColumnsOptions): Promise<void> {
  const { db, auth, dataDir, maxUploadBytes } = options;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const uploads = join(dataDir, 'uploads');
  mkdirSync(uploads, { recursive: true });

  r.post(
    '/api/audits/columns',
    {
      schema: {
        tags: ['Audits'],
        summary: 'Colonnes d’un fichier avant l’audit (en-têtes lus, colonne retenue pour chacun)',
        description: 'Envoi en multipart/form-data, champ `file` (le début d’un CSV suffit). Les choix faits ensuite s’envoient avec l’audit, champ `colonnes`.',
        consumes: ['multipart/form-data'],
        response: { 200: ColumnsResponse, ...errors(400, 401, 403, 413) },
      },
      onRequest: auth.role('member'),
    },
    async (req) => {
      const { organisationId } = orgOf(req);
      const tmp = join(uploads, `${newId()}.colonnes`);
      try {
        try {
          const part = await req.file({ limits: { fileSize: maxUploadBytes, files: 1 } });
          if (!part || part.fieldname !== 'file') throw new HttpError('invalid', 'Aucun fichier reçu : joignez la liste du personnel dans le champ « file ».');
          await pipeline(part.file, createWriteStream(tmp));
          if (part.file.truncated) throw new HttpError('too-large', `Fichier trop volumineux : ${Math.round(maxUploadBytes / 1024 / 1024)} Mo au plus.`);
        } catch (e) {
          // The multipart parser throws plain errors on a malformed form: the client's fault.
          if (e instanceof HttpError || typeof (e as { statusCode?: unknown }).statusCode === 'number') throw e;
          throw new HttpError('invalid', `Formulaire multipart invalide ou incomplet (${String((e as Error).message).slice(0, 100)}).`);
        }
        const source = await openRoster(tmp);
        await source.rows[Symbol.asyncIterator]().return?.(undefined);
        const kept = await getColumnMapping(db, organisationId, headerSignature(source.headers));
        const map = mapHeaders(source.headers, kept);
        const byIndex = new Map(Object.entries(map.index).map(([c, i]) => [i, c as Column]));
        const keptKeys = new Set(Object.keys(kept));
        return {
          headerLine: source.headerLine ?? 1,
          headers: source.headers.map((header, i) => ({ header, column: byIndex.get(i) ?? null, kept: keptKeys.has(header) })),
          columns: COLUMNS.map((id) => ({ id, help: COLUMN_HELP[id], required: REQUIRED.includes(id) })),
        };
      } finally {
        rmSync(tmp, { force: true });
      }
    },
  );
}

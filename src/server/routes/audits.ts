/**
 * Audits of staff lists: upload (multipart, streamed to disk, size-limited), then the audit runs
 * in the background; poll `GET /api/audits/:id` for its progress, then fetch its reports.
 */
import { closeSync, createReadStream, createWriteStream, existsSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { InputError, parseDate } from '../../api/lookup.js';
import type { Catalogue } from '../../grids/convention.js';
import { Auditor } from '../../roster/audit.js';
import { openRoster } from '../../roster/read.js';
import { deleteAudit, getAudit, insertAudit, listAudits, requeue, type AuditView } from '../../store/audits.js';
import type { Database } from '../../store/schema.js';
import { newId } from '../../store/util.js';
import { auditDir, inputFile, REPORT_FORMATS, reportFile, withFileName, type AuditRunner, type ReportFormat } from '../audit-runner.js';
import { orgOf, type AuthHooks } from '../auth.js';
import { HttpError, notFound } from '../errors.js';
import { AuditListQuery, AuditResponse, AuditUploadQuery, errors, IdParams, list, ReportParams } from '../schemas.js';

export interface AuditOptions {
  db: Kysely<Database>;
  auth: AuthHooks;
  catalogue: Catalogue;
  dataDir: string;
  runner: AuditRunner;
  maxUploadBytes: number;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

/** A file name as the user sent it, without path, control characters or excess length. */
export function cleanFileName(name: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const base = basename(String(name ?? '').replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base || 'liste.csv').slice(0, 200);
}

function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

function withLinks(a: AuditView) {
  if (a.status !== 'done') return a;
  return { ...a, reports: Object.fromEntries(REPORT_FORMATS.map((f) => [f, `/api/audits/${a.id}/report.${f}`])) };
}

/** A zip archive (XLSX) starts with « PK\x03\x04 ». */
function isZip(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4);
    readSync(fd, head, 0, 4, 0);
    return head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the header (and first block) of an uploaded CSV: a file that is no staff list is refused
 * at once. An XLSX is checked by the run itself: its reader cannot be closed before the end.
 */
async function precheck(path: string, fileName: string, at: string, catalogue: Catalogue): Promise<void> {
  if (isZip(path)) return;
  try {
    const source = await openRoster(path);
    const rows = source.rows[Symbol.asyncIterator]();
    try {
      new Auditor({ at, catalogue }, source);
    } finally {
      // Starting then ending the reader closes the file.
      await rows.next().catch(() => undefined);
      await rows.return?.(undefined);
    }
  } catch (e) {
    if (e instanceof InputError) throw new InputError(withFileName(e.message, path, fileName), e.kind);
    throw e;
  }
}

export async function auditRoutes(app: FastifyInstance, options: AuditOptions): Promise<void> {
  const { db, auth, catalogue, dataDir, runner, maxUploadBytes } = options;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Audits'];
  const uploads = join(dataDir, 'uploads');
  mkdirSync(uploads, { recursive: true });

  r.post(
    '/api/audits',
    {
      schema: {
        tags,
        summary: 'Auditer une liste du personnel (CSV, XLSX, DSN ou ZIP de DSN)',
        description: `Envoi en multipart/form-data : le fichier dans le champ \`file\` (${Math.round(maxUploadBytes / 1024 / 1024)} Mo au plus), la date d’audit dans \`?at=AAAA-MM-JJ\` ou dans un champ \`at\` (aujourd’hui par défaut). Réponse 202 : l’audit est en file ; suivez-le avec GET /api/audits/{id}.`,
        consumes: ['multipart/form-data'],
        querystring: AuditUploadQuery,
        response: { 202: AuditResponse, ...errors(400, 401, 403, 413, 415) },
      },
      onRequest: auth.role('member'),
    },
    async (req, reply) => {
      const { organisationId, principal } = orgOf(req);
      let at = req.query.at;
      if (at !== undefined) parseDate(at, 'at : date');
      const id = newId();
      const tmp = join(uploads, `${id}.partiel`);
      let file: { name: string; size: number } | undefined;

      async function readForm(): Promise<void> {
        const parts = req.parts({ limits: { fileSize: maxUploadBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 50 } });
        for await (const part of parts) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file') {
              part.file.resume();
              throw new HttpError('invalid', `Champ de fichier inattendu : « ${part.fieldname.slice(0, 50)} ». Joignez la liste dans le champ « file ».`);
            }
            // Streamed to disk: memory does not grow with the file.
            await pipeline(part.file, createWriteStream(tmp));
            if (part.file.truncated) throw new HttpError('too-large', `Fichier trop volumineux : ${Math.round(maxUploadBytes / 1024 / 1024)} Mo au plus.`);
            file = { name: cleanFileName(part.filename), size: statSync(tmp).size };
          } else if (part.fieldname === 'at') {
            at = String(part.value);
          } else {
            throw new HttpError('invalid', `Champ inconnu : « ${part.fieldname.slice(0, 50)} ». Champs acceptés : file, at.`);
          }
        }
      }

      try {
        try {
          await readForm();
        } catch (e) {
          // The multipart parser throws plain errors on a malformed form: the client's fault.
          const known = e instanceof HttpError || e instanceof InputError || typeof (e as { statusCode?: unknown }).statusCode === 'number' || Boolean((e as NodeJS.ErrnoException).syscall);
          if (!known) throw new HttpError('invalid', `Formulaire multipart invalide ou incomplet (${String((e as Error).message).slice(0, 100)}).`);
          throw e;
        }
        if (!file) throw new HttpError('invalid', 'Aucun fichier reçu : joignez la liste du personnel (CSV, XLSX, DSN ou ZIP de DSN) dans le champ « file ».');
        const { name, size } = file as { name: string; size: number };
        if (size === 0) throw new HttpError('invalid', `Le fichier « ${name} » est vide.`);
        const date = parseDate(at, 'at : date');
        await precheck(tmp, name, date, catalogue);
        mkdirSync(auditDir(dataDir, id), { recursive: true });
        renameSync(tmp, inputFile(dataDir, id));
        const audit = await insertAudit(db, { id, organisationId, authorUserId: principal.userId, authorTokenId: principal.tokenId, fileName: name, fileSize: size, at: date });
        runner.kick();
        return reply.code(202).header('Location', `/api/audits/${id}`).send(audit);
      } catch (e) {
        rmSync(tmp, { force: true });
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new HttpError('too-large', `Fichier trop volumineux : ${Math.round(maxUploadBytes / 1024 / 1024)} Mo au plus.`);
        throw e;
      }
    },
  );

  r.get(
    '/api/audits',
    { schema: { tags, summary: 'Audits de l’organisation (les plus récents d’abord)', querystring: AuditListQuery, response: { 200: list(AuditResponse), ...errors(400, 401, 403) } }, onRequest: auth.role('read-only') },
    async (req) => {
      const { limit, offset } = req.query;
      const page = await listAudits(db, orgOf(req).organisationId, { limit, offset });
      return { items: page.items.map(withLinks), total: page.total, limit, offset };
    },
  );

  r.get(
    '/api/audits/:id',
    {
      schema: {
        tags,
        summary: 'État d’un audit : statut, progression, résumé',
        description: 'Statuts : queued, running (progress.rows, progress.percent), done (summary, reports), failed (error, en français).',
        params: IdParams,
        response: { 200: AuditResponse, ...errors(401, 403, 404) },
      },
      onRequest: auth.role('read-only'),
    },
    async (req) => {
      const a = await getAudit(db, orgOf(req).organisationId, req.params.id);
      if (!a) throw notFound('Audit');
      return withLinks(a);
    },
  );

  r.get(
    '/api/audits/:id/report.:format',
    {
      schema: {
        tags,
        summary: 'Rapport d’un audit terminé',
        description: 'Formats : json (constats et résumé), ndjson (une ligne par constat, puis le résumé), csv (pour Excel, séparateur « ; »), html (page autonome), pdf.',
        params: ReportParams,
        response: { 200: z.any().describe('Le rapport dans le format demandé'), ...errors(401, 403, 404, 409) },
      },
      onRequest: auth.role('read-only'),
    },
    async (req, reply) => {
      const { organisationId } = orgOf(req);
      const a = await getAudit(db, organisationId, req.params.id);
      if (!a) throw notFound('Audit');
      if (a.status === 'failed') throw new HttpError('conflict', `L’audit a échoué : ${a.error ?? 'raison inconnue'}`);
      if (a.status !== 'done') throw new HttpError('conflict', `L’audit n’est pas terminé (${a.status === 'queued' ? 'en file' : `en cours : ${a.progress.rows} ligne(s) lue(s)`}) : réessayez plus tard.`);
      const format = req.params.format;
      const path = reportFile(dataDir, a.id, format);
      if (!existsSync(path)) throw new HttpError('gone', 'Le rapport n’est plus disponible sur le serveur : relancez l’audit (POST /api/audits/{id}/rerun).');
      const name = `audit-${a.fileName.replace(/\.[^.]*$/, '')}.${format}`;
      reply.type(CONTENT_TYPES[format]).header('Content-Length', String(statSync(path).size));
      reply.header('Content-Disposition', contentDisposition(format === 'html' || format === 'pdf' ? 'inline' : 'attachment', name));
      // The HTML report is self-contained (inline styles and SVG, no script): nothing else may run or load.
      if (format === 'html') reply.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox");
      reply.header('Cache-Control', 'private, no-store');
      return reply.send(createReadStream(path));
    },
  );

  r.post(
    '/api/audits/:id/rerun',
    {
      schema: { tags, summary: 'Relancer un audit terminé ou en échec', params: IdParams, response: { 202: AuditResponse, ...errors(401, 403, 404, 409, 410) } },
      onRequest: auth.role('member'),
    },
    async (req, reply) => {
      const { organisationId } = orgOf(req);
      const a = await getAudit(db, organisationId, req.params.id);
      if (!a) throw notFound('Audit');
      if (!existsSync(inputFile(dataDir, a.id))) throw new HttpError('gone', 'Le fichier de cet audit n’est plus sur le serveur : envoyez-le de nouveau (POST /api/audits).');
      // The old reports stop being served now (the audit is queued); the run replaces them.
      if (!(await requeue(db, organisationId, a.id))) throw new HttpError('conflict', 'L’audit est déjà en file ou en cours.');
      runner.kick();
      return reply.code(202).send((await getAudit(db, organisationId, a.id))!);
    },
  );

  r.delete(
    '/api/audits/:id',
    {
      schema: { tags, summary: 'Supprimer un audit, son fichier et ses rapports', params: IdParams, response: { 204: z.undefined(), ...errors(401, 403, 404, 409) } },
      onRequest: auth.role('member'),
    },
    async (req, reply) => {
      const { organisationId } = orgOf(req);
      const a = await getAudit(db, organisationId, req.params.id);
      if (!a) throw notFound('Audit');
      if (!(await deleteAudit(db, organisationId, a.id))) throw new HttpError('conflict', 'L’audit est en file ou en cours : attendez sa fin pour le supprimer.');
      rmSync(auditDir(dataDir, a.id), { recursive: true, force: true });
      return reply.code(204).send();
    },
  );
}

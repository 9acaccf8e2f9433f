/**
 * Audits of staff lists: upload (multipart, streamed to disk, size-limited), then the audit runs
 * in the background, through the queue; poll `GET /api/audits/:id` for its progress, then fetch
 * its reports; cancel or delete it at any time.
 */
import { closeSync, mkdirSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { InputError } from '../../model/input-error.js';
import { parseDate } from '../../service/dates.js';
import type { Catalogue } from '../../grids/convention.js';
import { Auditor, type AuditOptions as AuditOptionsOf } from '../../roster/audit.js';
import { auditContext, parseAuditRequestOptions, type AuditRequestOptions } from '../audit-setup.js';
import { looksLikeDsnRecord } from '../../roster/dsn/source.js';
import { openRoster } from '../../roster/read.js';
import { cancelAudit, deleteAudit, getAudit, insertAudit, listAudits, requeue, type AuditView } from '../../store/audits.js';
import type { Database } from '../../store/schema.js';
import { newId } from '../../store/util.js';
import { parseReportData, REPORT_DATA } from '../../service/report-data.js';
import { REPORT_FORMATS, type AuditFiles, type Receiving, type ReportFormat } from '../audit-files.js';
import type { OnDemandReports } from '../report-on-demand.js';
import type { AuditQueue } from '../audit-queue.js';
import { withFileName } from '../audit-runner.js';
import { orgOf, type AuthHooks } from '../auth.js';
import { HttpError, notFound } from '../errors.js';
import { AuditListQuery, AuditResponse, AuditSamplesResponse, AuditUploadQuery, errors, IdParams, list, ReportParams } from '../schemas.js';

export interface AuditOptions {
  db: Kysely<Database>;
  auth: AuthHooks;
  catalogue: Catalogue;
  /** Uploads arrive in `<dataDir>/uploads/` before they are kept (audit-files.ts). */
  dataDir: string;
  queue: AuditQueue;
  files: AuditFiles;
  /** Reports made at their first download. */
  reports: OnDemandReports;
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

/**
 * Whether a file is read in full before its first row (a workbook, a DSN, a zip of DSN): those are
 * checked by the audit's own process, within its budgets, never by the server's.
 */
function readInFull(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(64);
    const n = readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) || looksLikeDsnRecord(head.subarray(0, n));
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the header (and first block) of an uploaded CSV: a file that is no staff list is refused
 * at once. Other files are checked by the run itself (readInFull).
 */
async function precheck(path: string, fileName: string, at: string, catalogue: Catalogue, context: (headers: readonly string[]) => Promise<Partial<AuditOptionsOf>>, own: AuditRequestOptions): Promise<void> {
  if (readInFull(path)) return;
  try {
    const source = await openRoster(path, own.mapping ? { mapping: own.mapping } : {});
    const rows = source.rows[Symbol.asyncIterator]();
    try {
      new Auditor({ at, catalogue, ...(await context(source.headers)) }, source);
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
  const { db, auth, catalogue, dataDir, queue, files, reports, maxUploadBytes } = options;
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
      let adherent: string | undefined = req.query.adherent;
      let colonnes: string | undefined;
      if (at !== undefined) parseDate(at, 'at : date');
      const id = newId();
      const tmp = join(uploads, `${id}.partiel`);
      let file: { name: string; size: number } | undefined;
      let receiving: Receiving | undefined;

      async function readForm(): Promise<void> {
        const parts = req.parts({ limits: { fileSize: maxUploadBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 50 } });
        for await (const part of parts) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file') {
              part.file.resume();
              throw new HttpError('invalid', `Champ de fichier inattendu : « ${part.fieldname.slice(0, 50)} ». Joignez la liste dans le champ « file ».`);
            }
            // Streamed to disk: memory does not grow with the file.
            receiving = files.receive(tmp);
            await pipeline(part.file, receiving.stream);
            if (part.file.truncated) throw new HttpError('too-large', `Fichier trop volumineux : ${Math.round(maxUploadBytes / 1024 / 1024)} Mo au plus.`);
            file = { name: cleanFileName(part.filename), size: statSync(tmp).size };
          } else if (part.fieldname === 'at') {
            at = String(part.value);
          } else if (part.fieldname === 'adherent') {
            adherent = String(part.value);
          } else if (part.fieldname === 'colonnes') {
            colonnes = String(part.value);
          } else {
            throw new HttpError('invalid', `Champ inconnu : « ${part.fieldname.slice(0, 50)} ». Champs acceptés : file, at, adherent, colonnes.`);
          }
        }
      }

      const begun = performance.now();
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
        const own = parseAuditRequestOptions(adherent, colonnes);
        const received = performance.now();
        await precheck(tmp, name, date, catalogue, (headers) => auditContext(db, catalogue, organisationId, own, headers), own);
        const checked = performance.now();
        // The audit, its file and its job together, or nothing.
        const audit = await db
          .transaction()
          .execute(async (trx) => {
            const a = await insertAudit(trx, { id, organisationId, authorUserId: principal.userId, authorTokenId: principal.tokenId, fileName: name, fileSize: size, at: date, ...(own.mapping || own.membership ? { options: JSON.stringify(own) } : {}) });
            await files.saveInput(trx, id, tmp);
            await queue.enqueue(trx, { id, organisationId });
            return a;
          })
          .catch(async (e: unknown) => {
            await files.remove(id).catch(() => undefined);
            throw e;
          });
        queue.kick();
        // Where an upload's time went: received, its header checked, stored with its job (docs/performance.md).
        req.log.info({ audit: id, bytes: size, ms: { receive: Math.round(received - begun), check: Math.round(checked - received), store: Math.round(performance.now() - checked) } }, 'audit reçu');
        return reply.code(202).header('Location', `/api/audits/${id}`).send(audit);
      } catch (e) {
        receiving?.discard();
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
    '/api/audits/:id/samples',
    {
      schema: {
        tags,
        summary: 'Premiers constats de chaque règle d’un audit terminé',
        description: 'Les 200 premiers constats de chaque règle (ordre du fichier) et le nombre des suivants, gardés par l’audit : ce que montre sa page, sans attendre qu’un rapport complet soit fait. 404 pour un audit terminé avant que ces constats soient gardés (lire alors le rapport NDJSON).',
        params: IdParams,
        response: { 200: AuditSamplesResponse, ...errors(401, 403, 404, 409) },
      },
      onRequest: auth.role('read-only'),
    },
    async (req, reply) => {
      const a = await getAudit(db, orgOf(req).organisationId, req.params.id);
      if (!a) throw notFound('Audit');
      if (a.status !== 'done') throw new HttpError('conflict', `L’audit n’est pas terminé : réessayez plus tard.`);
      const data = await files.report(a.id, REPORT_DATA);
      if (!data) throw notFound('Constats gardés de l’audit');
      const { samples, omitted } = parseReportData(Buffer.concat(await data.stream.toArray()).toString('utf8'));
      reply.header('Cache-Control', 'private, no-store');
      return { byRule: Object.fromEntries(samples) as unknown as Record<string, Record<string, unknown>[]>, omitted: Object.fromEntries(omitted) };
    },
  );

  r.get(
    '/api/audits/:id/report.:format',
    {
      schema: {
        tags,
        summary: 'Rapport d’un audit terminé',
        description: 'Formats : json (constats et résumé), ndjson (une ligne par constat, puis le résumé), csv (pour Excel, séparateur « ; »), html (page autonome), pdf. Les rapports sont faits à leur premier téléchargement : la réponse attend qu’il soit fait (quelques secondes, jusqu’à une minute pour le PDF d’un très gros audit), puis il est gardé. Un rapport qui ne peut pas être fait (budget de temps ou de mémoire dépassé) répond 409 avec sa raison.',
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
      const report = await reports.report(a, format);
      if (!report) {
        // A rerun started while the report was made clears the run it was made for: nothing is lost,
        // the report of the new run is to be asked for once it is done.
        const now = await getAudit(db, organisationId, a.id);
        if (now && (now.status !== 'done' || now.finishedAt !== a.finishedAt)) throw new HttpError('conflict', 'L’audit a été relancé pendant que ce rapport était fait : demandez le rapport une fois le nouvel audit terminé.');
        throw new HttpError('gone', 'Le rapport n’est plus disponible sur le serveur : relancez l’audit (POST /api/audits/{id}/rerun).');
      }
      const name = `audit-${a.fileName.replace(/\.[^.]*$/, '')}.${format}`;
      reply.type(CONTENT_TYPES[format]).header('Content-Length', String(report.size));
      reply.header('Content-Disposition', contentDisposition(format === 'html' || format === 'pdf' ? 'inline' : 'attachment', name));
      // The HTML report is self-contained (inline styles and SVG, no script): nothing else may run or load.
      if (format === 'html') reply.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox");
      reply.header('Cache-Control', 'private, no-store');
      return reply.send(report.stream);
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
      if (!(await files.hasInput(a.id))) throw new HttpError('gone', 'Le fichier de cet audit n’est plus sur le serveur : envoyez-le de nouveau (POST /api/audits).');
      // The old reports stop being served now (the audit is queued); the run replaces them. Its
      // attempts are counted anew: a run that failed on its budget fails again, it never loops.
      const queued = await db.transaction().execute(async (trx) => {
        if (!(await requeue(trx, organisationId, a.id))) return false;
        await queue.enqueue(trx, { id: a.id, organisationId });
        return true;
      });
      if (!queued) throw new HttpError('conflict', 'L’audit est déjà en file ou en cours.');
      queue.kick();
      return reply.code(202).send((await getAudit(db, organisationId, a.id))!);
    },
  );

  r.post(
    '/api/audits/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Annuler un audit en file ou en cours',
        description: 'L’audit s’arrête dans la seconde et se termine en échec (« annulé ») ; son fichier reste, pour le relancer (POST /api/audits/{id}/rerun) ou le supprimer.',
        params: IdParams,
        response: { 200: AuditResponse, ...errors(401, 403, 404, 409) },
      },
      onRequest: auth.role('member'),
    },
    async (req) => {
      const { organisationId, principal } = orgOf(req);
      const a = await getAudit(db, organisationId, req.params.id);
      if (!a) throw notFound('Audit');
      const by = principal.tokenId ? 'par un jeton d’API' : 'par un membre de l’organisation';
      if (!(await cancelAudit(db, organisationId, a.id, `Audit annulé ${by} avant sa fin.`))) throw new HttpError('conflict', `L’audit est déjà terminé (${a.status === 'done' ? 'réussi' : 'en échec'}) : rien à annuler.`);
      queue.cancel(a.id);
      return (await getAudit(db, organisationId, a.id))!;
    },
  );

  r.delete(
    '/api/audits/:id',
    {
      schema: { tags, summary: 'Supprimer un audit, son fichier et ses rapports (un audit en cours est d’abord arrêté)', params: IdParams, response: { 204: z.undefined(), ...errors(401, 403, 404) } },
      onRequest: auth.role('member'),
    },
    async (req, reply) => {
      const { organisationId } = orgOf(req);
      const a = await getAudit(db, organisationId, req.params.id);
      if (!a) throw notFound('Audit');
      if (!(await deleteAudit(db, organisationId, a.id))) throw notFound('Audit');
      // Running here: its process is killed now; elsewhere: at that instance's next heartbeat.
      queue.cancel(a.id);
      await files.remove(a.id);
      return reply.code(204).send();
    },
  );
}

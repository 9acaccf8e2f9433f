/**
 * Every error becomes a French JSON answer `{ error, message, issues? }` with a 4xx status when
 * the request is at fault. A 500 is kept for bugs only (and logged); no input should reach it.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { InputError } from '../model/input-error.js';

export type ErrorCode =
  | 'invalid'
  | 'not-found'
  | 'unauthorized'
  | 'forbidden'
  | 'conflict'
  | 'gone'
  | 'too-large'
  | 'unsupported-media-type'
  | 'rate-limited'
  | 'unavailable'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  gone: 410,
  'too-large': 413,
  'unsupported-media-type': 415,
  'rate-limited': 429,
  unavailable: 503,
  internal: 500,
};

export interface Issue {
  path: string;
  message: string;
}

/** An error meant for the client: its message is shown as is. */
export class HttpError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = STATUS[code];
  }
}

export const notFound = (what: string) => new HttpError('not-found', `${what} introuvable.`);

export interface ErrorBody {
  error: ErrorCode;
  message: string;
  issues?: Issue[];
}

const WHERE: Record<string, string> = { body: 'corps', querystring: 'paramètre', params: 'chemin', headers: 'en-tête' };

/** French messages for the errors fastify and its plugins raise on malformed requests. */
const FASTIFY_MESSAGES: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported-media-type', 'Type de contenu non pris en charge : envoyez du JSON (Content-Type: application/json).'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['invalid', 'En-tête Content-Length incohérent avec le corps de la requête.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['invalid', 'Corps JSON vide : envoyez un objet JSON, ou retirez l’en-tête Content-Type.'],
  FST_ERR_CTP_INVALID_JSON_BODY: ['invalid', 'Corps de requête invalide : ce n’est pas du JSON valide.'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['too-large', 'Corps de requête trop volumineux.'],
  FST_ERR_CTP_INVALID_TYPE: ['unsupported-media-type', 'En-tête Content-Type invalide.'],
  FST_ERR_BAD_URL: ['invalid', 'Adresse invalide (encodage incorrect).'],
  FST_ERR_ASYNC_CONSTRAINT: ['invalid', 'Requête invalide.'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: ['unsupported-media-type', 'Envoyez le fichier en multipart/form-data, dans un champ « file ».'],
  FST_REQ_FILE_TOO_LARGE: ['too-large', 'Fichier trop volumineux.'],
  FST_PARTS_LIMIT: ['too-large', 'Trop de parties dans le formulaire envoyé.'],
  FST_FILES_LIMIT: ['invalid', 'Un seul fichier par audit.'],
  FST_FIELDS_LIMIT: ['invalid', 'Trop de champs dans le formulaire envoyé.'],
  FST_PROTO_VIOLATION: ['invalid', 'Nom de champ interdit dans le formulaire.'],
  FST_NO_FORM_DATA: ['invalid', 'Formulaire multipart vide : joignez le fichier dans un champ « file ».'],
  FST_MP_PREMATURE_CLOSE: ['invalid', 'Envoi interrompu avant la fin du formulaire.'],
  FST_INVALID_JSON_FIELD_ERROR: ['invalid', 'Un champ du formulaire annoncé en JSON n’est pas du JSON valide.'],
  FST_ERR_VALIDATION: ['invalid', 'Requête invalide.'],
};

function describeIssue(context: string | undefined | null, instancePath: string, message: string): Issue {
  const path = instancePath.replace(/^\//, '').replace(/\//g, '.');
  return { path: [context, path].filter(Boolean).join('.'), message };
}

export function toErrorBody(err: unknown, request?: FastifyRequest): { status: number; body: ErrorBody; headers?: Record<string, string> } {
  if (err instanceof HttpError) {
    return { status: err.status, body: { error: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) }, ...(err.headers ? { headers: err.headers } : {}) };
  }
  if (err instanceof InputError) {
    const code: ErrorCode = err.kind === 'not-found' ? 'not-found' : 'invalid';
    return { status: STATUS[code], body: { error: code, message: err.message } };
  }
  const e = err as FastifyError & { validationContext?: string; part?: unknown };
  if (hasZodFastifySchemaValidationErrors(e)) {
    const where = WHERE[e.validationContext ?? ''] ?? 'requête';
    const issues = e.validation.map((v) => describeIssue(e.validationContext, v.instancePath, v.message ?? 'valeur invalide'));
    const first = issues[0]!;
    const field = first.path.split('.').slice(1).join('.');
    return {
      status: 400,
      body: { error: 'invalid', message: `Requête invalide (${where}${field ? ` « ${field} »` : ''}) : ${first.message}`, issues },
    };
  }
  if (e && typeof e === 'object' && Array.isArray(e.validation)) {
    const issues = e.validation.map((v) => describeIssue(e.validationContext, v.instancePath ?? '', v.message ?? 'valeur invalide'));
    return { status: 400, body: { error: 'invalid', message: `Requête invalide : ${issues[0]?.message ?? 'valeur invalide'}`, issues } };
  }
  const known = e?.code ? FASTIFY_MESSAGES[e.code] : undefined;
  if (known) return { status: STATUS[known[0]], body: { error: known[0], message: known[1] } };
  const status = typeof e?.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 400 && status < 500) {
    // A client error from fastify or a plugin that has no French message yet.
    request?.log.warn({ code: e.code }, 'erreur client sans message français');
    const code: ErrorCode = status === 404 ? 'not-found' : status === 413 ? 'too-large' : status === 415 ? 'unsupported-media-type' : status === 429 ? 'rate-limited' : 'invalid';
    return { status, body: { error: code, message: 'Requête invalide.' } };
  }
  return { status: 500, body: { error: 'internal', message: 'Erreur interne du serveur. Elle a été enregistrée ; merci de la signaler si elle se reproduit.' } };
}

export function sendError(reply: FastifyReply, err: unknown): FastifyReply {
  const { status, body, headers } = toErrorBody(err, reply.request);
  if (status >= 500) reply.request.log.error({ err }, 'erreur interne');
  if (status >= 500 && process.env.CLASSIF_DEBUG_ERRORS) console.error(err);
  if (headers) reply.headers(headers);
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err, _request, reply) => sendError(reply, err));
}

/**
 * Text with a lone UTF-16 surrogate (`"\ud800"` in JSON) is refused at the edge, once for every
 * route: PostgreSQL stores it as U+FFFD after the answer has echoed the original, so two
 * different matricules could become one; SQLite would keep bytes no UTF-8 reader accepts.
 */
import type { FastifyRequest } from 'fastify';
import { HttpError } from './errors.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Parsed JSON, query or params; never a Buffer or a stream (an upload), whose bytes are not text here. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The path of the first string (value or key) holding a lone surrogate, or null. */
export function findLoneSurrogate(value: unknown, root: string): string | null {
  // Iterative: a body of nested arrays as deep as the body limit allows must not overflow the stack.
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (LONE_SURROGATE.test(v)) return path;
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push([item, `${path}.${i}`]));
    } else if (isPlainObject(v)) {
      for (const [k, item] of Object.entries(v)) {
        if (LONE_SURROGATE.test(k)) return path;
        stack.push([item, `${path}.${k}`]);
      }
    }
  }
  return null;
}

const WHERE = { body: 'corps', query: 'paramètre', params: 'chemin' } as const;

/** preValidation hook: before any schema or handler sees the request. */
export async function refuseLoneSurrogates(request: FastifyRequest): Promise<void> {
  for (const part of ['params', 'query', 'body'] as const) {
    const path = findLoneSurrogate(request[part], part);
    if (path === null) continue;
    const where = path === part ? WHERE[part] : `${WHERE[part]} « ${path.slice(part.length + 1).slice(0, 100)} »`;
    const message = `Texte mal formé (${where}) : il contient un caractère UTF-16 isolé (demi-paire de substitution), qui ne correspond à aucun caractère. Corrigez l’encodage du texte envoyé.`;
    throw new HttpError('invalid', message, [{ path, message: 'Caractère UTF-16 isolé (demi-paire de substitution).' }]);
  }
}

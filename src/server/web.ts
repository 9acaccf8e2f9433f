/**
 * The web UI: the built files of `web/dist` when present (hashed assets cached for a year,
 * index.html never), with the SPA fallback — a browser navigation to any non-API address gets
 * index.html. Without a built UI, `/` answers a short French page pointing to the API docs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError, HttpError } from './errors.js';

const HOME = `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>classif</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}code{background:#f2f2f2;padding:0 .2em}</style></head>
<body>
<h1>classif</h1>
<p>Classer un emploi dans la grille de sa convention collective, avec le texte qui justifie chaque réponse.</p>
<p>L’interface web n’est pas construite sur ce serveur. L’API est disponible :</p>
<ul>
<li><a href="/api/docs">documentation de l’API</a> (<a href="/api/openapi.json">OpenAPI</a>)</li>
<li><a href="/api/conventions">conventions prises en charge</a></li>
<li><a href="/health">état du service</a></li>
</ul>
</body>
</html>
`;

function wantsHtml(request: FastifyRequest): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && !request.url.startsWith('/api/') && String(request.headers.accept ?? '').includes('text/html');
}

export async function webRoutes(app: FastifyInstance, webDir: string | undefined): Promise<{ ui: boolean }> {
  const index = webDir === undefined ? undefined : join(webDir, 'index.html');
  const ui = index !== undefined && existsSync(index);
  if (webDir !== undefined && index !== undefined && ui) {
    const indexHtml = readFileSync(index);
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: '/',
      wildcard: true,
      index: false,
      serveDotFiles: false,
      setHeaders(res, path) {
        res.header('Cache-Control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    const sendIndex = (reply: FastifyReply) => reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(indexHtml);
    app.get('/', { schema: { hide: true } }, (_req, reply) => sendIndex(reply));
    app.setNotFoundHandler((request, reply) => {
      if (wantsHtml(request)) return sendIndex(reply);
      return sendError(reply, new HttpError('not-found', `Adresse inconnue : ${request.method} ${request.url.split('?')[0]!.slice(0, 200)}`));
    });
  } else {
    app.get('/', { schema: { hide: true } }, (_req, reply) => reply.type('text/html; charset=utf-8').send(HOME));
    app.setNotFoundHandler((request, reply) => sendError(reply, new HttpError('not-found', `Adresse inconnue : ${request.method} ${request.url.split('?')[0]!.slice(0, 200)}`)));
  }
  return { ui };
}

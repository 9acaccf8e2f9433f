/**
 * The HTTP server of classif: the public API on the conventions (the same answers as the CLI,
 * from the same core), and, with an account, an organisation's employees, decisions and audits.
 * `buildApp` returns a ready fastify instance; tests call `app.inject()` on it, `main.ts` listens.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Catalogue } from '../grids/convention.js';
import { ping, type Store } from '../store/db.js';
import { DatabaseFiles, DiskFiles } from './audit-files.js';
import { OnDemandReports } from './report-on-demand.js';
import { LocalQueue, type AuditQueue } from './audit-queue.js';
import { PgQueue } from './audit-queue-pg.js';
import { AuditRunner, type RunnerOptions } from './audit-runner.js';
import { authHooks, checkOrigin, DEFAULT_PASSWORD_PARAMS, type PasswordParams } from './auth.js';
import { installErrorHandlers } from './errors.js';
import { accountRoutes, DEFAULT_RATE_LIMITS, type RateLimits } from './routes/account.js';
import { auditColumnRoutes } from './routes/audit-columns.js';
import { wageScaleRoutes } from './routes/wage-scales.js';
import { auditRoutes } from './routes/audits.js';
import { invitationRoutes } from './routes/invitations.js';
import { organisationRoutes } from './routes/organisation.js';
import { publicRoutes } from './routes/public.js';
import { recordRoutes } from './routes/records.js';
import { webRoutes } from './web.js';
import { refuseLoneSurrogates } from './well-formed.js';

export interface AppOptions {
  store: Store;
  catalogue: Catalogue;
  /**
   * SQLite: uploads and reports live here. PostgreSQL: they live in the database, and this is the
   * instance's own scratch folder (running audits' copies), never shared.
   */
  dataDir: string;
  /** Built web UI (index.html and assets); absent: a short home page. */
  webDir?: string;
  logger?: FastifyServerOptions['logger'];
  /** Log every request (fastify's access log); errors are logged either way. */
  logRequests?: boolean;
  /** As fastify takes it: honour X-Forwarded-* from these proxies (true, hop count, addresses). */
  trustProxy?: boolean | string | number;
  maxUploadBytes?: number;
  /** Origins besides the server's own allowed to send unsafe requests (a UI dev server). */
  allowedOrigins?: string[];
  passwordParams?: PasswordParams;
  rateLimits?: Partial<RateLimits>;
  /** Entries of each public answer cache (default 5000; 0 disables). */
  cacheSize?: number;
  runner?: Partial<Pick<RunnerOptions, 'pollMs' | 'staleMs' | 'maxAttempts' | 'batchDelayMs' | 'concurrency' | 'budgets'>>;
  /** Start the audit queue (default true). */
  startRunner?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    auditQueue: AuditQueue;
    auditReports: OnDemandReports;
  }
}

const VERSION = '0.1.0';

/** TRUST_PROXY=<n>: trust the n closest proxies (fastify's types take a function for that). */
function trustHops(n: number) {
  return (_address: string, hop: number) => hop < n;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { store, catalogue, dataDir } = options;
  mkdirSync(dataDir, { recursive: true });
  const maxUploadBytes = options.maxUploadBytes ?? 200 * 1024 * 1024;
  const app = Fastify({
    logger: options.logger ?? false,
    logController: new LogController({ disableRequestLogging: !options.logRequests }),
    trustProxy: typeof options.trustProxy === 'number' ? trustHops(options.trustProxy) : (options.trustProxy ?? false),
    bodyLimit: 1024 * 1024,
    // Request ids from the client are not trusted; responses carry ours.
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  app.setValidatorCompiler(validatorCompiler);
  // Answers are written as the core makes them (the CLI prints the same JSON): response schemas document them.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  installErrorHandlers(app);
  app.decorateRequest('principal', null);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: maxUploadBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6 } });

  const allowedOrigins = options.allowedOrigins ?? [];
  app.addHook('onRequest', async (request) => checkOrigin(request, allowedOrigins));
  app.addHook('preValidation', refuseLoneSurrogates);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'classif — API',
        version: VERSION,
        description:
          `Classification des emplois selon les conventions collectives du catalogue (${catalogue.conventions.map((c) => `IDCC ${c.idcc} : ${c.shortTitle}`).join(' ; ')}). Les routes « Conventions » sont publiques ; les autres demandent une session (cookie, avec l’en-tête X-CSRF-Token pour POST, PATCH et DELETE) ou un jeton d’API (Authorization: Bearer). Les erreurs sont en français : \`{ "error", "message", "issues"? }\`.`,
      },
      tags: [
        { name: 'Conventions (public)', description: 'Le droit est public : sans compte.' },
        { name: 'Compte' },
        { name: 'Organisation' },
        { name: 'Jetons d’API' },
        { name: 'Salariés' },
        { name: 'Décisions' },
        { name: 'Audits' },
        { name: 'Service' },
      ],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Jeton d’API « clf_… » (POST /api/tokens)' },
          session: { type: 'apiKey', in: 'cookie', name: 'classif_session', description: 'Session du navigateur ; POST, PATCH, DELETE demandent aussi l’en-tête X-CSRF-Token' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: false, uiConfig: { url: '/api/openapi.json', deepLinking: true } });

  const auth = authHooks(store.db);
  const files = store.engine === 'postgres' ? new DatabaseFiles(store.db, dataDir) : new DiskFiles(store.db, dataDir);
  const runner = new AuditRunner({ db: store.db, files, dataDir, log: app.log, ...options.runner });
  const queue: AuditQueue = store.engine === 'postgres' && store.pool ? new PgQueue(runner, store.pool) : new LocalQueue(runner);
  const reports = new OnDemandReports({ files, scratch: join(dataDir, 'work'), budgets: runner.budgets, log: app.log });
  await queue.prepare();
  app.decorate('auditQueue', queue);
  app.decorate('auditReports', reports);

  app.get(
    '/health',
    { schema: { tags: ['Service'], summary: 'Le service répond', security: [], response: { 200: z.object({ status: z.literal('ok') }) } } },
    (_req, reply) => reply.type('application/json; charset=utf-8').send('{"status":"ok"}'),
  );
  app.get(
    '/health/ready',
    { schema: { tags: ['Service'], summary: 'Le service et sa base de données répondent', security: [], response: { 200: z.object({ status: z.literal('ok'), database: z.string() }), 503: z.object({ status: z.literal('unavailable'), database: z.string() }) } } },
    async (_req, reply) => {
      const ok = await ping(store.db);
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', database: store.engine });
    },
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  await app.register(publicRoutes, { catalogue, cacheSize: options.cacheSize ?? 5000 });
  const accounts = { db: store.db, auth, passwordParams: options.passwordParams ?? DEFAULT_PASSWORD_PARAMS, rateLimits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits } };
  await app.register(accountRoutes, accounts);
  await app.register(invitationRoutes, accounts);
  await app.register(organisationRoutes, { db: store.db, auth });
  await app.register(recordRoutes, { db: store.db, auth, catalogue });
  await app.register(auditRoutes, { db: store.db, auth, catalogue, dataDir, queue, files, reports, maxUploadBytes });
  await app.register(wageScaleRoutes, { db: store.db, auth, catalogue });
  await app.register(auditColumnRoutes, { db: store.db, auth, dataDir, maxUploadBytes });
  await webRoutes(app, options.webDir);

  app.addHook('onReady', async () => {
    if (options.startRunner !== false) await queue.start();
  });
  app.addHook('onClose', async () => {
    reports.stop();
    await queue.stop();
  });
  await app.ready();
  return app;
}

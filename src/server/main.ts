#!/usr/bin/env node
/**
 * `npm start`: the whole product on http://localhost:3000 (PORT, HOST), with an embedded SQLite
 * database under ./data (DATA_DIR), or PostgreSQL with DATABASE_URL=postgres://…
 * See src/server/config.ts for every setting.
 */
import { existsSync } from 'node:fs';
import { GridFileError } from '../grids/errors.js';
import { openCatalogue } from '../grids/open.js';
import { openStore } from '../store/db.js';
import { buildApp } from './app.js';
import { ConfigError, configFromEnv, defaultSqliteFile } from './config.js';
import { warmPasswordEstimator } from './password-strength.js';

async function main(): Promise<void> {
  const config = configFromEnv();
  const catalogue = await openCatalogue();
  const store = await openStore(config.databaseUrl, defaultSqliteFile(config.dataDir));
  const app = await buildApp({
    store,
    catalogue,
    dataDir: config.dataDir,
    webDir: config.webDir,
    trustProxy: config.trustProxy,
    maxUploadBytes: config.maxUploadBytes,
    allowedOrigins: config.allowedOrigins,
    logger: { level: config.logLevel },
    logRequests: config.logRequests,
    runner: {
      concurrency: config.audits.concurrency,
      maxAttempts: config.audits.maxAttempts,
      budgets: { timeMs: config.audits.timeMs, memoryMb: config.audits.memoryMb },
      // Interruption tests only: slows audits down so that a run can be killed halfway.
      ...(process.env.CLASSIF_TEST_AUDIT_DELAY_MS ? { batchDelayMs: Number(process.env.CLASSIF_TEST_AUDIT_DELAY_MS) } : {}),
    },
  });
  let closing = false;
  const close = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal} : arrêt en cours`);
    // Stops listening, lets requests finish, puts running audits back in the queue.
    app
      .close()
      .then(() => store.close())
      .then(
        () => process.exit(0),
        (e: unknown) => {
          app.log.error({ err: e }, 'arrêt');
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', () => close('SIGINT'));
  process.once('SIGTERM', () => close('SIGTERM'));
  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info(
    `classif écoute sur ${address.replace('127.0.0.1', 'localhost').replace('[::1]', 'localhost')} — base : ${store.describe} ; données : ${config.dataDir} ; interface : ${existsSync(config.webDir) ? config.webDir : 'non construite (page d’accueil minimale)'}`,
  );
  // The password estimator's dictionaries (about a second): loaded now, not during the first sign-up.
  warmPasswordEstimator().catch((e: unknown) => app.log.error({ err: e }, 'estimation des mots de passe'));
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof GridFileError) console.error(`classif : ${(e as Error).message}`);
  else if ((e as { code?: string }).code === 'EADDRINUSE') console.error(`classif : le port est déjà utilisé (${(e as Error).message}). Choisissez-en un autre avec PORT=…`);
  else console.error(`classif : démarrage impossible : ${(e as Error).message ?? String(e)}`);
  process.exit(1);
});

/**
 * Server settings from the environment, with defaults that need nothing set up:
 *   PORT (3000), HOST (localhost), DATA_DIR (./data), DATABASE_URL (sqlite:<DATA_DIR>/classif.db),
 *   TRUST_PROXY (off), MAX_UPLOAD_MB (200), ALLOWED_ORIGINS (none besides the server's own),
 *   WEB_DIR (web/dist of the package), LOG_LEVEL (info), LOG_REQUESTS (off: one log line per request),
 *   AUDIT_CONCURRENCY (2 audits at once per instance, one per organisation), AUDIT_TIME_LIMIT_S (600),
 *   AUDIT_MEMORY_MB (512, each audit's process), AUDIT_MAX_ATTEMPTS (2 runs cut by an instance's death).
 */
import { join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../grids/folders.js';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  trustProxy: boolean | string | number;
  maxUploadBytes: number;
  allowedOrigins: string[];
  webDir: string;
  logLevel: string;
  logRequests: boolean;
  audits: { concurrency: number; timeMs: number; memoryMb: number; maxAttempts: number };
}

export class ConfigError extends Error {}

function int(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} invalide : « ${value} » (entier entre ${min} et ${max} attendu).`);
  return n;
}

/** TRUST_PROXY: true/false, a hop count, or addresses/subnets (comma-separated), as fastify takes them. */
export function parseTrustProxy(value: string | undefined): boolean | string | number {
  const v = (value ?? '').trim();
  if (v === '' || v === 'false' || v === '0') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const dataDir = resolve(env.DATA_DIR?.trim() || 'data');
  return {
    port: int('PORT', env.PORT, 3000, 0, 65535),
    host: env.HOST?.trim() || 'localhost',
    dataDir,
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    maxUploadBytes: int('MAX_UPLOAD_MB', env.MAX_UPLOAD_MB, 200, 1, 2000) * 1024 * 1024,
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim().replace(/\/$/, ''))
      .filter(Boolean),
    webDir: resolve(env.WEB_DIR?.trim() || join(PACKAGE_ROOT, 'web', 'dist')),
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    logRequests: ['1', 'true'].includes(env.LOG_REQUESTS?.trim() ?? ''),
    audits: {
      concurrency: int('AUDIT_CONCURRENCY', env.AUDIT_CONCURRENCY, 2, 1, 64),
      timeMs: int('AUDIT_TIME_LIMIT_S', env.AUDIT_TIME_LIMIT_S, 600, 1, 86_400) * 1000,
      memoryMb: int('AUDIT_MEMORY_MB', env.AUDIT_MEMORY_MB, 512, 64, 65_536),
      maxAttempts: int('AUDIT_MAX_ATTEMPTS', env.AUDIT_MAX_ATTEMPTS, 2, 1, 10),
    },
  };
}

export function defaultSqliteFile(dataDir: string): string {
  return join(dataDir, 'classif.db');
}

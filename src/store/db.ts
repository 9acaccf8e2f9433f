/**
 * The database, chosen by URL: `sqlite:<path>` (embedded, the default: `<dataDir>/classif.db`)
 * or `postgres://…` (several app instances on one database). Both run the same migrations and
 * the same queries (kysely); every value is a bound parameter.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { Pool } from 'pg';
import { migrate } from './migrations.js';
import type { Database } from './schema.js';

export type Engine = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  engine: Engine;
  /** Where the data lives, without credentials (for logs). */
  describe: string;
  /** PostgreSQL: the connection pool (the audit queue shares it). */
  pool?: Pool;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Run the migrations (default true). */
  migrate?: boolean;
  /** PostgreSQL: the schema to work in (tests use one per file); created when missing. */
  pgSchema?: string;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
}

export class DatabaseUrlError extends Error {}

/** Parses DATABASE_URL; `fallbackSqlite` is the file used when the URL is empty. */
export function parseDatabaseUrl(url: string | undefined, fallbackSqlite: string): { engine: Engine; target: string } {
  const u = (url ?? '').trim();
  if (u === '') return { engine: 'sqlite', target: fallbackSqlite };
  if (/^postgres(ql)?:\/\//i.test(u)) return { engine: 'postgres', target: u };
  if (/^sqlite:/i.test(u)) {
    let path = u.slice('sqlite:'.length);
    if (path.startsWith('//')) path = path.slice(2);
    if (path === '') throw new DatabaseUrlError('DATABASE_URL « sqlite: » sans chemin de fichier (exemple : sqlite:./data/classif.db).');
    return { engine: 'sqlite', target: path };
  }
  throw new DatabaseUrlError(`DATABASE_URL non reconnu : « ${u.replace(/\/\/[^@/]*@/, '//…@')} ». Formes acceptées : sqlite:<chemin> ou postgres://utilisateur:motdepasse@hôte:port/base.`);
}

export async function openStore(url: string | undefined, fallbackSqlite: string, options: OpenOptions = {}): Promise<Store> {
  const { engine, target } = parseDatabaseUrl(url, fallbackSqlite);
  let store: Store;
  if (engine === 'sqlite') {
    const { default: SqliteDatabase } = await import('better-sqlite3');
    const file = target === ':memory:' ? target : resolve(target);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const database = new SqliteDatabase(file);
    database.pragma('journal_mode = WAL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    database.pragma('synchronous = NORMAL');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
    store = { db, engine, describe: `SQLite ${file}`, close: () => db.destroy() };
  } else {
    const { default: pg } = await import('pg');
    if (options.pgSchema) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(options.pgSchema)) throw new Error(`schéma PostgreSQL invalide : ${options.pgSchema}`);
      const admin = new pg.Client({ connectionString: target });
      await admin.connect();
      try {
        await admin.query(`create schema if not exists ${options.pgSchema}`);
      } finally {
        await admin.end();
      }
    }
    const pool = new pg.Pool({
      connectionString: target,
      max: options.poolSize ?? 10,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    // An idle client that loses its connection must not bring the process down.
    pool.on('error', (e) => console.error(`PostgreSQL : connexion perdue (${e.message})`));
    // Nor a client in use (the audit queue holds one to LISTEN).
    pool.on('connect', (client) => client.on('error', (e) => console.error(`PostgreSQL : connexion perdue (${e.message})`)));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const where = new URL(target);
    store = { db, engine, describe: `PostgreSQL ${where.hostname}:${where.port || 5432}${where.pathname}`, pool, close: () => db.destroy() };
  }
  if (options.migrate !== false) {
    try {
      await migrate(store.db, engine);
    } catch (e) {
      await store.close();
      throw e;
    }
  }
  return store;
}

/** True when the database answers. */
export async function ping(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/** A unique constraint refused the row (both engines). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string };
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || err?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** count(*) is a string on PostgreSQL, a number on SQLite. */
export function toCount(value: unknown): number {
  return Number(value ?? 0);
}

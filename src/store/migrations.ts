/**
 * The migrations, in code, for both engines: kysely's schema builder writes the DDL of each
 * dialect from one definition. Add a migration at the end; never edit one that has shipped.
 */
import { Migrator, PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the schema as it was, not as it is */
type AnyDb = Kysely<any>;

const initial: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('organisations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('memberships')
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull().check(sqlIn('role', ['admin', 'member', 'read-only'])))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('memberships_pk', ['organisation_id', 'user_id'])
      .execute();
    await db.schema.createIndex('memberships_user').on('memberships').column('user_id').execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('organisation_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
    await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();

    await db.schema
      .createTable('api_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('prefix', 'text', (c) => c.notNull().unique())
      .addColumn('token_hash', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull().check(sqlIn('role', ['admin', 'member', 'read-only'])))
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text')
      .addColumn('last_used_at', 'text')
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('api_tokens_org').on('api_tokens').columns(['organisation_id', 'created_at']).execute();

    await db.schema
      .createTable('employees')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('matricule', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('idcc', 'text')
      .addColumn('position', 'text')
      .addColumn('note', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('employees_matricule', ['organisation_id', 'matricule'])
      .execute();

    await db.schema
      .createTable('decisions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('root_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('previous_id', 'text', (c) => c.unique().references('decisions.id'))
      .addColumn('employee_id', 'text', (c) => c.references('employees.id'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['classify', 'transpose'])))
      .addColumn('idcc', 'text', (c) => c.notNull())
      .addColumn('grid_id', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('facts', 'text', (c) => c.notNull())
      .addColumn('input', 'text', (c) => c.notNull())
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('explanation', 'text', (c) => c.notNull())
      .addColumn('position', 'text')
      .addColumn('comment', 'text')
      .addColumn('author_user_id', 'text', (c) => c.references('users.id'))
      .addColumn('author_token_id', 'text', (c) => c.references('api_tokens.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('decisions_org_created').on('decisions').columns(['organisation_id', 'created_at']).execute();
    await db.schema.createIndex('decisions_org_employee').on('decisions').columns(['organisation_id', 'employee_id']).execute();
    await db.schema.createIndex('decisions_root').on('decisions').column('root_id').execute();

    await db.schema
      .createTable('audits')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('author_user_id', 'text', (c) => c.references('users.id'))
      .addColumn('author_token_id', 'text', (c) => c.references('api_tokens.id'))
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('file_size', 'integer', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sqlIn('status', ['queued', 'running', 'done', 'failed'])))
      .addColumn('rows_read', 'integer', (c) => c.notNull())
      .addColumn('bytes_done', 'integer', (c) => c.notNull())
      .addColumn('bytes_total', 'integer', (c) => c.notNull())
      .addColumn('summary', 'text')
      .addColumn('error', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('worker', 'text')
      .addColumn('heartbeat_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text')
      .addColumn('finished_at', 'text')
      .execute();
    await db.schema.createIndex('audits_org_created').on('audits').columns(['organisation_id', 'created_at']).execute();
    await db.schema.createIndex('audits_status').on('audits').columns(['status', 'created_at']).execute();

    await db.schema
      .createTable('rate_limits')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('window_start', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .execute();
  },
};

/** Invitations to join an organisation and password resets: single-use tokens, stored hashed. */
const invitations: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('invitations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull().check(sqlIn('role', ['admin', 'member', 'read-only'])))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('accepted_at', 'text')
      .addColumn('accepted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('invitations_org').on('invitations').columns(['organisation_id', 'created_at']).execute();

    await db.schema
      .createTable('password_resets')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();
    await db.schema.createIndex('password_resets_user').on('password_resets').column('user_id').execute();
  },
};

/** `column IN ('a', 'b')` for a CHECK constraint (constants of the code, not user input). */
function sqlIn(column: string, values: readonly string[]) {
  // CHECK constraints cannot take bound parameters: the values are literals of this file.
  for (const v of values) if (!/^[a-z-]+$/.test(v)) throw new Error(`valeur de contrainte invalide : ${v}`);
  return sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);
}

/**
 * Uploads and reports in the database, in chunks of at most 1 MiB (see src/server/audit-files.ts):
 * with PostgreSQL, instances share no disk. Rows go with their audit.
 */
const auditFiles: Migration = {
  async up(db: AnyDb) {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    await db.schema
      .createTable('audit_files')
      .addColumn('audit_id', 'text', (c) => c.notNull().references('audits.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('data', postgres ? 'bytea' : 'blob', (c) => c.notNull())
      .addPrimaryKeyConstraint('audit_files_pk', ['audit_id', 'name', 'seq'])
      .execute();
  },
};

/**
 * Chunks of uploads and reports deflated (zlib level 1) by the server before they are stored: on
 * PostgreSQL, pglz compressing 1 MiB values cost more than the audit's own writing (see
 * docs/performance.md). Chunks stored before stay as they are (`inflated_size` null).
 */
const deflatedAuditFiles: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('audit_files').addColumn('inflated_size', 'integer').execute();
    // Deflated chunks do not compress again: PostgreSQL need not try (pglz).
    if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`alter table audit_files alter column data set storage external`.execute(db);
  },
};

/**
 * Chunks compressed by brotli at quality 0 (`codec` 'br'): twice as fast as zlib level 1 for a
 * staff list, so that compressing an upload no longer holds it back (docs/performance.md).
 * Chunks stored before keep a null codec: deflated (zlib) when `inflated_size` is set, else raw.
 */
const brotliAuditFiles: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('audit_files').addColumn('codec', 'text').execute();
  },
};

/** Wage scales and column choices kept per organisation; an audit's own options. */
const exportScalesAndMappings: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('wage_scales')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('csv', 'text', (c) => c.notNull())
      .addColumn('idccs', 'text', (c) => c.notNull())
      .addColumn('rows', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('wage_scales_org').on('wage_scales').column('organisation_id').execute();
    await db.schema
      .createTable('column_mappings')
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('signature', 'text', (c) => c.notNull())
      .addColumn('mapping', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('column_mappings_pk', ['organisation_id', 'signature'])
      .execute();
    await db.schema.alterTable('audits').addColumn('options', 'text').execute();
  },
};

/**
 * A short reference a person can read out and file a decision under: the year of its first
 * version and its rank among the organisation's decisions of that year (« 2026-0007 »), shared
 * by all its versions. Existing decisions are numbered in the order they were made.
 */
const decisionReference: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('decisions').addColumn('reference', 'text').execute();
    const roots = await db.selectFrom('decisions').select(['id', 'organisation_id', 'created_at']).where('version', '=', 1).orderBy('created_at').orderBy('id').execute();
    const counters = new Map<string, number>();
    for (const r of roots as { id: string; organisation_id: string; created_at: string }[]) {
      const year = r.created_at.slice(0, 4);
      const key = `${r.organisation_id}:${year}`;
      const n = (counters.get(key) ?? 0) + 1;
      counters.set(key, n);
      await db.updateTable('decisions').set({ reference: decisionNumber(year, n) }).where('root_id', '=', r.id).execute();
    }
    await db.schema.createIndex('decisions_org_reference').unique().on('decisions').columns(['organisation_id', 'reference', 'version']).execute();
  },
};

/** « 2026-0007 »: the year and the rank, four digits at least. */
export function decisionNumber(year: string, n: number): string {
  return `${year}-${String(n).padStart(4, '0')}`;
}

export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '2026_12_07_accounts_invitations': invitations,
  '2026_12_07_export_wage_scales_mappings': exportScalesAndMappings,
  '2026_12_07_queue_audit_files': auditFiles,
  '2026_12_07_web_decision_reference': decisionReference,
  // Named after the others: kysely runs migrations in the order of their names.
  '2026_12_08_audit_files_deflated': deflatedAuditFiles,
  '2026_12_09_audit_files_brotli': brotliAuditFiles,
};

/** Brings the database to the latest schema; safe to run from several instances at once. */
export async function migrate(db: AnyDb, engine: 'sqlite' | 'postgres'): Promise<void> {
  // On PostgreSQL the migration tables live in the schema being migrated, named explicitly:
  // kysely would otherwise find another schema's tables of the same name and skip creating its own.
  const schema = engine === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s : undefined;
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(MIGRATIONS) }, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`Migration de la base impossible${failed ? ` (${failed.migrationName})` : ''} : ${(error as Error).message ?? String(error)}`, { cause: error });
}

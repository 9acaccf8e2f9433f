/**
 * Test support for the server: an app on a fresh database — SQLite by default, PostgreSQL when
 * TEST_DATABASE_URL=postgres://… (one schema per app, dropped afterwards) — and a small client
 * that keeps cookies and sends the CSRF header like the web UI does.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { openCatalogue } from '../../src/grids/open.js';
import type { Catalogue } from '../../src/grids/convention.js';
import { buildApp, type AppOptions } from '../../src/server/app.js';
import { openStore, type Store } from '../../src/store/db.js';

let catalogue: Promise<Catalogue> | undefined;
export const getCatalogue = () => (catalogue ??= openCatalogue());

export const PG_URL = process.env.TEST_DATABASE_URL?.startsWith('postgres') ? process.env.TEST_DATABASE_URL : undefined;
export const ENGINE = PG_URL ? 'postgres' : 'sqlite';

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  dataDir: string;
  close(): Promise<void>;
}

/** Opens a fresh database (a new SQLite file, or a new PostgreSQL schema). */
export async function openTestStore(dataDir: string): Promise<{ store: Store; drop: () => Promise<void> }> {
  if (PG_URL) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const store = await openStore(PG_URL, '', { pgSchema: schema, poolSize: 4 });
    return {
      store,
      drop: async () => {
        const { default: pg } = await import('pg');
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await dropSchemas(c, schema);
        await c.end();
      },
    };
  }
  const store = await openStore(`sqlite:${join(dataDir, 'test.db')}`, '');
  return { store, drop: () => Promise.resolve() };
}

/**
 * Drops a test schema, and its jobs and task in the database's audit queue (one schema for the
 * whole database, shared by the tests: see src/server/audit-queue-pg.ts).
 */
export async function dropSchemas(c: { query: (q: string, values?: unknown[]) => Promise<unknown> }, schema: string): Promise<void> {
  await c.query(`drop schema if exists ${schema} cascade`);
  const task = `classif_audit:${schema}`;
  const queue = (await c.query(`select 1 from pg_namespace where nspname = 'classif_queue'`)) as { rowCount: number };
  if (queue.rowCount === 0) return;
  await c.query('delete from classif_queue._private_jobs where task_id in (select id from classif_queue._private_tasks where identifier = $1)', [task]);
  await c.query('delete from classif_queue._private_tasks where identifier = $1', [task]);
}

/** How many stored pieces an audit's upload and reports have: files on disk, or chunks in PostgreSQL. */
export async function storedFiles(t: TestApp, id: string): Promise<number> {
  if (t.store.engine === 'postgres') {
    const r = await t.store.db.selectFrom('audit_files').select((eb) => eb.fn.countAll().as('n')).where('audit_id', '=', id).executeTakeFirst();
    return Number(r?.n ?? 0);
  }
  const dir = join(t.dataDir, 'audits', id);
  return existsSync(dir) ? readdirSync(dir, { recursive: true }).length : 0;
}

export async function makeApp(options: Partial<AppOptions> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'classif-server-'));
  const { store, drop } = await openTestStore(dataDir);
  const app = await buildApp({
    store,
    catalogue: await getCatalogue(),
    dataDir,
    // Cheaper scrypt for speed; the default cost is tested in auth.test.ts.
    passwordParams: { logN: 10, r: 8, p: 1 },
    rateLimits: { loginPerIp: 10_000, loginPerAccountIp: 10_000, loginSlowAfter: 10_000, registerPerIp: 10_000 },
    runner: { pollMs: 50 },
    ...options,
  });
  return {
    app,
    store,
    dataDir,
    async close() {
      await app.close();
      await store.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Res<T = unknown> {
  status: number;
  json: T;
  body: string;
  headers: LightMyRequestResponse['headers'];
  cookies: LightMyRequestResponse['cookies'];
}

function wrap<T>(r: LightMyRequestResponse): Res<T> {
  let json: unknown;
  try {
    json = r.body ? JSON.parse(r.body) : undefined;
  } catch {
    json = undefined;
  }
  return { status: r.statusCode, json: json as T, body: r.body, headers: r.headers, cookies: r.cookies };
}

/** A browser (cookies, CSRF header) or a program (bearer token). */
export class Client {
  readonly jar = new Map<string, string>();
  constructor(
    readonly app: FastifyInstance,
    readonly bearer?: string,
  ) {}

  async request<T = unknown>(method: InjectOptions['method'], url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<Res<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    if (this.jar.size) h.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = this.jar.get('classif_csrf');
    if (csrf && !('x-csrf-token' in h)) h['x-csrf-token'] = csrf;
    const r = await this.app.inject({ method, url, headers: h, ...(payload !== undefined ? { payload: payload as InjectOptions['payload'] } : {}) });
    for (const c of r.cookies) {
      if (c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0) || (c.expires && c.expires.getTime() < Date.now())) this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    return wrap<T>(r);
  }

  get<T = unknown>(url: string, headers?: Record<string, string>) {
    return this.request<T>('GET', url, undefined, headers);
  }
  post<T = unknown>(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', url, body, headers);
  }
  patch<T = unknown>(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PATCH', url, body, headers);
  }
  delete<T = unknown>(url: string, headers?: Record<string, string>) {
    return this.request<T>('DELETE', url, undefined, headers);
  }
}

let counter = 0;
export const uniqueEmail = (prefix = 'user') => `${prefix}-${process.pid}-${Date.now()}-${++counter}@example.fr`;
export const PASSWORD = 'correct horse battery';

export interface Account {
  client: Client;
  email: string;
  userId: string;
  organisationId: string;
}

/** Registers a user with their own organisation; the client holds the session. */
export async function register(app: FastifyInstance, org = 'Cabinet Paie'): Promise<Account> {
  const client = new Client(app);
  const email = uniqueEmail();
  const r = await client.post<{ user: { id: string }; organisation: { id: string } }>('/api/auth/register', { email, password: PASSWORD, name: 'Camille Martin', organisationName: org });
  if (r.status !== 201) throw new Error(`register: ${r.status} ${r.body}`);
  return { client, email, userId: r.json.user.id, organisationId: r.json.organisation.id };
}

/** A member of `admin`'s organisation with the given role, signed in: invited, then accepting with a password of their own. */
export async function addMember(app: FastifyInstance, admin: Account, role: 'admin' | 'member' | 'read-only'): Promise<Account> {
  const email = uniqueEmail(role);
  const r = await admin.client.post<{ token: string }>('/api/members', { email, role });
  if (r.status !== 201) throw new Error(`addMember: ${r.status} ${r.body}`);
  const client = new Client(app);
  const accepted = await client.post<{ user: { id: string } }>('/api/invitations/register', { token: r.json.token, name: `Membre ${role}`, password: PASSWORD });
  if (accepted.status !== 201) throw new Error(`accept: ${accepted.status} ${accepted.body}`);
  return { client, email, userId: accepted.json.user.id, organisationId: admin.organisationId };
}

/** An API token of the admin's organisation. */
export async function token(app: FastifyInstance, admin: Account, role: 'member' | 'read-only' = 'member'): Promise<Client> {
  const r = await admin.client.post<{ token: string }>('/api/tokens', { name: `paie ${role}`, role });
  if (r.status !== 201) throw new Error(`token: ${r.status} ${r.body}`);
  return new Client(app, r.json.token);
}

/** A multipart body with one file (and optional fields), as a browser form or curl -F sends it. */
export function multipart(files: { field?: string; name: string; content: Buffer | string; type?: string }[], fields: Record<string, string> = {}): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----classif${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'text/csv'}\r\n\r\n`));
    chunks.push(Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const STAFF_CSV = [
  'matricule;idcc;emploi;position;niveau;statut;date_entree;date_position;diplome;annees_exercice;encadrement;salaire_mensuel_brut;temps_travail;sexe',
  'A001;3168;Retoucheuse;195;;employé;01/09/2020;01/09/2022;;;0;1 900,00;1;F',
  'A002;1431;Opticienne;B;;agent de maîtrise;15/03/2019;10/06/2024;BTS OL;5;0;2 150,00;100 %;F',
  'A003;2198;Conseiller relation client;C;maîtrisant;employé;02/01/2023;02/01/2023;;;0;1 950,00;0,8;H',
  'A004;3168;Photographe;999;;employé;01/09/2020;01/09/2022;;;0;900,00;1;H',
].join('\r\n');

export async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000, stepMs = 50): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`waitFor: délai dépassé (${JSON.stringify(v).slice(0, 300)})`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

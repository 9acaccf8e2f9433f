/**
 * Interrupted audits and uploads. A process killed halfway leaves no half-written result that
 * could be served, its audit runs again on the next start (or on another instance), at most
 * `maxAttempts` times — first simulated (the state a killed process leaves), then for real:
 * `kill -9` of a server in the middle of an audit and of an upload, and a restart; on PostgreSQL,
 * two servers on one database, sharing no disk.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseFiles, DiskFiles } from '../../src/server/audit-files.js';
import { openStore } from '../../src/store/db.js';
import { newId, nowIso } from '../../src/store/util.js';
import { dropSchemas, makeApp, multipart, PG_URL, register, STAFF_CSV, uniqueEmail, waitFor, type Account, type TestApp } from './helpers.js';

interface Audit {
  id: string;
  status: string;
  attempts: number;
  error: string | null;
  summary: { rows: number } | null;
  progress: { rows: number };
}

/** The row, upload and scratch files a process killed in the middle of an audit leaves behind. */
async function leaveRunning(t: TestApp, acc: Account, worker: string, heartbeat: string, attempts = 1): Promise<string> {
  const id = newId();
  await t.store.db
    .insertInto('audits')
    .values({
      id,
      organisation_id: acc.organisationId,
      author_user_id: acc.userId,
      author_token_id: null,
      file_name: 'personnel.csv',
      file_size: STAFF_CSV.length,
      at: '2025-06-30',
      status: 'running',
      rows_read: 2,
      bytes_done: 100,
      bytes_total: STAFF_CSV.length,
      summary: null,
      error: null,
      attempts,
      worker,
      heartbeat_at: heartbeat,
      created_at: nowIso(),
      started_at: nowIso(),
      finished_at: null,
    })
    .execute();
  const upload = join(t.dataDir, `upload-${id}`);
  writeFileSync(upload, STAFF_CSV);
  const files = t.store.engine === 'postgres' ? new DatabaseFiles(t.store.db) : new DiskFiles(t.store.db, t.dataDir);
  await files.saveInput(t.store.db, id, upload);
  const work = join(t.dataDir, 'work', `${id}-0123456789ab`, 'reports');
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'report.json'), '{"findings": [');
  return id;
}

describe('recovery of audits left running (simulated)', () => {
  let t: TestApp;
  let acc: Account;
  beforeAll(async () => {
    t = await makeApp({ startRunner: false, runner: { pollMs: 50, staleMs: 60_000 } });
    acc = await register(t.app);
  });
  afterAll(() => t.close());

  it('a dead instance’s audit is re-run from scratch, its scratch files swept; no loop past the attempt cap', { timeout: 90_000 }, async () => {
    const dead = await leaveRunning(t, acc, `${hostname()}:999999:deadbeef`, nowIso());
    const otherHostFresh = await leaveRunning(t, acc, 'une-autre-machine:12:abcd', nowIso());
    const otherHostSilent = await leaveRunning(t, acc, 'une-autre-machine:13:abcd', new Date(Date.now() - 3600_000).toISOString());
    const tooMany = await leaveRunning(t, acc, `${hostname()}:999998:deadbeef`, nowIso(), 2);
    mkdirSync(join(t.dataDir, 'uploads'), { recursive: true });
    writeFileSync(join(t.dataDir, 'uploads', 'coupe.partiel'), 'matricule;idcc');

    // While it is "running", nothing half-written is served.
    const early = await acc.client.get<{ message: string }>(`/api/audits/${dead}/report.csv`);
    expect(early.status).toBe(409);

    await t.app.auditQueue.start();
    // What killed processes left in the data folder is gone at start-up.
    expect(readdirSync(join(t.dataDir, 'uploads'))).toEqual([]);
    // One organisation's audits run one at a time.
    const final = await waitFor(() => acc.client.get<Audit>(`/api/audits/${dead}`), (r) => r.json.status === 'done', 40_000);
    expect(final.json.attempts).toBe(2);
    expect(final.json.summary!.rows).toBe(4);
    if (t.store.engine === 'sqlite') expect(readdirSync(join(t.dataDir, 'audits', dead, 'reports')).sort()).toEqual(['report.data.json', 'report.findings.ndjson']);
    const json = await acc.client.get<{ findings: unknown[]; summary: { rows: number } }>(`/api/audits/${dead}/report.json`);
    expect(json.json.summary.rows).toBe(4);

    const silent = await waitFor(() => acc.client.get<Audit>(`/api/audits/${otherHostSilent}`), (r) => r.json.status === 'done', 40_000);
    expect(silent.json.attempts).toBe(2);
    // Another instance that still beats is left alone.
    expect((await acc.client.get<Audit>(`/api/audits/${otherHostFresh}`)).json.status).toBe('running');
    // Interrupted as often as allowed: failed, in French, not queued again by a restart, and can be run again by hand.
    const failed = await acc.client.get<Audit>(`/api/audits/${tooMany}`);
    expect(failed.json.status).toBe('failed');
    expect(failed.json.error).toContain('interrompu 2 fois');
    expect(await t.app.auditQueue.runner.recover()).toEqual([]);
    expect((await acc.client.get<Audit>(`/api/audits/${tooMany}`)).json.status).toBe('failed');
    await t.app.auditQueue.idle();
    expect(readdirSync(join(t.dataDir, 'work'))).toEqual([]);
    expect((await acc.client.post(`/api/audits/${tooMany}/rerun`)).status).toBe(202);
    const rerun = await waitFor(() => acc.client.get<Audit>(`/api/audits/${tooMany}`), (r) => r.json.status === 'done', 40_000);
    expect(rerun.json.summary!.rows).toBe(4);
    expect(rerun.json.attempts).toBe(1);
  });
});

// ——— for real: a server process, killed with SIGKILL ———

const ROOT = join(import.meta.dirname, '..', '..');

interface Server {
  proc: ChildProcess;
  url: string;
  log: string[];
}

/** Every server started, killed at the end whatever the tests did. */
const started = new Set<ChildProcess>();

function startServer(env: Record<string, string>): Promise<Server> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'server', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(proc);
  proc.once('exit', () => started.delete(proc));
  const log: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      // Not left running behind the test.
      proc.kill('SIGKILL');
      reject(new Error(`le serveur ne démarre pas :\n${log.join('')}`));
    }, 60_000);
    const onData = (b: Buffer) => {
      log.push(b.toString());
      const m = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(b.toString());
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1]!, log });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (b: Buffer) => log.push(b.toString()));
    proc.on('exit', (code) => reject(new Error(`le serveur s'est arrêté (${code}) :\n${log.join('')}`)));
  });
}

function kill(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.proc.once('exit', () => resolve());
    server.proc.kill('SIGKILL');
  });
}

class HttpClient {
  cookie = '';
  csrf = '';
  constructor(public url: string) {}
  async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: T }> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf) h['x-csrf-token'] = this.csrf;
    let payload: BodyInit | undefined;
    if (Buffer.isBuffer(body)) payload = new Uint8Array(body);
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] = 'application/json';
    }
    const r = await fetch(this.url + path, { method, headers: h, ...(payload !== undefined ? { body: payload } : {}) });
    const set = r.headers.getSetCookie();
    if (set.length) {
      this.cookie = set.map((c) => c.split(';')[0]).join('; ');
      this.csrf = /classif_csrf=([^;]+)/.exec(this.cookie)?.[1] ?? '';
    }
    const text = await r.text();
    return { status: r.status, json: (text ? JSON.parse(text) : undefined) as T };
  }
}

describe('a server killed with SIGKILL (real process)', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let schema: string | undefined;
  const email = uniqueEmail('kill');
  const rows = 30_000;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'classif-kill-'));
    if (PG_URL) {
      schema = `t_${randomBytes(6).toString('hex')}`;
      // Creates the schema and migrates it; the server processes then work in it.
      const store = await openStore(PG_URL, '', { pgSchema: schema });
      await store.close();
      const url = new URL(PG_URL);
      url.searchParams.set('options', `-c search_path=${schema}`);
      env = { DATA_DIR: dataDir, DATABASE_URL: url.toString() };
    } else {
      env = { DATA_DIR: dataDir, DATABASE_URL: `sqlite:${join(dataDir, 'classif.db')}` };
    }
  });
  afterAll(async () => {
    for (const proc of started) proc.kill('SIGKILL');
    if (schema && PG_URL) {
      const { default: pg } = await import('pg');
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await dropSchemas(c, schema);
      await c.end();
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Each server and each audit is a process of its own, started from the TypeScript sources: slow on a loaded machine.
  it('an audit killed halfway serves nothing partial, and completes after a restart', { timeout: 240_000 }, async () => {
    const lines = STAFF_CSV.split('\r\n');
    const big = [lines[0], ...Array.from({ length: rows }, (_, i) => lines[1 + (i % 4)]!.replace(/^A00\d/, `K${i}`))].join('\r\n');

    // Slowed down so that the kill lands in the middle of the run.
    let server = await startServer({ ...env, CLASSIF_TEST_AUDIT_DELAY_MS: '100' });
    const c = new HttpClient(server.url);
    expect((await c.call('POST', '/api/auth/register', { email, password: 'correct horse battery', name: 'K', organisationName: 'Kill' })).status).toBe(201);
    const { payload, headers } = multipart([{ name: 'grand.csv', content: big }]);
    const up = await c.call<Audit>('POST', '/api/audits?at=2025-06-30', payload, headers);
    expect(up.status).toBe(202);
    await waitFor(() => c.call<Audit>('GET', `/api/audits/${up.json.id}`), (r) => r.json.status === 'running' && r.json.progress.rows > 0, 60_000, 20);
    await kill(server);

    // What the killed process left: a scratch copy being worked on, no report.
    expect(readdirSync(join(dataDir, 'work'))).toHaveLength(1);
    if (!PG_URL) expect(readdirSync(join(dataDir, 'audits', up.json.id))).toEqual(['input']);

    server = await startServer(env);
    try {
      c.url = server.url;
      const final = await waitFor(() => c.call<Audit>('GET', `/api/audits/${up.json.id}`), (r) => r.json.status === 'done' || r.json.status === 'failed', 120_000, 100);
      expect(final.json.status).toBe('done');
      expect(final.json.attempts).toBe(2);
      expect(final.json.summary!.rows).toBe(rows);
      expect(readdirSync(join(dataDir, 'work'))).toEqual([]);
      if (!PG_URL) expect(readdirSync(join(dataDir, 'audits', up.json.id)).sort()).toEqual(['input', 'reports']);
      const report = await c.call<{ summary: { rows: number }; findings: unknown[] }>('GET', `/api/audits/${up.json.id}/report.json`);
      expect(report.status).toBe(200);
      expect(report.json.summary.rows).toBe(rows);
    } finally {
      await kill(server);
    }
  });

  it('an upload killed halfway leaves no audit, and can be sent again', { timeout: 240_000 }, async () => {
    let server = await startServer(env);
    const c = new HttpClient(server.url);
    expect((await c.call('POST', '/api/auth/login', { email, password: 'correct horse battery' })).status).toBe(200);
    const before = (await c.call<{ total: number }>('GET', '/api/audits')).json.total;
    const { payload, headers } = multipart([{ name: 'coupe.csv', content: `${STAFF_CSV}\r\n${'Z;3168;Retoucheuse;195;;employé;01/09/2020;01/09/2022;;;0;1 900,00;1;F\r\n'.repeat(20_000)}` }]);
    // Half the body, then the process dies.
    await new Promise<void>((resolve, reject) => {
      const u = new URL(`${server.url}/api/audits`);
      const req = request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { ...headers, 'content-length': String(payload.length), cookie: c.cookie, 'x-csrf-token': c.csrf } });
      req.on('error', () => resolve());
      req.write(payload.subarray(0, payload.length >> 1), () => {
        waitFor(
          () => Promise.resolve(existsSync(join(dataDir, 'uploads')) && readdirSync(join(dataDir, 'uploads')).length > 0),
          (v) => v,
          10_000,
          10,
        )
          .then(() => kill(server))
          .then(() => {
            req.destroy();
            resolve();
          }, reject);
      });
    });
    server = await startServer(env);
    try {
      c.url = server.url;
      expect((await c.call<{ total: number }>('GET', '/api/audits')).json.total).toBe(before);
      const again = await c.call<Audit>('POST', '/api/audits', payload, headers);
      expect(again.status).toBe(202);
      const final = await waitFor(() => c.call<Audit>('GET', `/api/audits/${again.json.id}`), (r) => r.json.status === 'done', 120_000, 100);
      expect(final.json.summary!.rows).toBe(20_004);
    } finally {
      await kill(server);
    }
  });

  it.runIf(PG_URL)('two servers on one PostgreSQL, no shared disk: upload through one, report through the other; one killed mid-audit, the other finishes it', { timeout: 240_000 }, async () => {
    // Each instance has a data folder of its own: only the database is shared.
    const dirs = [mkdtempSync(join(tmpdir(), 'classif-one-')), mkdtempSync(join(tmpdir(), 'classif-two-'))];
    const servers = await Promise.all(dirs.map((d) => startServer({ ...env, DATA_DIR: d, CLASSIF_TEST_AUDIT_DELAY_MS: '100' })));
    try {
      const one = new HttpClient(servers[0]!.url);
      expect((await one.call('POST', '/api/auth/login', { email, password: 'correct horse battery' })).status).toBe(200);
      const two = new HttpClient(servers[1]!.url);
      two.cookie = one.cookie;
      two.csrf = one.csrf;

      const small = multipart([{ name: 'petit.csv', content: STAFF_CSV }]);
      const up = await one.call<Audit>('POST', '/api/audits?at=2025-06-30', small.payload, small.headers);
      expect(up.status).toBe(202);
      const done = await waitFor(() => two.call<Audit>('GET', `/api/audits/${up.json.id}`), (r) => r.json.status === 'done', 60_000, 100);
      expect(done.json.summary!.rows).toBe(4);
      const report = await two.call<{ summary: { rows: number } }>('GET', `/api/audits/${up.json.id}/report.json`);
      expect(report.status).toBe(200);
      expect(report.json.summary.rows).toBe(4);

      // A long audit: whichever instance runs it is killed; the other one finishes it.
      const lines = STAFF_CSV.split('\r\n');
      const big = [lines[0], ...Array.from({ length: rows }, (_, i) => lines[1 + (i % 4)]!.replace(/^A00\d/, `P${i}`))].join('\r\n');
      const form = multipart([{ name: 'grand.csv', content: big }]);
      const long = await two.call<Audit>('POST', '/api/audits?at=2025-06-30', form.payload, form.headers);
      expect(long.status).toBe(202);
      await waitFor(() => one.call<Audit>('GET', `/api/audits/${long.json.id}`), (r) => r.json.status === 'running' && r.json.progress.rows > 0, 60_000, 20);
      const busy = dirs.findIndex((d) => existsSync(join(d, 'work')) && readdirSync(join(d, 'work')).length > 0);
      expect(busy).toBeGreaterThanOrEqual(0);
      await kill(servers[busy]!);
      const survivor = busy === 0 ? two : one;
      const final = await waitFor(() => survivor.call<Audit>('GET', `/api/audits/${long.json.id}`), (r) => r.json.status === 'done' || r.json.status === 'failed', 120_000, 200);
      expect(final.json.status).toBe('done');
      expect(final.json.attempts).toBe(2);
      expect(final.json.summary!.rows).toBe(rows);
      const csv = await fetch(`${(busy === 0 ? servers[1] : servers[0])!.url}/api/audits/${long.json.id}/report.csv`, { headers: { cookie: one.cookie } });
      expect(csv.status).toBe(200);
      // Bytes as served (Response.text() would drop the byte-order mark).
      expect(Buffer.from(await csv.arrayBuffer()).toString('utf8').startsWith('\uFEFFligne;matricule')).toBe(true);
      expect(readdirSync(join(dirs[1 - busy]!, 'work'))).toEqual([]);
    } finally {
      for (const s of servers) if (s.proc.exitCode === null && s.proc.signalCode === null) await kill(s);
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    }
  });
});

/**
 * Interrupted audits and uploads. A process killed halfway leaves no half-written result that
 * could be served, and its audit runs again on the next start — first simulated (the state a
 * killed process leaves), then for real: `kill -9` of a server in the middle of an audit and of an
 * upload, and a restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditDir, inputFile } from '../../src/server/audit-runner.js';
import { openStore } from '../../src/store/db.js';
import { newId, nowIso } from '../../src/store/util.js';
import { makeApp, multipart, PG_URL, register, STAFF_CSV, uniqueEmail, waitFor, type Account, type TestApp } from './helpers.js';

interface Audit {
  id: string;
  status: string;
  attempts: number;
  error: string | null;
  summary: { rows: number } | null;
  progress: { rows: number };
}

/** The row and files a process killed in the middle of an audit leaves behind. */
async function leaveRunning(t: TestApp, acc: Account, worker: string, heartbeat: string, attempts = 1): Promise<string> {
  const id = newId();
  mkdirSync(auditDir(t.dataDir, id), { recursive: true });
  writeFileSync(inputFile(t.dataDir, id), STAFF_CSV);
  const work = join(auditDir(t.dataDir, id), 'work-0123456789ab');
  mkdirSync(work);
  writeFileSync(join(work, 'report.csv.4242.partiel'), 'ligne;matricule\r\n2;A0');
  writeFileSync(join(work, 'report.json'), '{"findings": [');
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

  it('a dead process’s audit is re-run from scratch; its partial files never show', async () => {
    const dead = await leaveRunning(t, acc, `${hostname()}:999999:deadbeef`, nowIso());
    const otherHostFresh = await leaveRunning(t, acc, 'une-autre-machine:12:abcd', nowIso());
    const otherHostSilent = await leaveRunning(t, acc, 'une-autre-machine:13:abcd', new Date(Date.now() - 3600_000).toISOString());
    const tooMany = await leaveRunning(t, acc, `${hostname()}:999998:deadbeef`, nowIso(), 3);

    // While it is "running", nothing half-written is served.
    const early = await acc.client.get<{ message: string }>(`/api/audits/${dead}/report.csv`);
    expect(early.status).toBe(409);

    await t.app.auditRunner.start();
    const final = await waitFor(() => acc.client.get<Audit>(`/api/audits/${dead}`), (r) => r.json.status === 'done');
    expect(final.json.attempts).toBe(2);
    expect(final.json.summary!.rows).toBe(4);
    const entries = readdirSync(auditDir(t.dataDir, dead));
    expect(entries.sort()).toEqual(['input', 'reports']);
    expect(readdirSync(join(auditDir(t.dataDir, dead), 'reports')).sort()).toEqual(['report.csv', 'report.html', 'report.json', 'report.ndjson', 'report.pdf']);
    const json = await acc.client.get<{ findings: unknown[]; summary: { rows: number } }>(`/api/audits/${dead}/report.json`);
    expect(json.json.summary.rows).toBe(4);

    const silent = await waitFor(() => acc.client.get<Audit>(`/api/audits/${otherHostSilent}`), (r) => r.json.status === 'done');
    expect(silent.json.attempts).toBe(2);
    // Another instance that still beats is left alone.
    expect((await acc.client.get<Audit>(`/api/audits/${otherHostFresh}`)).json.status).toBe('running');
    // Interrupted too often: failed, in French, and can be run again by hand.
    const failed = await acc.client.get<Audit>(`/api/audits/${tooMany}`);
    expect(failed.json.status).toBe('failed');
    expect(failed.json.error).toContain('interrompu');
    expect(existsSync(join(auditDir(t.dataDir, tooMany), 'work-0123456789ab'))).toBe(false);
    expect((await acc.client.post(`/api/audits/${tooMany}/rerun`)).status).toBe(202);
    const rerun = await waitFor(() => acc.client.get<Audit>(`/api/audits/${tooMany}`), (r) => r.json.status === 'done');
    expect(rerun.json.summary!.rows).toBe(4);
  });

  it('old partial uploads are swept at start-up, recent ones (another instance’s) kept', async () => {
    const { cleanUploads } = await import('../../src/server/audit-runner.js');
    const dir = join(t.dataDir, 'uploads');
    writeFileSync(join(dir, 'vieux.partiel'), 'matricule;idcc');
    writeFileSync(join(dir, 'recent.partiel'), 'matricule;idcc');
    const old = new Date(Date.now() - 2 * 3600_000);
    utimesSync(join(dir, 'vieux.partiel'), old, old);
    expect(cleanUploads(t.dataDir)).toBe(1);
    expect(readdirSync(dir)).toEqual(['recent.partiel']);
    rmSync(join(dir, 'recent.partiel'));
  });
});

// ——— for real: a server process, killed with SIGKILL ———

const ROOT = join(import.meta.dirname, '..', '..');

interface Server {
  proc: ChildProcess;
  url: string;
  log: string[];
}

function startServer(env: Record<string, string>): Promise<Server> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'server', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`le serveur ne démarre pas :\n${log.join('')}`)), 30_000);
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
    if (schema && PG_URL) {
      const { default: pg } = await import('pg');
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('an audit killed halfway serves nothing partial, and completes after a restart', { timeout: 90_000 }, async () => {
    const lines = STAFF_CSV.split('\r\n');
    const big = [lines[0], ...Array.from({ length: rows }, (_, i) => lines[1 + (i % 4)]!.replace(/^A00\d/, `K${i}`))].join('\r\n');

    // Slowed down so that the kill lands in the middle of the run.
    let server = await startServer({ ...env, CLASSIF_TEST_AUDIT_DELAY_MS: '100' });
    const c = new HttpClient(server.url);
    expect((await c.call('POST', '/api/auth/register', { email, password: 'correct horse battery', name: 'K', organisationName: 'Kill' })).status).toBe(201);
    const { payload, headers } = multipart([{ name: 'grand.csv', content: big }]);
    const up = await c.call<Audit>('POST', '/api/audits?at=2025-06-30', payload, headers);
    expect(up.status).toBe(202);
    await waitFor(() => c.call<Audit>('GET', `/api/audits/${up.json.id}`), (r) => r.json.status === 'running' && r.json.progress.rows > 0, 30_000, 20);
    await kill(server);

    // What the killed process left: a running row, a work directory, no reports.
    const dir = auditDir(dataDir, up.json.id);
    const left = readdirSync(dir);
    expect(left).toContain('input');
    expect(left).not.toContain('reports');
    expect(left.some((e) => e.startsWith('work-'))).toBe(true);

    server = await startServer(env);
    try {
      c.url = server.url;
      const final = await waitFor(() => c.call<Audit>('GET', `/api/audits/${up.json.id}`), (r) => r.json.status === 'done' || r.json.status === 'failed', 60_000, 100);
      expect(final.json.status).toBe('done');
      expect(final.json.attempts).toBe(2);
      expect(final.json.summary!.rows).toBe(rows);
      expect(readdirSync(dir).sort()).toEqual(['input', 'reports']);
      const report = await c.call<{ summary: { rows: number }; findings: unknown[] }>('GET', `/api/audits/${up.json.id}/report.json`);
      expect(report.status).toBe(200);
      expect(report.json.summary.rows).toBe(rows);
      expect(readdirSync(join(dir, 'reports')).filter((f) => f.includes('partiel'))).toEqual([]);
    } finally {
      await kill(server);
    }
  });

  it('an upload killed halfway leaves no audit, and can be sent again', { timeout: 60_000 }, async () => {
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
      const final = await waitFor(() => c.call<Audit>('GET', `/api/audits/${again.json.id}`), (r) => r.json.status === 'done', 60_000, 100);
      expect(final.json.summary!.rows).toBe(20_004);
    } finally {
      await kill(server);
    }
  });
});

/**
 * The audit of a large staff list through the queue — upload over HTTP, then polled until done —
 * next to `classif audit --out rapport.csv` on the same file, in turn within each run (the machine
 * may be loaded by other work: the ratio of each run counts more than the durations). The queue's
 * run writes the NDJSON report and the data of the HTML and PDF ones; the time of the CSV report's
 * first download (made then from the NDJSON one) is printed apart. Target: queue ≤ 1.2 × the CLI.
 * With BENCH_TRACE=1, when each audit was seen running, reading rows, past 990,000 rows, done, and
 * the server's own times (upload received, checked, stored; then input fetched, audit, reports stored).
 *   npm run build && npx tsx bench/audit-queue.ts [rows] [runs]
 * With BENCH_DATABASE_URL=postgres://…, the queue is also timed on PostgreSQL (a schema of its
 * own, dropped at the end).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, openAsBlob, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateStaffCsv } from './staff-file.js';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.argv[3] ?? 3);
const ROOT = join(import.meta.dirname, '..');
const dir = join(import.meta.dirname, 'out');
mkdirSync(dir, { recursive: true });
const file = join(dir, `personnel-${ROWS}.csv`);

function run(args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`${args.join(' ')} : ${code} ${stderr}`))));
  });
}

const cli = (format: string) => run([join(ROOT, 'dist', 'cli', 'main.js'), 'audit', file, '--at', '2025-06-01', '--out', join(dir, `rapport.${format}`)]);

interface Server {
  proc: ChildProcess;
  url: string;
  /** The server's log so far (JSON lines). */
  log: () => string;
}

function startServer(env: Record<string, string>): Promise<Server> {
  const proc = spawn(process.execPath, [join(ROOT, 'dist', 'server', 'main.js')], { env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let log = '';
    proc.stdout!.on('data', (b: Buffer) => {
      log += b.toString();
      const m = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (m) resolve({ proc, url: m[1]!, log: () => log });
    });
    proc.stderr!.on('data', (b: Buffer) => (log += b.toString()));
    proc.on('exit', (code) => reject(new Error(`serveur arrêté (${code}) : ${log}`)));
  });
}

interface Session {
  server: Server;
  headers: Record<string, string>;
}

async function open(env: Record<string, string>): Promise<Session> {
  const server = await startServer(env);
  const r = await fetch(`${server.url}/api/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `bench-${Date.now()}@example.fr`, password: 'correct horse battery', name: 'Banc', organisationName: 'Banc' }) });
  const cookies = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = /classif_csrf=([^;]+)/.exec(cookies)?.[1] ?? '';
  return { server, headers: { cookie: cookies, 'x-csrf-token': csrf } };
}

async function close(s: Session): Promise<void> {
  s.server.proc.kill('SIGTERM');
  await new Promise((res) => s.server.proc.once('exit', res));
}

/**
 * The client that sends the file: curl by default, as docs/api.md shows (`curl -F file=@…`);
 * BENCH_CLIENT=fetch for Node's own, which sends a file-backed form about half as fast on this
 * machine (docs/performance.md): the difference is the client's, not the server's.
 */
const CLIENT = process.env.BENCH_CLIENT === 'fetch' ? 'fetch' : 'curl';

async function uploadWithFetch(url: string, headers: Record<string, string>): Promise<string> {
  const form = new FormData();
  form.set('file', await openAsBlob(file), 'personnel.csv');
  const up = await fetch(`${url}/api/audits?at=2025-06-01`, { method: 'POST', headers, body: form });
  if (up.status !== 202) throw new Error(`envoi : ${up.status} ${await up.text()}`);
  return ((await up.json()) as { id: string }).id;
}

function uploadWithCurl(url: string, headers: Record<string, string>): Promise<string> {
  const args = ['-sS', '-w', '\n%{http_code}', ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]), '-F', `file=@${file};filename=personnel.csv`, `${url}/api/audits?at=2025-06-01`];
  return new Promise((resolve, reject) => {
    const child = spawn('curl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? new Error('curl introuvable : installez-le (apt-get install -y curl) ou lancez le banc avec BENCH_CLIENT=fetch') : e));
    child.on('exit', () => {
      const at = out.lastIndexOf('\n');
      if (out.slice(at + 1) !== '202') return reject(new Error(`envoi : ${out}`));
      resolve((JSON.parse(out.slice(0, at)) as { id: string }).id);
    });
  });
}

/** One audit: upload → done, then the CSV report's first download, in ms. */
async function queueOnce({ server, headers }: Session): Promise<{ done: number; upload: number; csv: number }> {
  const t0 = performance.now();
  const id = CLIENT === 'curl' ? await uploadWithCurl(server.url, headers) : await uploadWithFetch(server.url, headers);
  const upload = performance.now() - t0;
  const seen: string[] = [];
  for (;;) {
    const a = (await (await fetch(`${server.url}/api/audits/${id}`, { headers })).json()) as { status: string; error: string | null; progress?: { rows: number } };
    if (process.env.BENCH_TRACE) {
      const mark = `${a.status}${a.progress?.rows ? (a.progress.rows >= 990_000 ? ' ≥990k' : ' rows') : ''}`;
      if (!seen.includes(mark)) {
        seen.push(mark);
        console.log(`    ${s(performance.now() - t0)} ${mark}`);
      }
    }
    if (a.status === 'done') break;
    if (a.status === 'failed') throw new Error(`audit en échec : ${a.error}`);
    await new Promise((res) => setTimeout(res, 50));
  }
  const done = performance.now() - t0;
  if (process.env.BENCH_TRACE) {
    // The server's own account: upload fetched, audit, reports stored (ms).
    for (const l of server.log().split('\n').filter((l) => l.includes(id) && l.includes('"ms"'))) {
      const { msg, ms } = JSON.parse(l) as { msg: string; ms: unknown };
      console.log(`    server, ${msg}: ${JSON.stringify(ms)}`);
    }
  }
  const t1 = performance.now();
  const report = await fetch(`${server.url}/api/audits/${id}/report.csv`, { headers });
  if (report.status !== 200) throw new Error(`rapport CSV : ${report.status}`);
  await report.arrayBuffer();
  return { done, upload, csv: performance.now() - t1 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

await generateStaffCsv(file, ROWS);
const sessions: [string, Session][] = [];
const cleanups: (() => Promise<void>)[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'classif-bench-'));
cleanups.push(() => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })));
// The audit's own budgets (512 MB, ten minutes): the queue is timed as it runs in service.
sessions.push(['SQLite', await open({ DATA_DIR: dataDir, DATABASE_URL: `sqlite:${join(dataDir, 'classif.db')}` })]);
const pgUrl = process.env.BENCH_DATABASE_URL;
if (pgUrl) {
  const { default: pg } = await import('pg');
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  await c.query(`create schema ${schema}`);
  const url = new URL(pgUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const scratch = mkdtempSync(join(tmpdir(), 'classif-bench-'));
  cleanups.unshift(async () => {
    await c.query(`drop schema ${schema} cascade`);
    await c.query(`delete from classif_queue._private_tasks where identifier = $1`, [`classif_audit:${schema}`]).catch(() => undefined);
    await c.end();
    rmSync(scratch, { recursive: true, force: true });
  });
  sessions.push(['PostgreSQL', await open({ DATA_DIR: scratch, DATABASE_URL: url.toString() })]);
}

const cliCsv: number[] = [];
const times = new Map<string, { done: number; upload: number; csv: number }[]>(sessions.map(([name]) => [name, []]));
console.log(`audit through the queue: ${ROWS.toLocaleString('en')} rows (${file}), ${RUNS} run(s), uploaded with ${CLIENT}, load ${loadavg()[0]!.toFixed(1)}`);
try {
  for (let i = 0; i < RUNS; i++) {
    const cliMs = await cli('csv');
    cliCsv.push(cliMs);
    const line = [`  run ${i + 1}: classif audit --out .csv ${s(cliMs)}`];
    for (const [name, session] of sessions) {
      const t = await queueOnce(session);
      times.get(name)!.push(t);
      line.push(`${name} ${s(t.done)} (${(t.done / cliMs).toFixed(2)} ×; upload answered at ${s(t.upload)}; CSV first download ${s(t.csv)})`);
    }
    console.log(`${line.join('; ')}; load ${loadavg()[0]!.toFixed(1)}`);
  }
} finally {
  for (const [, session] of sessions) await close(session);
  for (const c of cleanups) await c();
}

console.log(`  classif audit --out .csv        median ${s(median(cliCsv))}`);
for (const [name, list] of times) {
  const ratios = list.map((t, i) => t.done / cliCsv[i]!);
  const ratio = median(ratios);
  console.log(`  queue, ${name.padEnd(25)}median ${s(median(list.map((t) => t.done)))}  (upload → done; median ratio to the CLI of the same run ${ratio.toFixed(2)}, target ≤ 1.2: ${ratio <= 1.2 ? 'OK' : 'OVER'}; CSV first download ${s(median(list.map((t) => t.csv)))})`);
}

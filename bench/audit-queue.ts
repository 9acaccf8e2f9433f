/**
 * The audit of a large staff list through the queue — upload over HTTP, then polled until done —
 * next to `classif audit` on the same file. The queue's run makes every report (JSON, NDJSON,
 * CSV, HTML, PDF) in a process of its own; the CLI is timed making the CSV alone (the target:
 * queue ≤ 1.2 × that) and, for scale, making the five reports (one `--out` each, in turn).
 *   npm run build && npx tsx bench/audit-queue.ts [rows] [runs]
 * With BENCH_DATABASE_URL=postgres://…, the queue is also timed on PostgreSQL (a schema of its
 * own, dropped at the end).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, openAsBlob, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateStaffCsv } from './staff-file.js';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.argv[3] ?? 3);
const ROOT = join(import.meta.dirname, '..');
const dir = join(import.meta.dirname, 'out');
mkdirSync(dir, { recursive: true });
const file = join(dir, `personnel-${ROWS}.csv`);
const FORMATS = ['json', 'ndjson', 'csv', 'html', 'pdf'];

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

async function cliAll(): Promise<number> {
  let ms = 0;
  for (const f of FORMATS) ms += await cli(f);
  return ms;
}

interface Server {
  proc: ChildProcess;
  url: string;
}

function startServer(env: Record<string, string>): Promise<Server> {
  const proc = spawn(process.execPath, [join(ROOT, 'dist', 'server', 'main.js')], { env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let log = '';
    proc.stdout!.on('data', (b: Buffer) => {
      log += b.toString();
      const m = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (m) resolve({ proc, url: m[1]! });
    });
    proc.stderr!.on('data', (b: Buffer) => (log += b.toString()));
    proc.on('exit', (code) => reject(new Error(`serveur arrêté (${code}) : ${log}`)));
  });
}

/** Upload → done, through a server on `env`'s database: the median of RUNS, in ms. */
async function queue(env: Record<string, string>): Promise<number[]> {
  const server = await startServer(env);
  try {
    const r = await fetch(`${server.url}/api/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `bench-${Date.now()}@example.fr`, password: 'correct horse battery', name: 'Banc', organisationName: 'Banc' }) });
    const cookies = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const csrf = /classif_csrf=([^;]+)/.exec(cookies)?.[1] ?? '';
    const headers = { cookie: cookies, 'x-csrf-token': csrf };
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const form = new FormData();
      form.set('file', await openAsBlob(file), 'personnel.csv');
      const t0 = performance.now();
      const up = await fetch(`${server.url}/api/audits?at=2025-06-01`, { method: 'POST', headers, body: form });
      if (up.status !== 202) throw new Error(`envoi : ${up.status} ${await up.text()}`);
      const { id } = (await up.json()) as { id: string };
      for (;;) {
        const a = (await (await fetch(`${server.url}/api/audits/${id}`, { headers })).json()) as { status: string; error: string | null };
        if (a.status === 'done') break;
        if (a.status === 'failed') throw new Error(`audit en échec : ${a.error}`);
        await new Promise((res) => setTimeout(res, 50));
      }
      times.push(performance.now() - t0);
    }
    return times;
  } finally {
    server.proc.kill('SIGTERM');
    await new Promise((res) => server.proc.once('exit', res));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

await generateStaffCsv(file, ROWS);
const cliCsv: number[] = [];
const cliFive: number[] = [];
for (let i = 0; i < RUNS; i++) {
  cliCsv.push(await cli('csv'));
  cliFive.push(await cliAll());
}
const dataDir = mkdtempSync(join(tmpdir(), 'classif-bench-'));
const sqlite = await queue({ DATA_DIR: dataDir, DATABASE_URL: `sqlite:${join(dataDir, 'classif.db')}`, AUDIT_MEMORY_MB: '1024' });
rmSync(dataDir, { recursive: true, force: true });
let postgres: number[] | undefined;
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
  try {
    postgres = await queue({ DATA_DIR: scratch, DATABASE_URL: url.toString(), AUDIT_MEMORY_MB: '1024' });
  } finally {
    await c.query(`drop schema ${schema} cascade`);
    await c.query(`delete from classif_queue._private_tasks where identifier = $1`, [`classif_audit:${schema}`]).catch(() => undefined);
    await c.end();
    rmSync(scratch, { recursive: true, force: true });
  }
}

const five = median(cliFive);
console.log(`audit through the queue: ${ROWS.toLocaleString('en')} rows (${file}), median of ${RUNS}`);
console.log(`  classif audit --out .csv             ${s(median(cliCsv))}`);
console.log(`  classif audit, the five reports      ${s(five)}  (one --out per format, in turn)`);
const judge = (name: string, times: number[]) => {
  const ratio = median(times) / median(cliCsv);
  console.log(`  queue, ${name.padEnd(29)}${s(median(times))}  (upload → done; ${ratio.toFixed(2)} × the CLI's CSV, target ≤ 1.2: ${ratio <= 1.2 ? 'OK' : 'OVER'}; ${(median(times) / five).toFixed(2)} × the five reports)`);
};
judge('SQLite', sqlite);
if (postgres) judge('PostgreSQL', postgres);

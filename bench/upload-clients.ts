/**
 * How long the same 1M-row staff list takes to upload with three clients — curl (as docs/api.md
 * shows), Chromium (what the web page does: fetch with a FormData of the chosen file) and Node's
 * own fetch (a FormData of `openAsBlob`) — on one server (SQLite), in turn within each round, with
 * the server's own account of each upload (received, header checked, stored). The queue's bench
 * (bench/audit-queue.ts) sends with curl by default: this says what another client costs.
 *   npm run build && npx tsx bench/upload-clients.ts [rounds]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openAsBlob, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { generateStaffCsv } from './staff-file.js';

const ROUNDS = Number(process.argv[2] ?? 3);
const file = join(import.meta.dirname, 'out', 'personnel-1000000.csv');
await generateStaffCsv(file, 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'classif-upload-'));
const server = spawn(process.execPath, [join(import.meta.dirname, '..', 'dist', 'server', 'main.js')], { env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, DATABASE_URL: `sqlite:${join(dir, 'c.db')}`, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'inherit'] });
let log = '';
const url: string = await new Promise((resolve) =>
  server.stdout!.on('data', (b: Buffer) => {
    log += b.toString();
    const m = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
    if (m) resolve(m[1]!);
  }),
);
const r = await fetch(`${url}/api/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `upload-${Date.now()}@example.fr`, password: 'correct horse battery', name: 'Banc', organisationName: 'Banc' }) });
const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
const csrf = /classif_csrf=([^;]+)/.exec(cookie)![1]!;
const target = `${url}/api/audits?at=2025-06-01`;

const clients: Record<string, () => Promise<void>> = {
  curl: () =>
    new Promise((resolve, reject) => {
      const c = spawn('curl', ['-sS', '-o', '/dev/null', '-H', `cookie: ${cookie}`, '-H', `x-csrf-token: ${csrf}`, '-F', `file=@${file}`, target]);
      c.on('error', reject);
      c.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`curl ${code}`))));
    }),
  'node fetch': async () => {
    const form = new FormData();
    form.set('file', await openAsBlob(file), 'personnel.csv');
    await (await fetch(target, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf }, body: form })).text();
  },
};
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const browser = existsSync(chromiumPath) ? await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] }) : undefined;
if (browser) {
  const context = await browser.newContext();
  await context.addCookies(cookie.split('; ').map((c) => ({ name: c.split('=')[0]!, value: c.slice(c.indexOf('=') + 1), url })));
  const page = await context.newPage();
  await page.goto(url);
  await page.setContent('<input type="file" id="f">');
  await page.setInputFiles('#f', file);
  clients.chromium = () =>
    page.evaluate(
      async ([to, token]) => {
        const form = new FormData();
        form.set('file', (document.getElementById('f') as HTMLInputElement).files![0]!);
        const res = await fetch(to!, { method: 'POST', headers: { 'x-csrf-token': token! }, body: form });
        if (res.status !== 202) throw new Error(`envoi : ${res.status}`);
      },
      [target, csrf],
    );
} else console.log(`(Chromium absent : ${chromiumPath})`);

console.log(`upload of ${file} (94 MB), ${ROUNDS} round(s), load ${loadavg()[0]!.toFixed(1)}`);
const times: Record<string, number[]> = {};
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, send] of Object.entries(clients)) {
    const before = log.length;
    const t0 = performance.now();
    await send();
    const ms = performance.now() - t0;
    (times[name] ??= []).push(ms);
    const received = log.slice(before).split('\n').find((l) => l.includes('audit reçu'));
    console.log(`  ${name.padEnd(10)} answered in ${(ms / 1000).toFixed(2)} s; server ${received ? JSON.stringify((JSON.parse(received) as { ms: unknown }).ms) : '?'}`);
    // The audit it started runs meanwhile: the next upload waits for it, at rest.
    await new Promise((res) => setTimeout(res, 9000));
  }
}
for (const [name, list] of Object.entries(times)) console.log(`${name.padEnd(10)} median ${(list.sort((a, b) => a - b)[Math.floor(list.length / 2)]! / 1000).toFixed(2)} s`);
await browser?.close();
server.kill();
rmSync(dir, { recursive: true, force: true });

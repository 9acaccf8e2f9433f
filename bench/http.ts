/**
 * HTTP load on loopback: /health, search and classify, in the same run, with autocannon.
 * The server runs in a child process (one core), autocannon in this one (the other core);
 * requests/s, p50 and p99 for each, and the ratio search / health.
 *   npx tsx bench/http.ts [--duration 12] [--connections 10]
 * Target (2-core machine): search ≥ half the requests/s of /health, p99 < 20 ms.
 * Routes are measured in alternating rounds (mean requests/s, median p50, worst p99 of the
 * rounds); autocannon's latencies have a resolution of 1 ms.
 *
 * Search rotates over every job title of the three grids and their variants (feminine, no
 * accents, plural, typo…), classify over one body per benchmark job; both are run with the
 * server's answer cache (the default) and without it (`cacheSize: 0`, every answer computed).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { openCatalogue } from '../src/grids/open.js';
import { buildApp } from '../src/server/app.js';
import { openStore } from '../src/store/db.js';
import { titleVariants } from '../test/support/variants.js';

const AT = '2025-06-30';

async function serve(cacheSize: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'classif-bench-'));
  const store = await openStore(`sqlite:${join(dataDir, 'bench.db')}`, '');
  const app = await buildApp({ store, catalogue: await openCatalogue(), dataDir, cacheSize });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  process.send!({ address });
  process.on('disconnect', () => {
    void app.close().then(() => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    });
  });
}

function start(cacheSize: number): Promise<{ child: ChildProcess; address: string }> {
  const child = fork(process.argv[1]!, ['serve', String(cacheSize)], { execArgv: process.execArgv, stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { address: string }) => resolve({ child, address: m.address }));
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(name: string, url: string, requests: autocannon.Request[], duration: number, connections: number): Promise<Row> {
  const r = await autocannon({ url, connections, duration, pipelining: 1, requests });
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

const ROUNDS = 3;

/** Rounds of one route: mean requests/s, median p50, worst p99. */
function combine(runs: Row[]): Row {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return {
    name: runs[0]!.name,
    rps: runs.reduce((n, r) => n + r.rps, 0) / runs.length,
    p50: median(runs.map((r) => r.p50)),
    p99: Math.max(...runs.map((r) => r.p99)),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
  };
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const duration = arg('duration', 12);
  const connections = arg('connections', 10);
  const catalogue = await openCatalogue();
  const searches: string[] = [];
  const bodies: { idcc: string; body: string }[] = [];
  for (const conv of catalogue.conventions) {
    const grid = conv.gridAt(AT)!;
    for (const job of grid.jobs) {
      for (const q of titleVariants(job.title)) searches.push(`/api/conventions/${conv.idcc}/search?q=${encodeURIComponent(q)}&limit=10&at=${AT}`);
      bodies.push({ idcc: conv.idcc, body: JSON.stringify({ facts: { jobId: job.id }, at: AT }) });
    }
  }
  let s = 0;
  let c = 0;
  const searchRequests: autocannon.Request[] = [{ method: 'GET', setupRequest: (req) => ({ ...req, path: searches[s++ % searches.length]! }) }];
  const classifyRequests: autocannon.Request[] = [
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      setupRequest: (req) => {
        const b = bodies[c++ % bodies.length]!;
        return { ...req, path: `/api/conventions/${b.idcc}/classify`, body: b.body };
      },
    },
  ];
  const health: autocannon.Request[] = [{ method: 'GET', path: '/health' }];

  const rows: Row[] = [];
  for (const cacheSize of [5000, 0]) {
    const { child, address } = await start(cacheSize);
    const label = cacheSize ? '' : ' (sans cache)';
    // Warm-up: JIT, search indexes, and (with the cache) one pass over every query.
    await load('warm-up', address, searchRequests, 3, connections);
    await load('warm-up', address, classifyRequests, 2, connections);
    await load('warm-up', address, health, 1, connections);
    // Interleaved rounds, so that a change of load on the machine weighs on every route alike.
    const routes: [string, autocannon.Request[]][] = [
      ...(cacheSize ? [['/health', health] as [string, autocannon.Request[]]] : []),
      [`search${label}`, searchRequests],
      [`classify${label}`, classifyRequests],
    ];
    const rounds: Row[][] = routes.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, [name, requests]] of routes.entries()) rounds[i]!.push(await load(name, address, requests, Math.max(1, Math.round(duration / ROUNDS)), connections));
    }
    for (const runs of rounds) rows.push(combine(runs));
    child.disconnect();
    await new Promise((r) => child.once('exit', r));
  }

  const cpu = cpus()[0]?.model ?? 'inconnu';
  console.log(`HTTP sur 127.0.0.1 — ${cpus().length} cœurs (${cpu}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
  console.log(`${connections} connexions, ${duration} s par route en ${ROUNDS} tours alternés ; ${searches.length} recherches et ${bodies.length} corps de classify différents, en rotation\n`);
  console.log(`${'route'.padEnd(24)}${'req/s'.padStart(10)}${'p50'.padStart(9)}${'p99'.padStart(9)}  erreurs`);
  for (const r of rows) console.log(`${r.name.padEnd(24)}${Math.round(r.rps).toString().padStart(10)}${`${r.p50} ms`.padStart(9)}${`${r.p99} ms`.padStart(9)}  ${r.errors + r.non2xx}`);
  const h = rows.find((r) => r.name === '/health')!;
  const search = rows.find((r) => r.name === 'search')!;
  const ratio = search.rps / h.rps;
  console.log(`\nsearch / health : ${ratio.toFixed(2)} (objectif ≥ 0,5) ${ratio >= 0.5 ? 'OK' : 'EN DESSOUS'} ; p99 search ${search.p99} ms (objectif < 20 ms) ${search.p99 < 20 ? 'OK' : 'AU-DESSUS'}`);
  if (rows.some((r) => r.errors + r.non2xx > 0)) {
    console.error('des requêtes ont échoué');
    process.exitCode = 1;
  }
}

if (process.argv[2] === 'serve') await serve(Number(process.argv[3]));
else await main();

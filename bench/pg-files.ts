/**
 * Uploads and reports in PostgreSQL (what src/server/audit-files.ts stores: rows of 1 MiB chunks
 * of bytea), written then read back, for a real file (default: the 1M-row staff list of
 * bench/audit.ts; pass the audit's NDJSON report to time that one). Each way is timed in turn
 * within each run (the machine may be loaded: compare within a run):
 *   - insert   one INSERT per chunk, the chunk a Buffer parameter (node-postgres sends it binary);
 *   - copy     `COPY … FROM STDIN (FORMAT binary)` through pg-copy-streams (if installed);
 *   - zlib1    each chunk deflated at level 1 in libuv's threadpool (4 at a time), then inserted;
 * on a column stored as PostgreSQL's default (pglz: compressed by the server), `external` (not
 * compressed) and lz4; read back one SELECT per chunk (bytea comes as hexadecimal text:
 * node-postgres reads every field of a row as text, binary results are not supported for bytea).
 *   BENCH_DATABASE_URL=postgres://… npx tsx bench/pg-files.ts [file] [runs]
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { deflateRaw, inflateRaw } from 'node:zlib';
import pg from 'pg';
import { generateStaffCsv } from './staff-file.js';

const deflate = promisify(deflateRaw);
const inflate = promisify(inflateRaw);
const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('BENCH_DATABASE_URL=postgres://… manquant');
let file = process.argv[2];
if (!file) {
  file = join(import.meta.dirname, 'out', 'personnel-1000000.csv');
  await generateStaffCsv(file, 1_000_000);
}
const RUNS = Number(process.argv[3] ?? 2);
const CHUNK = 1 << 20;

function chunksOf(path: string): Buffer[] {
  const out: Buffer[] = [];
  const fd = openSync(path, 'r');
  for (;;) {
    const b = Buffer.allocUnsafe(CHUNK);
    const n = readSync(fd, b);
    if (n <= 0) break;
    out.push(b.subarray(0, n));
  }
  closeSync(fd);
  return out;
}
const chunks = chunksOf(file);
const bytes = statSync(file).size;

let copyFrom: ((sql: string) => NodeJS.WritableStream & pg.Submittable) | undefined;
try {
  copyFrom = ((await import('pg-copy-streams' as string)) as { from: typeof copyFrom }).from;
} catch {
  // Not installed: that way is skipped.
}

const c = new pg.Client({ connectionString: url });
await c.connect();
const schema = `bench_${randomBytes(4).toString('hex')}`;
await c.query(`create schema ${schema}`);
const tables = { pglz: `${schema}.f_pglz`, external: `${schema}.f_external`, lz4: `${schema}.f_lz4` };
for (const [kind, t] of Object.entries(tables)) {
  await c.query(`create table ${t} (id text, seq integer, data bytea, primary key (id, seq))`);
  if (kind === 'external') await c.query(`alter table ${t} alter column data set storage external`);
  if (kind === 'lz4') await c.query(`alter table ${t} alter column data set compression lz4`);
}

async function time(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function insert(table: string, id: string, parts: Buffer[]): Promise<void> {
  await c.query('begin');
  for (let i = 0; i < parts.length; i++) await c.query(`insert into ${table} values ($1, $2, $3)`, [id, i, parts[i]]);
  await c.query('commit');
}

/** One row of COPY's binary format: 3 fields (text, int4, bytea). */
function copyRow(id: string, seq: number, data: Buffer): Buffer {
  const idb = Buffer.from(id);
  const head = Buffer.alloc(2 + 4 + idb.length + 4 + 4 + 4);
  let o = head.writeInt16BE(3, 0);
  o = head.writeInt32BE(idb.length, o);
  o += idb.copy(head, o);
  o = head.writeInt32BE(4, o);
  o = head.writeInt32BE(seq, o);
  head.writeInt32BE(data.length, o);
  return Buffer.concat([head, data]);
}

async function copy(table: string, id: string, parts: Buffer[]): Promise<void> {
  await c.query('begin');
  const stream = c.query(copyFrom!(`copy ${table} from stdin (format binary)`));
  const done = new Promise<void>((res, rej) => {
    stream.on('finish', res);
    stream.on('error', rej);
  });
  const signature = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
  stream.write(Buffer.concat([signature, Buffer.alloc(8)]));
  for (let i = 0; i < parts.length; i++) if (!stream.write(copyRow(id, i, parts[i]!))) await new Promise((r) => stream.once('drain', r));
  stream.end(Buffer.from([0xff, 0xff]));
  await done;
  await c.query('commit');
}

/** Deflated at level 1 in the threadpool, `ahead` at a time, in order. */
async function deflated(parts: Buffer[], ahead = 4): Promise<Buffer[]> {
  const out: Promise<Buffer>[] = [];
  const results: Buffer[] = [];
  for (let i = 0; i < parts.length; i++) {
    out.push(deflate(parts[i]!, { level: 1 }));
    if (out.length >= ahead) results.push(await out.shift()!);
  }
  for (const p of out) results.push(await p);
  return results;
}

async function read(table: string, id: string, n: number, unzip: boolean): Promise<number> {
  let total = 0;
  const pending: Promise<Buffer>[] = [];
  for (let i = 0; i < n; i++) {
    const data = (await c.query(`select data from ${table} where id = $1 and seq = $2`, [id, i])).rows[0].data as Buffer;
    if (unzip) pending.push(inflate(data));
    else total += data.length;
    if (pending.length >= 4) total += (await pending.shift()!).length;
  }
  for (const p of pending) total += (await p).length;
  return total;
}

const mbs = (ms: number) => `${ms.toFixed(0).padStart(6)} ms (${((bytes / 1048576) * 1000 / ms).toFixed(0).padStart(4)} Mio/s)`;
console.log(`PostgreSQL files: ${file}, ${(bytes / 1048576).toFixed(0)} MiB in ${chunks.length} chunks of 1 MiB, ${RUNS} run(s), load ${loadavg()[0]!.toFixed(1)}`);
try {
  for (let r = 0; r < RUNS; r++) {
    console.log(`run ${r + 1} (load ${loadavg()[0]!.toFixed(1)})`);
    for (const [kind, table] of Object.entries(tables)) {
      const w = await time(() => insert(table, `i${r}`, chunks));
      let bad = false;
      const rt = await time(async () => void (bad = (await read(table, `i${r}`, chunks.length, false)) !== bytes));
      const size = (await c.query(`select sum(pg_column_size(data))::bigint as s from ${table} where id = $1`, [`i${r}`])).rows[0].s as string;
      console.log(`  ${kind.padEnd(8)} insert ${mbs(w)}   read ${mbs(rt)}   stored ${(Number(size) / 1048576).toFixed(0)} MiB${bad ? ' WRONG' : ''}`);
      if (copyFrom) {
        const cw = await time(() => copy(table, `c${r}`, chunks));
        console.log(`  ${kind.padEnd(8)} copy   ${mbs(cw)}`);
      }
    }
    let zipped: Buffer[] = [];
    const z = await time(async () => void (zipped = await deflated(chunks)));
    const zbytes = zipped.reduce((n, b) => n + b.length, 0);
    for (const [kind, table] of Object.entries(tables)) {
      if (kind === 'lz4') continue;
      const w = await time(() => insert(table, `z${r}`, zipped));
      let got = 0;
      const rb = await time(async () => void (got = await read(table, `z${r}`, chunks.length, true)));
      console.log(`  zlib1/${kind.padEnd(8)} deflate ${mbs(z)} (${(zbytes / 1048576).toFixed(0)} MiB)   insert ${mbs(w)}   read + inflate ${mbs(rb)}${got !== bytes ? ' WRONG' : ''}`);
    }
    for (const t of Object.values(tables)) await c.query(`truncate ${t}`);
  }
} finally {
  await c.query(`drop schema ${schema} cascade`);
  await c.end();
}

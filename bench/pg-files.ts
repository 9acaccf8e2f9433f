/**
 * Uploads and reports in PostgreSQL: chunked bytea (rows of 1 MiB, what src/server/audit-files.ts
 * does) against large objects (lo_put / lo_get by 1 MiB), writing then reading back a 100 MiB file.
 *   BENCH_DATABASE_URL=postgres://… npx tsx bench/pg-files.ts [MiB]
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const MIB = Number(process.argv[2] ?? 100);
const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('BENCH_DATABASE_URL=postgres://… manquant');
const chunk = randomBytes(1 << 20);
const c = new pg.Client({ connectionString: url });
await c.connect();
const schema = `bench_${randomBytes(4).toString('hex')}`;
await c.query(`create schema ${schema}`);
await c.query(`create table ${schema}.files (id text, seq integer, data bytea, primary key (id, seq))`);

async function time(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

try {
  const byteaWrite = await time(async () => {
    await c.query('begin');
    for (let i = 0; i < MIB; i++) await c.query(`insert into ${schema}.files values ('a', $1, $2)`, [i, chunk]);
    await c.query('commit');
  });
  let read = 0;
  const byteaRead = await time(async () => {
    for (let i = 0; i < MIB; i++) read += ((await c.query(`select data from ${schema}.files where id = 'a' and seq = $1`, [i])).rows[0].data as Buffer).length;
  });
  let oid = 0;
  const loWrite = await time(async () => {
    await c.query('begin');
    oid = (await c.query('select lo_create(0) as oid')).rows[0].oid as number;
    for (let i = 0; i < MIB; i++) await c.query('select lo_put($1, $2, $3)', [oid, i * chunk.length, chunk]);
    await c.query('commit');
  });
  let loRead = 0;
  const loReadMs = await time(async () => {
    for (let i = 0; i < MIB; i++) loRead += ((await c.query('select lo_get($1, $2, $3) as data', [oid, i * chunk.length, chunk.length])).rows[0].data as Buffer).length;
  });
  await c.query('select lo_unlink($1)', [oid]);
  const mbs = (ms: number) => `${((MIB * 1000) / ms).toFixed(0)} Mio/s`;
  console.log(`PostgreSQL files: ${MIB} MiB, chunks of 1 MiB (read back ${read === loRead && read === MIB << 20 ? 'intact' : 'WRONG'})`);
  console.log(`  bytea rows      write ${byteaWrite.toFixed(0)} ms (${mbs(byteaWrite)})  read ${byteaRead.toFixed(0)} ms (${mbs(byteaRead)})`);
  console.log(`  large object    write ${loWrite.toFixed(0)} ms (${mbs(loWrite)})  read ${loReadMs.toFixed(0)} ms (${mbs(loReadMs)})`);
} finally {
  await c.query(`drop schema ${schema} cascade`);
  await c.end();
}

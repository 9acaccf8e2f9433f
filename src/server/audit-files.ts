/**
 * Where an audit's upload and reports live. SQLite (one process): files under the data folder,
 * `<dataDir>/audits/<id>/input` and `reports/report.<format>`. PostgreSQL (several stateless
 * instances): rows of `audit_files`, 1 MiB chunks compressed (brotli, quality 0) in bytea, so that
 * instances share nothing but the database; their data folder only holds the scratch copies of running audits.
 *
 * Reports appear all at once, with the audit's `done`: renamed into place on disk, or written in
 * the transaction that marks the audit done in the database. Nothing half-written is ever served.
 */
import { closeSync, createReadStream, createWriteStream, existsSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { promisify } from 'node:util';
import { brotliCompress, brotliDecompress, constants, inflateRaw } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { REPORT_DATA } from '../service/report-data.js';
import type { REPORT_FINDINGS } from '../service/derived-report.js';

export const REPORT_FORMATS = ['json', 'ndjson', 'csv', 'html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
/** What is stored as `report.<name>`: the reports, the audit's kept findings, and the data of the reports for people. */
export type StoredName = ReportFormat | typeof REPORT_DATA | typeof REPORT_FINDINGS;

type Db = Kysely<Database>;

const inflate = promisify(inflateRaw);
const unbrotli = promisify(brotliDecompress);
const brotli = promisify(brotliCompress);

/** How new chunks are compressed (the `codec` of their row). */
const CODEC = 'br';

/**
 * A chunk compressed by brotli at quality 0, window 256 KiB: on a staff list, 470 MB/s for a ratio
 * of 4.9, where zlib level 1 (stored before) gives 200 MB/s and 5.5 (docs/performance.md).
 */
function compress(block: Buffer): Promise<Buffer> {
  return brotli(block, { params: { [constants.BROTLI_PARAM_QUALITY]: 0, [constants.BROTLI_PARAM_LGWIN]: 18, [constants.BROTLI_PARAM_SIZE_HINT]: block.length } });
}

/** A stored chunk's bytes as they were: brotli, zlib's raw deflate (chunks stored before), or as is. */
function decompress(row: { data: Buffer; inflated_size: number | null; codec: string | null }): Buffer | Promise<Buffer> {
  if (row.inflated_size === null) return row.data;
  return row.codec === CODEC ? unbrotli(row.data) : inflate(row.data);
}

/** A stored report, ready to stream. */
export interface StoredReport {
  size: number;
  stream: Readable;
}

/** An upload being received: its bytes written to `path` as they arrive. */
export interface Receiving {
  stream: Writable;
  /** Removes what was received (the upload refused). */
  discard(): void;
}

export interface AuditFiles {
  /** Where an upload to be kept at `path` is written as it arrives. */
  receive(path: string): Receiving;
  /** Keeps the upload at `path` (moved or copied, then removed) as audit `id`'s, in `db` (the transaction inserting the audit). */
  saveInput(db: Db, id: string, path: string): Promise<void>;
  hasInput(id: string): Promise<boolean>;
  /** A local path of the upload, copied into `scratch` when it lives in the database; undefined when gone. */
  localInput(id: string, scratch: string): Promise<string | undefined>;
  /**
   * Publishes the reports written in `dir` and calls `finish` (which marks the audit done), as
   * one step: when `finish` answers false (the audit was cancelled meanwhile), nothing is kept.
   */
  publish(id: string, dir: string, finish: (db: Db) => Promise<boolean>): Promise<boolean>;
  report(id: string, format: StoredName): Promise<StoredReport | undefined>;
  /**
   * Keeps the finished file at `path` as the report `format` of a published audit (made after its
   * `done`), when the audit is still the run that finished at `finishedAt`: a report made from one
   * run is never kept for the next (the audit run again meanwhile, or deleted).
   */
  keep(id: string, format: ReportFormat, path: string, finishedAt: string | null): Promise<void>;
  /** Removes the audit's files (its row is deleted by the caller). */
  remove(id: string): Promise<void>;
}

export function auditDir(dataDir: string, id: string): string {
  return join(dataDir, 'audits', id);
}

/** The upload and reports on the local disk (the SQLite default). */
export class DiskFiles implements AuditFiles {
  constructor(
    private readonly db: Db,
    private readonly dataDir: string,
  ) {}

  private input(id: string): string {
    return join(auditDir(this.dataDir, id), 'input');
  }

  receive(path: string): Receiving {
    return { stream: createWriteStream(path), discard: () => rmSync(path, { force: true }) };
  }

  saveInput(_db: Db, id: string, path: string): Promise<void> {
    mkdirSync(auditDir(this.dataDir, id), { recursive: true });
    renameSync(path, this.input(id));
    return Promise.resolve();
  }

  hasInput(id: string): Promise<boolean> {
    return Promise.resolve(existsSync(this.input(id)));
  }

  localInput(id: string): Promise<string | undefined> {
    const path = this.input(id);
    return Promise.resolve(existsSync(path) ? path : undefined);
  }

  async publish(id: string, dir: string, finish: (db: Db) => Promise<boolean>): Promise<boolean> {
    const reports = join(auditDir(this.dataDir, id), 'reports');
    rmSync(reports, { recursive: true, force: true });
    renameSync(dir, reports);
    const ok = await finish(this.db).catch((e: unknown) => {
      rmSync(reports, { recursive: true, force: true });
      throw e;
    });
    if (!ok) rmSync(reports, { recursive: true, force: true });
    return ok;
  }

  report(id: string, format: StoredName): Promise<StoredReport | undefined> {
    const path = join(auditDir(this.dataDir, id), 'reports', `report.${format}`);
    if (!existsSync(path)) return Promise.resolve(undefined);
    return Promise.resolve({ size: statSync(path).size, stream: createReadStream(path) });
  }

  async keep(id: string, format: ReportFormat, path: string, finishedAt: string | null): Promise<void> {
    const reports = join(auditDir(this.dataDir, id), 'reports');
    // A rerun's publishing replaces the whole folder: what is renamed in after this check goes with it.
    if (existsSync(reports) && (await sameRun(this.db, id, finishedAt))) renameSync(path, join(reports, `report.${format}`));
  }

  remove(id: string): Promise<void> {
    rmSync(auditDir(this.dataDir, id), { recursive: true, force: true });
    return Promise.resolve();
  }
}

/** Chunks of 1 MiB: memory stays bounded whatever the file's size, and a row stays small. */
export const CHUNK_BYTES = 1 << 20;

/** An upload kept by the instance that received it longer than this was run elsewhere: removed. */
const KEPT_UPLOAD_MS = 3_600_000;

/**
 * The upload and reports as rows of the database (PostgreSQL: instances share no disk). The
 * instance that receives an upload also keeps it in `<dataDir>/uploaded/` (when given a data
 * folder): when it runs the audit itself, as it mostly does, the run takes that copy instead of
 * reading the file back from the database. Those left are removed after an hour, and at start-up.
 */
export class DatabaseFiles implements AuditFiles {
  private readonly uploaded: string | undefined;

  constructor(
    private readonly db: Db,
    dataDir?: string,
  ) {
    this.uploaded = dataDir === undefined ? undefined : join(dataDir, 'uploaded');
  }

  /** Uploads being received here, compressed meanwhile: what `saveInput` then inserts as it is. */
  private readonly receiving = new Map<string, CompressingFile>();

  receive(path: string): Receiving {
    const file = new CompressingFile(path);
    this.receiving.set(path, file);
    return {
      stream: file,
      discard: () => {
        this.receiving.delete(path);
        file.destroy();
        file.remove();
      },
    };
  }

  async saveInput(db: Db, id: string, path: string): Promise<void> {
    const received = this.receiving.get(path);
    this.receiving.delete(path);
    try {
      if (received?.complete) await insertChunks(db, id, 'input', receivedBlocks(received));
      else await insertFile(db, id, 'input', path);
    } finally {
      received?.remove(false);
    }
    if (!this.uploaded) return rmSync(path, { force: true });
    mkdirSync(this.uploaded, { recursive: true });
    renameSync(path, join(this.uploaded, id));
    // Those another instance ran: nothing else removes them.
    const now = Date.now();
    for (const name of readdirSync(this.uploaded)) {
      const old = join(this.uploaded, name);
      if (now - (statSync(old, { throwIfNoEntry: false })?.mtimeMs ?? now) > KEPT_UPLOAD_MS) rmSync(old, { force: true });
    }
  }

  async hasInput(id: string): Promise<boolean> {
    return (await this.db.selectFrom('audit_files').select('seq').where('audit_id', '=', id).where('name', '=', 'input').limit(1).executeTakeFirst()) !== undefined;
  }

  async localInput(id: string, scratch: string): Promise<string | undefined> {
    const path = join(scratch, 'input');
    if (this.uploaded) {
      try {
        // Taken, not copied: it goes with the scratch folder; a rerun reads the database.
        renameSync(join(this.uploaded, id), path);
        return path;
      } catch {
        // Received by another instance, or already run here.
      }
    }
    const fd = openSync(path, 'w');
    let chunks = 0;
    try {
      for await (const data of chunksOf(this.db, id, 'input')) {
        writeSync(fd, data);
        chunks++;
      }
    } finally {
      closeSync(fd);
    }
    return chunks > 0 ? path : undefined;
  }

  async publish(id: string, dir: string, finish: (db: Db) => Promise<boolean>): Promise<boolean> {
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('audit_files').where('audit_id', '=', id).where('name', '<>', 'input').execute();
        for (const name of readdirSync(dir)) if (name.startsWith('report.')) await insertFile(trx, id, name, join(dir, name));
        if (!(await finish(trx))) throw new NotOurs();
      });
      return true;
    } catch (e) {
      if (e instanceof NotOurs) return false;
      throw e;
    }
  }

  async report(id: string, format: StoredName): Promise<StoredReport | undefined> {
    const name = `report.${format}`;
    const r = await this.db
      .selectFrom('audit_files')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum<string>(sql`coalesce(inflated_size, octet_length(data))`).as('size')])
      .where('audit_id', '=', id)
      .where('name', '=', name)
      .executeTakeFirst();
    if (!r || Number(r.n) === 0) return undefined;
    return { size: Number(r.size), stream: Readable.from(chunksOf(this.db, id, name)) };
  }

  async keep(id: string, format: ReportFormat, path: string, finishedAt: string | null): Promise<void> {
    // Two instances making the same report at once write the same chunks: the second adds nothing.
    // A rerun queued after this check publishes its reports later, deleting these first.
    await this.db.transaction().execute(async (trx) => {
      if (await sameRun(trx, id, finishedAt)) await insertFile(trx, id, `report.${format}`, path, true);
    });
    rmSync(path, { force: true });
  }

  async remove(id: string): Promise<void> {
    if (this.uploaded) rmSync(join(this.uploaded, id), { force: true });
    await this.db.deleteFrom('audit_files').where('audit_id', '=', id).execute();
  }
}

class NotOurs extends Error {}

/** Whether audit `id` is still done, by the run that finished at `finishedAt` (a rerun clears it). */
async function sameRun(db: Db, id: string, finishedAt: string | null): Promise<boolean> {
  if (finishedAt === null) return false;
  const row = await db.selectFrom('audits').select('id').where('id', '=', id).where('status', '=', 'done').where('finished_at', '=', finishedAt).executeTakeFirst();
  return row !== undefined;
}

/** Chunks compressed at once in libuv's threadpool while the previous ones are written. */
const AHEAD = 4;

/** A stored chunk: its compressed bytes and its size once decompressed. */
interface Chunk {
  data: Buffer;
  size: number;
}

/** Inserts `chunks` in order as the chunks of `name`; `unlessThere` leaves those already stored. */
async function insertChunks(db: Db, id: string, name: string, chunks: AsyncIterable<Chunk>, unlessThere = false): Promise<void> {
  let seq = 0;
  for await (const { data, size } of chunks) {
    const insert = db.insertInto('audit_files').values({ audit_id: id, name, seq: seq++, data, inflated_size: size, codec: CODEC });
    await (unlessThere ? insert.onConflict((oc) => oc.doNothing()) : insert).execute();
  }
}

/**
 * Stores the file at `path` as chunks of `name`, each compressed (in the threadpool, several at
 * once): staff lists shrink to a fifth, kept findings to a tenth, and writing them costs a small
 * part of what it did with PostgreSQL's own compression (docs/performance.md).
 */
function insertFile(db: Db, id: string, name: string, path: string, unlessThere = false): Promise<void> {
  return insertChunks(db, id, name, compressedBlocks(path), unlessThere);
}

/** The file at `path` in 1 MiB blocks, each compressed while the previous ones are stored. */
async function* compressedBlocks(path: string): AsyncGenerator<Chunk> {
  const fd = openSync(path, 'r');
  const pending: { size: number; data: Promise<Buffer> }[] = [];
  try {
    let ended = false;
    for (;;) {
      while (!ended && pending.length < AHEAD) {
        const block = Buffer.allocUnsafe(CHUNK_BYTES);
        const n = readSync(fd, block);
        if (n <= 0) ended = true;
        else pending.push({ size: n, data: compress(block.subarray(0, n)) });
      }
      const next = pending.shift();
      if (!next) return;
      yield { data: await next.data, size: next.size };
    }
  } finally {
    closeSync(fd);
    // Left by a failed insert: their outcome no longer matters.
    for (const p of pending) p.data.catch(() => undefined);
  }
}

/**
 * A file written as it arrives (an upload), and compressed meanwhile the way `insertFile` stores
 * it: 1 MiB blocks compressed in the threadpool while the next ones arrive, appended in order to
 * `<path>.z`. The upload's time on the network pays for the compression that storing it in the
 * database would have added after (a 94 MB staff list: 0.2 s of brotli, docs/performance.md).
 * A few blocks in memory at most; a slow compression holds the upload back.
 */
class CompressingFile extends Writable {
  private fd: number | undefined;
  private zfd: number | undefined;
  private block = Buffer.allocUnsafe(CHUNK_BYTES);
  private filled = 0;
  /** The blocks compressed and written to `<path>.z`, in order. */
  private written: Promise<void> = Promise.resolve();
  private inFlight = 0;
  readonly chunks: { size: number; compressed: number }[] = [];
  complete = false;

  /** Both files are created at once: a refusal right after (`remove`) finds them. */
  constructor(readonly path: string) {
    super({ highWaterMark: CHUNK_BYTES });
    this.fd = openSync(path, 'w');
    try {
      this.zfd = openSync(this.compressedPath, 'w');
    } catch (e) {
      this.close();
      throw e;
    }
  }

  get compressedPath(): string {
    return `${this.path}.z`;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (e?: Error | null) => void): void {
    try {
      for (let at = 0; at < chunk.length; ) at += writeSync(this.fd!, chunk, at);
      for (let at = 0; at < chunk.length; ) {
        const n = chunk.copy(this.block, this.filled, at);
        this.filled += n;
        at += n;
        if (this.filled === CHUNK_BYTES) this.compressBlock();
      }
    } catch (e) {
      return done(e as Error);
    }
    // Held back while too many blocks wait for the threadpool.
    if (this.inFlight < AHEAD) done();
    else this.written.then(() => done(), done);
  }

  override _final(done: (e?: Error | null) => void): void {
    if (this.filled > 0) this.compressBlock();
    this.written.then(() => {
      this.complete = true;
      this.close();
      done();
    }, done);
  }

  override _destroy(error: Error | null, done: (e?: Error | null) => void): void {
    this.close();
    // Blocks still being compressed: their outcome no longer matters.
    this.written.catch(() => undefined);
    done(error);
  }

  private compressBlock(): void {
    const raw = this.block.subarray(0, this.filled);
    this.block = Buffer.allocUnsafe(CHUNK_BYTES);
    this.filled = 0;
    this.inFlight++;
    const compressed = compress(raw);
    compressed.catch(() => undefined);
    this.written = this.written.then(async () => {
      const data = await compressed;
      this.inFlight--;
      for (let at = 0; at < data.length; ) at += writeSync(this.zfd!, data, at);
      this.chunks.push({ size: raw.length, compressed: data.length });
    });
  }

  private close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    if (this.zfd !== undefined) closeSync(this.zfd);
    this.fd = this.zfd = undefined;
  }

  /** Removes the compressed copy (and the file itself with `all`). */
  remove(all = true): void {
    rmSync(this.compressedPath, { force: true });
    if (all) rmSync(this.path, { force: true });
  }
}

/** The blocks `file` compressed while it was received, read back from its compressed copy. */
async function* receivedBlocks(file: CompressingFile): AsyncGenerator<Chunk> {
  const fd = openSync(file.compressedPath, 'r');
  try {
    for (const chunk of file.chunks) {
      const data = Buffer.allocUnsafe(chunk.compressed);
      for (let at = 0; at < data.length; ) {
        const n = readSync(fd, data, at, data.length - at, null);
        if (n <= 0) throw new Error(`copie compressée de l’envoi incomplète (${file.compressedPath})`);
        at += n;
      }
      yield { data, size: chunk.size };
    }
  } finally {
    closeSync(fd);
  }
}

/** The chunks of a stored file, one query each (the next fetched while one is decompressed): a few chunks in memory at a time. */
async function* chunksOf(db: Db, id: string, name: string): AsyncGenerator<Buffer> {
  const fetch = (seq: number) => db.selectFrom('audit_files').select(['data', 'inflated_size', 'codec']).where('audit_id', '=', id).where('name', '=', name).where('seq', '=', seq).executeTakeFirst();
  let next = fetch(0);
  for (let seq = 0; ; seq++) {
    const row = await next;
    if (!row) return;
    next = fetch(seq + 1);
    // Not awaited yet: a consumer that stops here leaves no rejection unhandled.
    next.catch(() => undefined);
    yield await decompress(row);
  }
}

/**
 * DSN files as a staff list (a RosterSource): one monthly DSN, several (a year of them), or a zip
 * of them. Every file is read to its end and checked before the first row is given to the
 * audit, so that a broken file stops everything with its message, never a report of half of it.
 * What is kept is small (per individu: its contracts and pay of the month), so memory follows
 * the staff, not the size of the files.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { InputError } from '../../model/input-error.js';
import { ArrayBatch, utf8FromBytes, type RowBatch } from '../cells.js';
import type { RosterSource } from '../read.js';
import { EnvoiReader, type IndividuRecord } from './declaration.js';
import { DSN_HEADERS, dsnRows } from './rows.js';
import { openZip, readWhole, ZIP_LIMITS, type ZipLimits } from './zip.js';

/** The first record of every DSN (CT2025.1, p. 128): what tells a DSN from any other text. */
const FIRST_RECORD = "S10.G00.00.001,'";

export function looksLikeDsn(head: Buffer): boolean {
  const start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  return head.toString('latin1', start, start + FIRST_RECORD.length) === FIRST_RECORD;
}

/** A file whose first line is a DSN record, if not the first one: read as a DSN, to be told what is wrong with it. */
export function looksLikeDsnRecord(head: Buffer): boolean {
  return looksLikeDsn(head) || /^(?:\uFEFF|\u00EF\u00BB\u00BF)?S\d{2}\.G\d{2}\.\d{2}\.\d{3},'/.test(head.toString('latin1', 0, 40));
}

/**
 * Values are Latin-1 (p. 78), read byte for byte; a file whose bytes are valid UTF-8 with
 * accents was written in UTF-8 by its software, and is decoded so.
 */
function decoderFor(head: Buffer): { encoding: string; decode: (raw: string) => string } {
  let ascii = true;
  for (const b of head) if (b >= 0x80) ascii = false;
  if (ascii) return { encoding: 'iso-8859-1', decode: (s) => s };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, lastWholeCharacter(head)));
    return { encoding: 'utf-8', decode: utf8FromBytes };
  } catch {
    return { encoding: 'iso-8859-1', decode: (s) => s };
  }
}

function lastWholeCharacter(b: Buffer): number {
  const end = b.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const c = b[end - i]!;
    if ((c & 0xc0) === 0xc0) return end - i;
    if ((c & 0x80) === 0) break;
  }
  return end;
}

/** Cuts text chunks into lines (LF or CR-LF) for the reader. */
class LineSplitter {
  private rest = '';
  constructor(private readonly reader: EnvoiReader) {}
  push(chunk: string): void {
    const reader = this.reader;
    let from = 0;
    if (this.rest !== '') {
      // The line cut by the end of the previous chunk, mended on its own: the chunk itself stays
      // the flat string it was decoded as (a concatenation would make every later search slower).
      const nl = chunk.indexOf('\n');
      if (nl < 0) {
        this.rest += chunk;
        if (this.rest.length > 4096) reader.line(this.rest);
        return;
      }
      const line = this.rest + chunk.slice(0, nl);
      reader.line(line, 0, line.endsWith('\r') ? line.length - 1 : line.length);
      from = nl + 1;
    }
    for (let nl = chunk.indexOf('\n', from); nl >= 0; nl = chunk.indexOf('\n', from)) {
      reader.line(chunk, from, nl > from && chunk.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
      from = nl + 1;
    }
    this.rest = chunk.slice(from);
    // A "line" that never ends is no DSN record: the reader refuses it at its length.
    if (this.rest.length > 4096) reader.line(this.rest);
  }
  end(): void {
    if (this.rest !== '') this.reader.line(this.rest.endsWith('\r') ? this.rest.slice(0, -1) : this.rest);
    this.rest = '';
  }
}

interface Read {
  individus: IndividuRecord[];
  encoding: string;
  bytes: number;
}

async function readDsnFile(path: string, name: string, order: number, onBytes: (n: number) => void): Promise<Read> {
  const stream = createReadStream(path, { highWaterMark: 256 << 10 });
  let reader: EnvoiReader | undefined;
  let splitter: LineSplitter | undefined;
  let encoding = 'iso-8859-1';
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (!reader) {
        const d = decoderFor(chunk.subarray(0, 64 << 10));
        encoding = d.encoding;
        reader = new EnvoiReader(name, order, d.decode);
        splitter = new LineSplitter(reader);
        // A byte-order mark is no part of the first record.
        if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
          splitter.push(chunk.toString('latin1', 3));
          bytes += chunk.length;
          onBytes(chunk.length);
          continue;
        }
      }
      splitter!.push(chunk.toString('latin1'));
      bytes += chunk.length;
      onBytes(chunk.length);
    }
  } finally {
    stream.destroy();
  }
  if (!reader) throw new InputError(`DSN « ${name} » : le fichier est vide.`, 'invalid');
  splitter!.end();
  reader.end();
  return { individus: reader.individus, encoding, bytes };
}

function readDsnBytes(bytes: Buffer, name: string, order: number): Read {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const d = decoderFor(bytes.subarray(0, 64 << 10));
  const reader = new EnvoiReader(name, order, d.decode);
  const splitter = new LineSplitter(reader);
  // By slices: a string of the whole entry would double its memory for nothing.
  for (let at = bom; at < bytes.length; at += 1 << 20) splitter.push(bytes.toString('latin1', at, Math.min(bytes.length, at + (1 << 20))));
  splitter.end();
  reader.end();
  return { individus: reader.individus, encoding: d.encoding, bytes: bytes.length };
}

/** One input: a DSN file, or a zip of DSN files (entries read one at a time, each bounded). */
async function readInput(path: string, order: () => number, onBytes: (n: number) => void, limits: ZipLimits): Promise<Read[]> {
  const name = basename(path);
  const head = Buffer.alloc(4);
  const { open } = await import('node:fs/promises');
  const handle = await open(path, 'r').catch(() => {
    throw new InputError(`Fichier introuvable ou illisible : « ${path} ».`, 'invalid');
  });
  try {
    await handle.read(head, 0, 4, 0);
  } finally {
    await handle.close();
  }
  if (!head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return [await readDsnFile(path, name, order(), onBytes)];
  const zip = await openZip(path, name, limits);
  try {
    const files = zip.names().filter((f) => !f.startsWith('__MACOSX/') && !basename(f).startsWith('.'));
    if (files.length === 0) throw new InputError(`L'archive « ${name} » ne contient aucun fichier.`, 'invalid');
    const reads: Read[] = [];
    let budget = limits.maxTotalBytes;
    for (const file of files.sort((a, b) => a.localeCompare(b))) {
      const bytes = await readWhole(zip, file, budget, limits);
      budget -= bytes.length;
      if (!looksLikeDsn(bytes.subarray(0, 32))) throw new InputError(`L'archive « ${name} » n'est ni un classeur Excel (pas de classeur : xl/workbook.xml manque) ni une archive de DSN : elle contient « ${file} », qui n'est pas une DSN (sa première ligne doit être S10.G00.00.001,'…').`, 'invalid');
      reads.push(readDsnBytes(bytes, `${name} › ${file}`, order()));
      onBytes(zip.compressedSize(file));
    }
    return reads;
  } finally {
    zip.close();
  }
}

/** Whether a zip holds a workbook (XLSX) rather than DSN files; an unreadable zip is left to the workbook reader's message. */
export async function zipIsWorkbook(path: string): Promise<boolean> {
  // Any number of entries here: the limits apply when a DSN archive is read, with their own message.
  const zip = await openZip(path, basename(path), { ...ZIP_LIMITS, maxEntries: Number.MAX_SAFE_INTEGER }).catch(() => undefined);
  if (!zip) return true;
  try {
    return zip.has('[Content_Types].xml');
  } finally {
    zip.close();
  }
}

const BATCH = 1000;

/** DSN files (or zips of them) as one staff list: every file read and checked before the first row. */
export async function openDsn(paths: readonly string[], limits: ZipLimits = ZIP_LIMITS): Promise<RosterSource> {
  const { stat } = await import('node:fs/promises');
  let total = 0;
  for (const p of paths) total += (await stat(p).catch(() => ({ size: 0 }))).size;
  let done = 0;
  let order = 0;
  const reads: Read[] = [];
  for (const p of paths) reads.push(...(await readInput(p, () => order++, (n) => (done += n), limits)));
  const rows = dsnRows(reads.flatMap((r) => r.individus));
  const encodings = [...new Set(reads.map((r) => r.encoding))];
  async function* batches(): AsyncGenerator<RowBatch> {
    for (let i = 0; i < rows.length; i += BATCH) yield new ArrayBatch(rows.slice(i, i + BATCH));
  }
  return { format: 'dsn', encoding: encodings.join(', '), headers: [...DSN_HEADERS], rows: batches(), progress: () => ({ done: Math.max(done, total), total }) };
}

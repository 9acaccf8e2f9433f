/**
 * Reads a staff list as rows of text cells, streaming, whatever Excel or a payroll export made of
 * it: CSV with `;`, `,` or tabs, UTF-8 with or without BOM, UTF-16, or Windows-1252; XLSX.
 * Memory stays bounded: CSV is cut into blocks of whole records (quotes respected) that
 * papaparse parses one at a time; a record longer than MAX_RECORD is reported and skipped.
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { InputError } from '../model/input-error.js';
import { fr, MAX_COLUMNS } from './limits.js';
import { ArrayBatch, PlainTextBatch, utf8FromBytes, win1252FromBytes, type ArrayRow, type RowBatch } from './cells.js';
import { findHeaderRow, HEADER_SEARCH_ROWS, type ColumnMapping } from './columns.js';

export interface RosterSource {
  format: 'csv' | 'xlsx' | 'dsn';
  encoding: string;
  delimiter?: string;
  headers: string[];
  /** Line of the header row (1 when the file starts with it; title lines may come before). */
  headerLine?: number;
  /** Rows in batches (one per block read), so that per-row work stays synchronous. */
  rows: AsyncIterable<RowBatch>;
  /** Bytes read so far and in all, for progress. */
  progress(): { done: number; total: number };
}

/** A record longer than this is not staff data (a binary file, a missing quote). */
export const MAX_RECORD = 1 << 20;
const SNIFF = 64 * 1024;
/**
 * Reads of 256 KiB: large enough that batches cost little, small enough that the blocks of text
 * V8 keeps in its old generation until a full collection stay few (megabyte reads: +100 MB of
 * peak memory on two threads, for no gain of time).
 */
const READ_CHUNK = 256 << 10;

async function head(path: string, size: number): Promise<{ bytes: Buffer; total: number }> {
  const handle = await open(path, 'r').catch(() => {
    throw new InputError(`Fichier introuvable ou illisible : « ${path} ».`, 'invalid');
  });
  try {
    const { size: total } = await handle.stat();
    const bytes = Buffer.alloc(Math.min(size, total));
    await handle.read(bytes, 0, bytes.length, 0);
    return { bytes, total };
  } finally {
    await handle.close();
  }
}

/** UTF-8 when the sample decodes as UTF-8 (an incomplete last character aside), else Windows-1252. */
export function detectEncoding(sample: Buffer): 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' {
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  let end = sample.length;
  // Drop a character cut by the end of the sample.
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = sample[end - i]!;
    if ((b & 0xc0) === 0xc0) {
      end -= i;
      break;
    }
    if ((b & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** The delimiter that splits the header line into the most cells. */
export function sniffDelimiter(firstLine: string): string {
  const counts = [';', ',', '\t', '|'].map((d) => ({ d, n: Papa.parse<string[]>(firstLine, { delimiter: d }).data[0]?.length ?? 0 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.n > 1 ? counts[0]!.d : ';';
}

function looksBinary(sample: Buffer, encoding: string): boolean {
  if (encoding.startsWith('utf-16')) return false;
  let controls = 0;
  for (const b of sample.subarray(0, 8192)) if (b === 0 || (b < 9 && b !== 0)) controls++;
  return controls > 0;
}

export interface OpenOptions {
  /** The user's choices for headers the synonyms do not know: they also help find the header row. */
  mapping?: ColumnMapping;
}

export async function openRoster(path: string, options: OpenOptions = {}): Promise<RosterSource> {
  const { bytes, total } = await head(path, SNIFF);
  if (total === 0 || bytes.toString('utf8').trim() === '') {
    throw new InputError(`Le fichier « ${path} » est vide : il faut une ligne d'en-têtes puis une ligne par salarié (voir le modèle de fichier : « Télécharger un modèle » sur la page « Audit du personnel », ou classif audit --template).`, 'invalid');
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    // A zip is a workbook, or DSN files (a year of them) zipped together.
    const dsn = await import('./dsn/source.js');
    if (!(await dsn.zipIsWorkbook(path))) return dsn.openDsn([path]);
    const { openXlsx } = await import('./xlsx.js');
    return openXlsx(path, total, options.mapping);
  }
  // A DSN is told by its first record, whatever the file's extension (.dsn, .txt, .edi).
  const dsn = await import('./dsn/source.js');
  if (dsn.looksLikeDsnRecord(bytes)) return dsn.openDsn([path]);
  const encoding = detectEncoding(bytes);
  if (looksBinary(bytes, encoding)) {
    throw new InputError(`Le fichier « ${path} » n'est pas un fichier texte (CSV) ni un classeur Excel (XLSX) : il contient des données binaires.`, 'invalid');
  }
  return openCsv(path, total, encoding, headerIndex(bytes, encoding, options.mapping));
}

/** Which record of the sample is the header row (title and period lines may come first). */
function headerIndex(sample: Buffer, encoding: string, mapping: ColumnMapping | undefined): number {
  const text = iconv.decode(sample, encoding).replace(/^\uFEFF/, '');
  const rows = text
    .split(/\r?\n/, HEADER_SEARCH_ROWS)
    .map((line) => Papa.parse<string[]>(line, { delimiter: sniffDelimiter(line) }).data[0] ?? []);
  return findHeaderRow(rows, mapping);
}

/**
 * How a CSV's text is held while it is read. UTF-8 and Windows-1252 files are read byte for byte
 * (each byte one character, as Latin-1): ten times cheaper than decoding a million rows, and
 * delimiters, quotes, digits and dates are ASCII in both. A cell is decoded only when its text
 * is used (a cache miss, a matricule with an accent, a value quoted in a message). UTF-16 is
 * decoded as it streams.
 */
interface TextForm {
  chunks(raw: AsyncIterable<Buffer>): AsyncIterable<string>;
  /** From bytes-as-characters to text; absent when the chunks are text already. */
  decode?: (raw: string) => string;
}

function textForm(encoding: string): TextForm {
  if (encoding === 'utf-8') return { chunks: asBytes, decode: utf8FromBytes };
  if (encoding === 'windows-1252') return { chunks: asBytes, decode: win1252FromBytes };
  return { chunks: (raw) => (raw as ReturnType<typeof createReadStream>).pipe(iconv.decodeStream(encoding)) as AsyncIterable<string> };
}

async function* asBytes(stream: AsyncIterable<Buffer>): AsyncGenerator<string> {
  for await (const chunk of stream) yield chunk.toString('latin1');
}

async function openCsv(path: string, total: number, encoding: ReturnType<typeof detectEncoding>, headerAt: number): Promise<RosterSource> {
  let done = 0;
  const raw = createReadStream(path, { highWaterMark: READ_CHUNK });
  raw.on('data', (b) => (done += b.length));
  const form = textForm(encoding);
  const records = recordBlocks(form.chunks(raw), headerAt + 1);
  // The header is the last record of the first block (title lines before it are left out).
  const first = await records.next();
  if (first.done || first.value.kind !== 'records') {
    raw.destroy();
    throw new InputError(`Le fichier « ${path} » n'est pas une liste du personnel : sa première ligne est ${first.done ? 'absente' : `trop longue (plus de ${MAX_RECORD / 1024} Kio)`}.`, 'invalid');
  }
  const headerText = (form.decode ? form.decode(first.value.text) : first.value.text).replace(/^\uFEFF/, '');
  const headerLine = (headerText.split(/\r?\n/)[headerAt] ?? '').replace(/\r$/, '');
  const delimiter = sniffDelimiter(headerLine);
  const headers = (Papa.parse<string[]>(headerLine, { delimiter }).data[0] ?? []).map((h) => h.trim());
  if (headers.length > MAX_COLUMNS) {
    raw.destroy();
    throw new InputError(
      `Le fichier « ${path} » est refusé : sa ligne d'en-têtes compte ${fr(headers.length)} colonnes, au-delà de la limite de ${fr(MAX_COLUMNS)} (séparateur lu : « ${delimiter === '\t' ? 'tabulation' : delimiter} »). Gardez les colonnes utiles à l'audit (voir le modèle de fichier : « Télécharger un modèle » sur la page « Audit du personnel », ou classif audit --template) ou découpez le fichier.`,
      'invalid',
    );
  }
  return { format: 'csv', encoding, delimiter, headers, headerLine: headerAt + 1, rows: dataRows(records, delimiter, form.decode, headerAt + 1, () => raw.destroy()), progress: () => ({ done, total }) };
}

/**
 * The data rows of a byte range of a CSV file that starts on a record boundary (for audits
 * split across threads); `firstLine` is the line number of the row before the range. The
 * thread does nothing else meanwhile: the range is read synchronously into one reused buffer,
 * in blocks small enough (112 KiB) for their text to stay out of V8's large-object space —
 * no allocation, page fault or thread-pool round trip per block.
 */
export function csvRange(path: string, start: number, end: number, encoding: string, delimiter: string, firstLine: number): { rows: AsyncIterable<RowBatch>; progress(): number } {
  let done = 0;
  const form = textForm(encoding);
  let fd: number | undefined;
  const close = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  async function* blocks(): AsyncGenerator<string> {
    fd = openSync(path, 'r');
    const buffer = Buffer.allocUnsafe(112 << 10);
    while (start + done < end) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, end - start - done), start + done);
      if (n <= 0) break;
      done += n;
      yield buffer.toString('latin1', 0, n);
    }
  }
  // Only files read byte for byte are cut in two (parallel.ts, canSplit).
  if (!form.decode) throw new Error(`découpage impossible d'un fichier en ${encoding}`);
  return { rows: dataRows(recordBlocks(blocks(), 0), delimiter, form.decode, firstLine, close), progress: () => done };
}

async function* dataRows(records: AsyncGenerator<Block>, delimiter: string, decode: ((raw: string) => string) | undefined, firstLine: number, close: () => void): AsyncGenerator<RowBatch> {
  let line = firstLine;
  try {
    for (let block = await records.next(); !block.done; block = await records.next()) {
      const b = block.value;
      if (b.kind === 'too-long') {
        line++;
        yield new ArrayBatch([{ line, cells: [], error: `ligne de plus de ${MAX_RECORD / 1024} Kio, ignorée (guillemet non fermé ou fichier non tabulaire ?)` }]);
        continue;
      }
      if (b.kind === 'unclosed') {
        line++;
        yield new ArrayBatch([{ line, cells: [], error: `guillemet ouvert et jamais fermé : la suite du fichier (${b.physicalLines} ligne(s)) n'a pas pu être lue` }]);
        continue;
      }
      // Most exports quote nothing: cells are then found where they lie, several times faster.
      if (!b.text.includes('"')) {
        const batch = new PlainTextBatch(b.text, delimiter, line, decode);
        line += batch.lines;
        yield batch;
        continue;
      }
      const rows: ArrayRow[] = [];
      for (const cells of Papa.parse<string[]>(b.text, { delimiter, skipEmptyLines: false }).data) {
        line++;
        // A blank line is no employee; it still counts as a row of the file.
        if (cells.length === 1 && cells[0] === '') continue;
        rows.push({ line, cells });
      }
      yield new ArrayBatch(rows, decode);
    }
  } finally {
    close();
  }
}


type Block = { kind: 'records'; text: string } | { kind: 'too-long' } | { kind: 'unclosed'; physicalLines: number };

/**
 * Cuts a text stream into blocks of whole CSV records: a newline ends a record only outside
 * quotes (quotes toggle; an escaped "" toggles twice). The first block is the `headerRecords`
 * records up to the header row.
 */
async function* recordBlocks(text: AsyncIterable<string>, headerRecords: number): AsyncGenerator<Block> {
  let buffer = '';
  let scanned = 0; // buffer[0, scanned) is scanned; `inQuotes` is the state at `scanned`
  let inQuotes = false;
  let recordStart = 0; // start of the record being read
  let headerDone = headerRecords === 0;
  let headerSeen = 0;
  let skipping = false; // dropping an over-long record up to the next physical line

  for await (const chunk of text) {
    if (skipping) {
      const nl = chunk.indexOf('\n');
      if (nl < 0) continue;
      skipping = false;
      buffer = chunk.slice(nl + 1);
      scanned = recordStart = 0;
      inQuotes = false;
    } else {
      buffer += chunk;
    }
    let lastEnd = -1;
    // Without quotes in sight, records end at newlines: let the engine find the last one.
    if (headerDone && !inQuotes && buffer.indexOf('"', scanned) < 0) {
      lastEnd = buffer.lastIndexOf('\n');
      if (lastEnd >= 0) recordStart = lastEnd + 1;
      scanned = buffer.length;
    }
    for (let i = scanned; i < buffer.length; i++) {
      const c = buffer.charCodeAt(i);
      if (c === 34) inQuotes = !inQuotes;
      else if (c === 10 && !inQuotes) {
        if (!headerDone) {
          if (++headerSeen < headerRecords) continue;
          headerDone = true;
          yield { kind: 'records', text: buffer.slice(0, i) };
          buffer = buffer.slice(i + 1);
          i = -1;
          recordStart = 0;
          continue;
        }
        lastEnd = i;
        recordStart = i + 1;
      }
    }
    if (lastEnd >= 0) {
      yield { kind: 'records', text: buffer.slice(0, lastEnd) };
      buffer = buffer.slice(lastEnd + 1);
      recordStart -= lastEnd + 1;
    }
    scanned = buffer.length;
    if (buffer.length - recordStart > MAX_RECORD) {
      yield { kind: 'too-long' };
      if (!headerDone) return;
      skipping = true;
      buffer = '';
      scanned = recordStart = 0;
      inQuotes = false;
    }
  }
  if (skipping) return;
  const rest = buffer.replace(/\r?\n?$/, '');
  if (inQuotes && headerDone) {
    yield { kind: 'unclosed', physicalLines: rest.split('\n').length };
    return;
  }
  if (rest !== '') yield inQuotes ? { kind: 'too-long' } : { kind: 'records', text: rest };
}

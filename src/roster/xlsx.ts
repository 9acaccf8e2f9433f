/**
 * XLSX staff lists, read where they lie in the zip and streamed: the first sheet of the workbook,
 * its header row (title lines above it are passed over: columns.ts). Cells become the text a CSV export would hold (dates as
 * AAAA-MM-JJ, numbers with a dot). Nothing is inflated to disk; every size is counted, not
 * trusted, and bounded (limits.ts): a hostile file is refused with a French message that says
 * which limit and what to do.
 */
import { InputError } from '../model/input-error.js';
import { ArrayBatch, type ArrayRow, type RowBatch } from './cells.js';
import { takeHeaderRow, type ColumnMapping } from './columns.js';
import { unreadable, XLSX_LIMITS } from './limits.js';
import type { RosterSource } from './read.js';
import { dateStyles, sharedStrings, workbookLayout } from './xlsx-parts.js';
import { sheetRows, type SheetRow } from './xlsx-sheet.js';
import { ZipArchive } from './zip.js';

export async function openXlsx(path: string, total: number, mapping?: ColumnMapping): Promise<RosterSource> {
  // Named by its path, which the server replaces by the name the file was sent under.
  const file = path;
  const zip = await ZipArchive.open(path, file);
  try {
    const layout = await workbookLayout(zip, file);
    // Shared strings and styles are read first, wherever the zip stores them.
    const strings = await sharedStrings(zip, file, layout.sharedStrings);
    const dates = await dateStyles(zip, file, layout.styles);
    let compressed = 0;
    const sheetSize = Math.max(1, zip.compressedSize(layout.sheet));
    const chunks = zip.read(layout.sheet, { bytes: XLSX_LIMITS.totalBytes, label: `les données de la feuille « ${layout.sheetName} »` }, (n) => (compressed = n));
    const rows = sheetRows(chunks, { file, part: layout.sheet, strings, dateStyles: dates, date1904: layout.date1904 });
    const progress = () => ({ done: Math.round((total * Math.min(compressed, sheetSize)) / sheetSize), total });
    return await rosterFromRows(rows, () => zip.close(), progress, `La première feuille du classeur « ${file} »`, file, mapping);
  } catch (e) {
    zip.close();
    throw french(e, file);
  }
}

/** Whatever went wrong reading a workbook, the user reads French, never « Erreur interne ». */
function french(e: unknown, file: string): InputError {
  return e instanceof InputError ? e : unreadable(file, `erreur de lecture (${e instanceof Error ? e.message : String(e)})`);
}

/**
 * A sheet's rows as a staff list: the header row (found below any title lines), then every later
 * non-empty row is an employee. The one place where a sheet's headers are chosen. `close`
 * releases the file however reading ends, even when the rows are never read.
 */
async function rosterFromRows(sheet: AsyncGenerator<SheetRow[]>, close: () => void, progress: RosterSource['progress'], what: string, file: string, mapping?: ColumnMapping): Promise<RosterSource> {
  // Row by row only up to the header row: a few dozen rows at most.
  let pending: SheetRow[] = [];
  const next = async (): Promise<SheetRow | undefined> => {
    while (pending.length === 0) {
      const r = await sheet.next();
      if (r.done) return undefined;
      pending = r.value;
    }
    return pending.shift();
  };
  const head = await takeHeaderRow(next, mapping);
  if (!head) throw new InputError(`${what} est vide.`, 'invalid');
  const nonEmpty = (r: SheetRow) => !r.cells.every((c) => c === '');
  async function* batches(): AsyncGenerator<RowBatch> {
    let batch: ArrayRow[] = [...head!.after, ...pending].filter(nonEmpty);
    for await (const rows of sheet) {
      for (const r of rows) if (nonEmpty(r)) batch.push(r);
      if (batch.length >= 1000) {
        yield new ArrayBatch(batch);
        batch = [];
      }
    }
    if (batch.length) yield new ArrayBatch(batch);
  }
  return { format: 'xlsx', encoding: 'xlsx', headers: head.headers, headerLine: head.headerLine, rows: new ClosingRows(batches(), close, file), progress };
}

/** Rows that release their file when read to the end, stopped, or dropped unread (`return`). */
class ClosingRows implements AsyncIterableIterator<RowBatch> {
  private closed = false;

  constructor(
    private readonly inner: AsyncGenerator<RowBatch>,
    private readonly release: () => void,
    private readonly file: string,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<RowBatch>> {
    try {
      const r = await this.inner.next();
      if (r.done) this.close();
      return r;
    } catch (e) {
      this.close();
      throw french(e, this.file);
    }
  }

  async return(): Promise<IteratorResult<RowBatch>> {
    this.close();
    await this.inner.return(undefined);
    return { done: true, value: undefined };
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.release();
  }
}

/**
 * XLSX staff lists, streamed with exceljs: the first worksheet, its first row as headers. Cells
 * become the text a CSV export would hold (dates as AAAA-MM-JJ, numbers with a dot).
 */
import ExcelJS from 'exceljs';
import { InputError } from '../api/lookup.js';
import { ArrayBatch, type ArrayRow, type RowBatch } from './cells.js';
import { takeHeaderRow, type ColumnMapping } from './columns.js';
import type { RosterSource } from './read.js';

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

export async function openXlsx(path: string, total: number, mapping?: ColumnMapping): Promise<RosterSource> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'ignore' });
  const sheets = reader[Symbol.asyncIterator]();
  let sheet: IteratorResult<ExcelJS.stream.xlsx.WorksheetReader>;
  try {
    sheet = await sheets.next();
  } catch {
    throw new InputError(`Le fichier « ${path} » ressemble à un classeur Excel mais ne peut pas être lu (fichier endommagé ?).`, 'invalid');
  }
  if (sheet.done) throw new InputError(`Le classeur « ${path} » ne contient aucune feuille.`, 'invalid');
  const rows = sheet.value[Symbol.asyncIterator]() as AsyncIterator<ExcelJS.Row>;
  const values = (r: ExcelJS.Row) => (Array.isArray(r.values) ? r.values.slice(1) : []).map((v) => cellText(v as ExcelJS.CellValue).trim());
  // The header row may come after title and period lines.
  const head = await takeHeaderRow(async () => {
    const r = await rows.next();
    return r.done ? undefined : { line: r.value.number, cells: values(r.value) };
  }, mapping);
  if (!head) throw new InputError(`La première feuille du classeur « ${path} » est vide.`, 'invalid');
  const { headers } = head;
  let count = 0;

  async function* data(): AsyncGenerator<RowBatch> {
    let batch: ArrayRow[] = head!.after.filter((r) => !r.cells.every((c) => c === ''));
    for (let r = await rows.next(); !r.done; r = await rows.next()) {
      count++;
      const cells = values(r.value);
      if (!cells.every((c) => c === '')) batch.push({ line: r.value.number, cells });
      if (batch.length >= 1000) {
        yield new ArrayBatch(batch);
        batch = [];
      }
    }
    if (batch.length) yield new ArrayBatch(batch);
  }
  return { format: 'xlsx', encoding: 'xlsx', headers, headerLine: head.headerLine, rows: data(), progress: () => ({ done: Math.min(total, count), total: Math.max(total, count) }) };
}

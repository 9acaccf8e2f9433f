/**
 * XLSX staff lists read as a CSV export would hold them, whatever wrote the workbook: shared
 * strings stored before or after the sheet, rich text, dates (1900 and 1904), booleans, cached
 * formula values, errors, inline strings, cells and rows without references, prefixed XML.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { openRoster, type RosterSource } from '../src/roster/read.js';
import { isDateFormat } from '../src/roster/xlsx-parts.js';
import { columnOf, excelDate } from '../src/roster/xlsx-sheet.js';
import { classif } from './support/cli.js';
import { put, SHEET_HEAD, SHEET_TAIL, SST_HEAD, workbook } from './support/hostile-files.js';

const dir = mkdtempSync(join(tmpdir(), 'classif-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(source: RosterSource): Promise<{ headers: string[]; rows: [number, string[]][] }> {
  const rows: [number, string[]][] = [];
  for await (const batch of source.rows) {
    batch.forEach((line, cells) => {
      const out: string[] = [];
      for (let i = 0; i < cells.count; i++) out.push(cells.trimmed(i));
      rows.push([line, out]);
    });
  }
  return { headers: source.headers, rows };
}

const openFiles = () => readdirSync('/proc/self/fd').length;

describe('XLSX reader', () => {
  it('reads a workbook written by a streaming writer, shared strings stored after the sheet', async () => {
    const path = join(dir, 'exceljs.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
    const ws = wb.addWorksheet('Personnel');
    ws.addRow(['matricule', 'idcc', 'emploi', 'date_entree', 'salaire', 'cadre', 'total', 'erreur']).commit();
    const row = ws.addRow(['A1', 3168, { richText: [{ text: 'Retou' }, { text: 'cheuse', font: { bold: true } }] }, new Date(Date.UTC(2020, 0, 31)), 1200.5, true, { formula: 'E2*2', result: 2401 }, { error: '#N/A' }]);
    row.getCell(4).numFmt = 'dd/mm/yyyy';
    row.commit();
    ws.addRow([]).commit();
    ws.addRow(['A2', 1431, 'Opticienne', new Date(Date.UTC(1999, 11, 31)), -12.5, false, { formula: 'A4&"x"', result: 'A2x' }]).commit();
    ws.commit();
    await wb.commit();
    const before = openFiles();
    const { headers, rows } = await read(await openRoster(path));
    expect(headers).toEqual(['matricule', 'idcc', 'emploi', 'date_entree', 'salaire', 'cadre', 'total', 'erreur']);
    expect(rows).toEqual([
      // The error reads as empty: a trailing empty cell, as in a CSV line without its last ';'.
      [2, ['A1', '3168', 'Retoucheuse', '2020-01-31', '1200.5', 'true', '2401']],
      [4, ['A2', '1431', 'Opticienne', '1999-12-31', '-12.5', 'false', 'A2x']],
    ]);
    // The zip is closed once read.
    expect(openFiles()).toBeLessThanOrEqual(before);
  });

  it('reads shared strings stored after the sheet, phonetic guides left out, escapes decoded, dates', async () => {
    const strings = `${SST_HEAD}<si><t>matricule</t></si><si><t>idcc</t></si><si><r><t>Opti</t></r><r><t xml:space="preserve">cienne _x0026_ co</t></r><rPh sb="0" eb="1"><t>オ</t></rPh></si><si><t>date</t></si></sst>`;
    const sheet = `${SHEET_HEAD}<row r="3"><c r="B3" t="s"><v>0</v></c><c t="s"><v>1</v></c><c r="E3" t="s"><v>3</v></c></row><row><c r="B4" t="inlineStr"><is><t> A&amp;1 </t></is></c><c><v>1431</v></c><c r="D4" t="s"><v>2</v></c><c r="E4" s="1"><v>0</v></c></row>${SHEET_TAIL}`;
    const path = put(dir, 'sheet-first.xlsx', workbook(sheet, strings, 'sheet-first'));
    const { headers, rows } = await read(await openRoster(path));
    // The first non-empty row holds the headers; a column never written reads as empty.
    expect(headers).toEqual(['', 'matricule', 'idcc', '', 'date']);
    expect(rows).toEqual([[4, ['', 'A&1', '1431', 'Opticienne & co', '1899-12-30']]]);
  });

  it('reads prefixed SpreadsheetML (x:row) and refuses a cell pointing at a shared string that does not exist', async () => {
    const prefixed = `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>matricule</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2"><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const { headers, rows } = await read(await openRoster(put(dir, 'prefixed.xlsx', workbook(prefixed))));
    expect(headers).toEqual(['matricule']);
    expect(rows).toEqual([[2, ['7']]]);
    const missing = `${SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>5</v></c></row>${SHEET_TAIL}`;
    await expect(openRoster(put(dir, 'missing.xlsx', workbook(missing, `${SST_HEAD}<si><t>x</t></si></sst>`)))).rejects.toThrow(/la cellule A1 renvoie au texte partagé n° 5, absent du classeur/);
  });

  it('releases the file when the rows are never read', async () => {
    const sheet = `${SHEET_HEAD}<row r="1"><c r="A1" t="inlineStr"><is><t>matricule</t></is></c></row><row r="2"><c r="A2"><v>1</v></c></row>${SHEET_TAIL}`;
    const path = put(dir, 'unread.xlsx', workbook(sheet));
    const before = openFiles();
    const source = await openRoster(path);
    expect(openFiles()).toBeGreaterThan(before);
    await source.rows[Symbol.asyncIterator]().return?.(undefined);
    // yauzl closes its descriptor on the next turn.
    await new Promise((r) => setTimeout(r, 50));
    expect(openFiles()).toBe(before);
  });

  it('turns date serials, column letters and number formats as Excel does', () => {
    expect(excelDate(45000, false)).toBe('2023-03-15');
    expect(excelDate(45000.75, false)).toBe('2023-03-15');
    expect(excelDate(0, false)).toBe('1899-12-30');
    expect(excelDate(0, true)).toBe('1904-01-01');
    expect(excelDate(1e12, false)).toBeUndefined();
    expect(columnOf('A1')).toBe(0);
    expect(columnOf('XFD1')).toBe(16_383);
    expect(columnOf('12')).toBe(-1);
    expect(isDateFormat('dd/mm/yyyy')).toBe(true);
    expect(isDateFormat('[$-40C]d mmmm yyyy;@')).toBe(true);
    expect(isDateFormat('# ##0,00 "jours"')).toBe(false);
    expect(isDateFormat('#,##0.00\\ "€";[Red]-#,##0.00\\ "€"')).toBe(false);
    expect(isDateFormat('General')).toBe(false);
  });

  it('audits such a workbook from the command line', () => {
    const strings = `${SST_HEAD}<si><t>matricule</t></si><si><t>idcc</t></si><si><t>position</t></si><si><t>salaire_mensuel_brut</t></si></sst>`;
    const sheet = `${SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>A1</t></is></c><c r="B2"><v>3168</v></c><c r="C2"><v>195</v></c><c r="D2"><v>1200</v></c></row>${SHEET_TAIL}`;
    const path = put(dir, 'audit.xlsx', workbook(sheet, strings, 'sheet-first'));
    const r = classif('audit', path, '--at', '2023-01-01', '--json');
    expect(r.status, r.stderr).toBe(0);
    const out = r.json<{ summary: { rows: number; format: string }; findings: { rule: string }[] }>();
    expect(out.summary).toMatchObject({ rows: 1, format: 'xlsx' });
    expect(out.findings.map((f) => f.rule)).toContain('below-minimum-wage');
  });
});

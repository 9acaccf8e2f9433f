/**
 * Reports of hostile files: cells a spreadsheet would run as formulas are neutralised in every
 * spreadsheet-bound output, and nothing in a report grows faster than the file (a header of
 * 100,003 unknown columns made the PDF run for minutes).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { template } from '../../src/cli/audit.js';
import { loadCatalogue } from '../../src/grids/catalogue.js';
import { renderHtml } from '../../src/report/html.js';
import { renderPdf } from '../../src/report/pdf.js';
import type { ReportData } from '../../src/report/samples.js';
import { CsvWriter, neutraliseFormula, Output } from '../../src/report/writers.js';
import { openCatalogue } from '../../src/grids/open.js';
import { auditRoster } from '../../src/roster/audit.js';
import { openRoster } from '../../src/roster/read.js';

const dir = mkdtempSync(join(tmpdir(), 'classif-hostile-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each cell of a `;` line (no quotes in these). */
const cellsOf = (line: string) => line.split(';');

describe('formula escaping in the CSV report', () => {
  // OWASP "CSV injection": what Excel, LibreOffice or Google Sheets would evaluate.
  const formulas = ["-2+3+cmd|' /C calc'!A0", '-1+1', '=1+1', '+1+1', '@SUM(A1)', '\t=1', '\r=1', '  =1+1', ' -1+1', '＝1+1', '＋1', '－1+1', '＠SUM(A1)', '=HYPERLINK("http://x","y")', '-', '+', '- 3'];

  it('neutralises every text a spreadsheet would evaluate, in every text column', async () => {
    const path = join(dir, 'rapport.csv');
    const w = new CsvWriter(new Output(path));
    formulas.forEach((f, i) => {
      w.add({ line: i + 2, matricule: f, name: f, idcc: f, rule: 'invalid-row', severity: 'error', message: f, reason: { code: 'invalid-row.unreadable', params: { line: i + 2, error: f } }, expected: f, source: { doc: f, article: f, quote: f } });
    });
    await w.finish();
    const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split('\r\n').slice(1, -1);
    expect(lines).toHaveLength(formulas.length);
    for (const line of lines) {
      // Quoted cells (tab, CR) are unquoted for the check.
      const cells = cellsOf(line).map((c) => c.replace(/^"(.*)"$/s, '$1'));
      // matricule, nom, idcc, message, attendu, source_document, source_article, source_citation
      for (const c of [1, 2, 3, 7, 8, 10, 11, 12].map((i) => cells[i])) expect(c, line).toMatch(/^'/);
    }
  });

  it('leaves plain numbers as they are, in numeric and text columns', async () => {
    const path = join(dir, 'nombres.csv');
    const w = new CsvWriter(new Output(path));
    w.add({ line: 2, matricule: '-12.50', idcc: '1431', rule: 'below-minimum-wage', severity: 'error', message: 'Salaire', reason: { code: 'invalid-row.unreadable', params: { line: 2, error: 'Salaire' } }, expected: -12.5, source: { doc: 'smic', quote: '-3' } });
    await w.finish();
    const line = readFileSync(path, 'utf8').split('\r\n')[1]!;
    expect(cellsOf(line)).toEqual(['2', '-12.50', '', '1431', 'below-minimum-wage', 'Salaire inférieur au minimum', 'error', 'Salaire', '-12,5', '', 'smic', '', '-3']);
  });

  it('neutralises a formula without touching a number', () => {
    expect(neutraliseFormula('-2+3')).toBe("'-2+3");
    expect(neutraliseFormula('-2,5')).toBe('-2,5');
    expect(neutraliseFormula('+33 6 12 34 56 78')).toBe("'+33 6 12 34 56 78");
    expect(neutraliseFormula('Dupont')).toBe('Dupont');
  });

  it('gives a template whose cells no spreadsheet evaluates', () => {
    for (const line of template(loadCatalogue()).split('\r\n')) for (const cell of cellsOf(line)) expect(neutraliseFormula(cell), cell).toBe(cell);
  });
});

/** The report of a real one-row audit, with `columns` unknown columns (more than a file may now have). */
async function wideData(columns: number): Promise<ReportData> {
  const file = join(dir, 'one.csv');
  writeFileSync(file, 'matricule;idcc;position\nA1;3168;195\n');
  const summary = await auditRoster(await openRoster(file), { at: '2025-06-30', catalogue: await openCatalogue() }, () => undefined);
  summary.unknownColumns = Array.from({ length: columns }, (_, i) => `colonne${i}`);
  return { file: 'large.csv', summary, samples: new Map(), omitted: new Map(), generatedAt: '2025-06-30T12:00:00Z' };
}

describe('a report on 100,003 unknown columns', () => {
  it('is rendered in seconds, naming the first columns and counting the others', async () => {
    const data = await wideData(100_003);
    let t = Date.now();
    const html = renderHtml(data);
    expect(Date.now() - t).toBeLessThan(2_000);
    expect(html).toContain('« colonne0 »');
    expect(html).toMatch(/et 99\s973 autres\./);
    t = Date.now();
    const pdf = await renderPdf(data);
    expect(Date.now() - t).toBeLessThan(10_000);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  }, 30_000);
});

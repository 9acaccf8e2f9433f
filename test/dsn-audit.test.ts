/**
 * Audits of DSN files end to end: the rows the reader makes go through the same checks as an
 * export's, with a position date taken from the history when the files hold one.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { auditRoster, type AuditSummary, type Finding } from '../src/roster/audit.js';
import { openDsn } from '../src/roster/dsn/source.js';
import { openRoster } from '../src/roster/read.js';
import { dsnBytes, dsnLines, fakeNir, person, type DsnDeclaration } from './support/dsn-writer.js';

const catalogue = loadCatalogue();
const dir = mkdtempSync(join(tmpdir(), 'classif-dsn-audit-'));
let n = 0;

function dsnFile(decls: DsnDeclaration[]): string {
  const path = join(dir, `m${++n}.dsn`);
  writeFileSync(path, dsnBytes(dsnLines(decls)));
  return path;
}

async function audit(paths: string[], at = '2025-06-01'): Promise<{ findings: Finding[]; summary: AuditSummary }> {
  const findings: Finding[] = [];
  const source = paths.length === 1 ? await openRoster(paths[0]!) : await openDsn(paths);
  const summary = await auditRoster(source, { at, catalogue }, (f) => void findings.push(f));
  return { findings, summary };
}

const seller = { idcc: '3168', emploi: 'Opérateur vendeur 1er niveau' };

describe('auditing a DSN', () => {
  it('finds a pay below the minimum (SMIC from 1 November 2024, décret n° 2024-951)', async () => {
    const { findings, summary } = await audit([dsnFile([{ month: '2025-05', people: [person(1, { idcc: '3168', emploi: 'Photographe', position: 'Coefficient 195 échelon 2' }, '1200.00')] }])]);
    expect(summary.format).toBe('dsn');
    expect(summary.rows).toBe(1);
    expect(summary.unknownColumns).toEqual([]);
    expect(findings).toEqual([expect.objectContaining({ matricule: 'M0001', rule: 'below-minimum-wage' })]);
    expect(findings[0]!.message).toContain('1\u202f200,00 €');
  });

  it('compares part-time pay pro rata: 104 h a month for 1 260 € is above the SMIC', async () => {
    const p = person(1, { idcc: '3168', emploi: 'Photographe', position: '195', quotite: '104.00', modalite: '20' }, '1260.00');
    const { findings } = await audit([dsnFile([{ month: '2025-05', people: [p] }])]);
    expect(findings.filter((f) => f.rule === 'below-minimum-wage')).toEqual([]);
  });

  it('dates the position from S21.G00.41: 155 since 15 January 2024, its 6 months over on 1 June 2025', async () => {
    const p = person(1, { ...seller, position: 'Coef. 155', changes: [{ date: '15012024', oldPosition: '150' }] }, '1900.00');
    const { findings } = await audit([dsnFile([{ month: '2025-05', people: [p] }])]);
    const f = findings.find((x) => x.rule === 'entry-period-exceeded')!;
    expect(f.message).toContain('depuis le 15/01/2024');
    expect(f.dueDate).toBe('2024-07-15');
  });

  it('dates the position from the months read: 155 from February, not yet 6 months in June', async () => {
    const month = (m: string, position: string) => dsnFile([{ month: m, people: [person(1, { ...seller, position }, '1900.00')] }]);
    const files = [month('2025-01', '150'), month('2025-02', '155'), month('2025-03', '155'), month('2025-04', '155')];
    expect((await audit(files, '2025-06-01')).findings.filter((f) => f.rule === 'entry-period-exceeded')).toEqual([]);
    const late = (await audit(files, '2025-09-01')).findings.find((f) => f.rule === 'entry-period-exceeded')!;
    expect(late.message).toContain('depuis le 01/02/2025');
  });

  it('an unreadable .041 is a finding that quotes it', async () => {
    const { findings } = await audit([dsnFile([{ month: '2025-05', people: [person(1, { idcc: '3168', emploi: 'Photographe', position: 'Coefficient ZZ' })] }])]);
    expect(findings).toEqual([expect.objectContaining({ rule: 'unknown-position', severity: 'error' })]);
    expect(findings[0]!.message).toContain('« Coefficient ZZ »');
  });

  it('reads the level inside a position (« Catégorie C - maîtrisant ») and the santé labels (« O2-C »)', async () => {
    const { findings, summary } = await audit([
      dsnFile([
        { month: '2025-05', nic: '00011', people: [person(1, { idcc: '2198', emploi: 'Conseiller relation client', position: 'Catégorie C - maîtrisant' }, '2400.00')] },
        { month: '2025-05', nic: '00022', people: [person(2, { idcc: '1431', emploi: 'Opticien', position: 'O2-C' }, '2400.00')] },
      ]),
    ]);
    expect(findings.filter((f) => f.rule === 'unknown-position' || f.rule === 'invalid-row')).toEqual([]);
    expect(summary.headcount.map((h) => [h.idcc, h.position])).toEqual([
      ['1431', 'C'],
      ['2198', 'C'],
    ]);
  });

  it('never writes the NIR in a finding or the summary', async () => {
    const nir = fakeNir(1, 42);
    const p = person(42, { idcc: '3168', emploi: 'Photographe', position: 'Coefficient ZZ' }, '1000.00', { matricule: undefined, nir });
    const { findings, summary } = await audit([dsnFile([{ month: '2025-05', people: [p] }])]);
    expect(findings.length).toBeGreaterThan(0);
    const text = JSON.stringify({ findings, summary });
    expect(text).not.toContain(nir);
    expect(text).not.toContain(nir.slice(0, 10));
    expect(findings[0]!.matricule).toMatch(/^SANS-MATRICULE-/);
  });
});

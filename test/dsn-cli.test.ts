/**
 * `classif audit` on DSN files: one month, several months as separate files, a zip; a broken
 * file stops with its line and no report.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classif } from './support/cli.js';
import { dsnBytes, dsnLines, person, zip } from './support/dsn-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'classif-cli-dsn-'));
const seller = { idcc: '3168', emploi: 'Opérateur vendeur 1er niveau' };
const monthBytes = (m: string, position: string, pay = '1900.00') => dsnBytes(dsnLines([{ month: m, people: [person(1, { ...seller, position }, pay), person(2, { idcc: '3168', emploi: 'Photographe', position: 'Coefficient 195 échelon 2' }, '1200.00')] }]));
const write = (name: string, bytes: Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

interface AuditJson {
  findings: { matricule: string; rule: string; message: string }[];
  summary: { rows: number; format: string };
}

describe('classif audit on DSN', () => {
  it('one monthly DSN: a pay below the SMIC; without history, the position dated from the contract start, and said', () => {
    const r = classif('audit', write('mois-2025-05.dsn', monthBytes('2025-05', '155')), '--at', '2025-06-01', '--json');
    expect(r.status, r.stderr).toBe(0);
    const out = r.json<AuditJson>();
    expect(out.summary).toMatchObject({ rows: 2, format: 'dsn' });
    expect(out.findings).toEqual([
      expect.objectContaining({ matricule: 'M0001', rule: 'entry-period-exceeded', message: expect.stringContaining("la position est supposée tenue depuis l'entrée") }),
      expect.objectContaining({ matricule: 'M0002', rule: 'below-minimum-wage' }),
    ]);
  });

  it('several months as separate files: the position dated from the history (155 since 1 January 2025)', () => {
    const months = ['2024-12', '2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07'].map((m, i) => ({ name: `mois-${m}.dsn`, bytes: monthBytes(m, i === 0 ? '150' : 'Coef. 155') }));
    const r = classif('audit', ...months.map((m) => write(m.name, m.bytes)), '--at', '2025-08-01', '--json');
    expect(r.status, r.stderr).toBe(0);
    const entry = r.json<AuditJson>().findings.find((f) => f.rule === 'entry-period-exceeded')!;
    expect(entry).toMatchObject({ matricule: 'M0001' });
    expect(entry.message).toContain('depuis le 01/01/2025');
    const zipped = classif('audit', write('annee.zip', zip(months)), '--at', '2025-08-01', '--json');
    expect(zipped.json<AuditJson>().findings).toEqual(r.json<AuditJson>().findings);
  });

  it('a broken DSN: its line, and no report written', () => {
    const lines = dsnLines([{ month: '2025-05', people: [person(1, { ...seller, position: '155' })] }]);
    const out = join(dir, 'rapport.csv');
    const r = classif('audit', write('casse.dsn', dsnBytes(lines.slice(0, 30))), '--out', out);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/DSN « casse\.dsn », ligne 30 : fichier tronqué/);
    expect(existsSync(out)).toBe(false);
  });
});

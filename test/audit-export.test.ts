/**
 * Payroll exports as they come out of the software (issue 10): a title and a period line above
 * the headers, the headers payroll writes, hours per month, a forfait jours, a declared statut,
 * only an entry date, names — in CSV and in XLSX — and the coverage of every check.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { auditRoster, type AuditOptions, type AuditSummary, type Finding } from '../src/roster/audit.js';
import { findHeaderRow, mapHeaders } from '../src/roster/columns.js';
import { openRoster } from '../src/roster/read.js';

const catalogue = loadCatalogue();
const dir = mkdtempSync(join(tmpdir(), 'classif-export-'));
let n = 0;

/** What a payroll export looks like: a title, a period, a blank line, then the headers. */
const TITLE = ['Société Exemple SARL - Liste du personnel', 'Période : 01/03/2026 au 31/03/2026', ''];
const HEADERS = ['Matricule', 'Nom', 'Prénom', 'IDCC', 'Libellé emploi', 'Coefficient', 'Statut', "Date d'entrée", 'Horaire mensuel', 'Salaire de base'];

type Row = (string | number)[];

async function csvAudit(rows: Row[], at = '2026-03-01', options: Partial<AuditOptions> = {}, headers = HEADERS) {
  const path = join(dir, `export-${++n}.csv`);
  writeFileSync(path, iconv.encode([...TITLE, headers.join(';'), ...rows.map((r) => r.join(';'))].join('\r\n'), 'windows-1252'));
  return run(path, at, options);
}

async function xlsxAudit(rows: Row[], at = '2026-03-01', options: Partial<AuditOptions> = {}, headers = HEADERS) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Personnel');
  for (const t of TITLE) ws.addRow([t]);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r.map((c) => (typeof c === 'string' && /^\d+(?:,\d+)?$/.test(c) ? Number(c.replace(',', '.')) : c)));
  const path = join(dir, `export-${++n}.xlsx`);
  await wb.xlsx.writeFile(path);
  return run(path, at, options);
}

async function run(path: string, at: string, options: Partial<AuditOptions>): Promise<{ findings: Finding[]; summary: AuditSummary }> {
  const findings: Finding[] = [];
  const source = await openRoster(path, { ...(options.mapping ? { mapping: options.mapping } : {}) });
  const summary = await auditRoster(source, { at, catalogue, ...options }, (f) => void findings.push(f));
  return { findings, summary };
}

const rules = (fs: Finding[]) => fs.map((f) => f.rule);

for (const [format, audit] of [
  ['CSV', csvAudit],
  ['XLSX', xlsxAudit],
] as const) {
  describe(`a payroll export as it comes (${format})`, () => {
    it('finds the header row under the title and period lines and numbers lines as the file does', async () => {
      const { summary, findings } = await audit([['A1', 'Durand', 'Léa', '3168', '', '999', 'Employé', '01/02/2020', '151,67', '1900']]);
      expect(summary.rows).toBe(1);
      expect(summary.unknownColumns).toEqual([]);
      // Line 5: three title lines and the header come first.
      expect(findings.find((f) => f.rule === 'unknown-position')).toMatchObject({ line: 5, name: 'Léa Durand' });
    });

    it('part time: 104 h a month paid 1 260 € is not below the SMIC (1 823,03 € × 104 / 151,67 = 1 250,06 €)', async () => {
      // SMIC 2026: décret n° 2025-1228 du 17 décembre 2025, 12,02 €/h.
      const ok = await audit([['A1', 'Durand', 'Léa', '3168', '', '150', 'Employé', '01/02/2020', '104', '1260']]);
      expect(rules(ok.findings)).not.toContain('below-minimum-wage');
      const low = await audit([['A1', 'Durand', 'Léa', '3168', '', '150', 'Employé', '01/02/2020', '104', '1200']]);
      const f = low.findings.find((x) => x.rule === 'below-minimum-wage')!;
      expect(f.message).toContain('pour 104 h par mois sur 151,67 h à temps plein');
      expect(f.expected).toBeCloseTo(1250.06, 1);
      expect(f.name).toBe('Léa Durand');
    });

    it('a forfait jours contract is read as full time', async () => {
      const { findings, summary } = await audit([['A1', 'Durand', 'Léa', '3168', '', '320', 'Cadre', '01/02/2020', 'Forfait 218 jours', '1900']]);
      const f = findings.find((x) => x.rule === 'below-minimum-wage')!;
      expect(f.message).toContain('forfait jours');
      expect(summary.coverage['below-minimum-wage']!.assumed).toEqual([{ reason: 'forfait jours, comparé à un temps plein', rows: 1 }]);
    });

    it('the declared statut is compared with the position: 3168 coefficient 320 and 2198 catégorie D declared « Employé »', async () => {
      const { findings } = await audit([
        ['A1', 'Durand', 'Léa', '3168', '', '320', 'Employé', '01/02/2020', '151,67', '3500'],
        ['A2', 'Martin', 'Paul', '2198', '', 'D', 'Employé', '01/02/2020', '151,67', '2500'],
        ['A3', 'Petit', 'Zoé', '3168', '', '320', 'Cadre', '01/02/2020', '151,67', '3500'],
      ]);
      const below = findings.filter((f) => f.rule === 'status-below-required');
      expect(below.map((f) => f.matricule)).toEqual(['A1', 'A2']);
      expect(below[0]!.message).toContain('Statut déclaré « Employé » (« Statut ») inférieur au statut cadre');
      expect(below[1]!.message).toContain('technicien/agent de maîtrise');
    });

    it('only an entry date: the entry period is checked as if the position dated from entry, and the finding says so', async () => {
      // 3168, coefficient 155, Opérateur vendeur 1er niveau: 6 months at most (accord du 9 décembre 2009).
      const { findings, summary } = await audit([['A1', 'Durand', 'Léa', '3168', 'Opérateur vendeur 1er niveau', '155', 'Employé', '01/02/2025', '151,67', '1900']]);
      const f = findings.find((x) => x.rule === 'entry-period-exceeded')!;
      expect(f.message).toMatch(/^Date de position absente .*supposée tenue depuis l'entrée \(« Date d'entrée » : 01\/02\/2025\)/);
      expect(summary.coverage['entry-period-exceeded']!.assumed[0]!.rows).toBe(1);
    });

    it('coverage: every rule says how many rows it checked and why the others were not', async () => {
      const { summary } = await audit([
        ['A1', 'Durand', 'Léa', '3168', 'Opérateur vendeur 1er niveau', '155', 'Employé', '', '151,67', ''],
        ['A2', 'Martin', 'Paul', '3168', '', '195', '', '01/02/2020', '151,67', '1900'],
      ]);
      const c = summary.coverage;
      expect(c['duplicate-matricule']!.checked).toBe(2);
      expect(c['entry-period-exceeded']!.notChecked).toEqual([{ reason: "ni date de position ni date d'entrée (aucune colonne de date de position, « Date d'entrée » vide)", rows: 1 }]);
      expect(c['below-minimum-wage']!.notChecked).toEqual([{ reason: '« Salaire de base » vide', rows: 1 }]);
      expect(c['status-below-required']!.notChecked).toEqual([{ reason: '« Statut » vide', rows: 1 }]);
      expect(c['below-diploma-minimum']!.notChecked[0]!.reason).toBe('aucune colonne diplome dans le fichier');
    });
  });
}

describe('headers as payroll software writes them', () => {
  it('recognises the usual headers, a shared header going to the column left free', () => {
    const m = mapHeaders(['Mat', 'Nom', 'Prénom', 'Convention collective', 'Poste', 'Catégorie', 'Niveau', 'Collège', "Date d'embauche", 'Date de classification', 'Nb heures', '% temps', 'Brut de base', "Années d'expérience"]);
    expect(m.unknown).toEqual([]);
    expect(m.names.position).toBe('Catégorie');
    expect(m.names.niveau).toBe('Niveau');
    expect(m.names.statut).toBe('Collège');
    // "Catégorie" beside a coefficient is the statut.
    expect(mapHeaders(['Matricule', 'IDCC', 'Coefficient', 'Catégorie']).names.statut).toBe('Catégorie');
    // "Niveau" alone is the position (1431 levels).
    expect(mapHeaders(['Matricule', 'IDCC', 'Niveau', 'Statut catégoriel']).names.position).toBe('Niveau');
  });

  it("the user's mapping names an unknown header, and helps find the header row", () => {
    expect(mapHeaders(['Matricule', 'IDCC', 'Coefficient', 'Libellé X'], { 'Libellé X': 'emploi' }).names.emploi).toBe('Libellé X');
    const rows = [['Export'], ['Code', 'Conv', 'Coef perso']];
    expect(findHeaderRow(rows)).toBe(0);
    expect(findHeaderRow(rows, { Code: 'matricule', Conv: 'idcc', 'Coef perso': 'position' })).toBe(1);
  });

  it('row errors name the headers of the file', async () => {
    const { findings } = await csvAudit([['A1', 'Durand', 'Léa', '3168', '', '195', 'Employé', '32/13/2020', '151,67', '1900']]);
    expect(findings.find((f) => f.rule === 'invalid-row')!.message).toContain("colonne « Date d'entrée »");
  });
});

describe('checks that tell the whole truth', () => {
  it('a position above the benchmark job is lawful: info, not a warning', async () => {
    // 3168 « Directeur de magasin » is at 320: classed 350, above it; classed 155, below.
    const above = (await csvAudit([['A1', 'Durand', 'Léa', '3168', 'Directeur de magasin', '350', 'Cadre', '01/02/2020', '151,67', '4000']])).findings.find((f) => f.rule === 'job-position-mismatch')!;
    expect(above.severity).toBe('info');
    expect(above.message).toContain("classée au-dessus de l'emploi-repère");
    const below = (await csvAudit([['A1', 'Durand', 'Léa', '3168', 'Directeur de magasin', '155', 'Employé', '01/02/2020', '151,67', '4000']])).findings.find((f) => f.rule === 'job-position-mismatch')!;
    expect(below.severity).toBe('warning');
  });

  it('the SMIC finding says the SMIC is the floor because the conventional minimum is lower', async () => {
    // 3168 coefficient 150: 1 622 € (avenant du 31 janvier 2022) below the SMIC of 2025 (1 801,80 €).
    const f = (await csvAudit([['A1', 'Durand', 'Léa', '3168', '', '150', 'Employé', '01/02/2020', '151,67', '1700']], '2025-06-01')).findings.find((x) => x.rule === 'below-minimum-wage')!;
    expect(f.message).toContain("plancher qui s'applique parce que le minimum conventionnel de la position 150 (1\u202f622,00 €) lui est inférieur");
  });

  it('SMIC of 2018: 1 200 € for a full time is found (décret n° 2017-1719, 1 498,47 €)', async () => {
    // 2198 has no scale before 1 July 2019: the SMIC alone applies.
    const f = (await csvAudit([['A1', 'Durand', 'Léa', '2198', '', 'B', 'Employé', '01/02/2015', '151,67', '1200']], '2018-06-01')).findings.find((x) => x.rule === 'below-minimum-wage')!;
    expect(f.expected).toBe(1498.47);
    expect(f.message).toContain('Décret n° 2017-1719 du 20 décembre 2017');
  });

  it('1431 coefficient 100 after the accord du 13 janvier 2011 is a finding (requalified 110)', async () => {
    const { findings } = await csvAudit([['A1', 'Durand', 'Léa', '1431', '', '100', 'Employé', '01/02/2010', '151,67', '1500']], '2012-06-01');
    const f = findings.find((x) => x.rule === 'unknown-position')!;
    expect(f.expected).toEqual(['110']);
    expect(f.source.quote).toContain('requalification au coefficient 110');
    const before = await csvAudit([['A1', 'Durand', 'Léa', '1431', '', '100', 'Employé', '01/02/2010', '151,67', '1500']], '2010-06-01');
    expect(rules(before.findings)).not.toContain('unknown-position');
  });

  it('3168 scale of 2019 binds only members: unknown membership uses the 2018 scale and says so', async () => {
    // Coefficient 150 in June 2019: 1 526 € by the avenant du 20 mars 2019 (not extended: members only);
    // else 1 503 € (avenant du 11 avril 2018) under the SMIC of 1 521,22 € (décret n° 2018-1173).
    const row = [['A1', 'Durand', 'Léa', '3168', '', '150', 'Employé', '01/02/2015', '151,67', '1524']];
    const unknown = await csvAudit(row, '2019-06-01');
    expect(rules(unknown.findings)).not.toContain('below-minimum-wage');
    expect(unknown.summary.notes.join(' ')).toContain("Avenant du 20 mars 2019 relatif aux salaires minima s'applique depuis le 01/03/2019 aux entreprises adhérentes");
    const member = await csvAudit(row, '2019-06-01', { membership: 'member' });
    expect(member.findings.find((f) => f.rule === 'below-minimum-wage')!.expected).toBe(1526);
    expect(member.summary.notes.join(' ')).not.toContain('entreprises adhérentes');
    const nonMember = await csvAudit(row, '2019-06-01', { membership: 'non-member' });
    expect(rules(nonMember.findings)).not.toContain('below-minimum-wage');
  });

  it('the 3168 avenant of 2024 binds members from its signature: the report says which date it used', async () => {
    const row = [['A1', 'Durand', 'Léa', '3168', '', '195', 'Employé', '01/02/2015', '151,67', '2500']];
    const unknown = await csvAudit(row, '2026-03-01');
    expect(unknown.summary.notes.join(' ')).toContain("la grille « Avenant du 11 mars 2024");
    expect(unknown.summary.notes.join(' ')).toContain("l'adhésion de l'employeur n'est pas indiquée");
    const member = await csvAudit(row, '2026-03-01', { membership: 'member' });
    expect(member.summary.notes.join(' ')).not.toContain('Avenant du 11 mars 2024');
  });

  it('the 3168 avenant of 2024 binds a non-member only from its extension: the 2009 periods apply to them', async () => {
    // Coefficient 150 since 1 October 2025, audited on 1 June 2026 (8 months): the avenant du 11 mars
    // 2024 « réduire la période maximale pour le coefficient 150 de 1 an à 6 mois » binds members;
    // a non-member stays under the accord du 9 décembre 2009 (1 year) until the avenant is extended.
    const row = [['A1', 'Durand', 'Léa', '3168', '', '150', 'Employé', '01/10/2025', '151,67', '1900']];
    const member = await csvAudit(row, '2026-06-01', { membership: 'member' });
    expect(member.findings.find((f) => f.rule === 'entry-period-exceeded')!.dueDate).toBe('2026-04-01');
    const nonMember = await csvAudit(row, '2026-06-01', { membership: 'non-member' });
    expect(rules(nonMember.findings)).not.toContain('entry-period-exceeded');
    expect(nonMember.summary.notes.join(' ')).toContain('employeur non adhérent');
    expect(nonMember.summary.notes.join(' ')).toContain('la grille « Accord du 9 décembre 2009');
  });
});

import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { classif } from './support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'classif-cli-audit-'));
const HEADER = 'matricule;idcc;emploi;position;niveau;statut;date_entree;date_position;diplome;annees_exercice;encadrement;salaire_mensuel_brut;temps_travail;sexe';
const staff = join(dir, 'personnel.csv');
writeFileSync(staff, [HEADER, 'A1;3168;Opérateur vendeur 1er niveau;155;;employé;;01/04/2024;;;;1 900;1;F', 'A2;3168;Retoucheur 2e niveau;195;;employé;;;;;;2 100;1;H'].join('\n'));

interface AuditJson {
  findings: { line: number; matricule: string; rule: string; severity: string; message: string; source: { doc: string; quote: string } }[];
  summary: { rows: number; rowsInError: number; employeesWithFindings: number; byRule: Record<string, number> };
}

describe('classif audit', () => {
  it('prints the JSON report with findings and summary, and exits 0 whatever it found', () => {
    const r = classif('audit', staff, '--at', '2025-01-01', '--json');
    expect(r.status).toBe(0);
    const out = r.json<AuditJson>();
    expect(out.summary.rows).toBe(2);
    expect(out.findings[0]).toMatchObject({ line: 2, matricule: 'A1', rule: 'entry-period-exceeded', severity: 'error' });
    expect(out.findings[0]!.source.quote).toContain('période maximale de 6 mois');
  });

  it('--fail-on error exits 1 when errors exist, 0 otherwise', () => {
    expect(classif('audit', staff, '--at', '2025-01-01', '--fail-on', 'error', '--json').status).toBe(1);
    expect(classif('audit', staff, '--at', '2024-05-01', '--fail-on', 'error', '--json').status).toBe(0);
    expect(classif('audit', staff, '--fail-on', 'grave').stderr).toContain('--fail-on invalide');
  });

  it('writes CSV for French Excel, NDJSON, HTML and PDF reports', () => {
    for (const ext of ['csv', 'ndjson', 'html', 'pdf', 'json']) {
      const out = join(dir, `rapport.${ext}`);
      const r = classif('audit', staff, '--at', '2025-01-01', '--out', out);
      expect(r.status, ext).toBe(0);
      expect(existsSync(out), ext).toBe(true);
    }
    // Written under a temporary name, renamed when complete: nothing partial is left.
    expect(readdirSync(dir).filter((f) => f.endsWith('.partiel'))).toEqual([]);
    const csv = readFileSync(join(dir, 'rapport.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFligne;matricule;nom;idcc;regle;libelle_regle;gravite;message')).toBe(true);
    const nd = readFileSync(join(dir, 'rapport.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(nd.at(-1)!.type).toBe('summary');
    expect(readFileSync(join(dir, 'rapport.html'), 'utf8')).toContain('<html lang="fr"');
    expect(readFileSync(join(dir, 'rapport.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(classif('audit', staff, '--out', join(dir, 'rapport.docx')).stderr).toContain('extension « .docx » non prise en charge');
  });

  it('reads an XLSX staff list', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Personnel');
    ws.addRow(HEADER.split(';'));
    ws.addRow(['A1', 3168, 'Retoucheur 2e niveau', 195, '', 'employé', new Date(Date.UTC(2020, 0, 1)), new Date(Date.UTC(2022, 0, 1)), '', '', 0, 1200, 1, 'F']);
    const path = join(dir, 'personnel.xlsx');
    await wb.xlsx.writeFile(path);
    const r = classif('audit', path, '--at', '2023-01-01', '--json');
    expect(r.status).toBe(0);
    const out = r.json<AuditJson>();
    expect(out.summary.rows).toBe(1);
    expect(out.findings.map((f) => f.rule)).toEqual(['below-minimum-wage']);
  });

  it('gives the template, and refuses files that are not staff lists with a French message', () => {
    const t = classif('audit', '--template');
    expect(t.status).toBe(0);
    expect(t.stdout).toContain('matricule;nom;prenom;idcc;emploi;position');
    const empty = join(dir, 'vide.csv');
    writeFileSync(empty, '');
    const r = classif('audit', empty);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('est vide');
    const missing = classif('audit', join(dir, 'absent.csv'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('introuvable');
    const notStaff = join(dir, 'autre.csv');
    writeFileSync(notStaff, 'nom;prénom\nDupont;Jean\n');
    expect(classif('audit', notStaff).stderr).toContain('aucun en-tête ne correspond à la colonne');
  });
});

describe('classif audit, output errors', () => {
  it('says in French when the report cannot be written, and leaves nothing behind', () => {
    const r = classif('audit', staff, '--out', join(dir, 'absent', 'rapport.csv'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Écriture du rapport impossible');
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});

describe('classif audit, column choices and membership', () => {
  const odd = join(dir, 'export-paie.csv');
  writeFileSync(odd, ['Export paie mars 2026', 'Code salarié;Conv.;Coef perso;Libellé X;Salaire de base', 'A1;3168;999;Retoucheuse;1 900'].join('\r\n'));

  it('--column maps an unknown header, and --mapping keeps the choice for the next file', () => {
    const refused = classif('audit', odd, '--at', '2026-03-01', '--json');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--column "En-tête=colonne"');
    const mapping = join(dir, 'colonnes.json');
    const first = classif('audit', odd, '--at', '2026-03-01', '--json', '--mapping', mapping, '--column', 'Code salarié=matricule', '--column', 'Conv.=idcc', '--column', 'Coef perso=position');
    expect(first.status, first.stderr).toBe(0);
    expect(first.json<AuditJson>().findings.find((f) => f.rule === 'unknown-position')!.message).toContain('« Coef perso »');
    expect(JSON.parse(readFileSync(mapping, 'utf8'))).toEqual({ 'Code salarié': 'matricule', 'Conv.': 'idcc', 'Coef perso': 'position' });
    // Next file of the same shape: the mapping file alone is enough.
    const next = classif('audit', odd, '--at', '2026-03-01', '--json', '--mapping', mapping);
    expect(next.status, next.stderr).toBe(0);
    expect(next.json<AuditJson>().summary.rows).toBe(1);
    expect(classif('audit', odd, '--column', 'Coef perso=coefficient').stderr).toContain('--column invalide');
  });

  it('--adherent oui applies a scale that binds only members (3168, avenant du 20 mars 2019)', () => {
    const file = join(dir, 'adherent.csv');
    writeFileSync(file, ['Matricule;IDCC;Coefficient;Salaire de base', 'A1;3168;150;1524'].join('\r\n'));
    const unknown = classif('audit', file, '--at', '2019-06-01', '--json').json<AuditJson>();
    expect(unknown.findings.map((f) => f.rule)).not.toContain('below-minimum-wage');
    const member = classif('audit', file, '--at', '2019-06-01', '--json', '--adherent', 'oui').json<AuditJson>();
    expect(member.findings.map((f) => f.rule)).toContain('below-minimum-wage');
    expect(classif('audit', file, '--adherent', 'peut-être').stderr).toContain('--adherent invalide');
  });
});


/**
 * The audit on a metallurgy staff list (IDCC 3248): positions written as group letter and class number, the annual
 * salaires minima hiérarchiques of annexe 6 compared on the month paid (a twelfth), the débutants of group F.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { auditRoster, type Finding } from '../src/roster/audit.js';
import { openRoster } from '../src/roster/read.js';

const catalogue = loadCatalogue();
const dir = mkdtempSync(join(tmpdir(), 'classif-audit-3248-'));
const HEADER = 'matricule;idcc;emploi;position;niveau;statut;date_entree;date_position;diplome;annees_exercice;encadrement;salaire_mensuel_brut;temps_travail;sexe';

async function audit(rows: string[], at = '2025-06-01'): Promise<Finding[]> {
  const path = join(dir, `r${rows.length}-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(path, [HEADER, ...rows].join('\n'));
  const findings: Finding[] = [];
  await auditRoster(await openRoster(path), { at, catalogue }, (f) => void findings.push(f));
  return findings;
}

describe('audit — IDCC 3248', () => {
  it('recognises B4, b4 and D-8 as classes of the grid', async () => {
    const findings = await audit(['M1;3248;Opératrice;B4;;non-cadre;;;;;;2500;;F', 'M2;3248;Opérateur;b4;;;;;;;;2500;;H', 'M3;3248;Technicien;D-8;;;;;;;;2500;;H']);
    expect(findings.filter((f) => f.rule === 'unknown-position')).toEqual([]);
  });

  it('D8: 26 400 € a year (annexe 6) is 2 200 € a month; 2 100 € is below, cited from the annexe', async () => {
    const findings = await audit(['M1;3248;Technicien;D8;;;;;;;;2100;;H', 'M2;3248;Technicien;D8;;;;;;;;2200;;H']);
    const below = findings.filter((f) => f.rule === 'below-minimum-wage');
    expect(below.map((f) => f.matricule)).toEqual(['M1']);
    expect(below[0]!.message).toContain('2\u202f200,00 €');
    expect(below[0]!.source.article).toBe('KALIARTI000046314922');
    expect(below[0]!.source.quote).toContain('26 400 €');
  });

  it('F11 with its seniority unknown: the lowest amount of the débutants (26 500 € a year) is the safe minimum', async () => {
    const findings = await audit(['M1;3248;Ingénieure;F11;;cadre;;;;;;2250;;F', 'M2;3248;Ingénieur;F11;;cadre;;;;;;2150;;H']);
    expect(findings.filter((f) => f.rule === 'below-minimum-wage').map((f) => f.matricule)).toEqual(['M2']);
  });

  it('before 1 January 2024 (article 182) the grid is not in force, and the finding says so', async () => {
    const findings = await audit(['M1;3248;Technicien;D8;;;;;;;;2100;;H'], '2023-06-01');
    expect(findings.map((f) => [f.rule, f.message])).toEqual([['invalid-row', "Aucune grille de l'IDCC 3248 n'est en vigueur au 01/06/2023."]]);
  });
});

/**
 * The audit reads a row's facts only through what each grid declares (`column:` on a fact), never
 * by a fact's name: a grid whose diploma fact is named otherwise is audited the same, and a grid
 * that maps no column to it is not checked on it. The mapping is validated with the grid.
 */
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { PACKAGE_ROOT } from '../src/grids/folders.js';
import { fact } from '../src/model/schema.js';
import { auditRoster, type AuditSummary, type Finding } from '../src/roster/audit.js';
import { openRoster } from '../src/roster/read.js';

const GRID = 'grids/1431-optique-lunetterie/2022-04-07.yaml';

/** A package root whose 1431 grid is `edit`ed; the rest is the shipped one. */
function rootWith(edit: (yaml: string) => string): string {
  const root = mkdtempSync(join(tmpdir(), 'classif-fact-columns-'));
  for (const dir of ['texts', 'law']) symlinkSync(join(PACKAGE_ROOT, dir), join(root, dir));
  cpSync(join(PACKAGE_ROOT, 'grids'), join(root, 'grids'), { recursive: true });
  writeFileSync(join(root, GRID), edit(readFileSync(join(PACKAGE_ROOT, GRID), 'utf8')));
  return root;
}

/** The diploma fact renamed everywhere it is named (its declaration and the conditions that read it). */
const renamed = (yaml: string) => yaml.replace(/(?<![\w-])diploma(?![\w-])/g, 'opticianDiploma');

async function audit(root: string, row: string): Promise<{ findings: Finding[]; summary: AuditSummary }> {
  const catalogue = loadCatalogue({ root, only: ['1431'] });
  const path = join(root, 'liste.csv');
  writeFileSync(path, ['matricule;idcc;emploi;position;statut;date_entree;diplome;salaire_mensuel_brut', row].join('\n'));
  const findings: Finding[] = [];
  const summary = await auditRoster(await openRoster(path), { at: '2025-06-01', catalogue }, (f) => void findings.push({ ...f }));
  return { findings, summary };
}

// Position A is of the santé track, which annexe I (avenant n° 8, KALIARTI000046225798) reserves to holders of the diploma.
const NO_DIPLOMA = 'M1;1431;Opticien;A;employé;01/01/2024;aucun;2500';

describe('audit — facts read through the columns the grid declares', () => {
  it('a diploma fact under another name is read from the « diplome » column and checked', async () => {
    const { findings } = await audit(rootWith(renamed), NO_DIPLOMA);
    expect(findings.filter((f) => f.rule === 'track-requires-diploma').map((f) => f.matricule)).toEqual(['M1']);
  });

  it('without a column mapped to it, the fact is not read: no finding, and no guess by its name', async () => {
    const { findings } = await audit(
      rootWith((yaml) => yaml.replace(/\n {4}column: diplome\n/, '\n')),
      NO_DIPLOMA,
    );
    expect(findings.filter((f) => f.rule === 'track-requires-diploma')).toEqual([]);
  });

  it('refuses a column that cannot carry the fact type', () => {
    const parsed = fact.safeParse({ id: 'diploma', type: 'boolean', question: 'Diplômé ?', column: 'diplome' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe("la colonne diplome ne peut porter qu'un fait de type enum (ici boolean)");
    expect(fact.safeParse({ id: 'years', type: 'number', question: 'Années ?', column: 'annees_exercice' }).success).toBe(true);
    expect(fact.safeParse({ id: 'years', type: 'number', question: 'Années ?', column: 'anciennete' }).success).toBe(false);
  });
});

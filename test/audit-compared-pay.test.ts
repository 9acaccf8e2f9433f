/**
 * What pay is compared with a minimum: a scale may leave components out (3168, convention du 13 février
 * 2013, art. 26, KALIARTI000027751266: « à l'exclusion : – des majorations relatives à la durée du travail ;
 * – de la prime d'ancienneté »), and the audit takes them off when the file gives them in columns.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { auditRoster, type AuditSummary, type Finding } from '../src/roster/audit.js';
import { mapHeaders } from '../src/roster/columns.js';
import { openRoster } from '../src/roster/read.js';

const catalogue = loadCatalogue();
const dir = mkdtempSync(join(tmpdir(), 'classif-compared-pay-'));
let n = 0;

async function audit(lines: string[], at: string): Promise<{ findings: Finding[]; summary: AuditSummary }> {
  const path = join(dir, `f${++n}.csv`);
  writeFileSync(path, lines.join('\n'));
  const findings: Finding[] = [];
  const summary = await auditRoster(await openRoster(path), { at, catalogue, membership: 'member' }, (f) => void findings.push(f));
  return { findings, summary };
}
const wage = (fs: Finding[]) => fs.filter((f) => f.rule === 'below-minimum-wage');

describe('pay compared with the minimum (3168 art. 26)', () => {
  it('reads the headers payroll software writes for overtime and the seniority prime', () => {
    const map = mapHeaders(['Matricule', 'Heures supplémentaires', "Prime d'ancienneté"]);
    expect(map.index).toMatchObject({ heures_sup: 1, prime_anciennete: 2 });
    for (const h of ['Majoration heures sup', 'HS 25 %']) expect(mapHeaders([h]).index.heures_sup, h).toBe(0);
    expect(mapHeaders(['Prime ancienneté']).index.prime_anciennete).toBe(0);
  });

  // Avenant du 31 janvier 2022 (KALIARTI000046241016): coefficient 230, « 230 | 2 059 | », in force for members from 1 February 2022.
  // Gross 2 200 € = 1 950 € of base pay + 250 € of overtime: above 2 059 € as given, below once overtime is taken off (art. 26).
  it('a gross above the minimum only thanks to overtime is a finding, citing art. 26', async () => {
    const { findings, summary } = await audit(['Matricule;IDCC;Coefficient;Salaire brut;HS 25 %;Prime ancienneté', 'A1;3168;230;2 200,00;250,00;', 'A2;3168;230;2 200,00;;'], '2022-06-01');
    const [f, ...rest] = wage(findings);
    expect(rest).toEqual([]);
    expect(f!.matricule).toBe('A1');
    expect(f!.expected).toBe(2059);
    expect(f!.message).toContain('Salaire 2\u202f200,00 €, dont 250,00 € de « HS 25 % » (exclu du salaire à comparer : « des majorations relatives à la durée du travail ») retirés, soit 1\u202f950,00 € comparé : inférieur au minimum conventionnel de la position 230 : 2\u202f059,00 €');
    expect(f!.message).toContain('article 26 de la convention');
    expect([...summary.notes].join('\n')).toContain('les montants de « HS 25 % » et « Prime ancienneté » sont retirés du salaire avant comparaison');
  });

  // Payroll exports give one column per overtime rate: both are overtime (art. 26), both come off.
  // Gross 2 200 € = 2 000 € + 100 € at 25 % + 100 € at 50 %: reading only the first column left 2 100 € ≥ 2 059 €.
  it('several overtime columns (« HS 25 % », « HS 50 % ») all count, summed, and the audit names each', async () => {
    const map = mapHeaders(['Matricule', 'HS 25 %', 'HS 50 %', 'Prime ancienneté']);
    expect(map.summed.heures_sup).toEqual([
      { index: 1, name: 'HS 25 %' },
      { index: 2, name: 'HS 50 %' },
    ]);
    expect(map.duplicated).toEqual([]);
    expect(map.unknown).toEqual([]);
    const { findings, summary } = await audit(
      [
        'Matricule;Nom;Prénom;IDCC;Coefficient;Salaire de base;HS 25 %;HS 50 %;Prime ancienneté',
        'A1;Durand;Léa;3168;230;2 200,00;100,00;100,00;',
        'A2;Martin;Zoé;3168;230;2 200,00;100,00;;',
        'A3;Petit;Jean;3168;230;2 200,00;;beaucoup;',
      ],
      '2022-06-01',
    );
    const [f, ...rest] = wage(findings);
    expect(rest).toEqual([]);
    expect(f!.matricule).toBe('A1');
    expect(f!.message).toContain('Salaire 2\u202f200,00 €, dont 100,00 € de « HS 25 % » et 100,00 € de « HS 50 % » (exclus du salaire à comparer : « des majorations relatives à la durée du travail ») retirés, soit 2\u202f000,00 € comparé');
    expect([...summary.notes].join('\n')).toContain('les montants de « HS 25 % », « HS 50 % » et « Prime ancienneté » sont retirés du salaire avant comparaison');
    expect(summary.unknownColumns).toEqual([]);
    // An unreadable amount is named by its own header, not the first one of its kind.
    expect(findings.find((x) => x.rule === 'invalid-row' && x.matricule === 'A3')!.message).toBe('Ligne 4, colonne « HS 50 % » : montant en euros attendu (valeur lue : « beaucoup »).');
  });

  it('takes the seniority prime off too, and says a column absent', async () => {
    const { findings } = await audit(['Matricule;IDCC;Coefficient;Salaire brut;Prime d\'ancienneté', 'A1;3168;230;2 100;100'], '2022-06-01');
    expect(wage(findings)[0]!.message).toContain("dont 100,00 € de « Prime d'ancienneté » (exclu du salaire à comparer : « de la prime d'ancienneté, s'il y a lieu ») retirés (le fichier n'a pas de colonne « heures supplémentaires » : le reste est comparé tel quel), soit 2\u202f000,00 € comparé");
  });

  it('without the columns, the pay is compared as given and the audit says so', async () => {
    const { findings, summary } = await audit(['Matricule;IDCC;Coefficient;Salaire brut', 'A1;3168;230;2 200,00', 'A2;3168;230;2 000,00'], '2022-06-01');
    const [f, ...rest] = wage(findings);
    expect(rest).toEqual([]);
    expect(f!.matricule).toBe('A2');
    expect(f!.message).toContain("Salaire 2\u202f000,00 € (le fichier n'a pas de colonne « heures supplémentaires » ni « prime d'ancienneté » : salaire comparé tel quel) : inférieur au minimum conventionnel");
    expect([...summary.notes].join('\n')).toContain("le fichier n'a pas de colonne « heures supplémentaires » ni « prime d'ancienneté » : si « Salaire brut » les inclut, ils sont comparés tels quels");
  });

  it('an unreadable amount is an error named by the user\'s header', async () => {
    const { findings } = await audit(['Matricule;IDCC;Coefficient;Salaire brut;Heures supplémentaires', 'A1;3168;230;2 200,00;beaucoup'], '2022-06-01');
    expect(findings.find((f) => f.rule === 'invalid-row')!.message).toBe('Ligne 2, colonne « Heures supplémentaires » : montant en euros attendu (valeur lue : « beaucoup »).');
  });

  // 1431 and 2198 scales leave nothing out: the overtime column changes nothing.
  it('1431 and 2198 pay is compared as given', async () => {
    const lines = (idcc: string, position: string, niveau: string, pay: string) => ['Matricule;IDCC;Coefficient;Niveau;Salaire brut;Heures supplémentaires', `A1;${idcc};${position};${niveau};${pay};300`];
    // 2198, avenant du 29 juin 2023: niveau C maîtrisant (test/audit.test.ts: 1 840 € is below it on 1 January 2024).
    const below2198 = wage((await audit(lines('2198', 'C', 'maîtrisant', '1 840'), '2024-01-01')).findings)[0]!;
    expect(below2198.message).not.toContain('retirés');
    expect(wage((await audit(lines('2198', 'C', 'maîtrisant', String(Number(below2198.expected) + 1)), '2024-01-01')).findings)).toEqual([]);
    const { summary } = await audit(lines('1431', 'B', '', '2 500'), '2025-06-01');
    expect([...summary.notes].join('\n')).not.toContain('comparés tels quels');
  });
});

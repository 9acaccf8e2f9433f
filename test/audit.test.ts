/**
 * The audit, rule by rule: each fires when it should, stays quiet when it should not, with the
 * right dates at the boundaries; and bad files give clear French messages.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/model/input-error.js';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { auditRoster, type AuditSummary, type Finding } from '../src/roster/audit.js';
import { openRoster } from '../src/roster/read.js';

const catalogue = loadCatalogue();
const dir = mkdtempSync(join(tmpdir(), 'classif-audit-'));
let n = 0;

const HEADER = 'matricule;idcc;emploi;position;niveau;statut;date_entree;date_position;diplome;annees_exercice;encadrement;salaire_mensuel_brut;temps_travail;sexe';

function file(content: string | Buffer, ext = 'csv'): string {
  const path = join(dir, `f${++n}.${ext}`);
  writeFileSync(path, content);
  return path;
}

async function audit(rows: string[], at = '2025-06-01', header = HEADER): Promise<{ findings: Finding[]; summary: AuditSummary }> {
  const findings: Finding[] = [];
  const summary = await auditRoster(await openRoster(file([header, ...rows].join('\n'))), { at, catalogue }, (f) => void findings.push(f));
  return { findings, summary };
}

const rules = (fs: Finding[]) => fs.map((f) => f.rule);

describe('audit rules', () => {
  it('unknown-position: names the positions that exist', async () => {
    const { findings } = await audit(['A1;3168;Photographe;225;;;;;;;;;;']);
    const f = findings.find((x) => x.rule === 'unknown-position')!;
    expect(f.line).toBe(2);
    expect(f.message).toContain('« 225 »');
    expect(f.message).toContain('150, 155, 165');
    expect((await audit(['A1;3168;Photographe;195;;;;;;;;;;'])).findings.map((x) => x.rule)).not.toContain('unknown-position');
  });

  it('grid-outdated: an old 1431 coefficient is tolerated until 2024-06-09, an error from 2024-06-10, with its transposition', async () => {
    const row = ['A1;1431;Vendeur;150;;employé;;;aucun;;0;;;'];
    const before = (await audit(row, '2024-06-09')).findings.find((f) => f.rule === 'grid-outdated')!;
    expect(before.severity).toBe('info');
    const after = (await audit(row, '2024-06-10')).findings.find((f) => f.rule === 'grid-outdated')!;
    expect(after.severity).toBe('error');
    expect(after.expected).toEqual(['1.4']);
    expect(after.dueDate).toBe('2024-06-10');
    expect(after.source.quote).toContain('1 an pour mettre en œuvre la nouvelle classification');
    // A new-grid position is not outdated.
    expect(rules((await audit(['A1;1431;Vendeur;1.4;;employé;;;aucun;;0;;;'])).findings)).not.toContain('grid-outdated');
  });

  it('unknown-position: a 1431 level of the 2022 grid before its extension (10/06/2023) is a warning, not an outdated grid', async () => {
    const row = ['A1;1431;Vendeur;1.3;;employé;;;aucun;;0;;;'];
    const early = (await audit(row, '2023-06-09')).findings;
    expect(rules(early)).not.toContain('grid-outdated');
    const f = early.find((x) => x.rule === 'unknown-position')!;
    expect(f.severity).toBe('warning');
    expect(f.dueDate).toBe('2023-06-10');
    expect(f.message).toContain("qui ne s'impose qu'à partir du 10/06/2023");
    expect(f.expected).toContain('150');
    expect(rules((await audit(row, '2023-06-10')).findings)).not.toContain('unknown-position');
  });

  it('entry-period-exceeded: 6 months at 155 for an Opérateur vendeur 1er niveau, due on the day', async () => {
    const row = 'A1;3168;Opérateur vendeur 1er niveau;155;;employé;;01/04/2024;;;;;;';
    expect(rules((await audit([row], '2024-09-30')).findings)).not.toContain('entry-period-exceeded');
    const due = (await audit([row], '2024-10-01')).findings.find((f) => f.rule === 'entry-period-exceeded')!;
    expect(due.dueDate).toBe('2024-10-01');
    expect(due.source.quote).toBe('155. Opérateur vendeur 1er niveau (période maximale de 6 mois)');
    // The 2009 grid gave 3 years: still within it on 2012-01-01 for a start on 2010-09-01.
    expect(rules((await audit(['A1;3168;Opérateur vendeur 1er niveau;155;;employé;;01/09/2010;;;;;;'], '2012-01-01')).findings)).not.toContain('entry-period-exceeded');
  });

  it('entry-period-exceeded: 9 months as débutant in 2198 catégorie C', async () => {
    const row = 'A1;2198;Conseiller relation client;C;débutant;employé;;01/01/2024;;;;;;';
    expect(rules((await audit([row], '2024-09-30')).findings)).not.toContain('entry-period-exceeded');
    const f = (await audit([row], '2024-10-01')).findings.find((x) => x.rule === 'entry-period-exceeded')!;
    expect(f.dueDate).toBe('2024-10-01');
    expect(rules((await audit(['A1;2198;Conseiller relation client;C;maîtrisant;employé;;01/01/2024;;;;;;'], '2025-01-01')).findings)).not.toContain('entry-period-exceeded');
  });

  it('below-diploma-minimum: a branch diploma holder hired below 175 in photographie professionnelle', async () => {
    const f = (await audit(['A1;3168;Assistant 1er niveau;155;;employé;;;diplôme reconnu par la branche;;;;;'])).findings.find((x) => x.rule === 'below-diploma-minimum')!;
    expect(f.expected).toEqual(['175']);
    expect(f.source.quote).toContain('ne pourra être embauché en dessous du coefficient 175');
    expect(rules((await audit(['A1;3168;Assistant 1er niveau;155;;employé;;;aucun;;;;;'])).findings)).not.toContain('below-diploma-minimum');
    expect(rules((await audit(['A1;3168;Photographe qualifié 3e niveau;175;;employé;;;diplôme reconnu par la branche;;;;;'])).findings)).not.toContain('below-diploma-minimum');
  });

  it('status-below-required: an optician with 2 years still employé, and a manager below agent de maîtrise', async () => {
    const optician = (await audit(['A1;1431;Opticien;A;;employé;;;BTS;2;0;;;'])).findings.find((x) => x.rule === 'status-below-required')!;
    expect(optician.expected).toContain('B');
    // The finding quotes the engine's reason through the one renderer: report text unchanged, byte for byte.
    expect(optician.message).toBe(
      "Statut ouvrier/employé (position A) inférieur au statut technicien/agent de maîtrise que donnent les faits : Position B (O1-B) : CQP ou licence ou deux ans d'exercice effectif du métier",
    );
    expect(rules((await audit(['A1;1431;Opticien;A;;employé;;;BTS;1;0;;;'])).findings)).not.toContain('status-below-required');
    const manager = (await audit(['A1;1431;Vendeur 1;1.2;;employé;;;aucun;;2;;;'])).findings.find((x) => x.rule === 'status-below-required')!;
    expect(manager.message).toBe(
      "Statut ouvrier/employé (position 1.2) inférieur au statut technicien/agent de maîtrise que donnent les faits : L'encadrement d'un ou plusieurs salariés est un critère suffisant à lui seul pour le passage agent de maîtrise. — au moins 2.1.",
    );
    expect(manager.source.quote).toMatch(/encadrement/i);
  });

  it('track-requires-diploma: a santé level without the diploma', async () => {
    const f = (await audit(['A1;1431;Vendeuse;B;;agent de maîtrise;;;aucun;;0;;;'])).findings.find((x) => x.rule === 'track-requires-diploma')!;
    expect(f.message).toContain('professionnels de santé');
    expect(rules((await audit(['A1;1431;Opticienne;B;;agent de maîtrise;;;licence;;0;;;'])).findings)).not.toContain('track-requires-diploma');
  });

  it('track-requires-diploma says what the file shows: no diploma, or a diploma that does not meet the track', async () => {
    // « aucun » on a santé level: no diploma, where the track is reserved to holders of one.
    const none = (await audit(['A1;1431;;B;;agent de maîtrise;;;aucun;;0;;;'])).findings.find((x) => x.rule === 'track-requires-diploma')!;
    expect(none.message).toMatch(/^Position B de Filière « professionnels de santé » sans diplôme \(« aucun »\) : la filière est réservée aux titulaires d'un diplôme ; classement attendu en Filière « collaborateurs/);
    expect(none.message).not.toContain('diplôme requis');
    // « BTS OL » on a collaborateurs level: the diploma is held, and it leads to the other track.
    const held = (await audit(['A1;1431;;1.2;;employé;;;BTS OL;;0;;;'])).findings.find((x) => x.rule === 'track-requires-diploma')!;
    expect(held.message).toMatch(/^Position 1\.2 de Filière « collaborateurs [^»]+» : le diplôme indiqué \(« BTS OL »\) ne remplit pas la condition de la filière ; classement attendu en Filière « professionnels de santé »\./);
    expect(held.message).not.toMatch(/sans (le )?diplôme/);
    expect(held.expected).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K']);
  });

  it('track-requires-diploma: a CAP, a BEP or a baccalauréat is a diploma of its level, below the opticien’s (grids/french.yaml, `diplomas`)', async () => {
    for (const diploma of ['CAP vente', 'BEP sanitaire et social', 'Bac pro commerce', 'Baccalauréat général', 'CAP-BEP']) {
      const f = (await audit([`A1;1431;;B;;agent de maîtrise;;;${diploma};;0;;;`])).findings.find((x) => x.rule === 'track-requires-diploma');
      expect(f?.message, diploma).toContain(`le diplôme indiqué (« ${diploma} ») ne remplit pas la condition de la filière`);
    }
    // The opticien's diploma named with a lower one, a higher diploma the level cannot tell apart, a collaborateurs level.
    expect(rules((await audit(['A1;1431;;B;;agent de maîtrise;;;CAP vente, BTS OL;;0;;;'])).findings)).not.toContain('track-requires-diploma');
    expect(rules((await audit(['A1;1431;;B;;agent de maîtrise;;;BTS MCO;;0;;;'])).findings)).not.toContain('track-requires-diploma');
    expect(rules((await audit(['A1;1431;;1.2;;employé;;;CAP vente;;0;;;'])).findings)).not.toContain('track-requires-diploma');
  });

  it('parallel tracks: the facts are read in the track of the row, a job of the other track is neither above nor below', async () => {
    // A santé level, 3 years of practice, no diploma column: in that track 2 years give agent de maîtrise.
    const status = (await audit(['A1;1431;;A;;employé;;;;3;0;;;'])).findings.find((x) => x.rule === 'status-below-required')!;
    expect(status.expected).toEqual(['B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K']);
    // Vendeur 1 (1.1, 1.2, collaborateurs) held at B (santé): ranks 2 and 2, but not the same ladder.
    const other = (await audit(['A1;1431;Vendeur 1;B;;agent de maîtrise;;;;;0;;;'])).findings.find((x) => x.rule === 'job-position-mismatch')!;
    expect(other.severity).toBe('warning');
    expect(other.message).toContain("position B dans une autre filière que l'emploi-repère (Filière « collaborateurs");
    expect(other.message).not.toMatch(/au-dessus|en dessous/);
  });

  it('job-position-mismatch: a title that clearly belongs to other positions', async () => {
    const f = (await audit(['A1;3168;Directeur de magasin;155;;;;;;;;;;'])).findings.find((x) => x.rule === 'job-position-mismatch')!;
    expect(f.severity).toBe('warning');
    expect(f.expected).toEqual(['320']);
    expect(f.message).toMatch(/confiance \d+ %/);
    // A title shared by a family of levels (retoucheuse: 165, 195 or 250) is no mismatch at any of them.
    expect(rules((await audit(['A1;3168;Retoucheuse;195;;;;;;;;;;'])).findings)).not.toContain('job-position-mismatch');
  });

  it('below-minimum-wage: the conventional minimum, pro rata of working time, and the SMIC when higher', async () => {
    // 3168 coefficient 250: 2 242 € from 2022-02-01 (avenant du 31 janvier 2022).
    const low = (await audit(['A1;3168;Retoucheur expert;250;;;;;;;;2 241,99;1;'], '2023-01-01')).findings.find((x) => x.rule === 'below-minimum-wage')!;
    expect(low.expected).toBe(2242);
    expect(low.source.quote).toContain('2 242');
    expect(rules((await audit(['A1;3168;Retoucheur expert;250;;;;;;;;2 242,00;1;'], '2023-01-01')).findings)).not.toContain('below-minimum-wage');
    // Half time: half the minimum.
    expect(rules((await audit(['A1;3168;Retoucheur expert;250;;;;;;;;1 121,00;50 %;'], '2023-01-01')).findings)).not.toContain('below-minimum-wage');
    // Coefficient 150 (1 622 €) is below the SMIC of 2025 (1 801,80 €): the SMIC applies.
    const smic = (await audit(['A1;3168;Agent administratif débutant;150;;;;;;;;1 700;1;'], '2025-06-01')).findings.find((x) => x.rule === 'below-minimum-wage')!;
    expect(smic.expected).toBe(1801.8);
    expect(smic.message).toContain('SMIC');
    // No scale for the new 1431 levels: compared with the SMIC only, and said so.
    const noScale = await audit(['A1;1431;Opticienne;B;;;;;BTS;3;0;1 700;1;'], '2025-06-01');
    expect(noScale.findings.find((x) => x.rule === 'below-minimum-wage')!.message).toContain('faute de barème conventionnel connu pour la position B');
    expect(noScale.summary.notes.join(' ')).toContain('position B');
  });

  it('2198 levels: maîtrisant minimum from the scale of 29 June 2023', async () => {
    const f = (await audit(['A1;2198;Conseiller relation client;C;maîtrisant;;;;;;;1 840;1;'], '2024-01-01')).findings.find((x) => x.rule === 'below-minimum-wage')!;
    expect(f.expected).toBe(1848);
  });

  it('invalid-row and duplicate-matricule: named line and column, audit goes on', async () => {
    const { findings, summary } = await audit([
      'A1;3168;Retoucheur 2e niveau;195;;;32/13/2020;;;;;abc;;',
      'A2;9999;X;1;;;;;;;;;;',
      ';3168;Retoucheur 2e niveau;195;;;;;;;;;;',
      'A1;3168;Retoucheur 2e niveau;195;;;;;;;;;;',
    ]);
    expect(summary.rows).toBe(4);
    expect(summary.rowsInError).toBe(3);
    const bad = findings.filter((f) => f.rule === 'invalid-row');
    expect(bad.map((f) => f.line)).toEqual([2, 2, 3, 4]);
    expect(bad[0]!.message).toContain('colonne « date_entree »');
    expect(bad[1]!.message).toContain('colonne « salaire_mensuel_brut »');
    expect(bad[2]!.message).toContain('IDCC 9999');
    expect(bad[3]!.message).toContain('matricule manquant');
    expect(findings.find((f) => f.rule === 'duplicate-matricule')).toMatchObject({ line: 5, message: expect.stringContaining('ligne 2') });
  });

  it('summary: counts by rule, convention and sex, head-count by position', async () => {
    const { summary } = await audit(['A1;3168;Retoucheur 2e niveau;195;;;;;;;;;;F', 'A2;3168;Retoucheur 2e niveau;195;;;;;;;;;;H', 'A3;1431;Vendeur;1.1;;;;;aucun;;;;;F']);
    expect(summary.rows).toBe(3);
    expect(summary.hasSex).toBe(true);
    expect(summary.headcount).toContainEqual({ idcc: '3168', position: '195', status: 'ouvrier-employe', total: 2, F: 1, H: 1 });
    expect(summary.byConvention['1431']!.rows).toBe(1);
  });
});

describe('reading staff lists', () => {
  it('reads French Excel CSV: BOM, Windows-1252, decimal commas, quoted cells with newlines and semicolons', async () => {
    const text = `${HEADER}\r\n"Œ1";3168;"Retoucheur ; 2e niveau\r\n(studio)";195;;;01/02/2021;;;;;"1 999,50 €";1;F\r\n`;
    const findings: Finding[] = [];
    const source = await openRoster(file(iconv.encode(text, 'win1252')));
    expect(source.encoding).toBe('windows-1252');
    const summary = await auditRoster(source, { at: '2023-01-01', catalogue }, (f) => void findings.push(f));
    expect(summary.rows).toBe(1);
    expect(summary.rowsInError).toBe(0);
    const utf8 = await openRoster(file(`\uFEFF${text}`));
    expect(utf8.encoding).toBe('utf-8');
    expect(utf8.headers[0]).toBe('matricule');
  });

  it('gives back accented cells as written, in UTF-8 and Windows-1252, quoted or not', async () => {
    const rows = ['Zoé-1;3168;Opérateur vendeur 1er niveau;165;;employé;;;;;;1 200,00 €;1;F', 'Zoé-2;3168;"Opérateur vendeur 1er niveau";165;;employé;;;;;;"1 200,00 €";1;Élodie'];
    for (const encoding of ['utf8', 'win1252']) {
      const findings: Finding[] = [];
      const source = await openRoster(file(iconv.encode(`${HEADER}\r\n${rows.join('\r\n')}\r\n`, encoding)));
      await auditRoster(source, { at: '2023-01-01', catalogue }, (f) => void findings.push(f));
      for (const [i, matricule] of ['Zoé-1', 'Zoé-2'].entries()) {
        const mine = findings.filter((f) => f.line === i + 2);
        expect(mine.every((f) => f.matricule === matricule), `${encoding} ${matricule}`).toBe(true);
        expect(mine.find((f) => f.rule === 'job-position-mismatch')?.message).toContain('« Opérateur vendeur 1er niveau »');
        expect(mine.find((f) => f.rule === 'below-minimum-wage')?.message).toContain('Salaire 1\u202f200,00 €');
      }
      expect(findings.find((f) => f.rule === 'invalid-row')?.message).toContain('« Élodie »');
    }
  });

  it('reads comma CSV with other header spellings', async () => {
    const source = await openRoster(file('Matricule,IDCC,Intitulé du poste,Coefficient,Salaire brut\nA1,3168,Retoucheur 2e niveau,195,"1900,00"\n'));
    expect(source.delimiter).toBe(',');
    const summary = await auditRoster(source, { at: '2023-01-01', catalogue }, () => undefined);
    expect(summary.rows).toBe(1);
    expect(summary.rowsInError).toBe(0);
  });

  it('reports an unclosed quote on its line and keeps what came before', async () => {
    const findings: Finding[] = [];
    const summary = await auditRoster(await openRoster(file(`${HEADER}\nA1;3168;Retoucheur 2e niveau;195;;;;;;;;;;\nA2;3168;"Retoucheur;195;;;;;;;;;;\nA3;3168;x;195;;;;;;;;;;\n`)), { at: '2023-01-01', catalogue }, (f) => void findings.push(f));
    expect(summary.rows).toBe(2);
    expect(findings.find((f) => f.rule === 'invalid-row')).toMatchObject({ line: 3, message: expect.stringContaining('guillemet') });
  });

  it('refuses an empty file, a binary file, a file without the required columns, a 10 MB single line', async () => {
    await expect(openRoster(file(''))).rejects.toThrow(/est vide/);
    await expect(openRoster(file(Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x10])))).rejects.toThrow(/binaires/);
    const wrong = await openRoster(file('nom,prénom\nDupont,Jean\n'));
    await expect(auditRoster(wrong, { at: '2023-01-01', catalogue }, () => undefined)).rejects.toThrow(/aucun en-tête ne correspond à la colonne matricule .*, ni à la colonne idcc .*, ni à la colonne position/);
    await expect(openRoster(file('x'.repeat(10 * 1024 * 1024)))).rejects.toThrow(InputError);
  });

  it('skips an over-long record inside a file and goes on', async () => {
    const findings: Finding[] = [];
    const summary = await auditRoster(await openRoster(file(`${HEADER}\nA1;3168;${'x'.repeat(2 * 1024 * 1024)};195;;;;;;;;;;\nA2;3168;Retoucheur 2e niveau;195;;;;;;;;;;\n`)), { at: '2023-01-01', catalogue }, (f) => void findings.push(f));
    expect(summary.rows).toBe(2);
    expect(findings.find((f) => f.rule === 'invalid-row')?.message).toContain('Kio');
  });
});

/**
 * Fidelity fixes of issue 13: what a line-by-line review of grids/ against texts/ found, each
 * checked against the text itself (docs/rules-engine.md, « Lecture des textes »).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { auditRoster } from '../src/roster/audit.js';
import { openRoster } from '../src/roster/read.js';
import { isInDocument } from '../src/grids/citations.js';
import { classif } from './support/cli.js';

const catalogue = loadCatalogue();
const conv = (idcc: string) => catalogue.convention(idcc)!;
const grid = (idcc: string, id: string) => conv(idcc).grids.find((g) => g.id === id)!;

describe('3168 « Mêmes fonctions que précédent » where the text does not name the job', () => {
  it('shows the reading of the text on the job card (CLI), with the link it made', () => {
    const r = classif('job', '3168', 'adjoint-au-responsable-des-ventes', '--at', '2025-01-01');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Précision du texte : Mêmes fonctions que précédent.');
    expect(r.stdout).toMatch(/Lecture du texte : .*Technicien qualifié 1er échelon \(195\).*Opérateur vendeur 3e niveau/);
    // The duties taken over are the technicien's, first.
    expect(r.stdout).toMatch(/Fonctions :\n {2}- Installe, répare les outils de production/);
  });

  it('Technicien systèmes et réseaux niveau 2 takes over no duties: the job before it is no lower level', () => {
    for (const id of ['3168-2009', '3168-2024']) {
      const g = grid('3168', id);
      const j = g.job('technicien-systemes-et-reseaux-2')!;
      expect(j.inherits).toBeUndefined();
      expect(g.jobDuties(j.id)[0]).toBe('Mêmes fonctions que précédent.');
      expect(j.notes.map((n) => n.id)).toEqual(['renvoi-au-precedent']);
    }
  });
});

/** The day after an ISO date. */
const nextDay = (iso: string): string => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe('first day of a grid after an extension order: the day of the Journal officiel', () => {
  // Extension orders say (art. 2) that the extension takes effect « à compter de la date de
  // publication du présent arrêté » (docs/rules-engine.md, « Lecture des textes »).
  const extended = catalogue.conventions.flatMap((c) => c.grids.filter((g) => g.extension?.published).map((g) => ({ c, g })));

  it('no grid starts the day after the publication', () => {
    expect(extended.length).toBeGreaterThanOrEqual(5);
    for (const { g } of extended) {
      const day = nextDay(g.extension!.published!);
      expect(g.effectiveFrom, g.id).not.toBe(day);
      expect(g.nonMembersFrom ?? null, g.id).not.toBe(day);
    }
  });

  it('a grid bound to its extension starts on the day of the JO (2198 avenant 2011: 22 August 2012)', () => {
    expect(grid('2198', '2198-2011').effectiveFrom).toBe('2012-08-22');
    expect(grid('3168', '3168-2009').effectiveFrom).toBe('2010-07-28');
    expect(grid('1431', '1431-2022').effectiveFrom).toBe('2023-06-10');
    // Applicable to members from its own date (art. 10), to the others from the JO of its extension.
    const g2021 = grid('2198', '2198-2021');
    expect([g2021.effectiveFrom, g2021.nonMembersFrom]).toEqual(['2021-11-01', '2022-07-27']);
  });

  it('each extension citation supports the publication date, not only the order', () => {
    for (const { c, g } of extended) {
      const { published, source } = g.extension!;
      if (!source) continue;
      const [y, m, d] = published!.split('-').map(Number) as [number, number, number];
      const french = `${d} ${['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'][m - 1]} ${y}`;
      expect([published!, french].some((date) => source.quote.includes(date)), `${g.id}: « ${source.quote} »`).toBe(true);
      expect(isInDocument(c, source.doc, source.quote), g.id).toBe(true);
    }
    expect(grid('1431', '1431-2022').extension!.source!.quote).toContain('2023-06-10');
  });
});

describe('3168 article 15 of the convention is about trial periods', () => {
  it('is a note « période d’essai », not « statuts », quoting the sentence that says so', () => {
    for (const id of ['3168-2009', '3168-2024']) {
      const g = grid('3168', id);
      expect(g.notes.find((n) => n.id === 'statuts-ccn'), id).toBeUndefined();
      const note = g.notes.find((n) => n.id === 'periode-essai')!;
      expect(note.text).toMatch(/^Conformément à l'article L\. 1221-19 du code du travail, le contrat de travail à durée indéterminée peut comporter une période d'essai/);
      expect(note.source.quote).toContain("période d'essai");
    }
  });
});

describe('omissions of the grids, now notes quoting the text', () => {
  const noteOf = (idcc: string, id: string, noteId: string) => grid(idcc, id).notes.find((n) => n.id === noteId);

  it('3168: art. 26 (what counts toward the minimum), 30 (temporary replacement), 31 (probation of at most 5 months)', () => {
    for (const id of ['3168-2009', '3168-2024']) {
      expect(noteOf('3168', id, 'assiette-salaire-minimum')?.text).toMatch(/salaire de base brut ainsi que les primes directement liées à l'exécution de son travail.*majorations relatives à la durée du travail.*prime d'ancienneté/);
      expect(noteOf('3168', id, 'remplacement-temporaire')?.text).toContain('pour une durée de moins de 6 mois ne constitue pas une titularisation');
      expect(noteOf('3168', id, 'promotion-periode-probatoire')?.text).toContain('ne pourra être supérieure à 5 mois');
    }
  });

  it('2198: art. 4 (a référent promoted to a higher catégorie) and art. 6 (no derogation)', () => {
    for (const id of ['2198-2011', '2198-2021']) {
      expect(noteOf('2198', id, 'referent-categorie-superieure')?.source.article).toBe('KALIARTI000044509448');
      expect(noteOf('2198', id, 'classification-sans-derogation')?.text).toContain('les entreprises ne peuvent déroger à la présente classification');
    }
  });

  it('1431: the proof of the diploma for the move to the santé track', () => {
    const track = grid('1431', '1431-2022').track('professionnels-de-sante')!;
    expect(track.notes.find((n) => n.id === 'justificatif-diplome')?.text).toMatch(/^Le salarié devra justifier de sa nouvelle situation auprès de son employeur : présentation de son diplôme/);
  });
});

describe('1431: the 2013 scale, dated like the others (first day of the month after the JO of its extension)', () => {
  const scales = conv('1431').wageScales;
  const s2013 = scales.find((s) => s.id === '1431-2013-04-18')!;

  it('applies from 1 October 2013: its extension was published on 4 September 2013', () => {
    expect(s2013.effectiveFrom).toBe('2013-10-01');
    // « applicable à compter du premier jour du mois civil suivant la publication au Journal officiel de l'arrêté »
    const text = conv('1431').documentText('salaires-1431');
    expect(text).toMatch(/\[KALIARTI000027746075\] etat=VIGUEUR_ETEN etendu=2013-09-04 \(Arrêté du 2 août 2013/);
    expect(text).toContain("Cet accord sera applicable à compter du premier jour du mois civil suivant la publication au Journal officiel de l'arrêté ministériel portant extension de celui-ci.");
    // The 2015 scale follows the same clause: JO of 10 September 2015, from 1 October 2015.
    expect(scales.find((s) => s.id === '1431-2015-03-05')!.effectiveFrom).toBe('2015-10-01');
    expect(text).toMatch(/\[KALIARTI000030785880\] etat=VIGUEUR_ETEN etendu=2015-09-10/);
  });

  it('has the 21 coefficients of its table, 110 → 1 440 € … 380 → 3 086 €', () => {
    expect(s2013.rows).toHaveLength(21);
    expect(s2013.rows[0]).toMatchObject({ position: '110', amount: 1440 });
    expect(s2013.rows.at(-1)).toMatchObject({ position: '380', amount: 3086 });
  });
});

describe('3168 art. 26 in the audit: the pay compared with the minimum', () => {
  it('every 3168 scale says which pay counts, quoting article 26 (verbatim in the convention)', () => {
    const c = conv('3168');
    for (const s of c.wageScales) {
      expect(s.comparedPay?.source.article, s.id).toBe('KALIARTI000027751266');
      expect(isInDocument(c, s.comparedPay!.source.doc, s.comparedPay!.source.quote), s.id).toBe(true);
      expect(s.comparedPay!.text).toMatch(/salaire de base brut et les primes directement liées à l'exécution du travail.*sans les majorations pour durée du travail.*la prime d'ancienneté/);
    }
  });

  it('every 3168 scale leaves overtime and the seniority prime out of the compared pay, quoting article 26', () => {
    const c = conv('3168');
    for (const s of c.wageScales) {
      expect(s.comparedPay!.excludes?.map((e) => e.component), s.id).toEqual(['heures_sup', 'prime_anciennete']);
      for (const e of s.comparedPay!.excludes!) expect(isInDocument(c, s.comparedPay!.source.doc, e.quote), `${s.id} ${e.quote}`).toBe(true);
    }
    // The other conventions' scales leave nothing out.
    for (const idcc of ['1431', '2198']) for (const s of conv(idcc).wageScales) expect(s.comparedPay?.excludes, s.id).toBeUndefined();
  });

  it('a pay under the 3168 minimum is reported with the pay to compare (base + work bonuses, without overtime premiums nor seniority prime)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'classif-fidelity-')), 'staff.csv');
    // Avenant du 31 janvier 2022: 250 → 2 242 € from 1 February 2022 (test/audit.test.ts uses the same row).
    writeFileSync(path, ['matricule;idcc;emploi;position;salaire_mensuel_brut;temps_travail', 'A1;3168;Retoucheur expert;250;2 241,99;1'].join('\n'));
    const messages: string[] = [];
    await auditRoster(await openRoster(path), { at: '2023-01-01', catalogue }, (f) => void (f.rule === 'below-minimum-wage' && messages.push(f.message)));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/inférieur au minimum conventionnel de la position 250 .* Salaire à comparer : le salaire de base brut et les primes directement liées à l'exécution du travail .*sans les majorations pour durée du travail \(heures supplémentaires\), la prime d'ancienneté/);
  });
});

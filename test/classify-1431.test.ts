/**
 * IDCC 1431 (optique-lunetterie de détail): the worked legal examples of the avenant n° 8 du 7 avril
 * 2022 (Annexe I) that classify a job are data, in grids/1431-optique-lunetterie/examples.yaml (run
 * by test/grid-examples.test.ts); here are the transpositions of the 1986 coefficients, the dates,
 * the questionnaire's first question and refused input.
 *
 * Each expected value comes from the text: the quote that justifies it stands above each test
 * (KALI extract texts/sources/1431_annexe_I_avenant8_2022_kali.txt, or the correspondence tables of
 * the seed texts/seeds/001_248f83c96df83934.txt). Each test also checks that the explanation cites
 * the passage the answer rests on (a `source.quote` of the grid data). Where the text leaves the
 * choice, or a fact is missing, the test asserts the range.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { classify, transpose, type ClassifyResult, type TransposeResult } from '../src/classify/index.js';

const conv = loadCatalogue().convention('1431')!;
const grid = conv.grid('1431-2022')!;
const AT = '2025-01-01';

const run = (facts: Record<string, unknown>): ClassifyResult => classify(grid, facts, { at: AT });
const move = (from: string, facts: Record<string, unknown> = {}): TransposeResult => transpose(conv, { from, facts, at: AT });

/** The explanation cites a passage whose quote contains `fragment`. */
function expectCites(r: { explanation: { source: { quote: string } }[] }, fragment: string): void {
  expect(r.explanation.map((e) => e.source.quote)).toEqual(expect.arrayContaining([expect.stringContaining(fragment)]));
}

describe('IDCC 1431 — the questionnaire', () => {
  // The diploma decides the filière (6: "Le critère pour déterminer l'appartenance d'un emploi à la
  // filière « professionnels de santé » se fait en référence à la détention d'un diplôme"): with
  // nothing known, the answer is open and the diploma is the first question, offered with its values.
  it('nothing known: a range, and the diploma asked first', () => {
    const r = run({});
    expect(r.positions.length).toBeGreaterThan(1);
    expect(r.missing[0]?.fact).toBe('diploma');
    expect(r.missing[0]?.values?.map((v) => v.id)).toEqual(['none', 'bts', 'licence', 'cqp']);
  });

  // 6.2 B: "1.1 à 1.2 | Monteur 1 |…": the range is explained as the employer's choice (reason `range`).
  it('Monteur 1: the range 1.1–1.2 is explained as a range', () => {
    const r = run({ jobId: 'monteur-1', diploma: 'none', managedStaff: 0, role: 'aucun' });
    expect(r.explanation.some((e) => e.code === 'range')).toBe(true);
  });

  // Annexe 1: "Les salariés non titulaires de ce diplôme doivent être classés dans la filière
  // « collaborateurs de la branche optique-lunetterie »": every position offered is of that filière.
  it('no diploma: every position offered is of the filière collaborateurs', () => {
    for (const facts of [{ jobId: 'opticien-diplome-1', diploma: 'none' }, { diploma: 'none' }]) {
      const r = run(facts);
      expect(r.positions.length).toBeGreaterThan(0);
      expect(r.positions.every((p) => grid.position(p)?.track === 'collaborateurs')).toBe(true);
    }
  });
});

describe('IDCC 1431 — transposition of the 1986 coefficients (Annexe 1)', () => {
  // "Ouvrier/Employé | 100/110 | 1.1 | Monteur 1 / Vendeur 1 / Employé des fonctions support".
  it('100, no diploma: 1.1, employé', () => {
    const t = move('100', { diploma: 'none' });
    expect(t.to.track).toBe('collaborateurs');
    expect(t.to.positions).toEqual(['1.1']);
    expect(t.to.status).toBe('ouvrier-employe');
    expectCites(t, 'Ouvrier/Employé 100/110 1.1 Monteur 1');
  });

  // "150/160/170 | 1.4 | Monteur 2 / Vendeur 2 / Monteur-vendeur débutant / Employé des fonctions support".
  it('150, no diploma: 1.4, employé', () => {
    const t = move('150', { diploma: 'none' });
    expect(t.to.track).toBe('collaborateurs');
    expect(t.to.positions).toEqual(['1.4']);
    expect(t.to.status).toBe('ouvrier-employe');
    expectCites(t, '150/160/170 1.4 Monteur 2');
  });

  // "220 | 2.4 | Directeur adjoint de magasin / Technicien/AM fonctions support".
  it('220, no diploma: 2.4, agent de maîtrise', () => {
    const t = move('220', { diploma: 'none' });
    expect(t.to.positions).toEqual(['2.4']);
    expect(t.to.status).toBe('agent-de-maitrise');
    expectCites(t, '220 2.4 Directeur adjoint de magasin');
  });

  // "Cadre supérieur | 380 | 3.6 | Cadre supérieur ou cadre dirigeant".
  it('380, no diploma: 3.6, cadre supérieur', () => {
    const t = move('380', { diploma: 'none' });
    expect(t.to.positions).toEqual(['3.6']);
    expect(t.to.status).toBe('cadre-superieur');
    expectCites(t, 'Cadre supérieur 380 3.6 Cadre supérieur ou cadre dirigeant');
  });

  // Santé table: "Cadres supérieur | 380 | K | Cadre supérieur ou cadre dirigeant".
  it('380, optician: K, cadre supérieur', () => {
    const t = move('380', { diploma: 'bts' });
    expect(t.to.track).toBe('professionnels-de-sante');
    expect(t.to.positions).toEqual(['K']);
    expect(t.to.status).toBe('cadre-superieur');
    expectCites(t, 'Cadres supérieur 380 K Cadre supérieur ou cadre dirigeant');
  });

  // Santé table: "Employé | 140 et tout opticien employé ayant moins de 2 ans d'exercice effectif du
  // métier | A | Opticien titulaire d'un BTS ou équivalent dont l'expérience professionnelle est
  // inférieure à 2 ans".
  it('140, optician with one year of practice: A, employé', () => {
    const t = move('140', { diploma: 'bts', yearsOfPractice: 1 });
    expect(t.to.track).toBe('professionnels-de-sante');
    expect(t.to.positions).toEqual(['A']);
    expect(t.to.status).toBe('ouvrier-employe');
    expectCites(t, "Employé 140 et tout opticien employé ayant moins de 2 ans d'exercice effectif du métier A");
  });

  // "Agent de Maîtrise | Opticiens relevant du statut employé, et bénéficiant de 2 ans d'exercice
  // effectif du métier | B": 140 is an employé coefficient; not référent, so not C/D/E ("Opticiens
  // relevant du statut employé avec 2 ans d'exercice effectif du métier et référent ou technicien/AM").
  it('140, optician with two years of practice, not référent: B, agent de maîtrise', () => {
    const t = move('140', { diploma: 'bts', yearsOfPractice: 2, referentDomains: [] });
    expect(t.to.positions).toEqual(['B']);
    expect(t.to.status).toBe('agent-de-maitrise');
    expectCites(t, "Opticiens relevant du statut employé, et bénéficiant de 2 ans d'exercice effectif du métier B");
  });

  // Both rows above: A under 2 years, B from 2 years; unknown years leave A to B (or more) and ask.
  it('140, optician, years of practice unknown: from A upwards, years asked', () => {
    const t = move('140', { diploma: 'bts' });
    expect(t.to.positions.slice(0, 2)).toEqual(['A', 'B']);
    expect(t.missing.map((m) => m.fact)).toContain('yearsOfPractice');
  });

  // "Opticiens relevant du statut employé avec 2 ans d'exercice effectif du métier et référent ou
  // technicien/AM – La détermination en niveau C/D/E doit se faire au regard des emplois repères | C
  // | Opticien diplômé 2/Professionnel de santé 2" — référent on two domains, no pratique avancée:
  // the parcours gives C ("Référent sur deux domaines de référence du métier présents sur le site").
  it('160, optician with three years, référent on two domains: C, agent de maîtrise', () => {
    const t = move('160', { diploma: 'bts', yearsOfPractice: 3, referentDomains: ['atelier', 'examen-de-vue'], advancedPractices: [], role: 'aucun' });
    expect(t.to.positions).toEqual(['C']);
    expect(t.to.status).toBe('agent-de-maitrise');
    expectCites(t, 'La détermination en niveau C/D/E doit se faire au regard des emplois repères C');
  });

  // Same cell, "… ou technicien/AM": an optician at the agent de maîtrise coefficient 210 goes to
  // C/D/E; neither référent nor with a pratique avancée nor directeur adjoint: C.
  it('210, optician: C, agent de maîtrise', () => {
    const t = move('210', { diploma: 'licence', referentDomains: [], advancedPractices: [], role: 'aucun' });
    expect(t.to.track).toBe('professionnels-de-sante');
    expect(t.to.positions).toEqual(['C']);
    expect(t.to.status).toBe('agent-de-maitrise');
    expectCites(t, 'La détermination en niveau C/D/E doit se faire au regard des emplois repères C');
  });

  // "Cadre | 230 | F | Opticien diplômé 3/Professionnel de santé 3/Directeur adjoint de magasin".
  it('230, optician: F, cadre', () => {
    const t = move('230', { diploma: 'bts' });
    expect(t.to.positions).toEqual(['F']);
    expect(t.to.status).toBe('cadre');
    expectCites(t, 'Cadre 230 F Opticien diplômé 3/Professionnel de santé 3/Directeur adjoint de magasin');
  });

  // The two tables depend on the diploma ("Les salariés non titulaires de ce diplôme doivent être
  // classés dans la filière « collaborateurs »"): unknown, both stay open and the diploma is asked.
  it('150, diploma unknown: both tables open, diploma asked first', () => {
    const t = move('150');
    expect(t.to.positions).toEqual(expect.arrayContaining(['1.4', 'A']));
    expect(t.missing[0]?.fact).toBe('diploma');
  });
});

describe('IDCC 1431 — dates and refused input', () => {
  // Art. 3: "À compter de la publication au Journal officiel de l'arrêté d'extension du présent
  // avenant, les entreprises de la branche auront 1 an pour mettre en œuvre la nouvelle
  // classification" — published on 10 June 2023: compulsory from 10 June 2024.
  it('is compulsory one year after the publication of the extension order', () => {
    expect(grid.mandatoryFrom).toBe('2024-06-10');
    expect(grid.effectiveFrom).toBe('2023-06-10');
  });

  // The 1986 grid has coefficients 100 to 380; 225 is none of them.
  it('refuses an old coefficient that does not exist, listing those that do', () => {
    expect(() => move('225', { diploma: 'none' })).toThrow(/225/);
    expect(() => move('225', { diploma: 'none' })).toThrow(/220, 230/);
  });

  // 5.2 counts "2 ans d'exercice effectif du métier": the fact is a number of years.
  it('refuses years of practice that are not a number, naming the fact', () => {
    expect(() => run({ diploma: 'bts', yearsOfPractice: 'deux' })).toThrow(/yearsOfPractice/);
  });

  // The diplomas the santé table names: "BTS ou équivalent", "CQP ou licence" (and none).
  it('refuses an unknown diploma, listing the accepted values', () => {
    expect(() => run({ diploma: 'master' })).toThrow(/diploma/);
    expect(() => run({ diploma: 'master' })).toThrow(/none, bts, licence, cqp/);
  });

  // "Les domaines de référence concernent les domaines suivants : Atelier, Examen de vue, contactologie."
  it('refuses a référent domain that is not a domaine de référence, naming the fact', () => {
    expect(() => run({ diploma: 'bts', referentDomains: ['vente'] })).toThrow(/referentDomains/);
  });
});

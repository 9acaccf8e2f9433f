/**
 * IDCC 1431 (optique-lunetterie de détail): worked legal examples of the avenant n° 8 du 7 avril
 * 2022 (Annexe I), run through the generic engine on the grid data.
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

const ALL_DOMAINS = ['atelier', 'examen-de-vue', 'contactologie'];
const ALL_PRACTICES = ['refraction-complexe', 'contactologie-avancee', 'basse-vision', 'publics-particuliers', 'personne-agee', 'enfant'];

/**
 * An optician of a shop practising the three domaines de référence and offering every pratique
 * avancée, with no référent domain, no pratique avancée, no management function and no one to
 * manage, unless the example says otherwise: every condition of the parcours can be decided.
 */
function optician(facts: Record<string, unknown>): Record<string, unknown> {
  return {
    practicedDomains: ALL_DOMAINS,
    referentDomains: [],
    advancedPractices: [],
    practicedAdvancedPractices: ALL_PRACTICES,
    role: 'aucun',
    managedStaff: 0,
    ...facts,
  };
}

const run = (facts: Record<string, unknown>): ClassifyResult => classify(grid, facts, { at: AT });
const move = (from: string, facts: Record<string, unknown> = {}): TransposeResult => transpose(conv, { from, facts, at: AT });

/** The explanation cites a passage whose quote contains `fragment`. */
function expectCites(r: { explanation: { source: { quote: string } }[] }, fragment: string): void {
  expect(r.explanation.map((e) => e.source.quote)).toEqual(expect.arrayContaining([expect.stringContaining(fragment)]));
}
const warningCodes = (r: { warnings: { code: string }[] }) => r.warnings.map((w) => w.code);

describe('IDCC 1431 — filière professionnels de santé: the parcours de compétences', () => {
  // 6.1: "A | Opticien diplômé 1 / Professionnel de santé 1 — Opticien titulaire du BTS ou équivalent
  // avec une expérience professionnelle de moins de deux ans"; 6.2 A: "Employé | O1-A | | BTS ou
  // équivalent avec moins de deux ans d'exercice effectif du métier".
  it('BTS with one year of practice: A, employé', () => {
    const r = run(optician({ diploma: 'bts', yearsOfPractice: 1 }));
    expect(r.track).toBe('professionnels-de-sante');
    expect(r.positions).toEqual(['A']);
    expect(r.status).toBe('ouvrier-employe');
    expectCites(r, "BTS ou équivalent avec moins de deux ans d'exercice effectif du métier");
  });

  // Same, through the emploi-repère the grid 6.1 names for A and B: "Opticien diplômé 1 /
  // Professionnel de santé 1" (A: "titulaire du BTS … de moins de deux ans"; B: "titulaire d'une
  // licence ou d'un CQP ou disposant d'une expérience professionnelle du métier de deux ans").
  it('BTS with one year of practice as Opticien diplômé 1: A, employé', () => {
    const r = run({ jobId: 'opticien-diplome-1', diploma: 'bts', yearsOfPractice: 1, managedStaff: 0 });
    expect(r.positions).toEqual(['A']);
    expect(r.status).toBe('ouvrier-employe');
    expectCites(r, 'Opticien diplômé 1 / Professionnel de santé 1');
    expectCites(r, "BTS ou équivalent avec moins de deux ans d'exercice effectif du métier");
  });

  // Opticien diplômé 1 spans A and B, and what separates them is "moins de deux ans" / "deux ans
  // d'exercice effectif du métier": unknown years leave A to B open and ask for them.
  it('Opticien diplômé 1 with a BTS and unknown years of practice: A to B, years asked', () => {
    const r = run({ jobId: 'opticien-diplome-1', diploma: 'bts', managedStaff: 0 });
    expect(r.positions).toEqual(['A', 'B']);
    expect(r.status).toBeNull();
    expect(r.statuses).toEqual(['ouvrier-employe', 'agent-de-maitrise']);
    expect(r.missing.map((m) => m.fact)).toContain('yearsOfPractice');
    expectCites(r, 'Opticien diplômé 1 / Professionnel de santé 1');
  });

  // 6.2 A: "Agent de maîtrise | O1-B | | CQP ou licence ou deux ans d'exercice effectif du métier".
  it('licence holder, no experience yet: B, agent de maîtrise', () => {
    const r = run(optician({ diploma: 'licence', yearsOfPractice: 0 }));
    expect(r.positions).toEqual(['B']);
    expect(r.status).toBe('agent-de-maitrise');
    expectCites(r, "CQP ou licence ou deux ans d'exercice effectif du métier");
  });

  // Same row: "CQP ou licence …".
  it('CQP holder: B, agent de maîtrise', () => {
    const r = run(optician({ diploma: 'cqp', yearsOfPractice: 1 }));
    expect(r.positions).toEqual(['B']);
    expect(r.status).toBe('agent-de-maitrise');
    expectCites(r, "CQP ou licence ou deux ans d'exercice effectif du métier");
  });

  // Same row: "… ou deux ans d'exercice effectif du métier"; and 5.2: "Après 2 ans d'exercice
  // effectif du métier, l'opticien doit nécessairement être classé en statut technicien/agent de
  // maîtrise."
  it('BTS with exactly two years of practice: B, agent de maîtrise', () => {
    const r = run(optician({ diploma: 'bts', yearsOfPractice: 2 }));
    expect(r.positions).toEqual(['B']);
    expect(r.status).toBe('agent-de-maitrise');
    expectCites(r, "CQP ou licence ou deux ans d'exercice effectif du métier");
  });

  // 6.2 A: "O2-C | Autonomie complète sur les domaines liés à son expertise | Pratique régulière de
  // deux domaines de référence | Référent sur deux domaines de référence du métier présents sur le site".
  it('référent on two domains, three years of practice: C, agent de maîtrise', () => {
    const r = run(optician({ diploma: 'bts', yearsOfPractice: 3, referentDomains: ['atelier', 'examen-de-vue'] }));
    expect(r.positions).toEqual(['C']);
    expect(r.status).toBe('agent-de-maitrise');
    expectCites(r, 'Référent sur deux domaines de référence du métier présents sur le site');
  });

  // 6.2 A: "O2-D | … | Référent sur deux des domaines de référence du métier présents sur le site et
  // une pratique avancée".
  it('référent on two domains and one pratique avancée: D, agent de maîtrise', () => {
    const r = run(optician({ diploma: 'bts', yearsOfPractice: 4, referentDomains: ['atelier', 'contactologie'], advancedPractices: ['basse-vision'] }));
    expect(r.positions).toEqual(['D']);
    expect(r.status).toBe('agent-de-maitrise');
    expectCites(r, 'Référent sur deux des domaines de référence du métier présents sur le site et une pratique avancée');
  });

  // 6.2 A: "O3-E | … | Référent sur deux des domaines de référence du métier présents sur le site et
  // deux pratiques avancées et/ou directeur adjoint". Not F: the site has a third domain ("Référent
  // sur tous les domaines de référence du métier présents sur le site" is not met).
  it('référent on two of the three domains of the site and two pratiques avancées: E, agent de maîtrise', () => {
    const r = run(optician({ diploma: 'licence', yearsOfPractice: 5, referentDomains: ['atelier', 'examen-de-vue'], advancedPractices: ['enfant', 'personne-agee'] }));
    expect(r.positions).toEqual(['E']);
    expect(r.status).toBe('agent-de-maitrise');
    expectCites(r, 'et deux pratiques avancées et/ou directeur adjoint');
  });

  // Same cell: "… et/ou directeur adjoint (selon les critères définis dans l'emploi-repère)": being
  // directeur adjoint is enough, even without the référent domains.
  it('directeur adjoint, not référent: E, agent de maîtrise', () => {
    const r = run(optician({ diploma: 'bts', yearsOfPractice: 1, role: 'directeur-adjoint' }));
    expect(r.positions).toEqual(['E']);
    expect(r.status).toBe('agent-de-maitrise');
    expectCites(r, 'et/ou directeur adjoint');
  });

  // 6.2 A: "Cadre | O3-F | | … | Référent sur tous les domaines de référence du métier présents sur
  // le site et deux pratiques avancées".
  it('référent on the three domains of the site and two pratiques avancées: F, cadre', () => {
    const r = run(optician({ diploma: 'bts', yearsOfPractice: 8, referentDomains: ALL_DOMAINS, advancedPractices: ['refraction-complexe', 'contactologie-avancee'] }));
    expect(r.positions).toEqual(['F']);
    expect(r.status).toBe('cadre');
    expectCites(r, 'Référent sur tous les domaines de référence du métier présents sur le site et deux pratiques avancées');
  });

  // Same cell, "tous les domaines … présents sur le site": in a shop without contactologie, the two
  // domains it has are all of them.
  it('shop without contactologie, référent on its two domains and two pratiques avancées: F, cadre', () => {
    const r = run(
      optician({
        diploma: 'bts',
        yearsOfPractice: 8,
        practicedDomains: ['atelier', 'examen-de-vue'],
        referentDomains: ['atelier', 'examen-de-vue'],
        advancedPractices: ['basse-vision', 'enfant'],
      }),
    );
    expect(r.positions).toEqual(['F']);
    expect(r.status).toBe('cadre');
    expectCites(r, 'Référent sur tous les domaines de référence du métier présents sur le site et deux pratiques avancées');
  });

  // 6.2 A: "O4-G | | Pratique régulière de tous les domaines de référence du métier et pratiques
  // avancées présents sur le site | Référent sur tous les domaines de référence du métier et
  // pratiques avancées présents sur le site".
  it('référent on every domain and every pratique avancée: G, cadre', () => {
    const r = run(optician({ diploma: 'cqp', yearsOfPractice: 10, referentDomains: ALL_DOMAINS, advancedPractices: ALL_PRACTICES }));
    expect(r.positions).toEqual(['G']);
    expect(r.status).toBe('cadre');
    expectCites(r, 'Référent sur tous les domaines de référence du métier et pratiques avancées présents sur le site');
  });

  // Same cell: the pratiques avancées are those "présents sur le site" (and the list is "non
  // exhaustive"): référent on the three a shop offers is G.
  it('référent on every domain and on the three pratiques avancées the shop offers: G, cadre', () => {
    const offered = ['refraction-complexe', 'contactologie-avancee', 'basse-vision'];
    const r = run(optician({ diploma: 'bts', yearsOfPractice: 10, referentDomains: ALL_DOMAINS, practicedAdvancedPractices: offered, advancedPractices: offered }));
    expect(r.positions).toEqual(['G']);
    expect(r.status).toBe('cadre');
    expectCites(r, 'Référent sur tous les domaines de référence du métier et pratiques avancées présents sur le site');
  });

  // 6.1: "C | | | Opticien diplômé 2 / Professionnel de santé 2" (C and D: correspondence rows "C
  // Opticien diplômé 2/Professionnel de santé 2", "D Opticien diplômé 2/Professionnel de santé 2");
  // 6.2 A: "O2-D | … | Référent sur deux des domaines de référence du métier présents sur le site et
  // une pratique avancée".
  it('Opticien diplômé 2, référent on two domains with one pratique avancée: D, agent de maîtrise', () => {
    const r = run(optician({ jobId: 'opticien-diplome-2', diploma: 'bts', yearsOfPractice: 4, referentDomains: ['atelier', 'examen-de-vue'], advancedPractices: ['enfant'] }));
    expect(r.positions).toEqual(['D']);
    expect(r.status).toBe('agent-de-maitrise');
    expectCites(r, 'Référent sur deux des domaines de référence du métier présents sur le site et une pratique avancée');
  });

  // 6.1: "E | … | Opticien directeur adjoint de magasin"; 6.2 A, O3-E: "… et/ou directeur adjoint
  // (selon les critères définis dans l'emploi-repère)". Not F: not "Référent sur tous les domaines
  // de référence du métier présents sur le site et deux pratiques avancées".
  it('Opticien directeur adjoint de magasin, not référent: E, agent de maîtrise', () => {
    const r = run(optician({ jobId: 'opticien-directeur-adjoint-de-magasin', diploma: 'bts', yearsOfPractice: 6, role: 'directeur-adjoint', managedStaff: 2 }));
    expect(r.positions).toEqual(['E']);
    expect(r.status).toBe('agent-de-maitrise');
    expectCites(r, 'et/ou directeur adjoint');
  });

  // 6.1: "G | … | Opticien diplômé 4 / Professionnel de santé 4"; correspondence table: "280 H
  // Opticien diplômé 4/Professionnel de santé 4/Opticien directeur de magasin 1". The table of 6.2 A
  // leaves O4-H empty: meeting G's conditions, the job is G or H, the text does not say which.
  it('Opticien diplômé 4 meeting the conditions of G: G or H, cadre', () => {
    const r = run(optician({ jobId: 'opticien-diplome-4', diploma: 'bts', yearsOfPractice: 12, referentDomains: ALL_DOMAINS, advancedPractices: ALL_PRACTICES }));
    expect(r.positions).toEqual(['G', 'H']);
    expect(r.status).toBe('cadre');
    expectCites(r, 'Référent sur tous les domaines de référence du métier et pratiques avancées présents sur le site');
  });

  // 5.4: "Font partie du dernier niveau de la classification, les cadres supérieurs et cadres
  // dirigeants répondant aux définitions suivantes" — in the santé table: "Cadre supérieur | K".
  it('cadre dirigeant holding the diploma: K, cadre supérieur', () => {
    const r = run(optician({ diploma: 'bts', yearsOfPractice: 20, role: 'cadre-dirigeant' }));
    expect(r.positions).toEqual(['K']);
    expect(r.status).toBe('cadre-superieur');
    expectCites(r, 'Font partie du dernier niveau de la classification');
  });

  // 5.3: "L'encadrement d'un ou plusieurs salariés est un critère suffisant à lui seul pour le
  // passage agent de maîtrise." The first agent de maîtrise level of the santé track is O1-B.
  it('BTS with one year of practice managing one person: B, agent de maîtrise', () => {
    const r = run(optician({ diploma: 'bts', yearsOfPractice: 1, managedStaff: 1 }));
    expect(r.positions).toEqual(['B']);
    expect(r.status).toBe('agent-de-maitrise');
    expectCites(r, "L'encadrement d'un ou plusieurs salariés est un critère suffisant à lui seul pour le passage agent de maîtrise.");
  });
});

describe('IDCC 1431 — which filière', () => {
  // Annexe 1: "La filière « professionnels de santé » est conditionnée à la détention à minima d'un
  // diplôme reconnu par le code de la santé publique permettant d'exercer en France. Les salariés
  // non titulaires de ce diplôme doivent être classés dans la filière « collaborateurs de la
  // branche optique-lunetterie."
  it('no diploma in an optician job: filière collaborateurs, with a track-changed warning', () => {
    const r = run({ jobId: 'opticien-diplome-1', diploma: 'none' });
    expect(r.track).toBe('collaborateurs');
    expect(warningCodes(r)).toContain('track-changed');
    expect(r.positions.length).toBeGreaterThan(0);
    expect(r.positions.every((p) => grid.position(p)?.track === 'collaborateurs')).toBe(true);
    expectCites(r, 'Les salariés non titulaires de ce diplôme doivent être classés dans la filière');
  });

  // Same sentence, without a job: the employee without the diploma is placed in the collaborateurs
  // track, where the level depends on the emploi-repère (still to ask).
  it('no diploma, no job: filière collaborateurs, the emploi-repère still to ask', () => {
    const r = run({ diploma: 'none' });
    expect(r.track).toBe('collaborateurs');
    expect(r.positions.length).toBeGreaterThan(1);
    expect(r.positions.every((p) => grid.position(p)?.track === 'collaborateurs')).toBe(true);
    expect(r.missing.map((m) => m.fact)).toContain('jobId');
    expectCites(r, 'Les salariés non titulaires de ce diplôme doivent être classés dans la filière');
  });

  // 6: "L'obtention du diplôme d'opticien par un salarié de la filière « collaborateurs de la
  // branche optique-lunetterie », entraîne le passage le mois suivant l'obtention du diplôme, dans
  // la filière « professionnels de santé »."
  it('a Vendeur 2 who holds the BTS: filière professionnels de santé, with a track-changed warning', () => {
    const r = run({ jobId: 'vendeur-2', ...optician({ diploma: 'bts', yearsOfPractice: 1 }) });
    expect(r.track).toBe('professionnels-de-sante');
    expect(warningCodes(r)).toContain('track-changed');
    expect(r.positions.every((p) => grid.position(p)?.track === 'professionnels-de-sante')).toBe(true);
    expectCites(r, "entraîne le passage le mois suivant l'obtention du diplôme");
  });

  // The diploma decides the filière (6: "Le critère pour déterminer l'appartenance d'un emploi à la
  // filière « professionnels de santé » se fait en référence à la détention d'un diplôme"): with
  // nothing known, the answer is open and the diploma is the first question.
  it('nothing known: a range, and the diploma asked first', () => {
    const r = run({});
    expect(r.positions.length).toBeGreaterThan(1);
    expect(r.missing[0]?.fact).toBe('diploma');
    expect(r.missing[0]?.values?.map((v) => v.id)).toEqual(['none', 'bts', 'licence', 'cqp']);
  });
});

describe('IDCC 1431 — filière collaborateurs', () => {
  // 6.2 B: "1.1 à 1.2 | Monteur 1 |…"; and "Les emplois relevant du collège employé peuvent, pour une
  // même qualification, être positionnés à différents niveaux selon le degré d'initiative et le
  // niveau de responsabilité attribués de même que selon le nombre de domaines recouverts par le poste."
  it('Monteur 1: 1.1 or 1.2, the employer decides', () => {
    const r = run({ jobId: 'monteur-1', diploma: 'none', managedStaff: 0, role: 'aucun' });
    expect(r.track).toBe('collaborateurs/reseau-technique-et-vente');
    expect(r.positions).toEqual(['1.1', '1.2']);
    expect(r.status).toBe('ouvrier-employe');
    expect(r.explanation.some((e) => e.code === 'range')).toBe(true);
    expectCites(r, 'Les emplois relevant du collège employé peuvent, pour une même qualification, être positionnés à différents niveaux');
  });

  // 6.2 B: "1.3 à 1.5 | Vendeur 2 |…"
  it('Vendeur 2: 1.3 to 1.5, employé', () => {
    const r = run({ jobId: 'vendeur-2', diploma: 'none', managedStaff: 0, role: 'aucun' });
    expect(r.positions).toEqual(['1.3', '1.4', '1.5']);
    expect(r.status).toBe('ouvrier-employe');
    expectCites(r, 'Les emplois relevant du collège employé peuvent');
  });

  // 5.3: "L'encadrement d'un ou plusieurs salariés est un critère suffisant à lui seul pour le
  // passage agent de maîtrise." — above the range of Vendeur 1 ("1.1 à 1.2"): the first agent de
  // maîtrise level, 2.1 ("Rend possible une évolution en coefficient d'un monteur ou d'un vendeur en
  // agent de maîtrise").
  it('Vendeur 1 managing one person: at least agent de maîtrise, 2.1, outside the job range', () => {
    const r = run({ jobId: 'vendeur-1', diploma: 'none', managedStaff: 1, role: 'aucun' });
    expect(r.positions).toEqual(['2.1']);
    expect(r.status).toBe('agent-de-maitrise');
    expect(warningCodes(r)).toContain('job-range-overridden');
    expectCites(r, "L'encadrement d'un ou plusieurs salariés est un critère suffisant à lui seul pour le passage agent de maîtrise.");
  });

  // 6.2 B: "2.4 et 3.1 | Directeur adjoint |…": agent de maîtrise or cadre; what decides is 5.3
  // "Passage vers le statut cadre" (latitude d'action impactant le fonctionnement de l'entité…).
  it('Directeur adjoint de magasin: 2.4 or 3.1, agent de maîtrise or cadre', () => {
    const r = run({ jobId: 'directeur-adjoint-de-magasin', diploma: 'none', managedStaff: 3, role: 'directeur-adjoint' });
    expect(r.positions).toEqual(['2.4', '3.1']);
    expect(r.status).toBeNull();
    expect(r.statuses).toEqual(['agent-de-maitrise', 'cadre']);
    expect(r.explanation.some((e) => e.code === 'range')).toBe(true);
    expectCites(r, 'Passage vers le statut cadre');
  });

  // 5.4: "Font partie du dernier niveau de la classification, les cadres supérieurs et cadres
  // dirigeants …"; 6.1: "3.6 | Cadre supérieur ou cadre dirigeant".
  it('cadre supérieur without the diploma: 3.6, cadre supérieur', () => {
    const r = run({ diploma: 'none', role: 'cadre-superieur', managedStaff: 12 });
    expect(r.track).toBe('collaborateurs');
    expect(r.positions).toEqual(['3.6']);
    expect(r.status).toBe('cadre-superieur');
    expectCites(r, 'Font partie du dernier niveau de la classification');
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

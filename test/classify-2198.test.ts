/**
 * IDCC 2198 (commerce à distance): worked legal examples, classified by the generic engine from
 * the facts and rules of grids/2198-commerce-a-distance.
 *
 * Each example states, in a comment, the sentence of the texts that justifies the expected answer;
 * the test then checks that the answer's explanation cites that text (a `source.quote` of the data)
 * and that every citation of the answer stands in its document.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../src/classify/index.js';
import type { ClassifyResult, Facts } from '../src/classify/types.js';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { isInDocument } from '../src/grids/citations.js';

const conv = loadCatalogue({ only: ['2198'] }).convention('2198')!;
const grid = conv.grid('2198-2021')!;
const g2011 = conv.grid('2198-2011')!;
const AT = '2025-01-01';
const ALL_LEVELS = ['debutant', 'maitrisant', 'referent-polyvalent'];

/** Quote of a rule, job or position of the 2021 grid, as the data cites it. */
const ruleQuote = (id: string) => {
  const r = grid.rules.find((x) => x.id === id);
  if (!r) throw new Error(`règle inconnue : ${id}`);
  return r.source.quote;
};
const jobQuote = (id: string) => grid.job(id)!.source.quote;

/** Every source the answer rests on: its reasons, and its warnings when they carry one. */
const sources = (r: ClassifyResult) => [...r.explanation.map((e) => e.source), ...r.warnings.flatMap((w) => (w.source ? [w.source] : []))];

/** The answer cites each given quote (or, for an array, one of its alternatives). */
function expectCites(r: ClassifyResult, ...quotes: (string | string[])[]): void {
  const cited = sources(r).map((s) => s.quote);
  for (const q of quotes) {
    const alternatives = Array.isArray(q) ? q : [q];
    expect(
      alternatives.some((a) => cited.includes(a)),
      `citation attendue : « ${alternatives.join(' » ou « ')} » ; citées : ${cited.map((c) => `« ${c} »`).join(', ')}`,
    ).toBe(true);
  }
}

/** An answer without a citation is a bug; and each citation is in its document. */
function expectWellCited(r: ClassifyResult): void {
  expect(r.explanation.length).toBeGreaterThan(0);
  for (const s of sources(r)) expect(isInDocument(conv, s.doc, s.quote), `${s.doc} : « ${s.quote} »`).toBe(true);
}

const run = (facts: Facts, at = AT, g = grid) => {
  const r = classify(g, facts, { at });
  expectWellCited(r);
  return r;
};

const missingFacts = (r: ClassifyResult) => r.missing.map((m) => m.fact);
const warningCodes = (r: ClassifyResult) => r.warnings.map((w) => w.code);

// ---------------------------------------------------------------- catégorie from a job card
describe('IDCC 2198 — classify: catégorie and status from an emploi-repère', () => {
  // Fiche « Conseiller (e) relation client » : « Classification | Catégorie C » ;
  // article 1.1.1 : « les catégories A à C se rapportent aux ouvriers et employés ».
  // Level unknown: « Chaque catégorie comporte 3 niveaux … – débutant ; – maîtrisant ; – référent et/ou polyvalent. »
  it('Conseiller (e) relation client: catégorie C, ouvrier-employé, any of the three levels', () => {
    const r = run({ jobId: 'conseiller-relation-client' });
    expect(r.outcome).toBe('result');
    expect(r.job?.id).toBe('conseiller-relation-client');
    expect(r.positions).toEqual(['C']);
    expect(r.status).toBe('ouvrier-employe');
    expect(r.level).toEqual(ALL_LEVELS);
    expectCites(r, jobQuote('conseiller-relation-client'));
  });

  // Fiche « Chef d'équipe » : « Classification | Catégorie D » ;
  // article 1.1.1 : « les catégories D et E se rapportent aux techniciens et agents de maîtrise ».
  it("Chef d'équipe: catégorie D, agent de maîtrise", () => {
    const r = run({ jobId: 'chef-d-equipe' });
    expect(r.positions).toEqual(['D']);
    expect(r.status).toBe('agent-de-maitrise');
    expect(r.level).toEqual(ALL_LEVELS);
    expectCites(r, jobQuote('chef-d-equipe'));
  });

  // Fiche « Modéliste » : « Si coordonne une équipe, planifie et joue un rôle d'arbitrage en interface
  // lors des briefs, et assure le développement des produits qui répondent aux besoins des clients :
  // classement en catégorie E » ; otherwise « Classification | Catégorie D ».
  it('Modéliste: E when the facteur de variation is met, D when not, D–E asking for it when unknown', () => {
    const e = run({ jobId: 'modeliste', modelisteCoordonneEquipe: true });
    expect(e.positions).toEqual(['E']);
    expect(e.status).toBe('agent-de-maitrise');
    expect(e.level).toEqual(ALL_LEVELS);
    expectCites(e, ruleQuote('modeliste-categorie-e'));

    const d = run({ jobId: 'modeliste', modelisteCoordonneEquipe: false });
    expect(d.positions).toEqual(['D']);
    expect(d.status).toBe('agent-de-maitrise');
    expectCites(d, jobQuote('modeliste'));

    const open = run({ jobId: 'modeliste' });
    expect(open.positions).toEqual(['D', 'E']);
    expect(open.status).toBe('agent-de-maitrise');
    expect(missingFacts(open)).toContain('modelisteCoordonneEquipe');
    expectCites(open, jobQuote('modeliste'));
  });

  // Fiche « Juriste » : « Classification | Catégorie F » ; « les catégories F à H se rapportent aux cadres ».
  it('Juriste: catégorie F, cadre', () => {
    const r = run({ jobId: 'juriste' });
    expect(r.positions).toEqual(['F']);
    expect(r.status).toBe('cadre');
    expect(r.level).toEqual(ALL_LEVELS);
    expectCites(r, jobQuote('juriste'));
  });

  // Fiche « Directeur de département » : « Classification | Catégorie H » ; tableau de synthèse
  // (article 3) : « H | - | H-M | H-R » — no débutant level in H.
  it('Directeur de département: catégorie H, cadre, never débutant', () => {
    const r = run({ jobId: 'directeur-de-departement' });
    expect(r.positions).toEqual(['H']);
    expect(r.status).toBe('cadre');
    expect(r.level).toEqual(['maitrisant', 'referent-polyvalent']);
    expect(r.level).not.toContain('debutant');
    expectCites(r, jobQuote('directeur-de-departement'));
  });

  // Article 2.3 : « La présente classification ne concerne pas les emplois de cadres définis à
  // l'article L. 3111-2 du code du travail. »
  it('a cadre dirigeant is outside the classification', () => {
    const r = run({ jobId: 'directeur-de-departement', cadreDirigeant: true });
    expect(r.outcome).toBe('not-applicable');
    expect(r.positions).toEqual([]);
    expectCites(r, ruleQuote('cadres-dirigeants-exclus'));
  });

  // Same sentence: the exclusion does not depend on an emploi-repère; a job placed in H by its
  // criteria, held by a cadre dirigeant, is outside the classification too (2011 and 2021 grids).
  it('a cadre dirigeant classed by criteria, without a job card, is outside the classification too', () => {
    const h = { autonomie: 'H', activite: 'H', responsabilite: 'H', connaissancesRequises: 'H', cadreDirigeant: true };
    const r = run(h);
    expect(r.outcome).toBe('not-applicable');
    expectCites(r, ruleQuote('cadres-dirigeants-exclus'));
    const r2011 = run(h, '2020-01-01', g2011);
    expect(r2011.outcome).toBe('not-applicable');
    expectCites(r2011, ruleQuote('cadres-dirigeants-exclus'));
  });

  // The facteur de variation of the fiche « Modéliste » and the note of the fiche « Agent logistique
  // polyvalent » (« Si l'agent logistique est le seul poste classé en catégorie A … ») concern those
  // emplois-repères only: without a job card, their questions are not asked.
  it('questions of one job card are not asked for another job or without a job', () => {
    const e = run({ autonomie: 'E', activite: 'E', responsabilite: 'E', connaissancesRequises: 'E' });
    expect(e.positions).toEqual(['E']);
    expect(e.status).toBe('agent-de-maitrise');
    expect(missingFacts(e)).not.toContain('modelisteCoordonneEquipe');
    expectCites(e, ruleQuote('criteres-classants'));

    const a = run({ autonomie: 'A', activite: 'A', responsabilite: 'A', connaissancesRequises: 'A', positionSince: '2024-03-01', seulPosteCategorieA: true });
    expect(a.positions).toEqual(['A']);
    expect(a.status).toBe('ouvrier-employe');
    expect(a.level).toEqual(['maitrisant', 'referent-polyvalent']);
    expect(missingFacts(a)).not.toContain('seulPosteCategorieA');
    expectCites(a, ruleQuote('debutant-9-mois-a-c'));
  });
});

// ---------------------------------------------------------------- catégorie from the critères classants
describe('IDCC 2198 — classify: catégorie from the critères classants', () => {
  const criteria = (autonomie: string, activite: string, responsabilite: string, connaissancesRequises: string) => ({
    autonomie,
    activite,
    responsabilite,
    connaissancesRequises,
  });

  // Article 1.1.2 : « Pour qu'un emploi soit situé à une catégorie donnée, il faut impérativement
  // qu'il réponde aux exigences requises par les critères classants. » All four at C: C.
  it('all four criteria at C, no job: C, ouvrier-employé', () => {
    const r = run(criteria('C', 'C', 'C', 'C'));
    expect(r.outcome).toBe('result');
    expect(r.job).toBeNull();
    expect(r.positions).toEqual(['C']);
    expect(r.status).toBe('ouvrier-employe');
    expect(r.level).toEqual(ALL_LEVELS);
    expectCites(r, ruleQuote('criteres-classants'));
  });

  // Same sentence: each criterion is imperative, so the job is placed at the lowest of the four.
  // Autonomie D, activité C, responsabilité D, connaissances D: the activité only reaches C.
  it('autonomie D, activité C, responsabilité D, connaissances D: C (the lowest)', () => {
    const r = run(criteria('D', 'C', 'D', 'D'));
    expect(r.positions).toEqual(['C']);
    expect(r.status).toBe('ouvrier-employe');
    expect(r.level).toEqual(ALL_LEVELS);
    expectCites(r, ruleQuote('criteres-classants'));
  });

  // Same sentence, criteria F, G, G, G for a cadre: F; and all at H: H (« H | - | H-M | H-R »).
  it('cadres by criteria: F, G, G, G gives F; all at H gives H without débutant', () => {
    const f = run(criteria('F', 'G', 'G', 'G'));
    expect(f.positions).toEqual(['F']);
    expect(f.status).toBe('cadre');
    expect(f.level).toEqual(ALL_LEVELS);
    expectCites(f, ruleQuote('criteres-classants'));

    const h = run(criteria('H', 'H', 'H', 'H'));
    expect(h.positions).toEqual(['H']);
    expect(h.status).toBe('cadre');
    expect(h.level).toEqual(['maitrisant', 'referent-polyvalent']);
    expectCites(h, ruleQuote('criteres-classants'));
  });

  // Same sentence: with autonomie C and activité D known, the job cannot be above C whatever the two
  // other criteria say; it may be lower. The unknown criteria are what the questionnaire asks next.
  it('two criteria unknown: a range up to the lowest known, asking for the unknown criteria', () => {
    const r = run({ autonomie: 'C', activite: 'D' });
    expect(r.outcome).not.toBe('not-applicable');
    expect(r.positions).toEqual(['A', 'B', 'C']);
    expect(r.status).toBe('ouvrier-employe');
    expect(r.level).toEqual(ALL_LEVELS);
    expect(missingFacts(r)).toEqual(expect.arrayContaining(['responsabilite', 'connaissancesRequises']));
    expect(missingFacts(r)).not.toContain('autonomie');
    expect(missingFacts(r)).not.toContain('activite');
    expectCites(r, ruleQuote('criteres-classants'));
  });

  // Article 1.3 : « les emplois repères déterminent … une catégorie minimale de classement » ; « tout
  // emploi dont le périmètre … est identique à l'emploi repère ne peut pas être classé à un niveau
  // inférieur à ce dernier ». A Conseiller relation client whose criteria only reach B stays in C.
  it('a catégorie C job card with all criteria at B stays in C (emploi-repère floor)', () => {
    const r = run({ jobId: 'conseiller-relation-client', ...criteria('B', 'B', 'B', 'B') });
    expect(r.positions).toEqual(['C']);
    expect(r.status).toBe('ouvrier-employe');
    expect(r.level).toEqual(ALL_LEVELS);
    expectCites(r, ruleQuote('plancher-emploi-repere'));
  });

  // The emploi-repère is a « catégorie minimale » (article 1.3), not a ceiling: a job meeting the
  // definitions of catégorie E on all four criteria (article 1.1.2) is classed in E.
  it('a catégorie C job card with all criteria at E is classed in E, agent de maîtrise', () => {
    const r = run({ jobId: 'conseiller-relation-client', ...criteria('E', 'E', 'E', 'E') });
    expect(r.positions).toEqual(['E']);
    expect(r.status).toBe('agent-de-maitrise');
    expect(r.level).toEqual(ALL_LEVELS);
    expectCites(r, ruleQuote('criteres-classants'));
  });

  // Article 1.2 : « Chaque catégorie comporte 3 niveaux … – débutant ; … » ; only H has none
  // (« H | - | H-M | H-R »). While the catégorie is open between A and H, débutant stays possible.
  it('catégorie still open up to H: débutant stays possible', () => {
    const r = run({ autonomie: 'H' });
    expect(r.positions).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
    expect(r.status).toBeNull();
    expect(r.level).toEqual(ALL_LEVELS);
    expect(missingFacts(r)).toEqual(expect.arrayContaining(['activite', 'responsabilite', 'connaissancesRequises']));
    expectCites(r, ruleQuote('criteres-classants'));
  });

  // Facts are checked against the grid: a criterion is answered with a catégorie A to H
  // (« Les emplois sont classés sur une échelle comportant 8 catégories conventionnelles »).
  it("refuses a criterion value that is not a catégorie, naming the allowed values", () => {
    expect(() => classify(grid, { autonomie: 'Z' }, { at: AT })).toThrow(/autonomie/);
    expect(() => classify(grid, { autonomie: 'Z' }, { at: AT })).toThrow(/A, B, C, D, E, F, G, H/);
  });
});

// ---------------------------------------------------------------- levels
describe('IDCC 2198 — classify: level of the employee', () => {
  // Article 2.1.1 : « A l'issue d'une période de pratique professionnelle effective d'au maximum
  // 9 mois, les salariés maîtrisant les savoir-faire requis par l'emploi se voient attribuer un niveau
  // maîtrisant. » After 4 months in catégorie A, the employee may still be débutant.
  it('catégorie A, 4 months in the job: débutant is still possible, no warning', () => {
    const r = run({ jobId: 'agent-logistique-polyvalent', positionSince: '2024-09-01' });
    expect(r.positions).toEqual(['A']);
    expect(r.status).toBe('ouvrier-employe');
    expect(r.level).toContain('debutant');
    expect(r.level).toEqual(ALL_LEVELS);
    expect(warningCodes(r)).not.toContain('entry-period-exceeded');
    expectCites(r, jobQuote('agent-logistique-polyvalent'));
  });

  // Same sentence: 10 months in catégorie A is past the 9 months, due on 2024-12-01
  // (2024-03-01 + 9 months): the level is at least maîtrisant, and the delay is flagged.
  it('catégorie A, 10 months in the job: entry period exceeded since positionSince + 9 months, at least maîtrisant', () => {
    const r = run({ jobId: 'agent-logistique-polyvalent', positionSince: '2024-03-01' });
    expect(r.positions).toEqual(['A']);
    expect(r.status).toBe('ouvrier-employe');
    const w = r.warnings.find((x) => x.code === 'entry-period-exceeded');
    expect(w?.dueDate).toBe('2024-12-01');
    expect(r.level).not.toContain('debutant');
    expect(r.level).toEqual(['maitrisant', 'referent-polyvalent']);
    expectCites(r, ruleQuote('debutant-9-mois-a-c'));
  });

  // Fiche « Agent logistique polyvalent » : « Si l'agent logistique est le seul poste classé en
  // catégorie A dans l'établissement logistique de l'entreprise, le salarié après avoir été au niveau
  // débutant pendant 9 mois devra être positionné au niveau polyvalent ».
  it('agent logistique, only catégorie A post of the site, after 10 months: polyvalent', () => {
    const r = run({ jobId: 'agent-logistique-polyvalent', positionSince: '2024-03-01', seulPosteCategorieA: true });
    expect(r.positions).toEqual(['A']);
    expect(r.status).toBe('ouvrier-employe');
    expect(r.level).toEqual(['referent-polyvalent']);
    expectCites(r, ruleQuote('agent-logistique-seul-poste-a'));
  });

  // Article 2.2.1 : « … d'au maximum 12 mois, les salariés maîtrisant les savoir-faire requis de
  // l'emploi sont classés au niveau maîtrisant. » Chef d'équipe (D) since 2023-12-01: due 2024-12-01.
  it("catégorie D, 13 months in the job: entry period of 12 months exceeded", () => {
    const r = run({ jobId: 'chef-d-equipe', positionSince: '2023-12-01' });
    expect(r.positions).toEqual(['D']);
    expect(r.status).toBe('agent-de-maitrise');
    expect(r.warnings.find((x) => x.code === 'entry-period-exceeded')?.dueDate).toBe('2024-12-01');
    expect(r.level).toEqual(['maitrisant', 'referent-polyvalent']);
    expectCites(r, ruleQuote('debutant-12-mois-d-e'));
  });

  // Article 2.3.1.2 : « A l'issue d'une période effective d'au maximum 18 mois les salariés occupant
  // pleinement leur fonction sont classés au niveau maîtrisant. » 10 months in F: within the period.
  it('catégorie F, 10 months in the job: no warning, débutant still possible', () => {
    const r = run({ jobId: 'juriste', positionSince: '2024-03-01' });
    expect(r.positions).toEqual(['F']);
    expect(r.status).toBe('cadre');
    expect(warningCodes(r)).not.toContain('entry-period-exceeded');
    expect(r.level).toEqual(ALL_LEVELS);
    expectCites(r, jobQuote('juriste'));
  });

  // Same sentence: 19 months in F (since 2023-06-01) is past the 18 months, due on 2024-12-01.
  it('catégorie F, 19 months in the job: entry period of 18 months exceeded', () => {
    const r = run({ jobId: 'juriste', positionSince: '2023-06-01' });
    expect(r.positions).toEqual(['F']);
    expect(r.warnings.find((x) => x.code === 'entry-period-exceeded')?.dueDate).toBe('2024-12-01');
    expect(r.level).toEqual(['maitrisant', 'referent-polyvalent']);
    expectCites(r, ruleQuote('debutant-18-mois-f-g'));
  });

  // Article 1.2 : « tout salarié titulaire d'un CQP ou CQPI délivré par la branche, dans l'emploi
  // qu'il occupe, se voit attribuer, a minima, le niveau “ maîtrisant ” ».
  it('CQP of the branch: at least maîtrisant', () => {
    const r = run({ jobId: 'conseiller-relation-client', cqp: true });
    expect(r.positions).toEqual(['C']);
    expect(r.status).toBe('ouvrier-employe');
    expect(r.level).toEqual(['maitrisant', 'referent-polyvalent']);
    expectCites(r, [ruleQuote('cqp-niveau-maitrisant'), ruleQuote('niveau-maitrisant-a-c')]);
  });

  // Article 2.1.1 : « Salarié maîtrisant de façon satisfaisante les pratiques professionnelles
  // requises par l'emploi qu'il exerce » — and not référent: the level is decided, maîtrisant.
  it('masters the job, neither référent nor polyvalent: maîtrisant', () => {
    const r = run({ jobId: 'conseiller-relation-client', maitriseEmploi: true, referent: false, polyvalent: false });
    expect(r.positions).toEqual(['C']);
    expect(r.status).toBe('ouvrier-employe');
    expect(r.level).toEqual(['maitrisant']);
    expectCites(r, ruleQuote('niveau-maitrisant-a-c'));
  });

  // Article 2.1.1 : « Niveau référent et/ou polyvalent — Salarié dominant toutes les caractéristiques
  // et obligations de l'emploi, au point d'être considéré : Comme un référent … »
  it('référent in catégorie C: référent-polyvalent', () => {
    const r = run({ jobId: 'conseiller-relation-client', referent: true });
    expect(r.positions).toEqual(['C']);
    expect(r.status).toBe('ouvrier-employe');
    expect(r.level).toEqual(['referent-polyvalent']);
    expectCites(r, ruleQuote('niveau-referent-polyvalent-a-c'));
  });

  // Same article: « Comme un polyvalent : est considéré comme polyvalent le salarié réalisant de façon
  // non occasionnelle des opérations qui relèvent d'un autre emploi classé dans la même catégorie ou
  // une catégorie inférieure. »
  it('polyvalent in catégorie C: référent-polyvalent', () => {
    const r = run({ jobId: 'conseiller-relation-client', polyvalent: true });
    expect(r.positions).toEqual(['C']);
    expect(r.level).toEqual(['referent-polyvalent']);
    expectCites(r, ruleQuote('niveau-referent-polyvalent-a-c'));
  });

  // Article 2.2.1 : the third level of techniciens and agents de maîtrise is « Niveau référent » :
  // « Salarié dominant l'emploi qu'il exerce au point d'être reconnu comme un expert. » (synthèse :
  // « D | D-D | D-M | D-R », no P). Polyvalence alone does not make a chef d'équipe référent.
  it("polyvalent but not référent in catégorie D: maîtrisant only", () => {
    const r = run({ jobId: 'chef-d-equipe', maitriseEmploi: true, polyvalent: true, referent: false });
    expect(r.positions).toEqual(['D']);
    expect(r.status).toBe('agent-de-maitrise');
    expect(r.level).toEqual(['maitrisant']);
    expectCites(r, ruleQuote('niveau-maitrisant-d-e'));
  });

  // Tableau de synthèse : « H | - | H-M | H-R » — even hired a month ago, a catégorie H holder is
  // maîtrisant at least; référent « Par l'étendue du périmètre de ses activités, leur impact économique
  // et l'importance des ressources dont il dispose ».
  it('catégorie H: never débutant, even a month after hiring; référent when so', () => {
    const r = run({ jobId: 'directeur-de-departement', positionSince: '2024-12-01' });
    expect(r.positions).toEqual(['H']);
    expect(r.status).toBe('cadre');
    expect(r.level).toEqual(['maitrisant', 'referent-polyvalent']);
    expect(warningCodes(r)).not.toContain('entry-period-exceeded');
    expectCites(r, jobQuote('directeur-de-departement'));

    const ref = run({ jobId: 'directeur-de-departement', referent: true });
    expect(ref.level).toEqual(['referent-polyvalent']);
    expectCites(ref, ruleQuote('niveau-referent-h'));
  });
});

// ---------------------------------------------------------------- grid versions
describe('IDCC 2198 — classify: the grid in force', () => {
  // Accord du 30 juin 2021, article 10 : « Les dispositions du présent accord sont applicables au
  // 1er novembre 2021. » Until 31 October 2021 the avenant du 24 juin 2011 applies alone.
  it('2021-10-31 is under the 2011 grid, 2021-11-01 under the 2021 grid', () => {
    const before = conv.gridAt('2021-10-31')!;
    expect(before.id).toBe('2198-2011');
    const r2011 = run({ autonomie: 'C', activite: 'C', responsabilite: 'C', connaissancesRequises: 'C' }, '2021-10-31', before);
    expect(r2011.grid.id).toBe('2198-2011');
    expect(r2011.positions).toEqual(['C']);
    expect(r2011.status).toBe('ouvrier-employe');
    expect(r2011.level).toEqual(ALL_LEVELS);
    expectCites(r2011, g2011.rules.find((x) => x.id === 'criteres-classants')!.source.quote);

    const after = conv.gridAt('2021-11-01')!;
    expect(after.id).toBe('2198-2021');
    const r2021 = run({ jobId: 'conseiller-relation-client' }, '2021-11-01', after);
    expect(r2021.grid.id).toBe('2198-2021');
    expect(r2021.positions).toEqual(['C']);
    expect(r2021.status).toBe('ouvrier-employe');
    expect(r2021.level).toEqual(ALL_LEVELS);
    expectCites(r2021, grid.source.quote);
  });
});

/**
 * The one French renderer of the engine's reasons and warnings: every code has its sentence (a
 * sample of each variant is required by type, so a new code fails here until it is written), and
 * worked examples go from facts to codes to the French the user reads, citing the text.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../src/classify/index.js';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { gridAt } from '../src/grids/lookup.js';
import type { ReasonCode, ReasonParams, WarningCode, WarningParams } from '../src/model/reason.js';
import { REASON_CODES, reasonText, WARNING_CODES, warningText } from '../src/model/reasons-fr.js';
import type { Reason, Warning } from '../src/model/reason.js';

const rule = { rule: 'r', ruleText: 'Texte de la règle.' };

/** At least one sample per code, one per variant; the types refuse a code left out. */
const REASON_SAMPLES: { [K in ReasonCode]: [ReasonParams[K], string][] } = {
  grid: [[{ grid: 'g', title: 'Accord du 1er janvier 2020', at: '2025-03-04' }, 'Grille appliquée : Accord du 1er janvier 2020, en vigueur au 04/03/2025.']],
  'transposition-grid': [[{ from: 'a', fromTitle: 'Ancienne', to: 'b', toTitle: 'Nouvelle', at: '2025-01-01' }, 'Transposition de la grille « Ancienne » vers la grille « Nouvelle », au 01/01/2025.']],
  job: [
    [{ job: 'j', jobTitle: 'Vendeur', trackTitle: 'Filière vente', positions: ['150'] }, 'Emploi-repère « Vendeur » (Filière vente) : position 150.'],
    [{ job: 'j', jobTitle: 'Vendeur', trackTitle: 'Filière vente', positions: ['150', '160', '175'] }, 'Emploi-repère « Vendeur » (Filière vente) : positions 150 à 175.'],
  ],
  status: [[{ statuses: ['ouvrier-employe', 'agent-de-maitrise'], positions: ['150', '200'] }, 'Statut : ouvrier/employé ou technicien/agent de maîtrise (position 150 à 200).']],
  track: [[{ ...rule, track: 't', trackTitle: 'Filière vente' }, 'Filière vente : Texte de la règle.']],
  'track-open': [
    [{ track: 't', trackTitle: 'Filière santé', positions: ['A', 'B', 'K'] }, "Filière santé, si l'emploi en relève : positions A à K."],
    [{ track: 't', trackTitle: 'Filière santé', positions: ['K'] }, "Filière santé, si l'emploi en relève : position K."],
    [{ track: 't', trackTitle: 'Filière santé', positions: [] }, "Filière santé, si l'emploi en relève : aucune position."],
  ],
  'track-ineligible': [
    [{ ...rule, track: null }, "La grille ne s'applique pas : Texte de la règle."],
    [{ ...rule, track: 't', trackTitle: 'Filière santé', otherwiseTrack: 'u' }, "Filière santé : ne s'applique pas. Texte de la règle."],
  ],
  'condition-met': [
    [{ ...rule, position: 'A', label: 'O1-A' }, 'Position A (O1-A) : Texte de la règle.'],
    [{ ...rule, position: 'A', label: null }, 'Position A : Texte de la règle.'],
  ],
  'level-condition-met': [[{ ...rule, level: 'maitrisant', levelTitle: 'maîtrisant' }, 'Niveau maîtrisant : Texte de la règle.']],
  'condition-not-met': [[{ ...rule, position: 'B' }, 'Position B non atteinte, ses conditions ne sont pas remplies : Texte de la règle.']],
  floor: [[{ ...rule, minPosition: '175' }, 'Texte de la règle. — au moins 175.']],
  'benchmark-floor': [[{ ...rule, job: 'j', jobTitle: 'Vendeur' }, "Texte de la règle. — les critères donneraient moins, l'emploi-repère « Vendeur » reste le minimum."]],
  'level-floor': [
    [{ ...rule, level: 'maitrisant', after: null }, 'Texte de la règle. — niveau au moins maitrisant.'],
    [{ ...rule, level: 'maitrisant', after: 'P1Y' }, 'Texte de la règle. — niveau au moins maitrisant après 1 an.'],
  ],
  criteria: [
    [{ ...rule, criteria: { autonomie: 'C', activite: 'D' }, position: 'C', complete: true }, "Critères classants : autonomie C, activite D ; l'emploi se situe à la plus basse, C. Texte de la règle."],
    [{ ...rule, criteria: { autonomie: 'C' }, position: 'C', complete: false }, "Critères connus : autonomie C ; l'emploi ne peut dépasser C tant que les autres critères ne sont pas connus. Texte de la règle."],
  ],
  cotation: [
    [
      { title: 'Cotation', degrees: [{ fact: 'a', title: 'Savoir', degree: 3 }, { fact: 'b', title: 'Initiative', degree: 2 }], points: 5, row: { min: 5, max: 6 }, position: 'C' },
      'Cotation : Savoir 3, Initiative 2 = 5 points ; 5 à 6 points donnent C.',
    ],
  ],
  'cotation-partial': [
    [
      { title: 'Cotation', degrees: [{ fact: 'a', title: 'Savoir', degree: 3 }, { fact: 'b', title: 'Initiative', degree: null }], points: { min: 4, max: 6 }, positions: ['B', 'C'] },
      'Cotation partielle : Savoir 3, Initiative ? ; entre 4 et 6 points selon les critères non renseignés, soit B à C.',
    ],
  ],
  range: [[{ ...rule, positions: ['A', 'B', 'C'] }, 'Le texte laisse le choix entre A à C : Texte de la règle.']],
  'entry-period': [
    [{ ...rule, max: 'P6M' }, "Position d'accueil limitée à 6 mois : Texte de la règle."],
    [{ ...rule, max: 'P3Y', since: '2020-09-01', dueDate: '2023-09-01' }, "Position d'accueil limitée à 3 ans, occupée depuis le 01/09/2020 : échéance le 01/09/2023. Texte de la règle."],
  ],
  'level-entry-period': [
    [{ ...rule, levels: ['debutant'], max: 'P9M', since: '2024-01-01', dueDate: '2024-10-01' }, 'Niveau debutant pour au plus 9 mois depuis le 01/01/2024 : échéance le 01/10/2024. Texte de la règle.'],
  ],
  'entry-period-changed': [
    [{ ...rule, job: 'j', jobTitle: 'Vendeur', from: 'P3Y', to: 'P6M', before: ['P3Y'], after: ['P6M'] }, '« Vendeur » : période maximale 3 ans → 6 mois. Texte de la règle.'],
    [{ ...rule, job: 'j', jobTitle: 'Vendeur', from: null, to: 'P6M', before: [], after: ['P6M'] }, '« Vendeur » : période maximale aucune → 6 mois. Texte de la règle.'],
  ],
  transposition: [
    [{ table: 't', tableTitle: 'Tableau 1', from: ['150'], to: ['A', 'B'], jobs: ['Vendeur'], condition: null }, 'Tableau 1 : ancien coefficient 150 → A, B (Vendeur).'],
    [{ table: 't', tableTitle: 'Tableau 1', from: [], to: ['C'], jobs: [], condition: 'Avec un BTS' }, 'Tableau 1 : Avec un BTS → C.'],
    [{ table: 't', tableTitle: 'Tableau 1', from: ['150'], to: ['C'], jobs: [], condition: 'Avec un BTS' }, 'Tableau 1 : ancien coefficient 150 → C. Avec un BTS'],
  ],
  unchanged: [[{ position: '155', gridTitle: 'Avenant de 2024' }, 'La grille « Avenant de 2024 » conserve la position 155.']],
  assumption: [
    [{ fact: 'f', value: 'oui', question: 'Le salarié encadre-t-il ?', valueLabel: 'Oui' }, "Supposé faute de réponse : Le salarié encadre-t-il ? → Oui. Répondez à cette question si ce n'est pas le cas."],
  ],
};

const WARNING_SAMPLES: { [K in WarningCode]: [WarningParams[K], string][] } = {
  'not-applicable': [
    [rule, 'Les faits excluent cet emploi de la classification : Texte de la règle.'],
    [{ track: 't', trackTitle: 'Filière santé', jobTitle: 'Opticien' }, "Les faits excluent Filière santé et donc l'emploi-repère « Opticien »."],
    [{ track: 't', trackTitle: 'Filière santé', jobTitle: null }, 'Les faits excluent Filière santé.'],
  ],
  'track-changed': [
    [{ track: 't', trackTitle: 'Filière santé', otherwiseTrack: 'u', otherwiseTitle: 'Filière vente', jobTitle: 'Opticien' }, "Classement en Filière vente au lieu de Filière santé : l'emploi-repère « Opticien » ne s'applique pas."],
  ],
  'job-range-overridden': [
    [{ position: '200', jobTitle: 'Vendeur', jobPositions: ['150', '175'] }, "Les faits remplissent les conditions de la position 200, au-dessus de l'emploi-repère « Vendeur » (150 à 175)."],
    [{ minPosition: '200', jobTitle: 'Vendeur', jobPositions: ['150'] }, "L'emploi-repère « Vendeur » est classé 150, mais la règle impose au moins 200."],
    [{ minPosition: '200', jobTitle: null, jobPositions: null }, 'la règle impose au moins 200.'],
  ],
  'conditions-not-met': [[{ position: '150', jobTitle: 'Vendeur' }, "Les faits ne remplissent pas les conditions de la position 150, la plus basse de l'emploi-repère « Vendeur »."]],
  'entry-period-exceeded': [
    [
      { position: '155', since: '2024-04-01', dueDate: '2024-10-01', next: { position: '165', jobTitle: 'Vendeur 2' } },
      'Période maximale dépassée : en position 155 depuis le 01/04/2024, le salarié aurait dû évoluer le 01/10/2024 : la position 165 (Vendeur 2) lui est due depuis cette date.',
    ],
    [{ position: '155', since: '2024-04-01', dueDate: '2024-10-01', next: null }, 'Période maximale dépassée : en position 155 depuis le 01/04/2024, le salarié aurait dû évoluer le 01/10/2024.'],
    [{ levels: ['debutant'], since: '2024-01-01', dueDate: '2024-10-01' }, 'Période maximale au niveau debutant dépassée depuis le 01/10/2024 (en poste depuis le 01/01/2024).'],
  ],
};

const SOURCE = { doc: 'd', quote: 'q' };

describe('the French renderer', () => {
  it('has a sentence for every reason code, and every code has a sample here', () => {
    expect([...REASON_CODES].sort()).toEqual(Object.keys(REASON_SAMPLES).sort());
    for (const [code, samples] of Object.entries(REASON_SAMPLES)) {
      expect(samples.length, code).toBeGreaterThan(0);
      for (const [params, sentence] of samples) expect(reasonText({ code, params, source: SOURCE } as Reason), code).toBe(sentence);
    }
  });

  it('has a sentence for every warning code, and every code has a sample here', () => {
    expect([...WARNING_CODES].sort()).toEqual(Object.keys(WARNING_SAMPLES).sort());
    for (const [code, samples] of Object.entries(WARNING_SAMPLES)) {
      for (const [params, sentence] of samples) expect(warningText({ code, params } as Warning), code).toBe(sentence);
    }
  });
});

describe('worked examples: facts → reason codes → the French the user reads, citing the text', () => {
  const catalogue = loadCatalogue();

  // Avenant du 11 mars 2024 (IDCC 3168): « 155. Opérateur vendeur 1er niveau (période maximale de 6 mois) »;
  // in the position since 1 April 2024, the next level, 165, is due on 1 October 2024.
  it('3168: an Opérateur vendeur 1er niveau past his 6 months', () => {
    const r = classify(gridAt(catalogue.convention('3168')!, '2024-10-02'), { jobId: 'operateur-vendeur-1', positionSince: '2024-04-01' }, { at: '2024-10-02' });
    expect(r.explanation.map((e) => e.code)).toEqual(['grid', 'job', 'entry-period', 'status']);
    const period = r.explanation.find((e) => e.code === 'entry-period')!;
    expect(period.source.quote).toBe('155. Opérateur vendeur 1er niveau (période maximale de 6 mois)');
    expect(reasonText(period)).toBe(
      "Position d'accueil limitée à 6 mois, occupée depuis le 01/04/2024 : échéance le 01/10/2024. 155. Opérateur vendeur 1er niveau (période maximale de 6 mois)",
    );
    expect(reasonText(r.explanation.find((e) => e.code === 'status')!)).toBe('Statut : ouvrier/employé (position 155).');
    expect(r.warnings.map((w) => w.code)).toEqual(['entry-period-exceeded']);
    expect(warningText(r.warnings[0]!)).toBe(
      'Période maximale dépassée : en position 155 depuis le 01/04/2024, le salarié aurait dû évoluer le 01/10/2024 : la position 165 (Opérateur vendeur 2e niveau) lui est due depuis cette date.',
    );
  });

  // Avenant n° 8 du 7 avril 2022 (IDCC 1431), filière santé: « BTS ou équivalent avec moins de deux ans
  // d'exercice effectif du métier » is position A (O1-A).
  it('1431: a BTS holder reaches position A of the santé track', () => {
    const r = classify(gridAt(catalogue.convention('1431')!, '2025-01-01'), { diploma: 'bts' }, { at: '2025-01-01' });
    const met = r.explanation.find((e) => e.code === 'condition-met')!;
    expect(met.params).toMatchObject({ position: 'A', label: 'O1-A' });
    expect(met.source.quote).toBe("BTS ou équivalent avec moins de deux ans d'exercice effectif du métier");
    expect(reasonText(met)).toBe("Position A (O1-A) : BTS ou équivalent avec moins de deux ans d'exercice effectif du métier");
  });

  // Convention de la métallurgie du 7 février 2022, art. 61.1 and 62.1: a degree is worth its number;
  // 10 to 12 points give class 2 of group A.
  it('3248: six criteria at degree 2 make 12 points, class A2; one unanswered leaves A2 to C5', () => {
    const grid = gridAt(catalogue.convention('3248')!, '2025-01-01');
    const facts: Record<string, string> = Object.fromEntries(grid.cotation!.criteria.map((c) => [c.fact, '2']));
    const r = classify(grid, facts, { at: '2025-01-01' });
    const points = r.explanation.find((e) => e.code === 'cotation')!;
    expect(points.source.quote).toContain('10 à 12');
    expect(reasonText(points)).toMatch(/^Cotation : Complexité de l'activité 2, .* = 12 points ; 10 à 12 points donnent A2\.$/);
    delete facts[grid.cotation!.criteria[0]!.fact];
    const partial = classify(grid, facts, { at: '2025-01-01' }).explanation.find((e) => e.code === 'cotation-partial')!;
    expect(reasonText(partial)).toMatch(/^Cotation partielle : Complexité de l'activité \?, .* ; entre 11 et 20 points selon les critères non renseignés, soit A2 à C5\.$/);
  });
});

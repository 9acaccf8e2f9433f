/**
 * IDCC 2198 (commerce à distance): the worked legal examples are data, in
 * grids/2198-commerce-a-distance/examples.yaml (run by test/grid-examples.test.ts). What stays here
 * is what they cannot say: input the grid refuses.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../src/classify/index.js';
import { loadCatalogue } from '../src/grids/catalogue.js';

const grid = loadCatalogue({ only: ['2198'] }).convention('2198')!.grid('2198-2021')!;

describe('IDCC 2198 — classify: refused input', () => {
  // Facts are checked against the grid: a criterion is answered with a catégorie A to H
  // (« Les emplois sont classés sur une échelle comportant 8 catégories conventionnelles »).
  it('refuses a criterion value that is not a catégorie, naming the allowed values', () => {
    expect(() => classify(grid, { autonomie: 'Z' }, { at: '2025-01-01' })).toThrow(/autonomie/);
    expect(() => classify(grid, { autonomie: 'Z' }, { at: '2025-01-01' })).toThrow(/A, B, C, D, E, F, G, H/);
  });
});

describe('IDCC 2198 — the questionnaire asks the critères classants before the level', () => {
  // Art. 1: « La classification comporte 2 étapes successives : – le classement de l'emploi par
  // catégorie ; – l'attribution d'un niveau au titulaire de cet emploi. » and 1.1.2: « Pour qu'un
  // emploi soit situé à une catégorie donnée, il faut impérativement qu'il réponde aux exigences
  // requises par les critères classants. » The level facts come once the catégorie is known.
  const conv = loadCatalogue({ only: ['2198'] }).convention('2198')!;
  const criteria = ['autonomie', 'activite', 'responsabilite', 'connaissancesRequises'];
  const levelFacts = ['referent', 'cqp', 'maitriseEmploi', 'polyvalent'];
  for (const id of ['2198-2011', '2198-2021']) {
    it(`${id}: with no fact, the four criteria first, then the level facts`, () => {
      const asked = classify(conv.grid(id)!, {}, { at: '2025-01-01' }).missing.map((m) => m.fact);
      expect(asked.slice(0, 4)).toEqual(criteria);
      for (const f of levelFacts) expect(asked.indexOf(f), f).toBeGreaterThan(3);
    });
  }
  it('one criterion known, the others still before the level facts', () => {
    const asked = classify(conv.grid('2198-2021')!, { autonomie: 'C' }, { at: '2025-01-01' }).missing.map((m) => m.fact);
    expect(asked.slice(0, 3)).toEqual(['activite', 'responsabilite', 'connaissancesRequises']);
  });
  it('the catégorie known, the level facts are asked', () => {
    const r = classify(conv.grid('2198-2021')!, { autonomie: 'C', activite: 'C', responsabilite: 'C', connaissancesRequises: 'C' }, { at: '2025-01-01' });
    expect(r.positions).toEqual(['C']);
    expect(r.missing.map((m) => m.fact).slice(0, 4).sort()).toEqual([...levelFacts].sort());
  });
});

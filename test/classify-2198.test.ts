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

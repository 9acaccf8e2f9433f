/**
 * S21.G00.40.041 « Positionnement dans la convention collective » is free text (CT2025.1,
 * p. 198-199): the usual ways payroll writes a position, read against the positions and levels
 * of the employee's convention in grids/.
 */
import { describe, expect, it } from 'vitest';
import { findConvention } from '../src/grids/lookup.js';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { parsePositionText, vocabularyOf } from '../src/roster/dsn/position-text.js';

const catalogue = loadCatalogue();
const vocabulary = (idcc: string) => vocabularyOf(findConvention(catalogue, idcc));
const parse = (idcc: string, text: string) => parsePositionText(text, vocabulary(idcc));

describe('positions written in words', () => {
  it.each([
    ['3168', 'Coef. 155', { code: '155' }],
    ['3168', 'Coefficient 195 échelon 2', { code: '195' }],
    ['3168', 'COEFF 210', { code: '210' }],
    ['3168', '155', { code: '155' }],
    ['3168', 'coef 0175', { code: '175' }],
    ['1431', 'Niveau 1.3', { code: '1.3' }],
    ['1431', 'Niveau 1,3', { code: '1.3' }],
    ['1431', 'Niveau 2 échelon 4', { code: '2.4' }],
    ['1431', 'Position B', { code: 'B' }],
    ['1431', 'O2-C', { code: 'C' }],
    ['1431', 'o2 - c', { code: 'C' }],
    ['1431', 'Coefficient 280', { code: '280' }],
    ['2198', 'Catégorie C - maîtrisant', { code: 'C', level: 'maitrisant' }],
    ['2198', 'C maîtrisant', { code: 'C', level: 'maitrisant' }],
    ['2198', 'Cat. D débutant', { code: 'D', level: 'debutant' }],
    ['2198', 'niv. B', { code: 'B' }],
    ['2198', 'Catégorie E référent', { code: 'E', level: 'referent-polyvalent' }],
    ['2198', 'Niveau B', { code: 'B' }],
  ])('IDCC %s: « %s »', (idcc, text, expected) => {
    expect(parse(idcc, text)).toEqual(expected);
  });

  it.each([
    ['3168', 'Coefficient ZZ'],
    ['3168', 'Niveau d’entrée'],
    ['2198', "Niveau d'entrée"],
    ['3168', '999'],
    ['1431', 'Coefficient 105'],
    ['3168', ''],
  ])('IDCC %s: « %s » names no position', (idcc, text) => {
    expect(parse(idcc, text)).toBeUndefined();
  });
});

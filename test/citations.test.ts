import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { isInDocument, verifyCitations } from '../src/grids/citations.js';

const catalogue = loadCatalogue();

describe('citations', () => {
  for (const conv of catalogue.conventions) {
    it(`IDCC ${conv.idcc}: every quote, title, duty and criterion text stands in its document`, () => {
      expect(verifyCitations(conv)).toEqual([]);
    });
  }

  it('catches a quote that the text does not contain', () => {
    const photo = catalogue.convention('3168')!;
    expect(isInDocument(photo, 'avenant-2024', '195. Retoucheur 2e niveau')).toBe(true);
    expect(isInDocument(photo, 'avenant-2024', '196. Retoucheur 2e niveau')).toBe(false);
    // Folding forgives extraction (line breaks, words cut at line ends), not wording.
    expect(isInDocument(photo, 'avenant-2024', 'supervise le bon déroulement du développement photo')).toBe(true);
    expect(isInDocument(photo, 'avenant-2024', 'supervise le bon deroulement du developpement photo')).toBe(false);
  });
});

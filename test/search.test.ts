/**
 * A job title typed the way people type it — without accents, in capitals, in the feminine, in
 * the plural, with a typo — finds its benchmark job first, in every grid in force.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { searchJobs } from '../src/match/search.js';
import { titleVariants } from './support/variants.js';

const catalogue = loadCatalogue();

describe('title search', () => {
  for (const conv of catalogue.conventions) {
    const grid = conv.grids.at(-1)!;
    it(`IDCC ${conv.idcc}: every title of ${grid.id} and its variants find their job first`, () => {
      const misses: string[] = [];
      for (const job of grid.jobs) {
        for (const query of titleVariants(job.title)) {
          const first = searchJobs(grid, query, { limit: 1 })[0];
          // Two jobs may share a title (same job in two filières): either is right.
          if (first?.job.title !== job.title) misses.push(`${query} → ${first?.job.title ?? 'rien'}`);
        }
      }
      expect(misses).toEqual([]);
    });
  }

  it('finds abbreviations and says what matched', () => {
    const vad = catalogue.convention('2198')!.grids.at(-1)!;
    const drh = searchJobs(vad, 'DRH')[0]!;
    expect(drh.job.title).toMatch(/ressources humaines/i);
    expect(drh.evidence[0]!.field).toBe('title');
    const photo = catalogue.convention('3168')!.grids.at(-1)!;
    expect(searchJobs(photo, 'retoucheuses')[0]!.job.title).toMatch(/^Retoucheur/);
    expect(searchJobs(photo, '')).toEqual([]);
    expect(searchJobs(photo, 'zzzz qqqq')).toEqual([]);
  });
});

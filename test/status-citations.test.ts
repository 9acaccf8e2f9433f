/**
 * Issue 12: a status is justified in words of the text — a sentence or a heading that says which
 * positions have which status — never by a code (« O2-C ») nor by a wage-table row pasted as the
 * quote (« Employé | 150 | 1 622 | 155 | 1 639 | »). Checked on every position of every grid, and on
 * the explanation of a classify result.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { classify } from '../src/classify/index.js';
import type { Source } from '../src/model/schema.js';

const catalogue = loadCatalogue();

/** The citation the status explanation shows for a position. */
const statusQuote = (p: { statusSource?: Source; source: Source }): string => (p.statusSource ?? p.source).quote;
/** Words, not a code: at least one run of three letters, lower-case or after a capital (« Maîtrise »). */
const hasWords = (quote: string): boolean => /\p{L}\p{Ll}{2,}/u.test(quote);

describe('status citations', () => {
  for (const conv of catalogue.conventions) {
    it(`IDCC ${conv.idcc}: every position's status cites words of the text, not a table row nor a code`, () => {
      const bad = conv.grids.flatMap((g) =>
        g.positions.filter((p) => statusQuote(p).includes('|') || !hasWords(statusQuote(p))).map((p) => `${g.id} ${p.code}: ${statusQuote(p)}`),
      );
      expect(bad).toEqual([]);
    });
  }

  it('tells a code and a pasted row from words', () => {
    expect(hasWords('O2-C')).toBe(false);
    expect(hasWords('Maîtrise')).toBe(true);
    expect('Employé | 150 | 1 622 | 155 | 1 639 |'.includes('|')).toBe(true);
  });

  // « Cadre administratif » is « 320 » (avenant-2024 « 320. Cadre administratif »); the salary agreement
  // of 31 January 2022 heads its cadre block « Cadre ».
  it('the status explanation of a 3168 position 320 cites the words « Cadre », not the wage row', () => {
    const grid = catalogue.convention('3168')!.gridAt('2025-01-01')!;
    const r = classify(grid, { jobId: 'cadre-administratif-services-generaux' }, { at: '2025-01-01' });
    expect(r.positions).toEqual(['320']);
    expect(r.status).toBe('cadre');
    const status = r.explanation.find((e) => e.code === 'status')!;
    expect(status.source).toEqual({ doc: 'salaires-3168', article: 'KALIARTI000046241016', quote: 'Cadre' });
    expect(status.source.quote).not.toContain('|');
  });

  // Avenant du 24 juin 2011, art. 1.1.1: « les catégories D et E se rapportent aux techniciens et agents de maîtrise ».
  it('the status explanation of a 2198 category D cites the article on catégories and statuts', () => {
    const grid = catalogue.convention('2198')!.gridAt('2025-01-01')!;
    const job = grid.jobs.find((j) => j.positions.length === 1 && j.positions[0] === 'D')!;
    const r = classify(grid, { jobId: job.id }, { at: '2025-01-01' });
    const status = r.explanation.find((e) => e.code === 'status')!;
    expect(status.source.quote).toBe('les catégories D et E se rapportent aux techniciens et agents de maîtrise');
  });
});

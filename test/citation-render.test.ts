import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { verifyArticleNames } from '../src/grids/citations.js';
import { citationOf, citationText, citationWhere } from '../src/report/citation.js';
import { shippedCitation, textsOf } from '../src/report/cited-texts.js';
import type { Source } from '../src/model/schema.js';

const catalogue = loadCatalogue();
const photo = catalogue.convention('3168')!;

/** Every source a convention's grids and wage scales cite. */
function sources(node: unknown, out: Source[] = []): Source[] {
  if (Array.isArray(node)) node.forEach((n) => sources(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.doc === 'string' && typeof o.quote === 'string') out.push(o as unknown as Source);
    Object.values(o).forEach((v) => sources(v, out));
  }
  return out;
}

describe('citations as documents', () => {
  for (const conv of catalogue.conventions) {
    it(`IDCC ${conv.idcc}: every cited article is named as its text numbers it`, () => {
      expect(verifyArticleNames(conv)).toEqual([]);
    });

    it(`IDCC ${conv.idcc}: no citation shows an internal id, a file name or a KALI id`, () => {
      const all = sources([conv.grids.map((g) => ({ positions: g.positions, jobs: g.jobs, rules: g.rules, tracks: g.tracks, transpositions: g.transpositions, cotation: g.cotation })), conv.wageScales]);
      expect(all.length).toBeGreaterThan(50);
      for (const s of all) {
        const where = citationWhere(citationOf(s, textsOf(conv)));
        expect(where).not.toMatch(/KALI|seed|\.txt|\b[a-z]+-\d{4}\b|salaires-|accord-|annexe-i/);
      }
    });
  }

  it('names the accord and the article of a wage table, linked to that article (accord du 31 janvier 2022)', () => {
    const c = citationOf({ doc: 'salaires-3168', article: 'KALIARTI000046241016', quote: 'Employé | 150 | 1 622 |' }, textsOf(photo));
    expect(c).toEqual({
      document: 'Avenant du 31 janvier 2022 relatif aux salaires minima',
      article: 'article 1er',
      quote: 'Employé | 150 | 1 622 |',
      url: 'https://www.legifrance.gouv.fr/conv_coll/id/KALIARTI000046241016',
    });
    expect(citationText(c)).toBe(
      '« Employé | 150 | 1 622 | » — Avenant du 31 janvier 2022 relatif aux salaires minima, article 1er (https://www.legifrance.gouv.fr/conv_coll/id/KALIARTI000046241016)',
    );
  });

  it('links a text without article ids to its own page, else to the convention', () => {
    const accord = citationOf({ doc: 'accord-2009', quote: 'Filière magasin' }, textsOf(photo));
    expect(accord.url).toBe('https://www.legifrance.gouv.fr/conv_coll/id/KALITEXT000022759606');
    const avenant = citationOf({ doc: 'avenant-2024', quote: '195. Retoucheur 2e niveau' }, textsOf(photo));
    expect(avenant.document).toBe('Avenant du 11 mars 2024 à l’accord du 9 décembre 2009 relatif aux classifications des salariés');
    expect(avenant.article).toBeUndefined();
    expect(avenant.url).toBe('https://www.legifrance.gouv.fr/conv_coll/id/KALICONT000027961162');
  });

  it('names an unnumbered article by its section', () => {
    const c = citationOf({ doc: 'accord-2009', article: 'KALIARTI000022759616', quote: 'Filière magasin' }, textsOf(photo));
    expect(citationWhere(c)).toBe('Accord du 9 décembre 2009 relatif aux classifications, Filière magasin (hors prises de vue)');
  });

  it('names the documents of an audit that are not texts of a convention, and never shows an unknown id', () => {
    expect(citationWhere(shippedCitation({ doc: 'fichier-importe', quote: 'ligne 3' }, undefined))).toBe('fichier importé');
    expect(citationWhere(shippedCitation({ doc: 'salaires-3168', article: 'KALIARTI000046241016', quote: 'x y z' }, undefined))).toBe(
      'Avenant du 31 janvier 2022 relatif aux salaires minima, article 1er',
    );
    expect(citationWhere(citationOf({ doc: 'inconnu-2099', quote: 'x y z' }, undefined))).toBe('texte de la convention collective');
  });
});

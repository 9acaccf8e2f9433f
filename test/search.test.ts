/**
 * A job title typed the way people type it — without accents, in capitals, in the feminine, in
 * the plural, with a typo — finds its benchmark job first, in every grid in force.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { searchGrid } from '../src/match/grid-search.js';
import { expandAbbreviations } from '../src/match/abbreviations.js';
import { searchJobs } from '../src/match/title-search.js';
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

  it('writes out payroll shorthand from the shared list and the branch lexicon (data, not code)', () => {
    const grid = catalogue.convention('1431')!.grids.at(-1)!;
    const table = grid.lexicon.abbreviations;
    expect(expandAbbreviations('RESP. MAG. N2', table)).toBe('responsable. magasin. niveau 2');
    expect(expandAbbreviations('VDS ECH3 NIV.1', table)).toBe('vendeur echelon 3 niveau.1');
    expect(expandAbbreviations('TECH PROD INFO', table)).toBe('technicien production informatique');
    // Whole words only: "magasinier" is not "magasin" + "ier", "vendeuse" is left to the normaliser.
    expect(expandAbbreviations('Magasinier vendeuse', table)).toBe('magasinier vendeuse');
  });
});

/** Payroll titles as staff lists hold them (issue 11): the base job of a trade, the level written, the exact title first. */
describe('payroll titles', () => {
  const cases: [idcc: string, query: string, first: string][] = [
    ['1431', 'opticienne', 'Opticien diplômé 1'],
    ['1431', 'OPTICIEN(NE) H/F', 'Opticien diplômé 1'],
    ['1431', 'Directeur de magasin', 'Directeur de magasin 1'],
    ['1431', 'DIR. MAGASIN', 'Directeur de magasin 1'],
    ['1431', 'MAGASIN DIRECTEUR', 'Directeur de magasin 1'],
    ['1431', 'RESP MAG', 'Directeur de magasin 1'],
    ['1431', 'Directeur adjoint de magasin', 'Directeur adjoint de magasin'],
    ['1431', 'VDS', 'Vendeur 1'],
    ['1431', 'vendeuse', 'Vendeur 1'],
    ['1431', 'monteur', 'Monteur 1'],
    ['1431', 'MONTEUR VENDEUR N2', 'Monteur-vendeur 2'],
    ['1431', 'MONTEUSE 2', 'Monteur 2'],
    ['2198', 'ASS. ADMIN', 'Assistant (e) administratif'],
    ['2198', 'PREPA CDES', 'Agent logistique polyvalent'],
    ['2198', 'MAGASINIER', 'Agent logistique polyvalent'],
    ['3168', 'PHOTOGRAPHE', 'Photographe 1er niveau'],
    ['3168', 'RETOUCHEUSE N2', 'Retoucheur 2e niveau'],
    ['3168', 'OPERATRICE VENDEUSE 2EME NIV', 'Opérateur vendeur 2e niveau'],
    ['3168', 'RESP. MAGASIN ECH.2', 'Responsable magasin 2e échelon'],
    ['3168', 'Responsable de point de vente', 'Responsable magasin 1er échelon'],
    ['3168', 'TECH NIV.3', 'Technicien niveau 3'],
    ['3168', 'CHEF EQUIPE 1ER NIVEAU', 'Chef d’équipe niveau 1'],
    // A trade word beside the level (« VERRES », « PROD », « LABO ») must not cost the level: the trade's names hold it.
    ['1431', 'MONTEUSE DE VERRES N2', 'Monteur 2'],
    ['1431', 'TECHNICIENNE MONTEUR', 'Monteur 1'],
    ['1431', 'ASSISTANTE MANAGER', 'Directeur adjoint de magasin'],
    ['2198', 'RESP. SUPPLY CHAIN', "Responsable d'exploitation"],
    ['2198', 'SUPERVISEUR RELATION CLIENT', "Chef d'équipe"],
    ['3168', 'OPERATRICE PROD N2', 'Opérateur niveau 2'],
    ['3168', 'TECHNICIEN LABO N1', 'Technicien niveau 1'],
    ['3168', 'CADRE INFO', 'Cadre informatique'],
    ['3168', 'PHOTOGRAPHE PACKSHOT N2', 'Photographe 2e niveau'],
  ];
  for (const [idcc, query, first] of cases) {
    it(`IDCC ${idcc}: « ${query} » → ${first}`, () => {
      const grid = catalogue.convention(idcc)!.grids.at(-1)!;
      const answer = searchGrid(grid, query, { limit: 3 });
      expect(answer.mode).toBe('title');
      expect(answer.results[0]!.job.title.split('/')[0]!.trim()).toBe(first);
      expect(answer.results[0]!.confidence).toBeGreaterThan(0);
    });
  }

  it('a title that does not write the level names its ties, and a title that writes it has none', () => {
    const grid = catalogue.convention('1431')!.grids.at(-1)!;
    const vendeur = searchGrid(grid, 'VENDEUR', { limit: 5 });
    expect(vendeur.results[0]!.job.title).toBe('Vendeur 1');
    expect(vendeur.tiedWith?.map((r) => r.job.title)).toEqual(['Vendeur 2']);
    expect(vendeur.uncertain).toBe(true);
    const opticienne = searchGrid(grid, 'OPTICIENNE', { limit: 10 });
    expect(opticienne.tiedWith?.map((r) => r.job.title.split(' /')[0])).toEqual(['Opticien diplômé 2', 'Opticien diplômé 3', 'Opticien diplômé 4', 'Opticien diplômé 5']);
    // A manager whose title holds the trade word is not a tie of the trade.
    expect(searchGrid(grid, 'MONTEUR', { limit: 5 }).tiedWith?.map((r) => r.job.title)).toEqual(['Monteur 2']);
    for (const written of ['VENDEUR 2', 'MONTEUSE 2', 'OPTICIEN N3']) expect(searchGrid(grid, written, { limit: 5 }).tiedWith, written).toBeUndefined();
    // A description never has ties: its confidence is the job's.
    expect(searchGrid(grid, 'Vendeuse en magasin : accueille les clients, conseille sur les montures, encaisse et range la boutique.').tiedWith).toBeUndefined();
  });

  it('never puts a manager whose title holds the trade word before the base job', () => {
    const grid = catalogue.convention('1431')!.grids.at(-1)!;
    const titles = searchJobs(grid, 'opticienne', { limit: 3 }).map((r) => r.job.title);
    expect(titles[0]).toMatch(/^Opticien diplômé 1/);
    expect(titles.slice(0, 2).some((t) => /directeur/i.test(t))).toBe(false);
  });
});

/**
 * Fidelity fixes of issue 13: what a line-by-line review of grids/ against texts/ found, each
 * checked against the text itself (docs/rules-engine.md, « Lecture des textes »).
 */
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { isInDocument } from '../src/grids/citations.js';
import { classif } from './support/cli.js';

const catalogue = loadCatalogue();
const conv = (idcc: string) => catalogue.convention(idcc)!;
const grid = (idcc: string, id: string) => conv(idcc).grids.find((g) => g.id === id)!;

describe('3168 « Mêmes fonctions que précédent » where the text does not name the job', () => {
  it('shows the reading of the text on the job card (CLI), with the link it made', () => {
    const r = classif('job', '3168', 'adjoint-au-responsable-des-ventes', '--at', '2025-01-01');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Précision du texte : Mêmes fonctions que précédent.');
    expect(r.stdout).toMatch(/Lecture du texte : .*Technicien qualifié 1er échelon \(195\).*Opérateur vendeur 3e niveau/);
    // The duties taken over are the technicien's, first.
    expect(r.stdout).toMatch(/Fonctions :\n {2}- Installe, répare les outils de production/);
  });

  it('Technicien systèmes et réseaux niveau 2 takes over no duties: the job before it is no lower level', () => {
    for (const id of ['3168-2009', '3168-2024']) {
      const g = grid('3168', id);
      const j = g.job('technicien-systemes-et-reseaux-2')!;
      expect(j.inherits).toBeUndefined();
      expect(g.jobDuties(j.id)[0]).toBe('Mêmes fonctions que précédent.');
      expect(j.notes.map((n) => n.id)).toEqual(['renvoi-au-precedent']);
    }
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classif } from './support/cli.js';

interface GridJson {
  idcc: string;
  grid: { id: string; title: string; effectiveFrom: string; effectiveTo: string | null };
  tracks: { id: string; title: string }[];
  positions: { code: string; status: string; track: string | null }[];
  jobs: { id: string; title: string; track: string; positions: string[]; status: string; duties: string[]; source: { doc: string; quote: string } }[];
}
interface SearchJson {
  idcc: string;
  grid: { id: string };
  query: string;
  results: { job: { id: string; title: string }; track: string; positions: string[]; status: string; score: number; evidence: unknown[]; source: { doc: string; quote: string } }[];
}

describe('classif conventions', () => {
  it('lists the four conventions and their dated grids', () => {
    const r = classif('conventions', '--json');
    expect(r.status).toBe(0);
    const list = r.json<{ idcc: string; title: string; grids: { id: string; title: string; effectiveFrom: string; effectiveTo: string | null; lastVerified: string }[] }[]>();
    expect(list.map((c) => c.idcc)).toEqual(['1431', '2198', '3168', '3248']);
    for (const c of list) {
      expect(c.title.length).toBeGreaterThan(10);
      for (const g of c.grids) expect(Object.keys(g).sort()).toEqual(['effectiveFrom', 'effectiveTo', 'id', 'lastVerified', 'title']);
      expect(c.grids.at(-1)!.effectiveTo).toBeNull();
    }
  });

  it('prints French text without --json', () => {
    const r = classif('conventions');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('IDCC 3168');
    expect(r.stdout).toContain('depuis le');
  });
});

describe('classif grid', () => {
  it('gives the 2024 photo grid with positions, statuses and inherited duties', () => {
    const r = classif('grid', '3168', '--at', '2025-01-01', '--json');
    expect(r.status).toBe(0);
    const g = r.json<GridJson>();
    expect(g.grid.id).toBe('3168-2024');
    const retoucheur2 = g.jobs.find((j) => j.title === 'Retoucheur 2e niveau')!;
    expect(retoucheur2.positions).toEqual(['195']);
    expect(retoucheur2.duties[0]).toContain('Assure le détourage et la repique des fichiers');
    expect(g.positions.find((p) => p.code === '195')?.status).toBeDefined();
    for (const j of g.jobs) expect(['ouvrier-employe', 'agent-de-maitrise', 'cadre', 'cadre-superieur']).toContain(j.status);
  });

  it('gives the old 1431 grid before the new one and the new one after', () => {
    expect(classif('grid', '1431', '--at', '2020-01-01', '--json').json<GridJson>().grid.id).toBe('1431-1986');
    const now = classif('grid', '1431', '--at', '2025-01-01', '--json').json<GridJson>();
    expect(now.grid.id).toBe('1431-2022');
    expect(now.positions.map((p) => p.code)).toEqual(expect.arrayContaining(['A', 'K', '1.1', '3.6']));
  });

  it('refuses an unknown IDCC, naming those that exist', () => {
    const r = classif('grid', '9999');
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/IDCC 9999.*1431.*2198.*3168/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('refuses a malformed IDCC and a bad date, in French', () => {
    expect(classif('grid', 'abc').stderr).toContain('IDCC invalide');
    const r = classif('grid', '3168', '--at', '2024-13-45');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--at : date invalide : « 2024-13-45 »');
    expect(classif('grid', '3168', '--at', '31/02/2024').stderr).toContain('AAAA-MM-JJ ou JJ/MM/AAAA');
  });

  it('says when no grid is in force at the date', () => {
    const r = classif('grid', '3168', '--at', '2001-01-01');
    expect(r.status).toBe(3);
    expect(r.stderr).toContain("Aucune grille de classification de l'IDCC 3168");
  });
});

describe('classif search', () => {
  it('finds a job typed the way people type it, first', () => {
    const cases: [string, string, string][] = [
      ['3168', 'retoucheuse 2e niveau', 'Retoucheur 2e niveau'],
      ['3168', 'operateur vendeur 1er niveau', 'Opérateur vendeur 1er niveau'],
      ['3168', 'RETOUCHEUR EXPERT', 'Retoucheur expert'],
      ['3168', 'directeur de magazin', 'Directeur de magasin'],
    ];
    for (const [idcc, query, title] of cases) {
      const r = classif('search', idcc, query, '--json');
      expect(r.status, query).toBe(0);
      const s = r.json<SearchJson>();
      expect(s.query).toBe(query);
      expect(s.results[0]?.job.title, query).toBe(title);
      expect(s.results[0]!.source.quote.length).toBeGreaterThan(3);
      expect(s.results[0]!.evidence.length).toBeGreaterThan(0);
    }
  });

  it('a job no card describes: the criteria reading or the refusal first, the closest cards only as a hint', () => {
    // An occupational nurse (eval/criteria-only/others-dev-nocard.yaml 2198-8506): no card of 2198 fits.
    const nurse =
      "L'infirmière de santé au travail du site logistique assure les soins d'urgence, les entretiens infirmiers, le suivi des salariés exposés aux manutentions et participe aux actions de prévention avec le service HSE. Diplôme d'État d'infirmier.";
    const r = classif('search', '2198', nurse, '--limit', '2');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/⚠ Aucun emploi-repère de la grille ne décrit ce poste avec certitude/);
    expect(r.stdout).toContain('questionnaire');
    expect(r.stdout.indexOf('à titre indicatif')).toBeLessThan(r.stdout.indexOf('1. '));
  });

  it('says when a title does not write the level: the tied jobs, and a confidence for the trade only', () => {
    const r = classif('search', '1431', 'VENDEUR');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("⚠ L'intitulé convient autant à Vendeur 1 (1.1, 1.2) et à Vendeur 2 (1.3, 1.4, 1.5)");
    expect(r.stdout).toMatch(/1\. Vendeur 1 — .* — confiance \d+ % pour le métier, niveau à départager/);
    expect(r.stdout).not.toContain('Réponse incertaine');
    const written = classif('search', '1431', 'VENDEUR 2');
    expect(written.stdout).not.toContain('convient autant');
    expect(classif('search', '1431', 'VENDEUR', '--json').json<{ tiedWith: { job: { title: string }; positions: string[] }[] }>().tiedWith).toEqual([{ job: { id: 'vendeur-2', title: 'Vendeur 2' }, positions: ['1.3', '1.4', '1.5'] }]);
  });

  it('honours --limit and rejects a bad one', () => {
    expect(classif('search', '3168', 'photographe', '--limit', '2', '--json').json<SearchJson>().results).toHaveLength(2);
    const r = classif('search', '3168', 'photographe', '--limit', 'deux');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--limit invalide');
  });

  it('rejects unknown options and missing arguments without a stack trace', () => {
    const unknown = classif('search', '3168', 'photographe', '--foo');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Option inconnue : --foo');
    const missing = classif('search', '3168');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('Texte recherché manquant après l\'IDCC 3168');
    expect(classif('search').stderr).toContain('Argument manquant');
    const cmd = classif('chercher');
    expect(cmd.status).toBe(2);
    expect(cmd.stderr).toContain('Commande inconnue');
  });
});

describe('classif classify and transpose', () => {
  function withFacts(facts: unknown): string {
    const dir = mkdtempSync(join(tmpdir(), 'classif-facts-'));
    const file = join(dir, 'faits.json');
    writeFileSync(file, JSON.stringify(facts));
    return file;
  }

  it('classifies an optician from facts, with reasons citing the avenant', () => {
    const r = classif('classify', '1431', '--facts', withFacts({ diploma: 'licence', yearsOfPractice: 0, referentDomains: [], advancedPractices: [], role: 'aucun', managedStaff: 0 }), '--at', '2025-01-01', '--json');
    expect(r.status).toBe(0);
    const out = r.json<{ track: string; positions: string[]; status: string; explanation: { code: string; text: string; source: { doc: string; quote: string } }[]; missing: unknown[]; warnings: unknown[] }>();
    expect(out.track).toBe('professionnels-de-sante');
    expect(out.positions).toEqual(['B']);
    expect(out.status).toBe('agent-de-maitrise');
    expect(out.explanation.every((e) => e.source.quote.length > 0)).toBe(true);
    expect(Array.isArray(out.missing)).toBe(true);
  });

  it('gives the positions per filière when the facts leave two parallel filières open', () => {
    const r = classif('classify', '1431', '--facts', withFacts({ role: 'cadre-superieur' }), '--at', '2025-01-01');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Résultat : positions K (Filière « professionnels de santé ») ou 3.6 (Filière « collaborateurs de la branche optique lunetterie ») (cadre supérieur/dirigeant)');
  });

  it('reports an overdue promotion with its due date', () => {
    const r = classif('classify', '3168', '--facts', withFacts({ jobId: 'operateur-vendeur-1', positionSince: '2024-04-01' }), '--at', '2024-10-02', '--json');
    const out = r.json<{ positions: string[]; warnings: { code: string; dueDate?: string }[] }>();
    expect(out.positions).toEqual(['155']);
    expect(out.warnings).toContainEqual(expect.objectContaining({ code: 'entry-period-exceeded', dueDate: '2024-10-01' }));
  });

  it('refuses a fact of the wrong type or value, naming it and the allowed values', () => {
    const wrongType = classif('classify', '1431', '--facts', withFacts({ yearsOfPractice: 'deux' }));
    expect(wrongType.status).toBe(2);
    expect(wrongType.stderr).toContain('yearsOfPractice');
    const wrongValue = classif('classify', '1431', '--facts', withFacts({ diploma: 'master' }));
    expect(wrongValue.status).toBe(2);
    expect(wrongValue.stderr).toMatch(/diploma.*none, bts, licence, cqp/);
    // A file that is not there is « introuvable » (exit 3), not « illisible ».
    const absent = classif('classify', '1431', '--facts', join(withFacts({}), '..', 'absent.json'));
    expect(absent.status).toBe(3);
    expect(absent.stderr).toContain('Fichier de faits introuvable');
    const folder = classif('classify', '1431', '--facts', join(withFacts({}), '..'));
    expect(folder.status).toBe(2);
    expect(folder.stderr).toContain('Fichier de faits illisible');
  });

  it('transposes old 1431 coefficients and refuses one the table does not know', () => {
    const ok = classif('transpose', '1431', '--coefficient', '220', '--facts', withFacts({ diploma: 'none' }), '--at', '2025-01-01', '--json');
    expect(ok.status).toBe(0);
    const out = ok.json<{ from: { position: string }; to: { track: string; positions: string[]; status: string }; explanation: unknown[] }>();
    expect(out.from.position).toBe('220');
    expect(out.to.positions).toEqual(['2.4']);
    const unknown = classif('transpose', '1431', '--coefficient', '225');
    expect(unknown.status).toBe(3);
    expect(unknown.stderr).toMatch(/225.*100, 110/);
  });

  it('searches by description as well as by title', () => {
    const r = classif('search', '2198', 'Je réponds aux clients au téléphone et par mail, je traite les commandes, les retours et les remboursements', '--limit', '3', '--json');
    expect(r.status).toBe(0);
    const out = r.json<{ mode: string; results: { job: { title: string }; confidence: number }[] }>();
    expect(out.mode).toBe('description');
    expect(out.results[0]!.job.title).toBe('Conseiller (e) relation client');
    expect(out.results[0]!.confidence).toBeGreaterThan(0);
  });
});

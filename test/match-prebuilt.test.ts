/**
 * The matcher's indexes the build stores (dist/matcher/<grid>.bin, src/match/prebuilt.ts) give the
 * same answers as the indexes a process builds from the grid files: same signals, scores,
 * confidences and evidence, to the last bit.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../src/grids/catalogue.js';
import type { Grid } from '../src/grids/grid.js';
import { matchDescription, matcherIndexes, scoreJobs } from '../src/match/describe.js';
import { loadIndexes, prebuiltOf, storeIndexes } from '../src/match/prebuilt.js';

const fromBuild = loadCatalogue();
// Validated from the files: no stored index is offered, the matcher builds its own.
const fromFiles = loadCatalogue({ validate: true });
const grids = (c: typeof fromBuild): Grid[] => ['1431', '2198', '3168'].map((idcc) => c.convention(idcc)!.gridAt('2025-06-01')!);

const TEXTS = [
  "Vendeuse : accueille les clients, conseille sur le choix des montures, encaisse et range la boutique. Débutante, formée par l'opticienne.",
  "Responsable du magasin, encadre une équipe de six vendeurs, gère le budget, les plannings et le chiffre d'affaires. Statut cadre, dix ans d'expérience.",
  'Intitulé : préparateur de commandes\nMission : prélève les articles, emballe, charge les camions, conduit un chariot élévateur.',
  'Photographe de studio confirmé, réalise les prises de vue, les retouches numériques et forme les apprentis. Autonome, il gère le planning.',
  'opticienne diplômée, examens de vue et lentilles, référente contactologie depuis 2019',
];

describe('the indexes stored by the build', () => {
  it('are those of the build, read from dist/matcher', () => {
    for (const grid of grids(fromBuild)) expect(prebuiltOf(grid), grid.id).toBeDefined();
    for (const grid of grids(fromFiles)) expect(prebuiltOf(grid), grid.id).toBeUndefined();
  });

  it('give the same signals, scores and answers as indexes built from the grid files', () => {
    const [a, b] = [grids(fromBuild), grids(fromFiles)];
    for (const [i, grid] of a.entries()) {
      for (const text of TEXTS) {
        const strip = (r: ReturnType<typeof scoreJobs>) => r.map((s) => ({ job: s.job.id, signals: s.signals, score: s.score }));
        expect(strip(scoreJobs(grid, text, { at: '2026-12-07' }))).toEqual(strip(scoreJobs(b[i]!, text, { at: '2026-12-07' })));
        const answer = (g: Grid) => JSON.parse(JSON.stringify(matchDescription(g, text, { limit: 10, at: '2026-12-07' }))) as unknown;
        expect(answer(grid)).toEqual(answer(b[i]!));
      }
    }
  });

  it('read back as they were stored: postings, weights, lines and their words in order', () => {
    const grid = grids(fromFiles)[0]!;
    const built = matcherIndexes(grid);
    const stored = storeIndexes(grid, built);
    // As the file gives them: views at an offset of a larger buffer.
    const f64 = new Float64Array(stored.f64.length + 3).fill(NaN);
    f64.set(stored.f64, 3);
    const i32 = new Int32Array(stored.i32.length + 5).fill(-1);
    i32.set(stored.i32, 5);
    const read = loadIndexes(grid, { head: JSON.parse(JSON.stringify(stored.head)) as unknown, f64: f64.subarray(3), i32: i32.subarray(5) });
    const plain = (m: typeof built) => ({
      entries: m.index.entries.map((e) => ({ ...e, job: e.job.id, lines: e.lines.map((l) => ({ ...l, terms: [...l.terms] })) })),
      idf: [...m.index.idf],
      postings: Object.values(m.index.postings).map((p) => ({ slots: [...p.slots], starts: [...p.starts], at: [...p.at], w: [...p.w] })),
      tracks: m.index.tracks,
      examples: m.examples && { idf: [...m.examples.idf], slots: [...m.examples.postings.slots], w: [...m.examples.postings.w], at: [...m.examples.postings.at], size: m.examples.size, trained: m.examples.trained },
      lexicon: m.lexicon,
    });
    expect(plain(read)).toEqual(plain(built));
    expect(read.index.postings.job.w.length).toBeGreaterThan(1000);
  });
});

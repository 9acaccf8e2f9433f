/**
 * The fast paths of the description search give what the plain ones gave (issue 11: the warm
 * p99 came down without changing an answer). The whole check runs every text of the development
 * sets before and after a change (bench/search-snapshot.mjs, docs/performance.md); here, a sample:
 * the ranking from signal columns against the per-job objects and their `combine`, and the title
 * search word by word against one MiniSearch query of the whole.
 */
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { matchDescription } from '../src/match/describe.js';
import { asWritten, readQuery } from '../src/match/description-query.js';
import { examplesOf } from '../src/match/learned-examples.js';
import { indexOf } from '../src/match/matcher-index.js';
import { WEIGHTS } from '../src/match/score-weights.js';
import { allSignals, combine, jobTracks } from '../src/match/signals.js';
import { OPTIONS, jobsFound, prebuildIndex } from '../src/match/title-search.js';
import { titleVariants } from './support/variants.js';

const catalogue = loadCatalogue();
const gridOf = (idcc: string) => catalogue.convention(idcc)!.gridAt('2025-06-01')!;
const sample = (parse(readFileSync(new URL('../eval/dev.yaml', import.meta.url), 'utf8')) as { idcc: string; text: string }[]).filter((_, i) => i % 8 === 0);

describe('the description search, fast and unchanged', () => {
  it('ranks and scores as the per-job signals and `combine` do (sorted stably, one answer per title)', () => {
    expect(sample.length).toBeGreaterThan(15);
    for (const c of sample) {
      const grid = gridOf(c.idcc);
      const index = indexOf(grid);
      const q = readQuery(grid, index, asWritten(grid, c.text))!;
      const signals = allSignals(index, q, WEIGHTS.examples !== 0 ? examplesOf(grid) : undefined, jobTracks(grid, index));
      const seen = new Set<string>();
      const expected = index.entries
        .map((e, i) => ({ e, score: combine(signals[i]!) }))
        .sort((a, b) => b.score - a.score)
        .filter(({ e }) => !seen.has(e.key) && seen.add(e.key))
        .slice(0, 10)
        .map(({ e, score }) => [e.job.id, Math.round(score * 1000) / 1000]);
      expect(matchDescription(grid, c.text, { limit: 10 }).map((m) => [m.job.id, m.score])).toEqual(expected);
    }
  });

  it('finds, word by word, the jobs and words one MiniSearch query of the whole finds', () => {
    for (const idcc of ['3168', '1431', '2198']) {
      const grid = gridOf(idcc);
      const whole = MiniSearch.loadJSON(prebuildIndex(grid).search, OPTIONS);
      const queries = grid.jobs.flatMap((j) => titleVariants(j.title)).concat(['vendeur photo', 'responsable magasn', 'opticien diplome 2', 'chef de rayon technicien']);
      for (const q of queries) {
        const expected = new Map(whole.search(q).map((r) => [String(r.id), new Set(Object.keys(r.match))]));
        // Twice: the second from the words kept.
        expect(jobsFound(grid, q)).toEqual(expected);
        expect(jobsFound(grid, q)).toEqual(expected);
      }
    }
  });
});

/**
 * The matcher's indexes as the build stores them (dist/matcher/<grid id>.json): normalising and stemming
 * every text of a grid and its 1,255 examples costs a first description search 0.2–0.45 s;
 * reading them back costs a few milliseconds. Plain JSON: maps become arrays of pairs, sets
 * arrays, jobs their index in the grid.
 */
import type { Grid } from '../grids/grid.js';
import type { Index, JobEntry, MatcherIndexes } from './matcher-index.js';
import type { Postings } from './term-vectors.js';
import type { LexiconEntry } from './branch-lexicon.js';
import type { ExampleIndex } from './examples.js';

type Pairs = [string, number][];
type StoredPostings = [string, [number, number][]][];

interface StoredEntry extends Omit<JobEntry, 'job' | 'vector' | 'own' | 'lines'> {
  job: number;
  vector: Pairs;
  own: Pairs;
  lines: { field: string; text: string; terms: string[] }[];
}

export interface StoredIndexes {
  index: {
    entries: StoredEntry[];
    idf: Pairs;
    postings: { job: StoredPostings; own: StoredPostings; track: StoredPostings };
    tracks: string[];
  };
  examples?: { postings: StoredPostings; idf: Pairs; size: number; trained: number };
  /** Plain JSON already. */
  lexicon?: LexiconEntry[];
}

const storePostings = (p: Postings): StoredPostings => [...p].map(([t, list]) => [t, list.map((x) => [x.at, x.w])]);
const loadPostings = (p: StoredPostings): Postings => new Map(p.map(([t, list]) => [t, list.map(([at, w]) => ({ at, w }))]));

export function storeIndexes(grid: Grid, m: MatcherIndexes): StoredIndexes {
  const { index, examples } = m;
  return {
    index: {
      entries: index.entries.map((e) => ({
        ...e,
        job: grid.jobs.indexOf(e.job),
        vector: [...e.vector],
        own: [...e.own],
        lines: e.lines.map((l) => ({ ...l, terms: [...l.terms] })),
      })),
      idf: [...index.idf],
      postings: { job: storePostings(index.postings.job), own: storePostings(index.postings.own), track: storePostings(index.postings.track) },
      tracks: index.tracks,
    },
    ...(examples ? { examples: { postings: storePostings(examples.postings), idf: [...examples.idf], size: examples.size, trained: examples.trained } } : {}),
    ...(m.lexicon ? { lexicon: m.lexicon } : {}),
  };
}

export function loadIndexes(grid: Grid, stored: StoredIndexes): MatcherIndexes {
  const s = stored.index;
  const index: Index = {
    entries: s.entries.map((e) => ({
      ...e,
      job: grid.jobs[e.job]!,
      vector: new Map(e.vector),
      own: new Map(e.own),
      lines: e.lines.map((l) => ({ ...l, terms: new Set(l.terms) })),
    })),
    idf: new Map(s.idf),
    postings: { job: loadPostings(s.postings.job), own: loadPostings(s.postings.own), track: loadPostings(s.postings.track) },
    tracks: s.tracks,
  };
  const x = stored.examples;
  const examples: ExampleIndex | undefined = x ? { postings: loadPostings(x.postings), idf: new Map(x.idf), size: x.size, trained: x.trained } : undefined;
  return { index, ...(examples ? { examples } : {}), ...(stored.lexicon ? { lexicon: stored.lexicon } : {}) };
}

const loaded = new WeakMap<Grid, MatcherIndexes | undefined>();

/**
 * The indexes the build computed for `grid` (grids/snapshot.ts offers them when they come from the
 * same grid files and examples), read once, on the first description matched: what the first
 * search of a process would otherwise spend building them.
 */
export function prebuiltOf(grid: Grid): MatcherIndexes | undefined {
  if (!loaded.has(grid)) {
    const stored = grid.builtMatcher() as StoredIndexes | undefined;
    loaded.set(grid, stored ? loadIndexes(grid, stored) : undefined);
  }
  return loaded.get(grid);
}

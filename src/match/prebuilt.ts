/**
 * The matcher's indexes as the build stores them (dist/matcher/<grid id>.bin, src/grids/snapshot.ts):
 * normalising and stemming every text of a grid and its 1,255 examples costs a first description
 * search 0.2–0.45 s. What is words and texts goes in a JSON head (each word once, numbered); the
 * numbers — weights, postings, the words of each line by number — in two typed arrays that a
 * process reads as views of the file, without parsing them. The postings are used as they are
 * (term-vectors.ts, `Postings`), and the words of the jobs' lines, which only the evidence of the
 * answers shown needs, become sets on first use.
 */
import type { Grid } from '../grids/grid.js';
import type { PackedIndexes } from '../grids/snapshot.js';
import type { Index, JobEntry, MatcherIndexes } from './matcher-index.js';
import type { Postings } from './term-vectors.js';
import type { LexiconEntry } from './branch-lexicon.js';
import type { ExampleIndex } from './examples.js';

/** Where a run of numbers lies in `f64` or `i32`: offset and length. */
type Ref = [number, number];

/** Term slots by word number, and the postings' arrays. */
interface StoredPostings {
  terms: Ref;
  starts: Ref;
  at: Ref;
  w: Ref;
}

/** A map of words to numbers: the words by number, and the numbers. */
interface StoredWeights {
  terms: Ref;
  values: Ref;
}

interface StoredEntry extends Omit<JobEntry, 'job' | 'lines'> {
  job: number;
  lines: { field: string; text: string }[];
  /** The words of each line by number, one line after the other, and where each line starts. */
  terms: Ref;
  starts: Ref;
}

interface Head {
  /** Every word of the indexes, numbered by position. */
  words: string[];
  index: { entries: StoredEntry[]; idf: StoredWeights; postings: { job: StoredPostings; own: StoredPostings; track: StoredPostings }; tracks: string[] };
  examples?: { postings: StoredPostings; idf: StoredWeights; size: number; trained: number };
  /** Plain JSON already. */
  lexicon?: LexiconEntry[];
}

/** Collects the words and numbers of the indexes (the build). */
class Packer {
  readonly words = new Map<string, number>();
  private readonly f64: number[] = [];
  private readonly i32: number[] = [];

  word(t: string): number {
    let n = this.words.get(t);
    if (n === undefined) this.words.set(t, (n = this.words.size));
    return n;
  }

  floats(values: ArrayLike<number>): Ref {
    const at = this.f64.length;
    for (let i = 0; i < values.length; i++) this.f64.push(values[i]!);
    return [at, values.length];
  }

  ints(values: ArrayLike<number>): Ref {
    const at = this.i32.length;
    for (let i = 0; i < values.length; i++) this.i32.push(values[i]!);
    return [at, values.length];
  }

  postings(p: Postings): StoredPostings {
    return { terms: this.ints([...p.slots.keys()].map((t) => this.word(t))), starts: this.ints(p.starts), at: this.ints(p.at), w: this.floats(p.w) };
  }

  weights(m: Map<string, number>): StoredWeights {
    return { terms: this.ints([...m.keys()].map((t) => this.word(t))), values: this.floats([...m.values()]) };
  }

  arrays(): { f64: Float64Array; i32: Int32Array } {
    return { f64: Float64Array.from(this.f64), i32: Int32Array.from(this.i32) };
  }
}

export function storeIndexes(grid: Grid, m: MatcherIndexes): PackedIndexes {
  const { index, examples } = m;
  const p = new Packer();
  const entries = index.entries.map(({ job, lines, ...rest }): StoredEntry => {
    const starts = [0];
    const terms: number[] = [];
    for (const l of lines) {
      for (const t of l.terms) terms.push(p.word(t));
      starts.push(terms.length);
    }
    return { ...rest, job: grid.jobs.indexOf(job), lines: lines.map((l) => ({ field: l.field, text: l.text })), terms: p.ints(terms), starts: p.ints(starts) };
  });
  const head: Omit<Head, 'words'> = {
    index: {
      entries,
      idf: p.weights(index.idf),
      postings: { job: p.postings(index.postings.job), own: p.postings(index.postings.own), track: p.postings(index.postings.track) },
      tracks: index.tracks,
    },
    ...(examples ? { examples: { postings: p.postings(examples.postings), idf: p.weights(examples.idf), size: examples.size, trained: examples.trained } } : {}),
    ...(m.lexicon ? { lexicon: m.lexicon } : {}),
  };
  return { head: { words: [...p.words.keys()], ...head } satisfies Head, ...p.arrays() };
}

export function loadIndexes(grid: Grid, stored: PackedIndexes): MatcherIndexes {
  const { f64, i32 } = stored;
  const head = stored.head as Head;
  const words = head.words;
  const ints = ([at, n]: Ref) => i32.subarray(at, at + n);
  const floats = ([at, n]: Ref) => f64.subarray(at, at + n);
  const postings = (s: StoredPostings): Postings => {
    const slots = new Map<string, number>();
    const terms = ints(s.terms);
    for (let k = 0; k < terms.length; k++) slots.set(words[terms[k]!]!, k);
    return { slots, starts: ints(s.starts), at: ints(s.at), w: floats(s.w) };
  };
  const weights = (s: StoredWeights): Map<string, number> => {
    const m = new Map<string, number>();
    const terms = ints(s.terms);
    const values = floats(s.values);
    for (let k = 0; k < terms.length; k++) m.set(words[terms[k]!]!, values[k]!);
    return m;
  };
  const s = head.index;
  const index: Index = {
    entries: s.entries.map(({ job, lines, terms, starts, ...rest }): JobEntry => {
      let read: JobEntry['lines'] | undefined;
      return {
        ...rest,
        job: grid.jobs[job]!,
        // Only the evidence of the answers shown reads a job's lines.
        get lines() {
          if (!read) {
            const ids = ints(terms);
            const at = ints(starts);
            read = lines.map((l, i) => {
              const set = new Set<string>();
              for (let k = at[i]!; k < at[i + 1]!; k++) set.add(words[ids[k]!]!);
              return { field: l.field, text: l.text, terms: set };
            });
          }
          return read;
        },
      };
    }),
    idf: weights(s.idf),
    postings: { job: postings(s.postings.job), own: postings(s.postings.own), track: postings(s.postings.track) },
    tracks: s.tracks,
  };
  const x = head.examples;
  const examples: ExampleIndex | undefined = x ? { postings: postings(x.postings), idf: weights(x.idf), size: x.size, trained: x.trained } : undefined;
  return { index, ...(examples ? { examples } : {}), ...(head.lexicon ? { lexicon: head.lexicon } : {}) };
}

const loaded = new WeakMap<Grid, MatcherIndexes | undefined>();

/**
 * The indexes the build computed for `grid` (grids/snapshot.ts offers them when they come from the
 * same grid files and examples), read once, on the first description matched: what the first
 * search of a process would otherwise spend building them.
 */
export function prebuiltOf(grid: Grid): MatcherIndexes | undefined {
  if (!loaded.has(grid)) {
    const stored = grid.builtMatcher() as PackedIndexes | undefined;
    loaded.set(grid, stored ? loadIndexes(grid, stored) : undefined);
  }
  return loaded.get(grid);
}

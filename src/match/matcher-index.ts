/**
 * The matcher's index of a grid: each job's TF-IDF vector, own text, title words, family, heights
 * and bounds, with postings over the jobs, their own texts and the tracks' vocabularies. Built
 * here on first use, or read from what the build stored (src/match/prebuilt.ts).
 */
import type { Grid } from '../grids/grid.js';
import type { Job, Status } from '../model/schema.js';
import { foldAccents, normalizeText } from '../text/normalize.js';
import type { LexiconEntry } from './branch-lexicon.js';
import type { ExampleIndex } from './examples.js';
import { cuesOf } from './cues.js';
import { absoluteHeight, families, heightOf, levelWordsOf, staffBounds, type Height, type StaffBounds } from './job-heights.js';
import { BORROWED_FROM_BELOW, isThin, jobLines, ownLines, twinsOf } from './job-texts.js';
import { addTerms, postingsOf, stems, weigh, words, type Postings, type Vector } from './term-vectors.js';
import { prebuiltOf } from './prebuilt.js';

export interface JobEntry {
  job: Job;
  /** Distinctive title words (no ordinals, no level words), each with its rarity among titles. */
  titles: { terms: string[]; weights: number[] }[];
  /** The job's lines with their stems (the evidence of an answer). */
  lines: { field: string; text: string; terms: Set<string> }[];
  /** Id of the job's family (itself when alone). */
  family: string;
  height: Height;
  /** Height of the job's positions among all positions of its track, 0 … 1. */
  absoluteHeight: number;
  statuses: Status[];
  staff: StaffBounds;
  /** The job's text speaks of several shops (Cadre de direction multimagasin). */
  multiShop: boolean;
  /** Same title and positions: the same job listed in two filières (see `distinct`). */
  key: string;
}


export interface Index {
  entries: JobEntry[];
  idf: Map<string, number>;
  /** The jobs' vectors as unit vectors, the jobs' own texts, and each track's vocabulary. */
  postings: { job: Postings; own: Postings; track: Postings };
  /** Track ids, in the order of `postings.track`. */
  tracks: string[];
}

const indexes = new WeakMap<Grid, Index>();

export function indexOf(grid: Grid): Index {
  let index = indexes.get(grid);
  if (!index) indexes.set(grid, (index = prebuiltOf(grid)?.index ?? build(grid)));
  return index;
}

/** The matcher's indexes of a grid, computed by the build (src/match/prebuilt.ts) or here. */
export interface MatcherIndexes {
  index: Index;
  /** The index of the grid's own examples (`grid.examples`), when it has any. */
  examples?: ExampleIndex;
  /** The branch lexicon's entries as stems and words (stemming them costs a first search 0.1–0.25 s). */
  lexicon?: LexiconEntry[];
}

function build(grid: Grid): Index {
  const df = new Map<string, number>();
  const levels = levelWordsOf(grid);
  const cues = cuesOf(grid.lexicon);
  const raw = grid.jobs.map((job) => {
    const lines = jobLines(grid, job);
    const vector: Vector = new Map();
    for (const l of lines) addTerms(vector, l.text, l.weight, l.field === 'title' ? levels.stems : undefined);
    // What a job borrows from a position below its own counts in its vector, not in the words' rarity.
    const written = lines.some((l) => l.field === BORROWED_FROM_BELOW) ? new Map<string, number>() : vector;
    if (written !== vector) for (const l of lines) if (l.field !== BORROWED_FROM_BELOW) addTerms(written, l.text, l.weight, l.field === 'title' ? levels.stems : undefined);
    for (const t of written.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    // A thin job's own text is its twin's ("Opticien directeur de magasin 1" / "2" differ as
    // "Directeur de magasin 1" / "2" do).
    const own: Vector = new Map();
    for (const l of isThin(job) ? twinsOf(grid, job).flatMap(ownLines) : ownLines(job)) addTerms(own, l.text, l.weight);
    return { job, lines, vector, own };
  });
  const n = grid.jobs.length;
  const idf = new Map([...df].map(([t, d]) => [t, Math.log(1 + n / d)]));
  const titleIdf = titleRarity(grid);
  const family = families(grid);
  // Each job's TF-IDF vector and norm, and its own text (what it adds to the job it inherits
  // from) as a unit vector: only the postings and the tracks' vocabularies keep them.
  const vectors = raw.map(({ vector, own }) => {
    const norm = weigh(vector, idf);
    const ownNorm = weigh(own, idf);
    for (const [t, w] of own) own.set(t, ownNorm > 0 ? w / ownNorm : 0);
    return { vector, norm, own };
  });
  const entries = raw.map(({ job, lines }): JobEntry => {
    const kin = grid.jobs.filter((j) => family.get(j.id) === family.get(job.id));
    return {
      job,
      titles: [job.title, ...job.aliases].map((t) => {
        const terms = [...new Set(words(t).filter((x) => !levels.words.has(x)))];
        return { terms, weights: terms.map((x) => titleIdf.get(x) ?? 0) };
      }),
      lines: lines.map((l) => ({ field: l.field, text: l.text, terms: new Set(stems(l.text)) })),
      family: family.get(job.id)!,
      height: heightOf(grid, job, kin),
      absoluteHeight: absoluteHeight(grid, job),
      statuses: grid.jobStatuses(job),
      staff: staffBounds(job),
      multiShop: cues.multiShop.test(foldAccents(`${job.title} ${job.duties.join(' ')}`)),
      key: `${normalizeText(job.title).join(' ')}|${[...job.positions].sort().join(',')}`,
    };
  });
  const tracks = centroids(entries, vectors);
  return {
    entries,
    idf,
    postings: {
      job: postingsOf(vectors.map((v) => v.vector), vectors.map((v) => v.norm)),
      own: postingsOf(vectors.map((v) => v.own)),
      track: postingsOf([...tracks.values()]),
    },
    tracks: [...tracks.keys()],
  };
}

/** How rare a word is among the titles, 0 … 1: "commercial" names many jobs, "retoucheur" few. */
function titleRarity(grid: Grid): Map<string, number> {
  const n = grid.jobs.length;
  const df = new Map<string, number>();
  for (const job of grid.jobs) for (const t of new Set(words(job.title))) df.set(t, (df.get(t) ?? 0) + 1);
  return new Map([...df].map(([t, d]) => [t, Math.log(1 + n / d) / Math.log(1 + n)]));
}

/**
 * The vocabulary of each track (magasin: tirages, caisse, clients…; production: machines,
 * opérateurs…), for twins that only their track tells apart (Technicien qualifié of the shops and
 * Technicien of the production, Commercial and Attaché commercial of the school photography).
 */
function centroids(entries: JobEntry[], vectors: { vector: Vector; norm: number }[]): Map<string, Vector> {
  const sums = new Map<string, Vector>();
  for (const [i, e] of entries.entries()) {
    const { vector, norm } = vectors[i]!;
    const sum = sums.get(e.job.track) ?? new Map<string, number>();
    for (const [t, w] of vector) sum.set(t, (sum.get(t) ?? 0) + w / norm);
    sums.set(e.job.track, sum);
  }
  for (const v of sums.values()) {
    const norm = Math.sqrt([...v.values()].reduce((a, w) => a + w * w, 0));
    for (const [t, w] of v) v.set(t, w / norm);
  }
  return sums;
}

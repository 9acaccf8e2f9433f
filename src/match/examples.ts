/**
 * The "examples" signal of the description matcher: how employers write about each job, learned
 * from labelled descriptions (the tuning sets of eval/ that eval/training.json declares, loaded by
 * the build into the catalogue; docs/matching.md, "Learned examples").
 *
 * Each example is read as a description is (denials and boilerplate blanked, words normalised and
 * stemmed, the branch lexicon's words added: describe.ts gives the terms). Its terms are weighted
 * by TF-IDF over the examples of the grid, the vector made of unit length, and each job's examples
 * are averaged into one unit centroid. The signal of a job is the cosine of the description with
 * its centroid: 0 for a job without examples.
 *
 * Kept free of describe.ts (which reads the texts and calls this module) to avoid a cycle.
 */

import type { Example, ExampleSet } from '../model/examples.js';
import { addPosting, packPostings, type Postings } from './term-vectors.js';

export type { Example, ExampleSet };

type Vector = Map<string, number>;

export interface ExampleIndex {
  /** For each term, the job centroids (by job index) that have it and its weight there. */
  postings: Postings;
  idf: Map<string, number>;
  size: number;
  /** Jobs with at least one example. */
  trained: number;
}

const damp = (tf: number) => (tf >= 1 ? 1 + Math.log(tf) : tf);

function unit(tf: Vector, idf: Map<string, number>): Vector {
  const v: Vector = new Map();
  let norm = 0;
  for (const [t, f] of tf) {
    const w = damp(f) * (idf.get(t) ?? 0);
    if (w <= 0) continue;
    v.set(t, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  for (const [t, w] of v) v.set(t, w / norm);
  return v;
}

/**
 * The index of `size` jobs from examples already read into term frequencies, each with the jobs
 * (by index) its label names (one; two when a label names a line the grid splits).
 */
export function buildExampleIndex(examples: readonly { tf: Vector; jobs: readonly number[] }[], size: number): ExampleIndex {
  const df = new Map<string, number>();
  for (const e of examples) for (const t of e.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = examples.length;
  const idf = new Map([...df].map(([t, d]) => [t, Math.log(1 + n / d)]));
  const sums = new Map<number, Vector>();
  for (const e of examples) {
    const v = unit(e.tf, idf);
    for (const at of e.jobs) {
      const sum = sums.get(at) ?? new Map<string, number>();
      for (const [t, w] of v) sum.set(t, (sum.get(t) ?? 0) + w);
      sums.set(at, sum);
    }
  }
  const postings = new Map<string, { at: number; w: number }[]>();
  for (const [at, sum] of sums) {
    const norm = Math.sqrt([...sum.values()].reduce((a, w) => a + w * w, 0));
    if (norm === 0) continue;
    for (const [t, w] of sum) {
      const list = postings.get(t) ?? [];
      list.push({ at, w: w / norm });
      postings.set(t, list);
    }
  }
  return { postings: packPostings(postings), idf, size, trained: sums.size };
}

/** Cosine of a description (its term frequencies) with each job's examples; 0 for jobs without. */
export function exampleSimilarities(index: ExampleIndex, tf: Vector): number[] {
  const sums = new Array<number>(index.size).fill(0);
  const q = unit(tf, index.idf);
  for (const [t, w] of q) addPosting(sums, index.postings, t, w);
  return sums;
}

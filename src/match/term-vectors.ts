/**
 * Words to TF-IDF vectors, for the jobs' texts and the descriptions alike: canonical words with
 * denials left out, light stems, sublinear weights, and postings so that a query only visits the
 * vectors that share its terms.
 */
import { foldAccents, normalizeText, stem } from '../text/normalize.js';
import { maskNegations } from './cues.js';

/** Canonical words of a text (accents, plurals, feminine forms folded; not stemmed), denials left out. */
export function words(text: string): string[] {
  return normalizeText(maskNegations(foldAccents(text)));
}

/** Stems of a text, leaving out the words it denies. */
export function stems(text: string): string[] {
  return words(text).map(stem);
}

export type Vector = Map<string, number>;

export function addTerms(v: Vector, text: string, weight: number, skip?: Set<string>): void {
  if (weight <= 0) return;
  for (const t of stems(text)) if (!skip?.has(t)) v.set(t, (v.get(t) ?? 0) + weight);
}

/** Sublinear term frequency; below 1 (a word seen only in lightly weighted lines) it stays as is. */
export const damp = (tf: number) => (tf >= 1 ? 1 + Math.log(tf) : tf);

/** Term frequencies to TF-IDF weights, in place; returns the vector's norm. */
export function weigh(v: Vector, idf: Map<string, number>): number {
  let norm = 0;
  for (const [t, tf] of v) {
    const w = damp(tf) * (idf.get(t) ?? 0);
    v.set(t, w);
    norm += w * w;
  }
  return Math.sqrt(norm);
}

/**
 * For each term, the vectors (by index) that have it and its weight there: a query only visits its
 * own terms. Packed in typed arrays — the list of the term in slot `s` is `at[starts[s]…starts[s+1])`
 * with its weights in `w` — so that the build can store them as they are and a process read them
 * back without rebuilding tens of thousands of small objects (src/match/prebuilt.ts).
 */
export interface Postings {
  slots: Map<string, number>;
  starts: Int32Array;
  at: Int32Array;
  w: Float64Array;
}

/** Postings from lists, in the order of the map and of each list. */
export function packPostings(lists: Map<string, { at: number; w: number }[]>): Postings {
  const slots = new Map<string, number>();
  const starts = new Int32Array(lists.size + 1);
  let size = 0;
  for (const [t, list] of lists) {
    slots.set(t, slots.size);
    size += list.length;
    starts[slots.size] = size;
  }
  const at = new Int32Array(size);
  const w = new Float64Array(size);
  let k = 0;
  for (const list of lists.values()) {
    for (const p of list) {
      at[k] = p.at;
      w[k++] = p.w;
    }
  }
  return { slots, starts, at, w };
}

export function postingsOf(vectors: Vector[], norms?: number[]): Postings {
  const lists = new Map<string, { at: number; w: number }[]>();
  vectors.forEach((v, at) => {
    const norm = norms?.[at] ?? 1;
    if (norm === 0) return;
    for (const [t, w] of v) {
      const list = lists.get(t) ?? [];
      list.push({ at, w: w / norm });
      lists.set(t, list);
    }
  });
  return packPostings(lists);
}

/** Adds `weight` × each vector's weight of `term` to `sums` (by vector index). */
export function addPosting(sums: number[], postings: Postings, term: string, weight: number): void {
  const s = postings.slots.get(term);
  if (s === undefined) return;
  const { at, w } = postings;
  for (let k = postings.starts[s]!, end = postings.starts[s + 1]!; k < end; k++) sums[at[k]!]! += weight * w[k]!;
}

/** Cosine of the description with every vector of the postings (which are of unit length). */
export function cosines(q: { vector: Vector; norm: number }, postings: Postings, size: number): number[] {
  const sums = new Array<number>(size).fill(0);
  if (q.norm === 0) return sums;
  for (const [t, w] of q.vector) addPosting(sums, postings, t, w);
  for (let i = 0; i < size; i++) sums[i] = sums[i]! / q.norm;
  return sums;
}

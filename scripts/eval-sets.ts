/**
 * The evaluation sets of eval/ as the scripts read them, and what counts as a right answer: the
 * labelled job, or one of the other acceptable titles a case lists (`accept`).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { foldAccents } from '../src/text/normalize.js';

export interface Case {
  id: string;
  idcc: string;
  text: string;
  expect: { job: string; positions: string[]; accept?: string[] };
  /** Other job titles that are right answers too. */
  accept?: string[];
  style?: string;
}

export function readSet(name: string): Case[] {
  return parse(readFileSync(new URL(`../eval/${name}.yaml`, import.meta.url), 'utf8')) as Case[];
}

const key = (title: string) => foldAccents(title).replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * Whether `title` answers the case. A label may name a job by the first of its titles
 * ("Opticien diplômé 1" for "Opticien diplômé 1/Professionnel de santé 1"), or name a line of the
 * text that the grid splits into one job per title ("Chauffeur-livreur. Magasinier cariste").
 */
export function rightAnswer(c: Case): (title: string) => boolean {
  const labels = [c.expect.job, ...(c.accept ?? []), ...(c.expect.accept ?? [])];
  const wanted = new Set(labels.flatMap((l) => [l, ...l.split('. ')]).map(key));
  return (title) => wanted.has(key(title)) || wanted.has(key(title.split('/')[0]!));
}

/**
 * The answers issue 11 calls confident: confidence ≥ 0.9 and not flagged uncertain; ≥ 95 % of them
 * must be right.
 */
export function confidentOf<T extends { confidence: number; uncertain: boolean }>(answers: readonly T[]): T[] {
  return answers.filter((a) => a.confidence >= 0.9 && !a.uncertain);
}

/** Reliability of confidences: bins of the first answer's confidence → share right, and the ECE. */
export function reliability(answers: readonly { confidence: number; right: boolean }[], edges = [0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0001]) {
  const bins = edges.slice(0, -1).map((lo, i) => {
    const hi = edges[i + 1]!;
    const inBin = answers.filter((a) => a.confidence >= lo && a.confidence < hi);
    const mean = inBin.reduce((s, a) => s + a.confidence, 0) / (inBin.length || 1);
    const right = inBin.filter((a) => a.right).length / (inBin.length || 1);
    return { lo, hi: Math.min(1, hi), n: inBin.length, mean, right };
  });
  const ece = bins.reduce((s, b) => s + (b.n / (answers.length || 1)) * Math.abs(b.mean - b.right), 0);
  return { bins, ece };
}

/**
 * The ECE a perfectly calibrated matcher would show by chance on these answers: each answer drawn
 * right with the probability its confidence states, `draws` times (seeded, so a report is
 * reproducible). On a set of a hundred-odd descriptions most of it is sampling noise, not
 * miscalibration (docs/matching.md, « What an ECE on one set can show »): an observed ECE is read
 * against this.
 */
export function eceByChance(confidences: readonly number[], draws = 2000, seed = 1): { mean: number; p90: number; atMost: (ece: number) => number } {
  // mulberry32: a small seeded generator; Math.random cannot be seeded.
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const sample: number[] = [];
  for (let d = 0; d < draws; d++) sample.push(reliability(confidences.map((confidence) => ({ confidence, right: random() < confidence }))).ece);
  sample.sort((a, b) => a - b);
  return {
    mean: sample.reduce((s, x) => s + x, 0) / (sample.length || 1),
    p90: sample[Math.floor(0.9 * (sample.length - 1))] ?? 0,
    atMost: (ece) => sample.filter((x) => x <= ece).length / (sample.length || 1),
  };
}

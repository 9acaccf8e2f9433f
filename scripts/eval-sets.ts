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

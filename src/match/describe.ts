/**
 * From a free-text description (a job ad, a fiche de poste, a few lines by a shop owner) to the
 * benchmark jobs of a grid, ranked, each with its evidence and a calibrated confidence.
 *
 * Three signals, combined with weights fitted on the development half of eval/ only:
 * - what the job does: TF-IDF cosine between the description and the job's text (title,
 *   inherited duties, mission, activities, criteria). Cosine, not BM25, because a higher job
 *   inherits every duty of the one below: a one-sided score would always prefer the higher job,
 *   whereas cosine also counts what the description does not say;
 * - the job's title or aliases found in the description;
 * - how senior the description sounds (débutant, sous contrôle… / encadre, budget, plusieurs
 *   magasins…) against the job's height among its neighbours (jobs linked by "Mêmes fonctions
 *   que précédent" or sharing a title), since neighbouring levels share their vocabulary.
 * Where the grid has conditions on positions (1431 santé track), facts read from the text
 * (diploma, years, referent domains…) go through the same rules as the questionnaire.
 */
import type { Grid } from '../grids/grid.js';
import type { Job, Source, Status } from '../model/schema.js';
import { normalizeText, stem } from '../text/normalize.js';
import { levelCues, type LevelCues } from './cues.js';
import { factsFromText, type TextFacts } from './text-facts.js';

export interface DescriptionMatch {
  job: Job;
  track: string;
  trackTitle: string;
  positions: string[];
  statuses: Status[];
  /** Relevance, comparable within one query only. */
  score: number;
  /** Estimated probability that this is the right benchmark job (0–1). */
  confidence: number;
  /** Matched words and the job's text lines they come from. */
  evidence: { field: string; terms: string[]; text: string }[];
  /** Seniority read in the description, and the job's height among its neighbours (0–1). */
  level: { description: LevelCues; jobHeight: number };
  /** Facts read in the description, and the positions the grid's rules give them. */
  facts?: TextFacts['summary'];
  source: Source;
}

export interface DescriptionOptions {
  limit?: number;
}

type Vector = Map<string, number>;

interface JobEntry {
  job: Job;
  vector: Vector;
  norm: number;
  /** Distinctive title words (no ordinals, no level words). */
  titleTerms: string[][];
  lines: { field: string; text: string; terms: Set<string> }[];
  /** Height among the neighbouring jobs, 0 (lowest) … 1 (highest); 0.5 alone. */
  height: number;
  familySize: number;
}

interface Index {
  entries: JobEntry[];
  idf: Map<string, number>;
}

/** Weights fitted on eval/dev.yaml (see docs/matching.md). */
export const WEIGHTS = { cosine: 1, title: 0.35, level: 0.25, facts: 0.6 };

const LEVEL_WORDS = new Set(['niveau', 'echelon', 'debutant', 'confirme', 'expert', 'qualifie', '1', '2', '3', '4', '5']);
const indexes = new WeakMap<Grid, Index>();

export function stems(text: string): string[] {
  return normalizeText(text).map(stem);
}

function addTerms(v: Vector, text: string, weight: number): void {
  for (const t of stems(text)) v.set(t, (v.get(t) ?? 0) + weight);
}

function jobLines(grid: Grid, job: Job): { field: string; text: string; weight: number }[] {
  const own = new Set(job.duties);
  const lines: { field: string; text: string; weight: number }[] = [{ field: 'title', text: job.title, weight: 3 }];
  for (const a of job.aliases) lines.push({ field: 'title', text: a, weight: 2 });
  if (job.mission) lines.push({ field: 'mission', text: job.mission, weight: 1.5 });
  for (const d of grid.jobDuties(job.id)) lines.push({ field: own.has(d) ? 'duties' : 'inherited', text: d, weight: own.has(d) ? 1 : 0.7 });
  for (const a of job.activities ?? []) if (!own.has(a)) lines.push({ field: 'activities', text: a, weight: 1 });
  for (const v of job.variationFactors ?? []) lines.push({ field: 'variation', text: v, weight: 0.5 });
  for (const texts of Object.values(job.criteria ?? {})) for (const t of texts) lines.push({ field: 'criteria', text: t, weight: 0.6 });
  lines.push({ field: 'track', text: grid.trackLabel(job.track), weight: 0.5 });
  return lines;
}

/** Jobs linked by inheritance or sharing their title once level words are removed. */
function families(grid: Grid): Map<string, string> {
  const parent = new Map(grid.jobs.map((j) => [j.id, j.id]));
  const find = (x: string): string => (parent.get(x) === x ? x : find(parent.get(x)!));
  const union = (a: string, b: string) => parent.set(find(a), find(b));
  const byBase = new Map<string, string>();
  for (const j of grid.jobs) {
    if (j.inherits) union(j.id, j.inherits);
    const base = `${j.track}|${normalizeText(j.title.split('/')[0]!).filter((t) => !LEVEL_WORDS.has(t)).join(' ')}`;
    const other = byBase.get(base);
    if (other) union(j.id, other);
    else byBase.set(base, j.id);
  }
  return new Map(grid.jobs.map((j) => [j.id, find(j.id)]));
}

function build(grid: Grid): Index {
  const df = new Map<string, number>();
  const raw = grid.jobs.map((job) => {
    const lines = jobLines(grid, job);
    const vector: Vector = new Map();
    for (const l of lines) addTerms(vector, l.text, l.weight);
    for (const t of vector.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    return { job, lines, vector };
  });
  const n = grid.jobs.length;
  const idf = new Map([...df.entries()].map(([t, d]) => [t, Math.log(1 + n / d)]));
  const family = families(grid);
  const entries: JobEntry[] = raw.map(({ job, lines, vector }) => {
    let norm = 0;
    for (const [t, tf] of vector) {
      const w = (1 + Math.log(tf)) * idf.get(t)!;
      vector.set(t, w);
      norm += w * w;
    }
    const kin = grid.jobs.filter((j) => family.get(j.id) === family.get(job.id));
    const rank = (j: Job) => grid.sortPositions(j.positions).reduce((s, c) => s + grid.position(c)!.rank, 0) / j.positions.length;
    const ranks = [...new Set(kin.map(rank))].sort((a, b) => a - b);
    const height = ranks.length > 1 ? ranks.indexOf(rank(job)) / (ranks.length - 1) : 0.5;
    return {
      job,
      vector,
      norm: Math.sqrt(norm),
      titleTerms: [job.title, ...job.aliases].map((t) => stems(t).filter((x) => !LEVEL_WORDS.has(x))),
      lines: lines.map((l) => ({ field: l.field, text: l.text, terms: new Set(stems(l.text)) })),
      height,
      familySize: ranks.length,
    };
  });
  return { entries, idf };
}

function indexOf(grid: Grid): Index {
  let index = indexes.get(grid);
  if (!index) indexes.set(grid, (index = build(grid)));
  return index;
}

const lexicons = new WeakMap<Grid['lexicon'], { when: string[][]; add: string[] }[]>();

/** The texts' words for the trade words a description uses (grids/<idcc>-…/lexicon.yaml). */
export function lexiconTerms(grid: Grid, terms: readonly string[]): string[] {
  let entries = lexicons.get(grid.lexicon);
  if (!entries) {
    entries = grid.lexicon.entries.map((e) => ({ when: e.when.map(stems).filter((w) => w.length > 0), add: e.add.flatMap(stems) }));
    lexicons.set(grid.lexicon, entries);
  }
  const added: string[] = [];
  for (const e of entries) {
    if (e.when.some((phrase) => containsPhrase(terms, phrase))) added.push(...e.add);
  }
  return added;
}

function containsPhrase(terms: readonly string[], phrase: readonly string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= terms.length; i++) {
    for (let k = 0; k < phrase.length; k++) if (terms[i + k] !== phrase[k]) continue outer;
    return true;
  }
  return false;
}

/** Benchmark jobs of `grid` ranked for a free-text description, best first. */
export function matchDescription(grid: Grid, text: string, options: DescriptionOptions = {}): DescriptionMatch[] {
  const limit = options.limit ?? 5;
  const written = stems(text);
  const terms = [...written, ...lexiconTerms(grid, written)];
  if (terms.length === 0) return [];
  const index = indexOf(grid);
  const tf: Vector = new Map();
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  const query: Vector = new Map();
  let qnorm = 0;
  for (const [t, f] of tf) {
    const idf = index.idf.get(t);
    if (idf === undefined) continue;
    const w = (1 + Math.log(f)) * idf;
    query.set(t, w);
    qnorm += w * w;
  }
  qnorm = Math.sqrt(qnorm);
  const described = levelCues(text);
  const facts = factsFromText(grid, text);
  const present = new Set(terms);

  const scored = index.entries.map((e) => {
    let dot = 0;
    for (const [t, w] of query) {
      const v = e.vector.get(t);
      if (v !== undefined) dot += w * v;
    }
    const cosine = qnorm > 0 && e.norm > 0 ? dot / (qnorm * e.norm) : 0;
    const title = Math.max(0, ...e.titleTerms.map((tt) => (tt.length ? tt.filter((t) => present.has(t)).length / tt.length : 0)));
    let level = 0;
    if (described.seniority !== 0 && e.familySize > 1) level = 1 - Math.abs((described.seniority + 1) / 2 - e.height) - 0.5;
    const factFit = facts ? facts.fit(e.job) : 0;
    const score = WEIGHTS.cosine * cosine + WEIGHTS.title * title + WEIGHTS.level * level + WEIGHTS.facts * factFit;
    return { e, score };
  });
  scored.sort((a, b) => b.score - a.score);
  const confidences = calibrate(scored.slice(0, 10).map((s) => s.score));
  return scored.slice(0, limit).map(({ e, score }, i) => ({
    job: e.job,
    track: e.job.track,
    trackTitle: grid.trackLabel(e.job.track),
    positions: grid.sortPositions(e.job.positions),
    statuses: grid.jobStatuses(e.job),
    score: Math.round(score * 1000) / 1000,
    confidence: confidences[i] ?? 0,
    evidence: e.lines
      .map((l) => ({ field: l.field, terms: [...l.terms].filter((t) => query.has(t)), text: l.text }))
      .filter((x) => x.terms.length > 0)
      .sort((a, b) => b.terms.length - a.terms.length)
      .slice(0, 5),
    level: { description: described, jobHeight: e.height },
    ...(facts ? { facts: facts.summary } : {}),
    source: e.job.source,
  }));
}

/** Softmax over the best scores; the temperature is fitted on the development set. */
export function calibrate(scores: number[], temperature = 0.05): number[] {
  if (scores.length === 0) return [];
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp((s - max) / temperature));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => Math.round((1000 * e) / sum) / 1000);
}

/**
 * Where a job stands among its neighbours (jobs linked by inheritance or sharing a title without
 * level words) and among all positions of its track, and the people-managed bounds its own text
 * gives: what the level, staff and absolute signals compare a description with.
 */
import { trackPositions } from '../classify/classify.js';
import type { Grid } from '../grids/grid.js';
import type { Job, LevelWords } from '../model/schema.js';
import { foldAccents, normalizeText, stem } from '../text/normalize.js';
import { toNumber } from './cues.js';
import { WEIGHTS } from './score-weights.js';

/** The level words of titles (grids/french.yaml, `levels`), as words and as stems, and the heights they give. */
export interface LevelVocabulary {
  words: Set<string>;
  /**
   * Level words are left out of the titles' share of a job's vector: "débutant" in a description
   * should not draw every "… débutant" job of the grid; the level signals weigh it.
   */
  stems: Set<string>;
  heights: [string, number][];
}

const vocabularies = new WeakMap<LevelWords, LevelVocabulary>();

export function levelWordsOf(grid: Grid): LevelVocabulary {
  const levels = grid.lexicon.french?.levels;
  if (!levels) throw new Error('grids/french.yaml manque au catalogue : le matcher ne peut pas lire les niveaux des intitulés');
  let v = vocabularies.get(levels);
  if (!v) vocabularies.set(levels, (v = { words: new Set(levels.words), stems: new Set(levels.words.map(stem)), heights: Object.entries(levels.heights) }));
  return v;
}

/** Jobs linked by inheritance or sharing their title once level words are removed. */
export function families(grid: Grid): Map<string, string> {
  const parent = new Map(grid.jobs.map((j) => [j.id, j.id]));
  const find = (x: string): string => (parent.get(x) === x ? x : find(parent.get(x)!));
  const union = (a: string, b: string) => parent.set(find(a), find(b));
  const byBase = new Map<string, string>();
  const levels = levelWordsOf(grid);
  for (const j of grid.jobs) {
    if (j.inherits) union(j.id, j.inherits);
    const base = `${j.track}|${normalizeText(j.title.split('/')[0]!).filter((t) => !levels.words.has(t)).join(' ')}`;
    const other = byBase.get(base);
    if (other) union(j.id, other);
    else byBase.set(base, j.id);
  }
  return new Map(grid.jobs.map((j) => [j.id, find(j.id)]));
}

export interface Height {
  /** Height among the neighbouring jobs, 0 (lowest) … 1 (highest); 0.5 alone. */
  height: number;
  /** Distinct levels among the neighbours (2 for a job alone whose title gives its level). */
  levels: number;
  /**
   * How much seniority tells the neighbours apart: 1 when they span several statuses (employé …
   * cadre), `WEIGHTS.levelOneStatus` when all have one (Directeur de magasin 1 / 2 both manage).
   */
  scale: number;
}

export function heightOf(grid: Grid, job: Job, kin: Job[]): Height {
  const rank = (j: Job) => grid.sortPositions(j.positions).reduce((s, c) => s + grid.position(c)!.rank, 0) / j.positions.length;
  const ranks = [...new Set(kin.map(rank))].sort((a, b) => a - b);
  const statuses = new Set(kin.flatMap((j) => grid.jobStatuses(j)));
  const scale = statuses.size > 1 || statuses.has('ouvrier-employe') ? 1 : WEIGHTS.levelOneStatus;
  if (ranks.length > 1) return { height: ranks.indexOf(rank(job)) / (ranks.length - 1), levels: ranks.length, scale };
  // A job alone whose title gives its level ("Agent administratif débutant") compares like a family member.
  const titled = titleLevel(job.title, levelWordsOf(grid));
  return titled === undefined ? { height: 0.5, levels: 1, scale } : { height: titled, levels: 2, scale: 1 };
}

/** The height a title's own level word gives (débutant the bottom, expert the top), the first listed that the title has. */
function titleLevel(title: string, levels: LevelVocabulary): number | undefined {
  const t = normalizeText(title);
  return levels.heights.find(([word]) => t.includes(word))?.[1];
}

/** Mean rank of a job's positions among the positions open to its track, 0 (lowest) … 1. */
export function absoluteHeight(grid: Grid, job: Job): number {
  const codes = trackPositions(grid, job.track).map((p) => p.code);
  const at = job.positions.map((c) => codes.indexOf(c)).filter((i) => i >= 0);
  return codes.length > 1 && at.length > 0 ? at.reduce((a, b) => a + b, 0) / at.length / (codes.length - 1) : 0.5;
}

/** People-managed bounds a job's own text gives ("moins de trois salariés" → at most 2). */
export interface StaffBounds {
  min?: number;
  max?: number;
}

const NUM = '(\\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)';
const BOUND_RULES: [RegExp, (n: number) => StaffBounds][] = [
  [new RegExp(`moins de ${NUM} (?:salaries|personnes)`), (n) => ({ max: n - 1 })],
  [new RegExp(`au moins ${NUM} (?:salaries|personnes)`), (n) => ({ min: n })],
  [new RegExp(`jusqu'a ${NUM} (?:salaries|personnes)`), (n) => ({ max: n })],
  [new RegExp(`plus de ${NUM} (?:salaries|personnes)`), (n) => ({ min: n + 1 })],
];

/** The staff bounds written in a job's own duties. */
export function staffBounds(job: Job): StaffBounds {
  const text = foldAccents(job.duties.join(' '));
  for (const [re, bounds] of BOUND_RULES) {
    const m = re.exec(text);
    if (m) return bounds(toNumber(m[1]!));
  }
  return {};
}

/**
 * A job title as payroll writes it, matched to the grid's benchmark jobs: the family of jobs it
 * names, their positions, and whether the match is certain enough to flag a discrepancy.
 */
import type { Grid } from '../grids/grid.js';
import { searchGrid } from '../match/grid-search.js';

export interface TitleMatch {
  /** The benchmark jobs the title names (one family). */
  jobIds: string[];
  /** The job itself, when the title picks it out alone. */
  best: string | undefined;
  positions: string[];
  title: string;
  score: number;
  uncertain: boolean;
}

/** The benchmark jobs a title names, or undefined when none is close enough. */
export function matchTitle(grid: Grid, title: string): TitleMatch | undefined {
  const answer = searchGrid(grid, title, { mode: 'title', limit: 10 });
  const top = answer.results[0];
  if (!top || top.score < 0.75) return undefined;
  // Titles matched by the same words ("retoucheuse" → Retoucheur 1er, 2e niveau, expert) form one
  // family: the title says no more than that, so any of their positions fits.
  const words = (r: typeof top) => r.evidence.filter((e) => e.field === 'title' || e.field === 'aliases').flatMap((e) => e.terms).sort().join(' ');
  const topWords = words(top);
  const close = answer.results.filter((r) => r.score >= top.score - 0.02 || (topWords !== '' && words(r) === topWords));
  // The benchmark job itself only when the title picks it out alone.
  const unique = (answer.results[1]?.score ?? 0) < top.score - 0.02 ? top.job.id : undefined;
  // Uncertain only when another family is as close: within a family, `positions` covers them all.
  const rival = answer.results.find((r) => !close.includes(r));
  const uncertain = answer.uncertain && rival !== undefined && rival.score >= top.score - 0.1;
  return { jobIds: close.map((r) => r.job.id), best: unique, positions: [...new Set(close.flatMap((r) => r.positions))], title: top.job.title, score: top.confidence ?? top.score, uncertain };
}

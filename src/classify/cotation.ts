/**
 * Classification by points (the grid's `cotation:` section): each criterion's degree is worth its
 * number, the points add up, and the table of ranges gives the position. With criteria still
 * unanswered the answer is the range of positions the partial sum can reach: each unanswered
 * criterion counted at its lowest degree for the bottom, at its highest for the top.
 */
import type { Grid } from '../grids/grid.js';
import type { Cotation, Position } from '../model/schema.js';
import type { Collector } from './collector.js';
import type { Facts } from './conditions.js';

export interface CotationRange {
  /** Lowest and highest sums the facts allow. */
  points: { min: number; max: number };
  /** Positions of the ranges those sums reach, lowest first. */
  positions: string[];
  /** Every criterion answered: the sum is known. */
  complete: boolean;
}

/** The degree given for a criterion, when it is one of its degrees. */
function degreeOf(criterion: Cotation['criteria'][number], facts: Facts): number | undefined {
  const raw = facts[criterion.fact];
  const n = typeof raw === 'string' ? Number(raw) : typeof raw === 'number' ? raw : NaN;
  return criterion.degrees.some((d) => d.degree === n) ? n : undefined;
}

/** The sums and positions the known degrees allow; undefined when no criterion is answered. */
export function cotationRange(cotation: Cotation, facts: Facts): CotationRange | undefined {
  let min = 0;
  let max = 0;
  let answered = 0;
  for (const c of cotation.criteria) {
    const degree = degreeOf(c, facts);
    if (degree !== undefined) answered++;
    min += degree ?? Math.min(...c.degrees.map((d) => d.degree));
    max += degree ?? Math.max(...c.degrees.map((d) => d.degree));
  }
  if (answered === 0) return undefined;
  return { points: { min, max }, positions: positionsBetween(cotation, min, max), complete: answered === cotation.criteria.length };
}

/** The positions of the ranges that sums from `min` to `max` reach, lowest first. */
export function positionsBetween(cotation: Cotation, min: number, max: number): string[] {
  return [...cotation.ranges].sort((a, b) => a.min - b.min).filter((r) => r.max >= min && r.min <= max).map((r) => r.position);
}

/**
 * Applies the grid's cotation: the ranks the answer may span (undefined when the grid has none or
 * no criterion is answered), with its reasons and the unanswered criteria as questions.
 */
export function applyCotation(grid: Grid, facts: Facts, scope: readonly Position[], out: Collector): { lo: number; hi: number } | undefined {
  const cotation = grid.cotation;
  if (!cotation) return undefined;
  const unanswered = cotation.criteria.filter((c) => degreeOf(c, facts) === undefined).map((c) => c.fact);
  out.need(unanswered, 'cotation');
  const range = cotationRange(cotation, facts);
  if (!range) return undefined;
  const ranks = scope.filter((p) => range.positions.includes(p.code)).map((p) => p.rank);
  if (ranks.length === 0) return undefined;
  const degrees = cotation.criteria.map((c) => ({ fact: c.fact, title: c.title, degree: degreeOf(c, facts) ?? null }));
  const rows = cotation.ranges.filter((r) => range.positions.includes(r.position));
  if (range.complete) {
    const row = rows[0]!;
    out.reason('cotation', { title: cotation.title, degrees, points: range.points.min, row: { min: row.min, max: row.max }, position: row.position }, row.source);
  } else {
    out.reason('cotation-partial', { title: cotation.title, degrees, points: range.points, positions: range.positions }, cotation.source);
  }
  return { lo: Math.min(...ranks), hi: Math.max(...ranks) };
}

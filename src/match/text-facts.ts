/**
 * Facts read in a job description with the cues the grid declares for them (a diploma, years of
 * practice, referent domains…), then put through the grid's own rules: the positions those facts
 * lead to are what a description-matching result should agree with.
 */
import { classify } from '../classify/classify.js';
import type { FactValue } from '../classify/conditions.js';
import type { Grid } from '../grids/grid.js';
import type { Job } from '../model/schema.js';
import { foldAccents } from '../text/normalize.js';
import { levelCues } from './cues.js';

export interface TextFacts {
  summary: { facts: Record<string, FactValue>; track: string | null; positions: string[] };
  /** 1 when the job can take the positions the facts lead to, -1 when its track is excluded, else 0. */
  fit(job: Job): number;
}

const compiled = new Map<string, RegExp>();
function cue(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) compiled.set(pattern, (re = new RegExp(pattern)));
  return re;
}

export function readFacts(grid: Grid, text: string): Record<string, FactValue> {
  const folded = foldAccents(text);
  const level = levelCues(text);
  const facts: Record<string, FactValue> = {};
  for (const f of grid.facts) {
    if (f.type === 'enum') {
      const v = f.values?.find((x) => x.cues?.some((c) => cue(c).test(folded)));
      if (v) facts[f.id] = v.id;
    } else if (f.type === 'enum-list') {
      const vs = (f.values ?? []).filter((x) => x.cues?.some((c) => cue(c).test(folded))).map((x) => x.id);
      if (vs.length) facts[f.id] = vs;
    } else if (f.type === 'boolean') {
      if (f.cues?.some((c) => cue(c).test(folded))) facts[f.id] = true;
    } else if (f.read === 'years' && level.years !== undefined) {
      facts[f.id] = level.years;
    } else if (f.read === 'people-managed' && level.managedStaff !== undefined) {
      facts[f.id] = level.managedStaff;
    }
  }
  return facts;
}

export function factsFromText(grid: Grid, text: string): TextFacts | undefined {
  if (!grid.facts.some((f) => f.values?.some((v) => v.cues) || f.cues || f.read)) return undefined;
  const facts = readFacts(grid, text);
  if (Object.keys(facts).length === 0) return undefined;
  const result = classify(grid, facts, { at: grid.effectiveFrom });
  if (result.outcome !== 'result') return undefined;
  const positions = new Set(result.positions);
  const within = (job: Job) => result.track === null || grid.trackPath(job.track).some((t) => t.id === result.track);
  return {
    summary: { facts, track: result.track, positions: result.positions },
    fit: (job) => (!within(job) ? -1 : job.positions.some((p) => positions.has(p)) ? 1 : 0),
  };
}

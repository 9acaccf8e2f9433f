/**
 * One search for every face: a job title goes to the title search, a description (several
 * words of duties, a job ad) to the description matcher. Both answer in the same shape.
 */
import type { Grid } from '../grids/grid.js';
import { matchDescription } from '../match/describe.js';
import { searchJobs } from '../match/search.js';
import type { JobHit as BaseHit } from '../match/hit.js';
import { normalizeText } from '../text/normalize.js';
import { InputError } from './lookup.js';

export type SearchMode = 'auto' | 'title' | 'description';
export const SEARCH_MODES: readonly SearchMode[] = ['auto', 'title', 'description'];

/** A job found by either search; the description search also says how sure it is. */
export interface JobHit extends BaseHit {
  /** Estimated probability that this is the right benchmark job (description search). */
  confidence?: number;
}

export interface SearchAnswer {
  mode: 'title' | 'description';
  results: JobHit[];
  /** True when the first answers are close or weak: the user should choose, or say more. */
  uncertain: boolean;
}

/** A query of more than this many words is read as a description of the job. */
const DESCRIPTION_WORDS = 6;

export function searchGrid(grid: Grid, query: string, options: { limit?: number; mode?: SearchMode } = {}): SearchAnswer {
  const q = query.trim();
  if (q === '') throw new InputError("Le texte recherché est vide : indiquez un intitulé d'emploi ou une description du poste.", 'invalid');
  if (q.length > 20_000) throw new InputError('Le texte recherché est trop long (20 000 caractères au plus).', 'invalid');
  const limit = options.limit ?? 10;
  const mode = options.mode ?? 'auto';
  const asDescription = mode === 'description' || (mode === 'auto' && (q.includes('\n') || normalizeText(q).length > DESCRIPTION_WORDS));
  if (!asDescription) {
    const results = searchJobs(grid, q, { limit });
    const top = results[0]?.score ?? 0;
    const second = results[1]?.score ?? 0;
    // A title typed exactly finds itself with score 1; anything weaker or tied needs a choice.
    if (mode === 'title' || top >= 0.6) return { mode: 'title', results, uncertain: top < 0.8 || top - second < 0.05 };
  }
  const matches = matchDescription(grid, q, { limit });
  return {
    mode: 'description',
    results: matches.map((m) => ({
      job: m.job,
      track: m.track,
      trackTitle: m.trackTitle,
      positions: m.positions,
      statuses: m.statuses,
      score: m.score,
      confidence: m.confidence,
      evidence: m.evidence,
      source: m.source,
    })),
    // The matcher says when its first answer is close to the next or weak (docs/matching.md).
    uncertain: matches[0]?.uncertain ?? true,
  };
}

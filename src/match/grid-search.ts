/**
 * One search for every face: a job title goes to the title search, a description (several
 * words of duties, a job ad) to the description matcher. Both answer in the same shape.
 */
import type { Grid } from '../grids/grid.js';
import { calibratedShares, calibrationOf } from './calibration.js';
import { readCotation, readsCotation, type CotationReading } from './cotation-reading.js';
import { readCriteria, type CriteriaAnswer } from './criteria-reading.js';
import type { LevelCues } from './cues.js';
import { calibrate as softmax, matchDescription } from './describe.js';
import { searchJobs } from './title-search.js';
import type { JobHit } from './hit.js';
import { normalizeText } from '../text/normalize.js';
import { InputError } from '../model/input-error.js';

export type SearchMode = 'auto' | 'title' | 'description';
export const SEARCH_MODES: readonly SearchMode[] = ['auto', 'title', 'description'];

/** A job found by either search; the description search also says how sure it is. */
export interface SearchHit extends JobHit {
  /** Estimated probability that this is the right benchmark job (description search). */
  confidence?: number;
}

export interface SearchAnswer {
  mode: 'title' | 'description';
  results: SearchHit[];
  /** True when the first answers are close or weak: the user should choose, or say more. */
  uncertain: boolean;
  /**
   * When no benchmark job fits well and the grid classes jobs by criteria: the positions the
   * criteria read in the text allow, each criterion cited with its evidence lines, or a message
   * that declines and sends the user to the questionnaire (`positions` empty).
   */
  withoutCard?: CriteriaAnswer;
  /**
   * Title search: the other answers the title fits as well as the first (a score within
   * `TIE_GAP`), most often the other levels of a trade whose title does not write the level. The
   * first answer's confidence is that of the trade named; which of these applies is for the
   * user to decide on the duties (docs/matching.md, « Payroll titles »).
   */
  tiedWith?: SearchHit[];
  /**
   * When the grid has no benchmark jobs and classes every job by a cotation: each criterion's
   * degrees read in the text with their evidence, the range of points and the positions it
   * allows, or a message that declines and sends the user to the questionnaire (`positions` empty).
   */
  byCotation?: CotationReading;
}

/** Softmax temperature of the title scores: a gap of 0.1 (a level or a word apart) makes 1 to 0.14. */
export const TITLE_TEMPERATURE = 0.05;

/** Title scores closer than this to the first are a tie: the title does not choose between them. */
const TIE_GAP = 0.05;

/** A query of more than this many words is read as a description of the job. */
const DESCRIPTION_WORDS = 6;

export function searchGrid(grid: Grid, query: string, options: { limit?: number; mode?: SearchMode } = {}): SearchAnswer {
  const q = query.trim();
  if (q === '') throw new InputError("Le texte recherché est vide : indiquez un intitulé d'emploi ou une description du poste.", 'invalid');
  if (q.length > 20_000) throw new InputError('Le texte recherché est trop long (20 000 caractères au plus).', 'invalid');
  const limit = options.limit ?? 10;
  const mode = options.mode ?? 'auto';
  // No job to find: a title or a description is read against the cotation's criteria alone.
  if (grid.jobs.length === 0 && mode !== 'title' && readsCotation(grid)) return { mode: 'description', results: [], uncertain: true, byCotation: readCotation(grid, q)! };
  const asDescription = mode === 'description' || (mode === 'auto' && (q.includes('\n') || normalizeText(q).length > DESCRIPTION_WORDS));
  if (!asDescription) {
    const results = searchJobs(grid, q, { limit });
    const top = results[0]?.score ?? 0;
    const second = results[1]?.score ?? 0;
    // A title typed exactly finds itself with score 1; anything weaker or tied needs a choice.
    if (mode === 'title' || top >= 0.6) {
      // The title scores ranked and calibrated like the matcher's (src/match/calibration.ts).
      const calibration = calibrationOf('title');
      const scores = results.map((r) => r.score);
      const confidences = calibratedShares(calibration, scores, softmax(scores, TITLE_TEMPERATURE));
      const hits = results.map((r, i) => ({ ...r, confidence: confidences[i] ?? 0 }));
      const tiedWith = hits.slice(1).filter((r) => top - r.score < TIE_GAP);
      return {
        mode: 'title',
        results: hits,
        uncertain: top < 0.8 || top - second < TIE_GAP || (confidences[0] ?? 0) < calibration.uncertainBelow,
        ...(tiedWith.length > 0 ? { tiedWith } : {}),
      };
    }
  }
  const matches = matchDescription(grid, q, { limit });
  const first = matches[0];
  // A job above every card that shares its words ("directeur" of a network matched to the shop
  // manager's card): never a lower card with certainty, and the criteria read instead.
  const above = first !== undefined && aboveItsCard(first.level);
  const withoutCard = first && (first.uncertain || above) ? readCriteria(grid, q, first.track) : undefined;
  return {
    mode: 'description',
    ...(withoutCard ? { withoutCard } : {}),
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
    uncertain: (first?.uncertain ?? true) || above,
  };
}

/**
 * The description is a job above its first card: it sounds well above the card's height in its
 * track, or it asks a diploma of higher education of a card in the lowest part of its track (an
 * occupational nurse's « diplôme d'État » matched to a warehouse agent by one shared word).
 */
export function aboveItsCard(level: { description: LevelCues; trackHeight: number }): boolean {
  return seniorTo(level.description.seniority, level.trackHeight) || (level.description.higherEducation === true && level.trackHeight < LOW_CARD);
}

/** The lowest part of a track (0 … 1): 2198's A–C of A–H, below the diplomas of higher education its texts ask from D. */
const LOW_CARD = 0.3;

/** The seniority a description reads (−1 … 1) is well above the job's height in its track (0 … 1). */
function seniorTo(seniority: number, trackHeight: number): boolean {
  return seniority >= 0.5 && (seniority + 1) / 2 - trackHeight > SENIORITY_GAP;
}

/** How far above its card a description must sound to be a job the card does not describe. */
const SENIORITY_GAP = 0.35;

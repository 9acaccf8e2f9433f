/**
 * The texts that describe a job in the matcher's index, with their weights: its own lines, what it
 * inherits, and what a job without a text of its own borrows (its twin, its positions'
 * criteria and the competences they name).
 */
import type { Grid } from '../grids/grid.js';
import { trackPositions } from '../classify/classify.js';
import type { Job, Position } from '../model/schema.js';
import { normalizeText } from '../text/normalize.js';
import { stems } from './term-vectors.js';

/** Weights of a job's text lines in its vector: what names the job counts more than its context. */
const LINE_WEIGHTS = {
  title: 3,
  alias: 2,
  mission: 1.5,
  duty: 1,
  inherited: 0.7,
  activity: 1,
  criteria: 0.6,
  note: 0.6,
  twin: 0.7,
  position: 0.5,
  competence: 0.3,
  variation: 0.5,
  track: 0.5,
  trackNote: 0.3,
};

export interface Line {
  field: string;
  text: string;
  weight: number;
}

export const isThin = (job: Job) => job.duties.length === 0 && !job.activities?.length && !job.criteria;

/**
 * The texts that describe a job, with their weights. A job whose own text is thin (1431: the
 * santé jobs, the support functions) borrows the text of its twin, and the criteria and
 * conditions of its positions with the competences they name; every job gets its track's label
 * and notes, which say who belongs there.
 */
export function jobLines(grid: Grid, job: Job): Line[] {
  const w = LINE_WEIGHTS;
  const own = new Set(job.duties);
  const lines: Line[] = [{ field: 'title', text: job.title, weight: w.title }];
  for (const a of job.aliases) lines.push({ field: 'title', text: a, weight: w.alias });
  if (job.mission) lines.push({ field: 'mission', text: job.mission, weight: w.mission });
  for (const d of grid.jobDuties(job.id)) lines.push({ field: own.has(d) ? 'duties' : 'inherited', text: d, weight: own.has(d) ? w.duty : w.inherited });
  for (const a of job.activities ?? []) if (!own.has(a)) lines.push({ field: 'activities', text: a, weight: w.activity });
  for (const v of job.variationFactors ?? []) lines.push({ field: 'variation', text: v, weight: w.variation });
  for (const t of Object.values(job.criteria ?? {}).flat()) lines.push({ field: 'criteria', text: t, weight: w.criteria });
  for (const n of job.notes) lines.push({ field: 'notes', text: n.text, weight: w.note });
  if (isThin(job)) lines.push(...borrowedLines(grid, job));
  lines.push({ field: 'track', text: grid.trackLabel(job.track), weight: w.track });
  for (const t of grid.trackPath(job.track)) for (const n of t.notes) lines.push({ field: 'track', text: n.text, weight: w.trackNote });
  return lines;
}

function borrowedLines(grid: Grid, job: Job): Line[] {
  const w = LINE_WEIGHTS;
  const lines: Line[] = [];
  const twins = twinsOf(grid, job);
  for (const twin of twins) for (const l of ownLines(twin)) lines.push({ field: 'twin', text: l.text, weight: l.weight * w.twin });
  const seen = new Set<string>();
  for (const code of job.positions) {
    const { texts, below } = positionTexts(grid, code, twins.length === 0);
    // What is borrowed from below once only (I and J both borrow G's); a position's own texts as
    // they are (1.3, 1.4 and 1.5 copy one row of the text).
    const fresh = below ? texts.filter((t) => !seen.has(t)) : texts;
    for (const t of texts) seen.add(t);
    for (const t of fresh) lines.push({ field: below ? BORROWED_FROM_BELOW : 'position', text: t, weight: w.position });
    for (const c of competencesNamed(grid, fresh)) for (const t of [c.title, ...c.definition]) lines.push({ field: below ? BORROWED_FROM_BELOW : 'competence', text: t, weight: w.competence });
  }
  return lines;
}

/**
 * The field of the lines a job borrows from a position below its own (`positionTexts`): they make
 * the job's vector, but not the words' rarity among jobs (the index's IDF), which stays that of the
 * texts as the grid writes them.
 */
export const BORROWED_FROM_BELOW = 'below';

/**
 * What a position asks: its criteria and conditions or, for a position the text gives none of its
 * own (reached through its emplois-repères only) and a job with no other text to borrow
 * (`fromBelow`: no twin), those of the nearest position below it in its track that has some
 * (`below`) — a higher level asks at least what the lower asks (1431: « Opticien diplômé 5 », I and J, gets what G asks, as
 * « Opticien diplômé 4 », G and H, does; without it the job had no words at all but its title).
 */
function positionTexts(grid: Grid, code: string, fromBelow: boolean): { texts: string[]; below: boolean } {
  const own = (p: Position | undefined) => [...Object.values(p?.criteria ?? {}).flat(), ...(p?.conditions ?? [])];
  const p = grid.position(code);
  const texts = own(p);
  if (texts.length > 0 || !p || !fromBelow) return { texts, below: false };
  const lower = trackPositions(grid, p.track ?? null).filter((q) => q.rank < p.rank && own(q).length > 0);
  return { texts: own(lower[lower.length - 1]), below: true };
}

/**
 * What a job says of itself, without what it inherits ("Mêmes fonctions que précédent"): where
 * neighbouring levels differ. Titles are left out (the title signal reads them).
 */
export function ownLines(job: Job): Line[] {
  const w = LINE_WEIGHTS;
  const lines: Line[] = job.duties.map((d) => ({ field: 'duties', text: d, weight: w.duty }));
  if (job.mission) lines.push({ field: 'mission', text: job.mission, weight: w.mission });
  for (const a of job.activities ?? []) if (!job.duties.includes(a)) lines.push({ field: 'activities', text: a, weight: w.activity });
  for (const t of Object.values(job.criteria ?? {}).flat()) lines.push({ field: 'criteria', text: t, weight: w.criteria });
  return lines;
}

/**
 * Jobs with a text whose title a thin job's title contains: "Opticien directeur de magasin 1"
 * of the santé track is the "Directeur de magasin 1" of the collaborateurs track held by an
 * opticien, and the text describes the latter only.
 */
export function twinsOf(grid: Grid, job: Job): Job[] {
  const own = ` ${normalizeText(job.title).join(' ')} `;
  return grid.jobs.filter((j) => j !== job && !isThin(j) && own.includes(` ${normalizeText(j.title).join(' ')} `));
}

/**
 * The competences whose group a position's texts name ("référent sur deux domaines de
 * référence" names the domaines de référence: atelier, examen de vue, contactologie).
 */
function competencesNamed(grid: Grid, texts: string[]): Grid['competences'] {
  const said = texts.map((t) => ` ${stems(t).join(' ')} `).join(' ');
  return grid.competences.filter((c) => said.includes(` ${stems(c.group.replace(/-/g, ' ')).join(' ')} `));
}

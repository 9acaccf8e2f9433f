/**
 * From a free-text description (a job ad, a fiche de poste, a few lines by a shop owner) to the
 * benchmark jobs of a grid, ranked, each with its evidence and a calibrated confidence.
 *
 * The score of a job is a weighted sum of signals (`Signals`, weights in `WEIGHTS`, fitted on the
 * development half of eval/ only; docs/matching.md):
 * - what the job does: TF-IDF cosine between the description and the job's text (title,
 *   inherited duties, mission, activities, criteria, notes). Cosine, not BM25, because a higher
 *   job inherits every duty of the one below: a one-sided score would always prefer the higher
 *   job, whereas cosine also counts what the description does not say. Words a sentence denies
 *   ("non opticien") are left out on both sides, and the branch lexicon adds the texts' words for
 *   the trade's ("minilab" → "tirages photos sur machine automatique");
 * - the job's title written in the description;
 * - how senior the description sounds (débutant, sous contrôle… / encadre, budget…) against the
 *   job's height among its neighbours (jobs linked by "Mêmes fonctions que précédent" or sharing a
 *   title) and in its track; the job's own text against its neighbours' (what each level adds);
 * - the vocabulary of the job's track (twins of two filières differ by nothing else);
 * - what the texts count or name to separate levels: the status ("statut cadre"), the people
 *   managed against the job's bounds ("moins de trois salariés"), several shops;
 * - facts read in the description (diploma, years, referent domains…) put through the grid's own
 *   rules (src/match/text-facts.ts);
 * - learned: how employers write about each job, from labelled example descriptions (the tuning
 *   sets eval/training.json lists; src/match/examples.ts).
 */
import { trackPositions } from '../classify/classify.js';
import type { Grid } from '../grids/grid.js';
import type { Job, Source, Status } from '../model/schema.js';
import { foldAccents, normalizeText, stem } from '../text/normalize.js';
import { expandAbbreviations } from './abbreviations.js';
import { headingOf } from './heading.js';
import { searchJobs } from './title-search.js';
import { calibratedShares, calibrationOf, lead } from './calibration.js';
import { foldText, levelCues, maskBoilerplate, maskNegations, maskOthers, maskTeamList, toNumber, type LevelCues } from './cues.js';
import { buildExampleIndex, exampleSimilarities, type Example, type ExampleIndex } from './examples.js';
import type { JobHit } from './hit.js';
import { factsFromText, type TextFacts } from './text-facts.js';

export interface DescriptionMatch extends JobHit {
  /**
   * Probability that this is the right benchmark job (0–1): for the first answer, the share of
   * right first answers at this raw confidence on texts the matcher had not learned from
   * (src/match/calibration.ts); the others share the rest.
   */
  confidence: number;
  /** The softmax share of the score before calibration (ranks answers; overstates certainty). */
  rawConfidence: number;
  /** For the first answer, its score's lead over the second, which the calibration reads; 0 for the others. */
  lead: number;
  /**
   * True when the answer should not be taken without a look: the first results are close, or
   * the first is weak. The user should then choose among the results, or say more.
   */
  uncertain: boolean;
  /** Seniority read in the description, and the job's height among its neighbours and in its track (0–1). */
  level: { description: LevelCues; jobHeight: number; trackHeight: number };
  /** Facts read in the description, and the positions the grid's rules give them. */
  facts?: TextFacts['summary'];
  source: Source;
}

export interface DescriptionOptions {
  limit?: number;
  /**
   * The date the description is read at (ISO date or Date; today by default): a dated start
   * ("diplômée en 2019", "chez nous depuis 2015") is counted in years up to it.
   */
  at?: string | Date;
  /**
   * The labelled descriptions the `examples` signal learns from, instead of the grid's own (those
   * the build loads from the sets eval/training.json declares): to cross-validate
   * (scripts/eval-examples.ts) or to train on one's own.
   */
  examples?: readonly Example[];
}

/** The year a description is read at. */
function yearOf(at: DescriptionOptions['at']): number | undefined {
  if (at === undefined) return undefined;
  const year = (typeof at === 'string' ? new Date(at) : at).getUTCFullYear();
  return Number.isFinite(year) ? year : undefined;
}

/** Each signal of the score for one job, before weighting (each about -1 … 1). */
export interface Signals {
  /** TF-IDF cosine of the description with the job's text. */
  cosine: number;
  /** Share of the job's title written in the description, weighted by the rarity of its words. */
  title: number;
  /** Seniority read against the job's height among its neighbours. */
  level: number;
  /** How much worse the job's own text fits than its best neighbour's (0 for the best). */
  own: number;
  /** Cosine of the description with the vocabulary of the job's track. */
  track: number;
  /** Seniority read against the job's height among all positions of its track. */
  absolute: number;
  /** +1 when the status the description states is one of the job's, -1 when not. */
  status: number;
  /** +1 when the people managed fit the job's bounds, -1 when not. */
  staff: number;
  /** +1 for a multi-shop job when several shops are run, -0.5 when not. */
  shops: number;
  /** Agreement with the positions the facts read lead to (text-facts.ts). */
  facts: number;
  /** Cosine of the description with the job's labelled example descriptions (examples.ts); 0 without. */
  examples: number;
  /** The title search's score of the job for the description's heading ("Intitulé : …", "Chef de rayon : …"); 0 without one. */
  heading: number;
}

/**
 * Weights of the score, and of the confidence. Fitted on eval/dev.yaml only, by coordinate
 * search on top-1 accuracy (ties broken by the mean reciprocal rank of the right job), keeping
 * round values inside wide plateaus (docs/matching.md gives the scans). `temperature` is the
 * softmax temperature of the confidence (maximum likelihood on dev: 0.025, softened); an answer
 * is `uncertain` when its confidence or its score is below the thresholds of `uncertain`.
 */
export const WEIGHTS = {
  cosine: 1,
  title: 0.15,
  level: 0.1,
  own: 0.3,
  track: 0.6,
  absolute: 0.1,
  status: 0.2,
  staff: 0.3,
  shops: 0.2,
  facts: 0.6,
  /**
   * The learned signal (examples.ts), chosen by leave-one-set-out cross-validation over the
   * training sets (scripts/eval-examples.ts, docs/matching.md): with 1,255 examples, 0.8 gives the
   * best top-3 and, on the three sets no hand-tuning ever saw (train-*), the best top-1 tied with
   * 2.0, which costs 3168 five points. 0 turns it off.
   */
  examples: 0.8,
  /** The heading read as a title (payroll shorthand, the trades' names of the lexicon). */
  heading: 0.3,
  /** Weight of one lexicon entry in the description's vector, shared by the words it adds. */
  lexicon: 1.5,
  /** A title word only the lexicon adds counts this much of a written one. */
  lexiconTitle: 0.7,
  /** The level signal within a family whose jobs all have one status (all managers, say). */
  levelOneStatus: 0.3,
  temperature: 0.03,
  uncertain: { score: 0.2 },
};

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

const LEVEL_WORDS = new Set(['niveau', 'echelon', 'debutant', 'confirme', 'expert', 'qualifie', '1', '2', '3', '4', '5']);
/**
 * Level words are left out of the titles' share of a job's vector: "débutant" in a description
 * should not draw every "… débutant" job of the grid; the level signals weigh it.
 */
const LEVEL_STEMS = new Set([...LEVEL_WORDS].map(stem));

// ---------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------

/** Canonical words of a text (accents, plurals, feminine forms folded; not stemmed), denials left out. */
function words(text: string): string[] {
  return normalizeText(maskNegations(foldAccents(text)));
}

/** Stems of a text, leaving out the words it denies. */
export function stems(text: string): string[] {
  return words(text).map(stem);
}

type Vector = Map<string, number>;

function addTerms(v: Vector, text: string, weight: number, skip?: Set<string>): void {
  if (weight <= 0) return;
  for (const t of stems(text)) if (!skip?.has(t)) v.set(t, (v.get(t) ?? 0) + weight);
}

/** Sublinear term frequency; below 1 (a word seen only in lightly weighted lines) it stays as is. */
const damp = (tf: number) => (tf >= 1 ? 1 + Math.log(tf) : tf);

/** Term frequencies to TF-IDF weights, in place; returns the vector's norm. */
function weigh(v: Vector, idf: Map<string, number>): number {
  let norm = 0;
  for (const [t, tf] of v) {
    const w = damp(tf) * (idf.get(t) ?? 0);
    v.set(t, w);
    norm += w * w;
  }
  return Math.sqrt(norm);
}

// ---------------------------------------------------------------------------------------------
// The jobs' texts
// ---------------------------------------------------------------------------------------------

interface Line {
  field: string;
  text: string;
  weight: number;
}

const isThin = (job: Job) => job.duties.length === 0 && !job.activities?.length && !job.criteria;

/**
 * The texts that describe a job, with their weights. A job whose own text is thin (1431: the
 * santé jobs, the support functions) borrows the text of its twin, and the criteria and
 * conditions of its positions with the competences they name; every job gets its track's label
 * and notes, which say who belongs there.
 */
function jobLines(grid: Grid, job: Job): Line[] {
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
  for (const twin of twinsOf(grid, job)) for (const l of ownLines(twin)) lines.push({ field: 'twin', text: l.text, weight: l.weight * w.twin });
  for (const code of job.positions) {
    const p = grid.position(code);
    const texts = [...Object.values(p?.criteria ?? {}).flat(), ...(p?.conditions ?? [])];
    for (const t of texts) lines.push({ field: 'position', text: t, weight: w.position });
    for (const c of competencesNamed(grid, texts)) for (const t of [c.title, ...c.definition]) lines.push({ field: 'competence', text: t, weight: w.competence });
  }
  return lines;
}

/**
 * What a job says of itself, without what it inherits ("Mêmes fonctions que précédent"): where
 * neighbouring levels differ. Titles are left out (the title signal reads them).
 */
function ownLines(job: Job): Line[] {
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
function twinsOf(grid: Grid, job: Job): Job[] {
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

// ---------------------------------------------------------------------------------------------
// Levels: neighbours, heights, bounds
// ---------------------------------------------------------------------------------------------

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

function heightOf(grid: Grid, job: Job, kin: Job[]): Height {
  const rank = (j: Job) => grid.sortPositions(j.positions).reduce((s, c) => s + grid.position(c)!.rank, 0) / j.positions.length;
  const ranks = [...new Set(kin.map(rank))].sort((a, b) => a - b);
  const statuses = new Set(kin.flatMap((j) => grid.jobStatuses(j)));
  const scale = statuses.size > 1 || statuses.has('ouvrier-employe') ? 1 : WEIGHTS.levelOneStatus;
  if (ranks.length > 1) return { height: ranks.indexOf(rank(job)) / (ranks.length - 1), levels: ranks.length, scale };
  // A job alone whose title gives its level ("Agent administratif débutant") compares like a family member.
  const titled = titleLevel(job.title);
  return titled === undefined ? { height: 0.5, levels: 1, scale } : { height: titled, levels: 2, scale: 1 };
}

/** The height a title's own level word gives: débutant is the bottom, expert the top. */
function titleLevel(title: string): number | undefined {
  const t = normalizeText(title);
  return t.includes('debutant') ? 0 : t.includes('expert') ? 1 : t.includes('confirme') ? 0.75 : undefined;
}

/** Mean rank of a job's positions among the positions open to its track, 0 (lowest) … 1. */
function absoluteHeight(grid: Grid, job: Job): number {
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
function staffBounds(job: Job): StaffBounds {
  const text = foldAccents(job.duties.join(' '));
  for (const [re, bounds] of BOUND_RULES) {
    const m = re.exec(text);
    if (m) return bounds(toNumber(m[1]!));
  }
  return {};
}

// ---------------------------------------------------------------------------------------------
// Index of a grid
// ---------------------------------------------------------------------------------------------

export interface JobEntry {
  job: Job;
  vector: Vector;
  norm: number;
  /** The job's own text (what it adds to the job it inherits from), as a unit TF-IDF vector. */
  own: Vector;
  /** Distinctive title words (no ordinals, no level words), each with its rarity among titles. */
  titles: { terms: string[]; weights: number[] }[];
  lines: { field: string; text: string; terms: Set<string> }[];
  /** Id of the job's family (itself when alone). */
  family: string;
  height: Height;
  /** Height of the job's positions among all positions of its track, 0 … 1. */
  absoluteHeight: number;
  statuses: Status[];
  staff: StaffBounds;
  /** The job's text speaks of several shops (Cadre de direction multimagasin). */
  multiShop: boolean;
  /** Same title and positions: the same job listed in two filières (see `distinct`). */
  key: string;
}

/** For each term, the vectors (by index) that have it and its weight there: a query only visits its own terms. */
export type Postings = Map<string, { at: number; w: number }[]>;

export interface Index {
  entries: JobEntry[];
  idf: Map<string, number>;
  /** The jobs' vectors as unit vectors, the jobs' own texts, and each track's vocabulary. */
  postings: { job: Postings; own: Postings; track: Postings };
  /** Track ids, in the order of `postings.track`. */
  tracks: string[];
}

const indexes = new WeakMap<Grid, Index>();

function indexOf(grid: Grid): Index {
  let index = indexes.get(grid);
  if (!index) indexes.set(grid, (index = prebuiltOf(grid)?.index ?? build(grid)));
  return index;
}

/** The matcher's indexes of a grid, computed by the build (src/match/prebuilt.ts) or here. */
export interface MatcherIndexes {
  index: Index;
  /** The index of the grid's own examples (`grid.examples`), when it has any. */
  examples?: ExampleIndex;
}

const prebuiltLoaders = new WeakMap<Grid, () => MatcherIndexes | undefined>();
const prebuilts = new WeakMap<Grid, MatcherIndexes | undefined>();

/**
 * Where the indexes the build computed for `grid` can be read (once, on the first description
 * matched): what the first search of a process would otherwise spend building them.
 */
export function offerPrebuilt(grid: Grid, load: () => MatcherIndexes | undefined): void {
  prebuiltLoaders.set(grid, load);
}

function prebuiltOf(grid: Grid): MatcherIndexes | undefined {
  if (!prebuilts.has(grid)) prebuilts.set(grid, prebuiltLoaders.get(grid)?.());
  return prebuilts.get(grid);
}

/** The indexes of `grid`, to store (the build). */
export function matcherIndexes(grid: Grid): MatcherIndexes {
  const examples = examplesOf(grid);
  return { index: indexOf(grid), ...(examples ? { examples } : {}) };
}

function build(grid: Grid): Index {
  const df = new Map<string, number>();
  const raw = grid.jobs.map((job) => {
    const lines = jobLines(grid, job);
    const vector: Vector = new Map();
    for (const l of lines) addTerms(vector, l.text, l.weight, l.field === 'title' ? LEVEL_STEMS : undefined);
    for (const t of vector.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    // A thin job's own text is its twin's ("Opticien directeur de magasin 1" / "2" differ as
    // "Directeur de magasin 1" / "2" do).
    const own: Vector = new Map();
    for (const l of isThin(job) ? twinsOf(grid, job).flatMap(ownLines) : ownLines(job)) addTerms(own, l.text, l.weight);
    return { job, lines, vector, own };
  });
  const n = grid.jobs.length;
  const idf = new Map([...df].map(([t, d]) => [t, Math.log(1 + n / d)]));
  const titleIdf = titleRarity(grid);
  const family = families(grid);
  const entries = raw.map(({ job, lines, vector, own }): JobEntry => {
    const norm = weigh(vector, idf);
    const ownNorm = weigh(own, idf);
    for (const [t, w] of own) own.set(t, ownNorm > 0 ? w / ownNorm : 0);
    const kin = grid.jobs.filter((j) => family.get(j.id) === family.get(job.id));
    return {
      job,
      vector,
      norm,
      own,
      titles: [job.title, ...job.aliases].map((t) => {
        const terms = [...new Set(words(t).filter((x) => !LEVEL_WORDS.has(x)))];
        return { terms, weights: terms.map((x) => titleIdf.get(x) ?? 0) };
      }),
      lines: lines.map((l) => ({ field: l.field, text: l.text, terms: new Set(stems(l.text)) })),
      family: family.get(job.id)!,
      height: heightOf(grid, job, kin),
      absoluteHeight: absoluteHeight(grid, job),
      statuses: grid.jobStatuses(job),
      staff: staffBounds(job),
      multiShop: /plusieurs magasins|multimagasin/.test(foldAccents(`${job.title} ${job.duties.join(' ')}`)),
      key: `${normalizeText(job.title).join(' ')}|${[...job.positions].sort().join(',')}`,
    };
  });
  const tracks = centroids(entries);
  return {
    entries,
    idf,
    postings: {
      job: postingsOf(entries.map((e) => e.vector), entries.map((e) => e.norm)),
      own: postingsOf(entries.map((e) => e.own)),
      track: postingsOf([...tracks.values()]),
    },
    tracks: [...tracks.keys()],
  };
}

function postingsOf(vectors: Vector[], norms?: number[]): Postings {
  const postings: Postings = new Map();
  vectors.forEach((v, at) => {
    const norm = norms?.[at] ?? 1;
    if (norm === 0) return;
    for (const [t, w] of v) {
      const list = postings.get(t) ?? [];
      list.push({ at, w: w / norm });
      postings.set(t, list);
    }
  });
  return postings;
}

/** Cosine of the description with every vector of the postings (which are of unit length). */
function cosines(q: Query, postings: Postings, size: number): number[] {
  const sums = new Array<number>(size).fill(0);
  if (q.norm === 0) return sums;
  for (const [t, w] of q.vector) for (const p of postings.get(t) ?? []) sums[p.at]! += w * p.w;
  return sums.map((x) => x / q.norm);
}

/** How rare a word is among the titles, 0 … 1: "commercial" names many jobs, "retoucheur" few. */
function titleRarity(grid: Grid): Map<string, number> {
  const n = grid.jobs.length;
  const df = new Map<string, number>();
  for (const job of grid.jobs) for (const t of new Set(words(job.title))) df.set(t, (df.get(t) ?? 0) + 1);
  return new Map([...df].map(([t, d]) => [t, Math.log(1 + n / d) / Math.log(1 + n)]));
}

/**
 * The vocabulary of each track (magasin: tirages, caisse, clients…; production: machines,
 * opérateurs…), for twins that only their track tells apart (Technicien qualifié of the shops and
 * Technicien of the production, Commercial and Attaché commercial of the school photography).
 */
function centroids(entries: JobEntry[]): Map<string, Vector> {
  const sums = new Map<string, Vector>();
  for (const e of entries) {
    const sum = sums.get(e.job.track) ?? new Map<string, number>();
    for (const [t, w] of e.vector) sum.set(t, (sum.get(t) ?? 0) + w / e.norm);
    sums.set(e.job.track, sum);
  }
  for (const v of sums.values()) {
    const norm = Math.sqrt([...v.values()].reduce((a, w) => a + w * w, 0));
    for (const [t, w] of v) v.set(t, w / norm);
  }
  return sums;
}

// ---------------------------------------------------------------------------------------------
// Branch lexicon
// ---------------------------------------------------------------------------------------------

interface LexiconEntry {
  when: string[][];
  /** The texts' words, as stems (for the cosine) and as words (for titles). */
  stems: string[];
  words: string[];
}

/** The entries, and for each first stem of a `when` phrase the phrases it starts, to read a text in one pass. */
interface Lexicon {
  entries: LexiconEntry[];
  byFirst: Map<string, { phrase: string[]; entry: number }[]>;
}

const lexicons = new WeakMap<Grid['lexicon'], Lexicon>();

function lexiconOf(grid: Grid): Lexicon {
  let lexicon = lexicons.get(grid.lexicon);
  if (!lexicon) {
    const entries = grid.lexicon.entries.map((e) => {
      const added = e.add.flatMap(words);
      return { when: e.when.map(stems).filter((w) => w.length > 0), stems: added.map(stem), words: added };
    });
    const byFirst = new Map<string, { phrase: string[]; entry: number }[]>();
    entries.forEach((e, entry) => e.when.forEach((phrase) => byFirst.set(phrase[0]!, [...(byFirst.get(phrase[0]!) ?? []), { phrase, entry }])));
    lexicons.set(grid.lexicon, (lexicon = { entries, byFirst }));
  }
  return lexicon;
}

/** The work or the hours of other people: "vérifie le travail des vendeurs", "planning des opérateurs". */
const OTHERS_WORK = /^(?:travail|planning|horair)/;

/** Stems of verbs whose object is other people: "encadre 6 préparateurs", "coordonne les chefs d'équipe", "forme les vendeurs". */
const MANAGING = /^(?:encadr|manag|dirig|coordon|anim|pilot|supervis|gere|gerez)|^form$/;

/**
 * A trade word right after a number or a verb of management names the people managed, not the
 * job described ("organise le planning de 15 préparateurs"): the lexicon does not read it.
 */
function namesOthers(terms: readonly string[], i: number): boolean {
  return terms.slice(Math.max(0, i - 2), i).some((t) => /^\d+$/.test(t) || MANAGING.test(t)) || OTHERS_WORK.test(terms[i - 1] ?? '');
}

/** The entries of the branch lexicon (grids/<idcc>-…/lexicon.yaml) whose trade words a text uses, in lexicon order. */
function lexiconMatches(grid: Grid, terms: readonly string[]): LexiconEntry[] {
  const lexicon = lexiconOf(grid);
  const hit = new Set<number>();
  terms.forEach((t, i) => {
    for (const { phrase, entry } of lexicon.byFirst.get(t) ?? []) {
      if (!hit.has(entry) && phrase.every((p, k) => terms[i + k] === p) && !namesOthers(terms, i)) hit.add(entry);
    }
  });
  return [...hit].sort((a, b) => a - b).map((i) => lexicon.entries[i]!);
}

/** The texts' words (stems) for the trade words a description uses. */
export function lexiconTerms(grid: Grid, terms: readonly string[]): string[] {
  return lexiconMatches(grid, terms).flatMap((e) => e.stems);
}

// ---------------------------------------------------------------------------------------------
// The description
// ---------------------------------------------------------------------------------------------

/** What is read once per description, then compared with every job. */
interface Query {
  vector: Vector;
  norm: number;
  /** Term frequencies of the words written and added, before the grid's IDF (for the examples). */
  tf: Vector;
  /**
   * Words written, in order (not stemmed: a title names a person, "monteur", not "montage"); the
   * people managed ("dirige les deux assistants") are left blank: they are not the job's title.
   */
  written: string[];
  /** Words the lexicon adds, phrase after phrase: they name a job less surely than written ones. */
  added: string[];
  present: Set<string>;
  level: LevelCues;
  facts: TextFacts | undefined;
  /** Title-search scores of the heading, by job id. */
  heading: Map<string, number>;
}

/** The words of a description as the signals read them: written (denials and boilerplate blanked), stemmed, lexicon added. */
function readTerms(grid: Grid, text: string): { written: string[]; writtenStems: string[]; lexicon: LexiconEntry[]; tf: Vector } {
  // A job ad's boilerplate (contract, pay, "rejoignez notre équipe", the company's size) says
  // nothing of the job, and its words ("équipe", "points de vente") would draw managers.
  // The members of a team the person runs ("dirige l'équipe (photographes, infographiste)") are not the job.
  const written = normalizeText(maskNegations(maskTeamList(maskBoilerplate(foldText(text)))));
  const writtenStems = written.map(stem);
  const lexicon = lexiconMatches(grid, writtenStems);
  const tf: Vector = new Map();
  for (const t of writtenStems) tf.set(t, (tf.get(t) ?? 0) + 1);
  // Each entry is one piece of evidence: its words share one weight, however many they are.
  for (const e of lexicon) for (const t of e.stems) tf.set(t, (tf.get(t) ?? 0) + WEIGHTS.lexicon / Math.sqrt(e.stems.length));
  return { written, writtenStems, lexicon, tf };
}

function readQuery(grid: Grid, index: Index, text: string, year?: number): Query | undefined {
  const { written, writtenStems, lexicon, tf } = readTerms(grid, text);
  if (written.length === 0) return undefined;
  const vector: Vector = new Map();
  let norm = 0;
  for (const [t, f] of tf) {
    const idf = index.idf.get(t);
    if (idf === undefined) continue;
    const w = damp(f) * idf;
    vector.set(t, w);
    norm += w * w;
  }
  const added = lexicon.flatMap((e) => e.words);
  const level = levelCues(text, year);
  // The people managed ("dirige les deux assistants") and the superiors or colleagues ("sous le
  // regard du chef d'équipe") are not the job's title.
  const own = new Set(normalizeText(maskOthers(maskNegations(maskTeamList(maskBoilerplate(foldText(text)))))));
  const titled = written.map((w, i) => (namesOthers(writtenStems, i) || !own.has(w) ? '' : w));
  return { vector, norm: Math.sqrt(norm), tf, written: titled, added, present: new Set([...written, ...added]), level, facts: factsFromText(grid, text, level), heading: headingScores(grid, text) };
}

// ---------------------------------------------------------------------------------------------
// Signals
// ---------------------------------------------------------------------------------------------

/**
 * How much of a title the description writes: its words found together in a stretch no longer
 * than the title and one more word ("chef de studio", not "chef" here and "studio" there), each
 * weighted by its rarity among titles, times the title's mean rarity, so that a lone common word
 * ("commercial") counts less than a telling one ("retoucheur"). Words only the lexicon adds count
 * `WEIGHTS.lexiconTitle`.
 */
function titleFit(title: { terms: string[]; weights: number[] }, q: Query): number {
  const { terms, weights } = title;
  if (!terms.some((t) => q.present.has(t))) return 0;
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const found = Math.max(together(terms, weights, q.written), WEIGHTS.lexiconTitle * together(terms, weights, q.added));
  return ((total / terms.length) * found) / total;
}

/** Largest weight of title words found within one stretch of the sequence. */
function together(title: string[], weights: number[], sequence: readonly string[]): number {
  let best = 0;
  for (let i = 0; i < sequence.length; i++) {
    if (!title.includes(sequence[i]!)) continue;
    const found = new Set<number>();
    for (let k = i; k < Math.min(sequence.length, i + title.length + 1); k++) {
      const at = title.indexOf(sequence[k]!);
      if (at >= 0) found.add(at);
    }
    best = Math.max(best, [...found].reduce((a, at) => a + weights[at]!, 0));
  }
  return best;
}

/** The height the seniority read points to (0 … 1), against a job's height: 0.5 when equal, -0.5 when opposite. */
const nearness = (seniority: number, height: number) => 0.5 - Math.abs((seniority + 1) / 2 - height);

function levelFit(level: LevelCues, h: Height): number {
  return level.seniority === 0 || h.levels < 2 ? 0 : h.scale * nearness(level.seniority, h.height);
}

function statusFit(status: LevelCues['status'], statuses: Status[]): number {
  if (status === undefined) return 0;
  // "Non cadre": employé or agent de maîtrise, whichever.
  if (status === 'non-cadre') return statuses.some((s) => s === 'ouvrier-employe' || s === 'agent-de-maitrise') ? 1 : -1;
  return statuses.includes(status) ? 1 : -1;
}

function staffFit(managed: number | undefined, bounds: StaffBounds): number {
  if (managed === undefined || (bounds.min === undefined && bounds.max === undefined)) return 0;
  return (bounds.min === undefined || managed >= bounds.min) && (bounds.max === undefined || managed <= bounds.max) ? 1 : -1;
}

/** Running several shops is what the multi-shop job is about; a description of one shop is not. */
function shopsFit(level: LevelCues, e: JobEntry): number {
  return !e.multiShop ? 0 : level.shops !== undefined ? 1 : -0.5;
}

/**
 * Within a family, a job whose own text fits the description worse than a neighbour's is the less
 * likely level. Only a penalty: the best member is not favoured over a job without neighbours.
 */
function ownPenalties(index: Index, own: number[]): number[] {
  const best = new Map<string, [number, number]>();
  index.entries.forEach((e, i) => {
    const [first, second] = best.get(e.family) ?? [-Infinity, -Infinity];
    best.set(e.family, own[i]! > first ? [own[i]!, first] : [first, Math.max(second, own[i]!)]);
  });
  return index.entries.map((e, i) => {
    const [first, second] = best.get(e.family)!;
    const rival = own[i] === first ? second : first;
    return e.height.levels > 1 && Number.isFinite(rival) ? Math.min(0, own[i]! - rival) : 0;
  });
}

function allSignals(index: Index, q: Query, examples?: ExampleIndex): Signals[] {
  const n = index.entries.length;
  const learned = examples ? exampleSimilarities(examples, q.tf) : undefined;
  const cosine = cosines(q, index.postings.job, n);
  const own = ownPenalties(index, cosines(q, index.postings.own, n));
  const trackCosines = cosines(q, index.postings.track, index.tracks.length);
  const tracks = new Map(index.tracks.map((id, i) => [id, trackCosines[i]!]));
  return index.entries.map((e, i) => ({
    cosine: cosine[i]!,
    title: Math.max(0, ...e.titles.map((t) => titleFit(t, q))),
    level: levelFit(q.level, e.height),
    own: own[i]!,
    track: tracks.get(e.job.track)!,
    absolute: q.level.seniority === 0 ? 0 : nearness(q.level.seniority, e.absoluteHeight),
    status: statusFit(q.level.status, e.statuses),
    staff: staffFit(q.level.managedStaff, e.staff),
    shops: shopsFit(q.level, e),
    facts: q.facts ? q.facts.fit(e.job) : 0,
    examples: learned?.[i] ?? 0,
    heading: q.heading.get(e.job.id) ?? 0,
  }));
}

function combine(s: Signals): number {
  let score = 0;
  for (const k of Object.keys(s) as (keyof Signals)[]) score += WEIGHTS[k] * s[k];
  return score;
}

// ---------------------------------------------------------------------------------------------
// Learned examples
// ---------------------------------------------------------------------------------------------

/** A label's title as eval/ and the grid write it, folded. */
const labelKey = (title: string) => foldAccents(title).replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * The jobs (by index) a label names: by its title, or by the first of the job's titles
 * ("Opticien diplômé 1" for "Opticien diplômé 1/Professionnel de santé 1"), or a line of the
 * text the grid splits into one job per title ("Chauffeur-livreur. Magasinier cariste"). A title
 * the grid lists in two filières names both.
 */
export function labelledJobs(grid: Grid, label: string): number[] {
  const wanted = new Set([label, ...label.split('. ')].map(labelKey));
  const at: number[] = [];
  grid.jobs.forEach((j, i) => {
    if (wanted.has(labelKey(j.title)) || wanted.has(labelKey(j.title.split('/')[0]!))) at.push(i);
  });
  return at;
}

const exampleIndexes = new WeakMap<Grid, WeakMap<readonly Example[], ExampleIndex>>();

/** The index of `examples` for `grid` (built once per grid and list of examples); undefined without examples. */
function examplesOf(grid: Grid, given?: readonly Example[]): ExampleIndex | undefined {
  // The grid's own examples: the build's index, when there is one, spares reading them.
  if (given === undefined) {
    const prebuilt = prebuiltOf(grid);
    if (prebuilt) return prebuilt.examples;
  }
  const examples = given ?? grid.examples;
  if (examples.length === 0) return undefined;
  let byList = exampleIndexes.get(grid);
  if (!byList) exampleIndexes.set(grid, (byList = new WeakMap()));
  let index = byList.get(examples);
  if (!index) {
    const read = examples.map((e) => ({ tf: readTerms(grid, e.text).tf, jobs: labelledJobs(grid, e.job) })).filter((e) => e.jobs.length > 0);
    byList.set(examples, (index = buildExampleIndex(read, grid.jobs.length)));
  }
  return index;
}

// ---------------------------------------------------------------------------------------------
// Ranking
// ---------------------------------------------------------------------------------------------

/**
 * Every job of the grid with its signals and score, best first (to study or tune the weights).
 * The `examples` signal is computed whatever its weight, to scan it.
 */
export function scoreJobs(grid: Grid, text: string, options: Pick<DescriptionOptions, 'at' | 'examples'> = {}): { job: Job; signals: Signals; score: number }[] {
  const index = indexOf(grid);
  const q = readQuery(grid, index, text, yearOf(options.at));
  if (!q) return [];
  const signals = allSignals(index, q, examplesOf(grid, options.examples));
  return index.entries.map((e, i) => ({ job: e.job, signals: signals[i]!, score: combine(signals[i]!) })).sort((a, b) => b.score - a.score);
}

/** The title search's scores for the description's heading, for the jobs it finds well (a score of at least 0.6). */
function headingScores(grid: Grid, text: string): Map<string, number> {
  const heading = text.includes('\n') || text.split(/\s+/).length > SHORT_LINE_WORDS ? headingOf(text) : undefined;
  if (!heading) return new Map();
  return new Map(searchJobs(grid, heading, { limit: 10 }).filter((r) => r.score >= 0.6).map((r) => [r.job.id, r.score]));
}

/** A title or a short line is read with its payroll shorthand written out ("RESP MAG" → "responsable magasin"). */
function asWritten(grid: Grid, text: string): string {
  const line = text.trim();
  return !line.includes('\n') && line.split(/\s+/).length <= SHORT_LINE_WORDS ? expandAbbreviations(line, grid.lexicon.abbreviations) : text;
}

/** Up to this many words on one line, a text is a title or a note in payroll shorthand. */
const SHORT_LINE_WORDS = 8;

/** Benchmark jobs of `grid` ranked for a free-text description, best first. */
export function matchDescription(grid: Grid, text: string, options: DescriptionOptions = {}): DescriptionMatch[] {
  const limit = options.limit ?? 5;
  const index = indexOf(grid);
  const q = readQuery(grid, index, asWritten(grid, text), yearOf(options.at));
  if (!q) return [];
  const signals = allSignals(index, q, WEIGHTS.examples !== 0 ? examplesOf(grid, options.examples) : undefined);
  const scored = distinct(index.entries.map((e, i) => ({ e, score: combine(signals[i]!) })).sort((a, b) => b.score - a.score));
  const best = scored.slice(0, 10).map((s) => s.score);
  const raw = calibrate(best);
  const calibration = calibrationOf('description');
  const confidences = calibratedShares(calibration, best, raw);
  const uncertain = isUncertain(confidences[0] ?? 0, scored[0]?.score ?? 0, calibration.uncertainBelow);
  return scored.slice(0, limit).map(({ e, score }, i) => ({
    job: e.job,
    track: e.job.track,
    trackTitle: grid.trackLabel(e.job.track),
    positions: grid.sortPositions(e.job.positions),
    statuses: e.statuses,
    score: Math.round(score * 1000) / 1000,
    confidence: confidences[i] ?? 0,
    rawConfidence: raw[i] ?? 0,
    lead: i === 0 ? Math.round(1000 * lead(best)) / 1000 : 0,
    uncertain,
    evidence: evidence(e, q),
    level: { description: q.level, jobHeight: e.height.height, trackHeight: Math.round(1000 * e.absoluteHeight) / 1000 },
    ...(q.facts ? { facts: q.facts.summary } : {}),
    source: e.job.source,
  }));
}

/** The job's lines that share most words with the description. */
function evidence(e: JobEntry, q: Query): DescriptionMatch['evidence'] {
  return e.lines
    .map((l) => ({ field: l.field, terms: [...l.terms].filter((t) => q.vector.has(t)), text: l.text }))
    .filter((x) => x.terms.length > 0)
    .sort((a, b) => b.terms.length - a.terms.length)
    .slice(0, 5);
}

/**
 * One result per job as the user sees it: a title the text lists in two filières with the same
 * positions (3168: Adjoint au directeur, Directeur du marketing…) is one answer, not two.
 */
function distinct<T extends { e: JobEntry }>(scored: T[]): T[] {
  const seen = new Set<string>();
  return scored.filter(({ e }) => {
    if (seen.has(e.key)) return false;
    seen.add(e.key);
    return true;
  });
}

/**
 * An answer to check: its calibrated probability is below the threshold chosen on data
 * (scripts/calibrate.ts), or the first is weak (a score below that of any right answer of the
 * development set: the text says little the grid knows).
 */
function isUncertain(confidence: number, score: number, below: number): boolean {
  return confidence < below || score < WEIGHTS.uncertain.score;
}

/** Softmax over the best scores; the temperature is fitted on the development set. */
export function calibrate(scores: number[], temperature = WEIGHTS.temperature): number[] {
  if (scores.length === 0) return [];
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp((s - max) / temperature));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => Math.round((1000 * e) / sum) / 1000);
}

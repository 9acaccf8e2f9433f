/**
 * Job title search over one grid: the benchmark jobs ranked for a title as people type it, each
 * result with the evidence of what matched. Lexical on purpose (see STACK.md): titles, aliases,
 * inherited duties and track names, normalised by src/text.
 */
import MiniSearch from 'minisearch';
import type { JobHit } from './hit.js';
import type { Job } from '../model/schema.js';
import type { Grid } from '../grids/grid.js';
import { normalizeText, normalizeTitle, tokenize } from '../text/normalize.js';
import { expandAbbreviations } from './abbreviations.js';

export type SearchField = 'title' | 'aliases' | 'duties' | 'track';

export interface Evidence {
  field: SearchField;
  /** Canonical terms of the query found in that field. */
  terms: string[];
  /** The matching text, verbatim (a title, a duty line). */
  text: string;
}

export interface SearchResult extends JobHit {
  /** Share of the query matched, weighted by where it matched (1 = whole query in the title). */
  score: number;
  evidence: Evidence[];
}

export interface SearchOptions {
  limit?: number;
}

interface IndexedJob {
  id: string;
  title: string;
  aliases: string;
  duties: string;
  track: string;
}

interface GridIndex {
  search: MiniSearch<IndexedJob>;
  /** Canonical terms of each line of each field, for evidence. */
  lines: Map<string, { field: SearchField; text: string; terms: Set<string> }[]>;
  /** What each search would otherwise recompute for every job it finds (see `jobFacts`). */
  jobs?: Map<string, JobFacts>;
  /** What the index finds for one word of a query (see `wordHits`). */
  words?: Map<string, WordHits>;
}

/** The jobs (by id) one query word finds, each with the indexed words that matched it (itself, its typos, its completions). */
type WordHits = [id: string, matched: string[]][];

/** A job's title as the scoring reads it, computed once per grid. */
interface JobFacts {
  /** The job's rank in the grid (the last tie-break). */
  order: number;
  /** Numbers of the title line (the level a name without one stands at). */
  titleNumbers: Set<string>;
  /** Words of the title as typed, stop words included. */
  typed: string[];
  /** Distinct canonical words of the title (at least 1). */
  size: number;
}

function jobFacts(grid: Grid, index: GridIndex, job: Job): JobFacts {
  const all = (index.jobs ??= new Map());
  let facts = all.get(job.id);
  if (!facts) {
    const title = index.lines.get(job.id)!.find((l) => l.field === 'title')!.terms;
    facts = { order: grid.jobs.indexOf(job), titleNumbers: levelParts(title).numbers, typed: tokenize(job.title), size: Math.max(1, title.size) };
    all.set(job.id, facts);
  }
  return facts;
}

const BOOST: Record<SearchField, number> = { title: 6, aliases: 4, duties: 1, track: 0.5 };
const FIELD_WEIGHT: Record<SearchField, number> = { title: 1, aliases: 1, duties: 0.35, track: 0.2 };
const indexes = new WeakMap<Grid, GridIndex>();

/** MiniSearch's options for the grids' indexes (exported for the tests that compare a query searched word by word with the whole). */
export const OPTIONS = {
  fields: ['title', 'aliases', 'duties', 'track'],
  tokenize: (text: string) => normalizeText(text),
  processTerm: (term: string) => term,
  searchOptions: {
    boost: BOOST,
    // Typos: one edit on words of 4+ letters, two on long ones; none past 24 letters, which no
    // French job word reaches and whose fuzzy expansion would cost milliseconds (pasted garbage).
    fuzzy: (term: string) => (term.length > 24 ? false : term.length >= 8 ? 0.25 : term.length >= 4 ? 0.2 : false),
    prefix: (term: string, i: number, terms: string[]) => i === terms.length - 1 && term.length >= 4,
  },
};

/** The index as the build stores it in the catalogue snapshot: normalising every duty at each start of the CLI would double its start-up time. */
export interface PrebuiltIndex {
  search: string;
  lines: [string, { field: SearchField; text: string; terms: string[] }[]][];
}

function buildIndex(grid: Grid): GridIndex {
  const prebuilt = grid.searchIndex as PrebuiltIndex | undefined;
  if (prebuilt) {
    return {
      search: MiniSearch.loadJSON<IndexedJob>(prebuilt.search, OPTIONS),
      lines: new Map(prebuilt.lines.map(([id, ls]) => [id, ls.map((l) => ({ ...l, terms: new Set(l.terms) }))])),
    };
  }
  const search = new MiniSearch<IndexedJob>(OPTIONS);
  const lines: GridIndex['lines'] = new Map();
  const docs: IndexedJob[] = grid.jobs.map((job) => {
    const duties = grid.jobDuties(job.id);
    const track = grid.trackLabel(job.track);
    const jobLines: { field: SearchField; text: string }[] = [
      { field: 'title', text: job.title },
      ...job.aliases.map((text) => ({ field: 'aliases' as const, text })),
      ...tradeNames(grid, job).map((text) => ({ field: 'aliases' as const, text })),
      ...duties.map((text) => ({ field: 'duties' as const, text })),
      { field: 'track', text: track },
    ];
    lines.set(
      job.id,
      jobLines.map((l) => ({ ...l, terms: new Set(normalizeText(l.text)) })),
    );
    return { id: job.id, title: job.title, aliases: [...job.aliases, ...tradeNames(grid, job)].join(' ; '), duties: duties.join('\n'), track };
  });
  search.addAll(docs);
  return { search, lines };
}

/**
 * The names the branch's lexicon gives the job (`titles`: "opticien" for the base job of the
 * opticiens), and those it gives a job of the same title at another level ("Opticien diplômé 1"
 * names "Opticien diplômé 3" too): the number a query writes then picks the level.
 */
function tradeNames(grid: Grid, job: Job): string[] {
  const family = levelFamily(job.title);
  const named = new Set(grid.jobs.filter((j) => levelFamily(j.title) === family).flatMap((j) => [j.title, ...j.aliases]));
  return grid.lexicon.titles.filter((t) => named.has(t.job)).flatMap((t) => t.names);
}

/** A title without its level ("Opticien diplômé 2" → "opticien diplome"): the jobs of one ladder share it. */
function levelFamily(title: string): string {
  return [...levelParts(normalizeTitle(title.split('/')[0]!)).words].join(' ');
}

/** The index of a grid, ready to be stored (see PrebuiltIndex). */
export function prebuildIndex(grid: Grid): PrebuiltIndex {
  const index = buildIndex(grid);
  return { search: JSON.stringify(index.search), lines: [...index.lines.entries()].map(([id, ls]) => [id, ls.map((l) => ({ ...l, terms: [...l.terms] }))]) };
}

function indexOf(grid: Grid): GridIndex {
  let index = indexes.get(grid);
  if (!index) indexes.set(grid, (index = buildIndex(grid)));
  return index;
}

/** Jobs of `grid` ranked for `query`, best first. */
export function searchJobs(grid: Grid, query: string, options: SearchOptions = {}): SearchResult[] {
  const limit = options.limit ?? 10;
  return ranked(grid, query, true)
    .slice(0, limit)
    .map(({ job, evidence, score }) => ({
      job,
      track: job.track,
      trackTitle: grid.trackLabel(job.track),
      positions: grid.sortPositions(job.positions),
      statuses: grid.jobStatuses(job),
      score,
      evidence: evidence.sort((a, b) => FIELD_WEIGHT[b.field] - FIELD_WEIGHT[a.field] || b.terms.length - a.terms.length).slice(0, 6),
      source: job.source,
    }));
}

/**
 * The scores of the first `limit` jobs of `searchJobs`, in its order, without what only a user
 * reads (positions, statuses, evidence): the description matcher reads its heading so, once per search.
 */
export function titleScores(grid: Grid, query: string, limit: number): { job: Job; score: number }[] {
  return ranked(grid, query, false).slice(0, limit);
}

/** Every job the search finds for `query`, with its score and, to show it (`withEvidence`), its evidence, best first. */
function ranked(grid: Grid, query: string, withEvidence: boolean): { job: Job; evidence: Evidence[]; score: number }[] {
  const queryTerms = [...new Set(normalizeTitle(expandAbbreviations(query, grid.lexicon.abbreviations)))];
  if (queryTerms.length === 0) return [];
  const index = indexOf(grid);
  const hits = findJobs(index, queryTerms.join(' '));
  const asked = levelParts(queryTerms);

  // Score every hit, then dress only those shown.
  const scored: { job: Job; evidence: Evidence[]; score: number; order: number; size: number; typed: string[]; raw: number }[] = [];
  hits.forEach((matchedTerms, id) => {
    const job = grid.job(id)!;
    const evidence: Evidence[] = [];
    const best: Partial<Record<SearchField, number>> = {};
    let named = { found: 0, covered: 0, level: 1 };
    // A name without a level (an alias, a trade name) stands at the level of the job's title.
    const facts = jobFacts(grid, index, job);
    const titleNumbers = facts.titleNumbers;
    for (const line of index.lines.get(job.id)!) {
      const terms: string[] = [];
      for (const t of line.terms) if (matchedTerms.has(t)) terms.push(t);
      if (terms.length === 0) continue;
      if (withEvidence) evidence.push({ field: line.field, terms, text: line.text });
      best[line.field] = Math.max(best[line.field] ?? 0, terms.length);
      if (line.field === 'title' || line.field === 'aliases') {
        const fit = nameFit(asked, line.terms, terms, titleNumbers);
        if (fit.found > named.found || (fit.found === named.found && fit.covered * fit.level > named.covered * named.level)) named = fit;
      }
    }
    scored.push({ job, evidence, score: coverage(asked, queryTerms.length, named, best), order: facts.order, size: facts.size, typed: facts.typed, raw: 0 });
  });
  // Small words decide between titles that are otherwise the same ("Directeur du studio", 450,
  // and "Directeur de studio", 370): count the words shared as typed, stop words included.
  const typed = new Set(tokenize(query));
  for (const s of scored) s.raw = s.typed.filter((w) => typed.has(w)).length;
  // Rank by the share of the query explained, then shorter titles first (so "retoucheur"
  // prefers "Retoucheur 1er niveau" over "Retoucheur 2e niveau" only by order), then grid order.
  return scored.sort((a, b) => b.score - a.score || b.raw - a.raw || a.size - b.size || a.order - b.order);
}

/**
 * The jobs MiniSearch finds for `query`, each with the indexed words that matched (its `match`),
 * found word by word: a search of several words is the union of its words' (MiniSearch joins
 * them with OR, merging the words matched), and what one word finds is kept for the next search,
 * since its typo tolerance walks the whole vocabulary (a third of reading a description's heading).
 * No score of MiniSearch is read: the order is this module's own (`ranked`).
 */
function findJobs(index: GridIndex, query: string): Map<string, Set<string>> {
  // The words as MiniSearch reads a query string: its tokenizer, then non-empty words.
  const words = OPTIONS.tokenize(query).filter((t) => !!t);
  const found = new Map<string, Set<string>>();
  for (let i = 0; i < words.length; i++) {
    for (const [id, matched] of wordHits(index, words[i]!, OPTIONS.searchOptions.prefix(words[i]!, i, words))) {
      let set = found.get(id);
      if (!set) found.set(id, (set = new Set()));
      for (const t of matched) set.add(t);
    }
  }
  return found;
}

/** `findJobs` for a grid (the tests compare it with one MiniSearch query). */
export function jobsFound(grid: Grid, query: string): Map<string, Set<string>> {
  return findJobs(indexOf(grid), query);
}

/** Words kept per grid (`wordHits`); past this many, the store starts again (pasted text, odd words). A word found in every job holds ~10 KB: at most ~10 MB a grid. */
const KEPT_WORDS = 1024;

function wordHits(index: GridIndex, word: string, prefix: boolean): WordHits {
  const kept = (index.words ??= new Map());
  const key = `${prefix ? '>' : '='}${word}`;
  let hits = kept.get(key);
  if (!hits) {
    // The word as it is, with the options of a whole query (typos by its length; completions only for the last word).
    hits = index.search.search(word, { tokenize: (w: string) => [w], prefix }).map((r): [string, string[]] => [String(r.id), Object.keys(r.match)]);
    if (kept.size >= KEPT_WORDS) kept.clear();
    kept.set(key, hits);
  }
  return hits;
}

/** Words that only say a level is coming ("2e niveau", "échelon 1"): the number carries the level. */
const LEVEL_MARKERS: ReadonlySet<string> = new Set(['niveau', 'echelon']);

interface LevelParts {
  words: Set<string>;
  numbers: Set<string>;
}

function levelParts(terms: Iterable<string>): LevelParts {
  const parts: LevelParts = { words: new Set(), numbers: new Set() };
  for (const t of terms) {
    if (/^[0-9]+$/.test(t)) parts.numbers.add(t);
    else if (!LEVEL_MARKERS.has(t)) parts.words.add(t);
  }
  return parts;
}

const linePartsOf = new WeakMap<ReadonlySet<string>, LevelParts>();

/** `levelParts` of a name's words, once per name (they are the index's, never changed). */
function lineParts(lineTerms: ReadonlySet<string>): LevelParts {
  let parts = linePartsOf.get(lineTerms);
  if (!parts) linePartsOf.set(lineTerms, (parts = levelParts(lineTerms)));
  return parts;
}

/** What a word found by typo tolerance or as a prefix counts, against 1 for the word itself. */
const FUZZY_WORD = 0.85;

interface NameFit {
  /** Words of the query found in the name. */
  found: number;
  /** Share of the name's words (level words aside) found. */
  covered: number;
  /** 1 when the levels agree or none is asked and every word is found as written; less when the name has another level or none, or words are found by typo tolerance. */
  level: number;
}

/** How well one name of a job (its title, an alias) answers the query. */
function nameFit(asked: LevelParts, lineTerms: ReadonlySet<string>, matched: readonly string[], titleNumbers: ReadonlySet<string>): NameFit {
  const line = lineParts(lineTerms);
  const inLine = matched.filter((t) => line.words.has(t));
  const found = inLine.length;
  const numbers = line.numbers.size > 0 ? line.numbers : titleNumbers;
  let level = 1;
  if (asked.numbers.size > 0) {
    if (numbers.size === 0) level = 0.85;
    else if (![...numbers].some((n) => asked.numbers.has(n))) level = 0.9;
  }
  // A word found only by its spelling's neighbour ("magasinier" → "magasin") counts less than itself.
  const exact = found === 0 ? 1 : inLine.reduce((sum, t) => sum + (asked.words.has(t) ? 1 : FUZZY_WORD), 0) / found;
  return { found, covered: Math.min(1, found / Math.max(1, line.words.size)), level: level * exact };
}

/**
 * Share of the query's words found in the best name of the job (its title or an alias), times
 * how much of that name they cover, times the agreement of levels: "directeur de magasin" scores
 * 1 on "Directeur de magasin 1" and less on "Directeur adjoint de magasin", "retoucheur 2" 1 on
 * "Retoucheur 2e niveau" and less on "Retoucheur 1er niveau". Words found only in the duties
 * or the track count less.
 */
function coverage(asked: LevelParts, queryTermCount: number, named: NameFit, bestPerField: Partial<Record<SearchField, number>>): number {
  const wordCount = Math.max(1, asked.words.size);
  const fromTitle = Math.min(named.found, wordCount) / wordCount;
  const otherTerms = Math.max(bestPerField.duties ?? 0, bestPerField.track ?? 0);
  const fromRest = Math.min(otherTerms, queryTermCount) / queryTermCount;
  const score = (fromTitle * (0.75 + 0.25 * named.covered) + (1 - fromTitle) * fromRest * FIELD_WEIGHT.duties) * named.level;
  return Math.round(score * 1000) / 1000;
}

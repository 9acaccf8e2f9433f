/**
 * Job title search over one grid: the benchmark jobs ranked for a title as people type it, each
 * result with the evidence of what matched. Lexical on purpose (see STACK.md): titles, aliases,
 * inherited duties and track names, normalised by src/text.
 */
import MiniSearch from 'minisearch';
import type { JobHit } from './hit.js';
import type { Job } from '../model/schema.js';
import type { Grid } from '../grids/grid.js';
import { normalizeText } from '../text/normalize.js';

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
}

const BOOST: Record<SearchField, number> = { title: 6, aliases: 4, duties: 1, track: 0.5 };
const FIELD_WEIGHT: Record<SearchField, number> = { title: 1, aliases: 1, duties: 0.35, track: 0.2 };
const indexes = new WeakMap<Grid, GridIndex>();

function buildIndex(grid: Grid): GridIndex {
  const search = new MiniSearch<IndexedJob>({
    fields: ['title', 'aliases', 'duties', 'track'],
    tokenize: (text) => normalizeText(text),
    processTerm: (term) => term,
    searchOptions: {
      boost: BOOST,
      // Typos: one edit on words of 4+ letters, two on long ones.
      fuzzy: (term) => (term.length >= 8 ? 0.25 : term.length >= 4 ? 0.2 : false),
      prefix: (term, i, terms) => i === terms.length - 1 && term.length >= 4,
    },
  });
  const lines: GridIndex['lines'] = new Map();
  const docs: IndexedJob[] = grid.jobs.map((job) => {
    const duties = grid.jobDuties(job.id);
    const track = grid.trackLabel(job.track);
    const jobLines: { field: SearchField; text: string }[] = [
      { field: 'title', text: job.title },
      ...job.aliases.map((text) => ({ field: 'aliases' as const, text })),
      ...duties.map((text) => ({ field: 'duties' as const, text })),
      { field: 'track', text: track },
    ];
    lines.set(
      job.id,
      jobLines.map((l) => ({ ...l, terms: new Set(normalizeText(l.text)) })),
    );
    return { id: job.id, title: job.title, aliases: job.aliases.join(' ; '), duties: duties.join('\n'), track };
  });
  search.addAll(docs);
  return { search, lines };
}

function indexOf(grid: Grid): GridIndex {
  let index = indexes.get(grid);
  if (!index) indexes.set(grid, (index = buildIndex(grid)));
  return index;
}

/** Jobs of `grid` ranked for `query`, best first. */
export function searchJobs(grid: Grid, query: string, options: SearchOptions = {}): SearchResult[] {
  const limit = options.limit ?? 10;
  const queryTerms = [...new Set(normalizeText(query))];
  if (queryTerms.length === 0) return [];
  const index = indexOf(grid);
  const hits = index.search.search(queryTerms.join(' '));

  const results: SearchResult[] = [];
  for (const hit of hits) {
    const job = grid.job(String(hit.id))!;
    // MiniSearch reports the indexed terms that matched (after fuzzy/prefix expansion).
    const matchedTerms = new Set(Object.keys(hit.match));
    const evidence: Evidence[] = [];
    let best: Partial<Record<SearchField, number>> = {};
    for (const line of index.lines.get(job.id)!) {
      const terms = [...line.terms].filter((t) => matchedTerms.has(t));
      if (terms.length === 0) continue;
      evidence.push({ field: line.field, terms, text: line.text });
      best = { ...best, [line.field]: Math.max(best[line.field] ?? 0, terms.length) };
    }
    results.push({
      job,
      track: job.track,
      trackTitle: grid.trackLabel(job.track),
      positions: grid.sortPositions(job.positions),
      statuses: grid.jobStatuses(job),
      score: coverage(hit.queryTerms.length, queryTerms.length, best, evidence, job),
      evidence: evidence.sort((a, b) => FIELD_WEIGHT[b.field] - FIELD_WEIGHT[a.field] || b.terms.length - a.terms.length).slice(0, 6),
      source: job.source,
    });
    void hit.score;
  }
  // Rank by the share of the query explained, then by how much of the title the query covers
  // (so "retoucheur" prefers "Retoucheur 1er niveau" over "Retoucheur expert" only by order).
  results.sort((a, b) => b.score - a.score || titleLength(a.job) - titleLength(b.job) || grid.jobs.indexOf(a.job) - grid.jobs.indexOf(b.job));
  return results.slice(0, limit);
}

function titleLength(job: Job): number {
  return normalizeText(job.title).length;
}

/**
 * Share of the query terms found, weighted by field, times how much of the title they cover:
 * "retoucheur 2" scores 1 on "Retoucheur 2e niveau" and less on "Retoucheur 1er niveau".
 */
function coverage(
  _matchedQueryTerms: number,
  queryTermCount: number,
  bestPerField: Partial<Record<SearchField, number>>,
  _evidence: Evidence[],
  job: Job,
): number {
  const titleTerms = Math.max(bestPerField.title ?? 0, bestPerField.aliases ?? 0);
  const otherTerms = Math.max(bestPerField.duties ?? 0, bestPerField.track ?? 0);
  const fromTitle = Math.min(titleTerms, queryTermCount) / queryTermCount;
  const fromRest = Math.min(otherTerms, queryTermCount) / queryTermCount;
  const titleSize = Math.max(1, new Set(normalizeText(job.title)).size);
  const titleCovered = Math.min(1, titleTerms / titleSize);
  const score = fromTitle * (0.75 + 0.25 * titleCovered) + (1 - fromTitle) * fromRest * FIELD_WEIGHT.duties;
  return Math.round(score * 1000) / 1000;
}

/**
 * For someone who does not know their convention: find it by its name, its IDCC or the NAF
 * (APE) code of the company, read from each text's champ d'application (convention.yaml `naf`,
 * with its quote when a text of texts/ states it); and search a job in every convention at once.
 */
import type { Catalogue, Convention } from '../grids/convention.js';
import type { IsoDate } from '../grids/dates.js';
import { searchGrid, type SearchMode } from '../match/grid-search.js';
import { searchView } from './views.js';

export interface ConventionQuery {
  /** Words of the convention's name (« optique », « photo »), or an IDCC. */
  q?: string | undefined;
  /** A NAF/APE code, written as people write it: 47.78A, 4778A, 47-78a. */
  naf?: string | undefined;
}

/** A convention found, with what matched. */
export interface ConventionFound {
  convention: Convention;
  matched: 'idcc' | 'naf' | 'name';
}

const NAF = /^(\d{2})[.\- ]?(\d{2})\s*([A-Za-z])$/;

/** « 47.78A » from 4778A, 47-78a, 47.78 a; undefined when it is not a NAF code. */
export function normalizeNaf(code: string): string | undefined {
  const m = NAF.exec(code.trim());
  return m ? `${m[1]}.${m[2]}${m[3]!.toUpperCase()}` : undefined;
}

/** Lower case without accents or punctuation, for names. */
function fold(s: string): string[] {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const SMALL_WORDS = new Set(['de', 'des', 'du', 'la', 'le', 'les', 'l', 'd', 'et', 'a', 'en', 'convention', 'collective', 'nationale', 'ccn', 'idcc']);

export function findConventions(catalogue: Catalogue, query: ConventionQuery): ConventionFound[] {
  const found: ConventionFound[] = [];
  const naf = query.naf !== undefined && query.naf.trim() !== '' ? normalizeNaf(query.naf) : undefined;
  const q = query.q?.trim() ?? '';
  // A NAF code typed in the name box is read as one.
  const qNaf = naf ?? (q ? normalizeNaf(q) : undefined);
  const words = fold(q).filter((w) => !SMALL_WORDS.has(w));
  for (const conv of catalogue.conventions) {
    if (/^\d{1,4}$/.test(q) && conv.idcc === q.padStart(4, '0')) found.push({ convention: conv, matched: 'idcc' });
    else if (qNaf && conv.naf.includes(qNaf)) found.push({ convention: conv, matched: 'naf' });
    else if (!naf && words.length && nameMatches(conv, words)) found.push({ convention: conv, matched: 'name' });
  }
  return found;
}

/** Every word typed begins a word of the title (« photo » → photographie). */
function nameMatches(conv: Convention, words: string[]): boolean {
  const title = new Set([...fold(conv.title), ...fold(conv.shortTitle)]);
  return words.every((w) => [...title].some((t) => t.startsWith(w) || (w.length >= 5 && w.startsWith(t.slice(0, 5)) && t.length >= 5)));
}

/** The search answer of one convention, tagged with it. */
export type ConventionSearch = ReturnType<typeof searchView> & { title: string; shortTitle: string };

/**
 * One job searched in every convention in force at the date; each convention's answer is its own
 * search, untouched. Conventions with no match are left out. Order: conventions where the title
 * itself was found first (their score is absolute), by score; then those answered from the
 * description matcher, sure ones first — its confidence is relative to its own grid's jobs, so
 * it never outranks a title found.
 */
export function searchAllConventions(catalogue: Catalogue, query: string, options: { at: IsoDate; limit?: number; mode?: SearchMode }): ConventionSearch[] {
  const groups: { rank: number[]; view: ConventionSearch }[] = [];
  for (const conv of catalogue.conventions) {
    const grid = conv.gridAt(options.at);
    if (!grid) continue;
    const answer = searchGrid(grid, query, { ...(options.limit !== undefined ? { limit: options.limit } : {}), ...(options.mode ? { mode: options.mode } : {}) });
    if (answer.results.length === 0) continue;
    const first = answer.results[0]!;
    const rank = [answer.mode === 'title' ? 0 : 1, answer.uncertain ? 1 : 0, -(first.confidence ?? Math.min(1, first.score))];
    groups.push({ rank, view: { ...searchView(conv, grid, query, answer), title: conv.title, shortTitle: conv.shortTitle } });
  }
  const order = (a: number[], b: number[]) => a.reduce((d, x, i) => d || x - b[i]!, 0);
  return groups.sort((a, b) => order(a.rank, b.rank)).map((g) => g.view);
}

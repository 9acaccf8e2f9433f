/**
 * The branch lexicon (grids/<idcc>-…/lexicon.yaml) as the matcher reads it: the trade's words
 * found in a description, each entry adding the texts' words it stands for.
 */
import type { Grid } from '../grids/grid.js';
import { stem } from '../text/normalize.js';
import { prebuiltOf } from './prebuilt.js';
import { stems, words } from './term-vectors.js';

export interface LexiconEntry {
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

/** The lexicon's entries read as stems and words: the build's (src/match/prebuilt.ts), else read here. */
export function lexiconEntries(grid: Grid): LexiconEntry[] {
  return (
    prebuiltOf(grid)?.lexicon ??
    grid.lexicon.entries.map((e) => {
      const added = e.add.flatMap(words);
      return { when: e.when.map(stems).filter((w) => w.length > 0), stems: added.map(stem), words: added };
    })
  );
}

function lexiconOf(grid: Grid): Lexicon {
  let lexicon = lexicons.get(grid.lexicon);
  if (!lexicon) {
    const entries = lexiconEntries(grid);
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
export function namesOthers(terms: readonly string[], i: number): boolean {
  return terms.slice(Math.max(0, i - 2), i).some((t) => /^\d+$/.test(t) || MANAGING.test(t)) || OTHERS_WORK.test(terms[i - 1] ?? '');
}

/** The entries of the branch lexicon (grids/<idcc>-…/lexicon.yaml) whose trade words a text uses, in lexicon order. */
export function lexiconMatches(grid: Grid, terms: readonly string[]): LexiconEntry[] {
  const lexicon = lexiconOf(grid);
  const hit = new Set<number>();
  terms.forEach((t, i) => {
    for (const { phrase, entry } of lexicon.byFirst.get(t) ?? []) {
      if (!hit.has(entry) && phrase.every((p, k) => terms[i + k] === p) && !namesOthers(terms, i)) hit.add(entry);
    }
  });
  // Filtered from the entries, not mapped from the hits: an empty `map` result is an array of
  // another elements kind than a full one, and the description reader's loops, optimised for
  // the usual kind, were thrown away and recompiled on every text with no lexicon word — a warm
  // search stalled for milliseconds (docs/performance.md, « Slow warm searches »).
  return lexicon.entries.filter((_, i) => hit.has(i));
}

/** The texts' words (stems) for the trade words a description uses. */
export function lexiconTerms(grid: Grid, terms: readonly string[]): string[] {
  return lexiconMatches(grid, terms).flatMap((e) => e.stems);
}

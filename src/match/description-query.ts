/**
 * What is read once in a description, then compared with every job: its words (boilerplate,
 * denials and the team it runs blanked), the lexicon's words, the level cues, the facts, and the
 * heading read as a title.
 */
import type { Grid } from '../grids/grid.js';
import { normalizeText, stem } from '../text/normalize.js';
import { foldAccents } from '../text/fold.js';
import { expandAbbreviations } from './abbreviations.js';
import { lexiconMatches, namesOthers, type LexiconEntry } from './branch-lexicon.js';
import { cuesOf, levelCues, maskNegations, maskOthers, maskTeamList, readingOf, type LevelCues } from './cues.js';
import { headingOf, otherNamesOf } from './heading.js';
import type { Index } from './matcher-index.js';
import { WEIGHTS } from './score-weights.js';
import { damp, type Vector } from './term-vectors.js';
import { factsFromText, type TextFacts } from './text-facts.js';
import { titleScores } from './title-search.js';

/** What is read once per description, then compared with every job. */
export interface Query {
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
  /** The stems written, in order, before the lexicon (what the grid's vocabulary must cover). */
  stems: string[];
  level: LevelCues;
  facts: TextFacts | undefined;
  /** Title-search scores of the heading, by job id. */
  heading: Map<string, number>;
  /**
   * The words of one-word titles the text writes only as an adjective (« documents administratifs et
   * comptables », « pièces comptables »), never as a person (« le comptable », « Comptable : »).
   */
  adjectival: Set<string>;
}

/** The words of a description as the signals read them: written (denials and boilerplate blanked), stemmed, lexicon added. */
export function readTerms(grid: Grid, text: string): { written: string[]; writtenStems: string[]; lexicon: LexiconEntry[]; tf: Vector; blanked: string } {
  // A job ad's boilerplate (contract, pay, "rejoignez notre équipe", the company's size) says
  // nothing of the job, and its words ("équipe", "points de vente") would draw managers.
  // The members of a team the person runs ("dirige l'équipe (photographes, infographiste)") are not the job.
  const cues = cuesOf(grid.lexicon);
  const blanked = maskNegations(maskTeamList(readingOf(text, cues).unboiled, cues));
  const written = normalizeText(blanked);
  const writtenStems = written.map(stem);
  // What the job does, not whom it reports to: "sous l'autorité d'un chef comptable" does not
  // make the text a chef comptable's.
  const ownStems = normalizeText(maskOthers(blanked, cues)).map(stem);
  const lexicon = lexiconMatches(grid, ownStems);
  const tf: Vector = new Map();
  for (const t of ownStems) tf.set(t, (tf.get(t) ?? 0) + 1);
  // Each entry is one piece of evidence: its words share one weight, however many they are.
  for (const e of lexicon) for (const t of e.stems) tf.set(t, (tf.get(t) ?? 0) + WEIGHTS.lexicon / Math.sqrt(e.stems.length));
  return { written, writtenStems, lexicon, tf, blanked };
}

export function readQuery(grid: Grid, index: Index, text: string, year?: number): Query | undefined {
  const { written, writtenStems, lexicon, tf, blanked } = readTerms(grid, text);
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
  const cues = cuesOf(grid.lexicon);
  const level = levelCues(text, cues, year);
  // The people managed ("dirige les deux assistants") and the superiors or colleagues ("sous le
  // regard du chef d'équipe") are not the job's title.
  const own = new Set(normalizeText(maskOthers(blanked, cues)));
  const titled = written.map((w, i) => (namesOthers(writtenStems, i) || !own.has(w) ? '' : w));
  return { vector, norm: Math.sqrt(norm), tf, written: titled, added, present: new Set([...written, ...added]), stems: writtenStems, level, facts: factsFromText(grid, text, level), heading: headingScores(grid, text), adjectival: adjectivalTitleWords(index, foldAccents(text), new Set(written)) };
}

/** Before a word that names a person: the start of a line or of a definition, a determiner, « de », « comme »… */
const AS_A_PERSON = "(?:^|[\\n:;.!?(/«\"-]|\\b(?:le|la|les|l'|un|une|des|du|de|d'|au|aux|ce|cet|cette|notre|nos|votre|vos|son|sa|ses|mon|ma|leur|leurs|comme|que|qu'|tout|toute|chaque|est|sont|etre|suis|reste|devient|recrute|recrutons|recherche|recherchons|cherche|cherchons|embauche|poste|emploi|metier|fonction|profil))\\s*";

/** The one-word titles' words the text writes, only ever after another noun (an adjective), never as a person. */
function adjectivalTitleWords(index: Index, folded: string, written: Set<string>): Set<string> {
  const out = new Set<string>();
  const heading = /^[^:\n]{0,120}:/.exec(folded)?.[0] ?? '';
  for (const e of index.entries) {
    for (const t of e.titles) {
      const w = t.terms.length === 1 ? t.terms[0]! : undefined;
      if (w === undefined || out.has(w) || !written.has(w)) continue;
      const any = new RegExp(`\\b${w}s?\\b`, 'g');
      const uses = folded.match(any)?.length ?? 0;
      if (uses === 0) continue;
      const asPerson = folded.match(new RegExp(`${AS_A_PERSON}${w}s?\\b`, 'g'))?.length ?? 0;
      // The heading names the job, whatever word comes before (« Ensemblier décorateur : »).
      if (asPerson === 0 && !new RegExp(`\\b${w}s?\\b`).test(heading)) out.add(w);
    }
  }
  return out;
}

/** The title search's scores for the description's heading, for the jobs it finds well (a score of at least 0.6). */
function headingScores(grid: Grid, text: string): Map<string, number> {
  if (!text.includes('\n') && text.split(/\s+/).length <= SHORT_LINE_WORDS) return new Map();
  const heading = headingOf(text);
  const scores = heading ? scoresOfName(grid, heading) : new Map<string, number>();
  // A heading that names no job of the grid (another branch's « responsable d'exploitation »): the
  // other names the fiche gives the job, the first that names one.
  if (scores.size === 0) {
    for (const name of otherNamesOf(text)) {
      const other = scoresOfName(grid, name);
      if (other.size > 0) return other;
    }
  }
  return scores;
}

/** `headingScores` of one name. */
function scoresOfName(grid: Grid, heading: string): Map<string, number> {
  const scores = new Map<string, number>();
  const found = titleScores(grid, heading, 10);
  // The heading names the job of the name it is: « Comptable » is the job named « comptable », not
  // the one named « chef comptable » that holds the word (a name half covered scores 0.875 of it).
  // The levels of one family stay together: another level of the name asked scores 0.9 of it.
  const best = found[0]?.score ?? 0;
  for (const r of found) if (r.score >= 0.6 && r.score >= best - HEADING_BAND) scores.set(r.job.id, r.score);
  return scores;
}

/** How far below the heading's best title search score a job is still named by it (title-search.ts, `coverage`). */
const HEADING_BAND = 0.11;

/** A title or a short line is read with its payroll shorthand written out ("RESP MAG" → "responsable magasin"). */
export function asWritten(grid: Grid, text: string): string {
  const line = text.trim();
  return !line.includes('\n') && line.split(/\s+/).length <= SHORT_LINE_WORDS ? expandAbbreviations(line, grid.lexicon.abbreviations) : text;
}

/** Up to this many words on one line, a text is a title or a note in payroll shorthand. */
const SHORT_LINE_WORDS = 8;

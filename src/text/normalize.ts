/**
 * Text normalization for matching job titles typed by users against the titles and descriptions
 * of the classification grids (IDCC 3168 photographie, 1431 optique-lunetterie, 2198 commerce à
 * distance).
 *
 * The grids write titles in the masculine singular, with accents ("Opérateur vendeur 1er niveau");
 * users type feminine, inclusive, plural, unaccented, abbreviated and misspelt forms. Everything
 * here maps both sides to the same canonical tokens so that an index built from the grids and a
 * query built from user input meet. The rules are hand-written for the vocabulary of these
 * branches: the Snowball French stemmer is too aggressive for job titles (it merges "commercial"
 * with "commerce" and "magasinier" with "magasin") and is not used.
 *
 * Canonical tokens are folded (lowercase, no diacritics, ASCII). They are readable words, not
 * stems: "vendeuses" becomes "vendeur", not "vend". {@link stem} is a separate, coarser step.
 *
 * Everything is deterministic and allocation-light: regular expressions and tables are built once
 * at module load, and the per-token result is cached, because titles are normalized on every
 * keystroke of an interactive search.
 *
 * @module
 */
import { foldAccents } from './fold.js';
import { readFrenchWords } from './french-words.js';

export { foldAccents };

/** The vocabulary tables (grids/french-words.yaml); the rules below are the grammar. */
const WORDS = readFrenchWords();

// ---------------------------------------------------------------------------------------------
// Tokenizing
// ---------------------------------------------------------------------------------------------

/**
 * Feminine or plural endings that inclusive writing appends to a masculine word, in parentheses,
 * after a middle dot or after a slash. Only endings are listed, so that "(CM)" or "/IT" survive.
 */
const INCLUSIVE_ENDINGS = [
  'e', 'es', 'ee', 'ees', 'se', 'ses', 'euse', 'euses', 'rice', 'rices', 'trice', 'trices',
  'ere', 'eres', 'iere', 'ieres', 'ne', 'nes', 'nne', 'nnes', 'enne', 'ennes', 'ienne', 'iennes',
  'le', 'les', 'lle', 'lles', 'te', 'tes', 'tte', 'ttes', 'ette', 'ettes', 'fe', 'ffe', 've', 'ves',
  'ive', 'ives', 'esse', 'eresse', 'ale', 'ales', 'ante', 'antes', 'ente', 'entes', 'inte',
].sort((a, b) => b.length - a.length);

/** Endings that are never words on their own, so a hyphen before them is inclusive writing. */
const HYPHEN_ENDINGS = [
  'euse', 'euses', 'rice', 'rices', 'trice', 'trices', 'ere', 'eres', 'iere', 'ieres',
  'ienne', 'iennes', 'enne', 'ennes', 'ive', 'ives', 'ee', 'ees', 'e', 'es',
].sort((a, b) => b.length - a.length);

const ENDINGS_ALT = INCLUSIVE_ENDINGS.join('|');
const ENDINGS_NO_E_ALT = INCLUSIVE_ENDINGS.filter((e) => e !== 'e').join('|');

/**
 * "l'", "d'", "qu'", "jusqu'"… The lookbehind keeps "aujourd'hui" whole: its "d'" follows a letter.
 * A backquote is accepted because some keyboards produce it instead of an apostrophe.
 */
const RE_ELISION = /(?<![a-z0-9])(?:jusqu|lorsqu|puisqu|quoiqu|presqu|qu|[ldjmntsc])['`](?=[a-z0-9])/g;
/** An apostrophe left inside a word ("aujourd'hui", "prud'hommes") joins it rather than splits it. */
const RE_INNER_APOSTROPHE = /(?<=[a-z])['`](?=[a-z])/g;
/**
 * "conseiller (e)", "assistant(e)s", "collaborateur(trice)", "organisation(s)", and in brackets as
 * other branches' definitions write them ("employé[e] chargé[e]", "un[e] vendeur[se]").
 */
const RE_PAREN_ENDING = new RegExp(`(?<=[a-z][a-z])\\s*(?:\\(\\s*(?:${ENDINGS_ALT}|s|x)\\s*\\)|\\[\\s*(?:${ENDINGS_ALT}|s|x)\\s*\\])`, 'g');
/**
 * "vendeur·euse", "vendeur.se", "employé·e·s". Two letters before the dot so that dotted acronyms
 * ("s.e.o.") are not mistaken for it; what it may wrongly eat after a missing space ("magasin.Le")
 * is a stop word anyway.
 */
const RE_DOT_ENDING = new RegExp(`(?<=[a-z][a-z])\\.(?:${ENDINGS_ALT})(?:\\.(?:s|es))?(?![a-z0-9])`, 'g');
/** "vendeur/euse", "assistant/e"; a bare "e" before a hyphen is "e-commerce", not inclusive writing. */
const RE_SLASH_ENDING = new RegExp(
  `(?<=[a-z][a-z]) ?/ ?(?:(?:${ENDINGS_NO_E_ALT})(?![a-z0-9])|e(?![a-z0-9-]))`,
  'g',
);
/** "vendeur-euse", "technicien-ienne". */
const RE_HYPHEN_ENDING = new RegExp(`(?<=[a-z][a-z])-(?:${HYPHEN_ENDINGS.join('|')})(?![a-z0-9])`, 'g');
/** "e-commerce", "e-merchandising": one word in usage ("ecommerce" is typed as often). */
const RE_E_PREFIX = /(?<![a-z0-9])e-(?=[a-z]{3})/g;
/** "R&D", "R & D", "R et D" (written so in the 2198 emplois-repères). */
const RE_R_AND_D = /(?<![a-z0-9])r ?(?:&|et|and) ?d(?![a-z0-9])/g;
/** "D.R.H.", "s.a.v": dotted acronyms become one token. */
const RE_DOTTED_ACRONYM = /(?<![a-z0-9.])[a-z](?:\.[a-z]){1,7}\.?(?![a-z0-9])/g;
const RE_DOT = /\./g;
const RE_COMMA = /,/g;
/**
 * Decimal echelons ("1.3", "2,4") stay whole; letters glued to digits are split ("niveau1"), but
 * not short codes ("3d", "mp3", "b2b") nor ordinals ("1er", digits first).
 */
const RE_TOKEN = /[0-9]+(?:[.,][0-9]+)+|[a-z]{3,}(?=[0-9])|[a-z0-9]+/g;

/**
 * A folded text with the endings of inclusive writing in parentheses, after a dot or after a
 * slash removed ("directeur(rice) adjoint(e)", "directeur·rice adjoint·e" → "directeur adjoint",
 * "un(e) assistant(e)s" → "un assistants", "référent/e" → "referent"), the rest left as it is: for
 * readers that work on whole sentences (src/match/cues.ts), where the dot of "opticien·ne" would
 * otherwise end a sentence and "directeur·rice de magasin" would not read as "directeur de
 * magasin".
 */
export function dropInclusiveEndings(folded: string): string {
  let t = folded;
  if (t.includes('(') || t.includes('[')) t = t.replace(RE_PAREN_ENDING, '');
  if (t.includes('.')) t = t.replace(RE_DOT_ENDING, '');
  if (t.includes('/')) t = t.replace(RE_SLASH_ENDING, '');
  return t;
}

/**
 * Splits a title or a text into folded words.
 *
 * Separators are spaces, hyphens, slashes and any punctuation. Elisions are removed ("l'attaché"
 * → "attache"), inclusive forms are reduced to their masculine base ("conseiller(e)", "conseiller
 * (e)", "vendeur·euse", "vendeur.se", "vendeur/euse", "directeur·rice" → the masculine word), digits
 * are kept, decimal echelons ("1.3") stay one token, "e-commerce" becomes "ecommerce", "R&D" becomes
 * "rd" and dotted acronyms ("D.R.H.") lose their dots.
 *
 * Words are not otherwise normalized: "vendeuse" stays "vendeuse" here (see {@link normalizeToken}),
 * and a written-out pair like "vendeur/vendeuse" gives both words ({@link normalizeTitle} merges them).
 */
export function tokenize(s: string): string[] {
  let t = foldAccents(s);
  // Each pass is guarded by a cheap substring test: most titles need none of them.
  if (t.includes("'") || t.includes('`')) {
    t = t.replace(RE_ELISION, '').replace(RE_INNER_APOSTROPHE, '');
  }
  if (t.includes('-')) t = t.replace(RE_E_PREFIX, 'e').replace(RE_HYPHEN_ENDING, '');
  t = dropInclusiveEndings(t);
  if (t.includes('&') || t.includes(' et d') || t.includes(' and d')) t = t.replace(RE_R_AND_D, ' rd ');
  if (t.includes('.')) t = t.replace(RE_DOTTED_ACRONYM, (m) => m.replace(RE_DOT, ''));
  const tokens = t.match(RE_TOKEN);
  if (tokens === null) return [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] as string;
    if (tok.includes(',')) tokens[i] = tok.replace(RE_COMMA, '.');
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Canonical tokens: plural → singular, feminine → masculine, ordinals → digits
// ---------------------------------------------------------------------------------------------

/**
 * Whole-word mappings that suffix rules would get wrong: irregular plurals, irregular feminines,
 * ordinals written as words, and roman ordinals with a suffix ("IIe"). Applied before the rules,
 * and again after each rule so that "premières" → "premiere" → "premier" → "1".
 */
const IRREGULAR: ReadonlyMap<string, string> = new Map(Object.entries(WORDS.irregular));

/**
 * Words that look plural or feminine but are lemmas, kept exactly: invariable words ending in s or
 * x ("process", "devis", "colis", "mois", "préavis", "taux"), nouns whose ending matches a feminine
 * rule ("matrice", "critère", "vente", "semaine", "santé"), masculine nouns in -ée ("musée") and
 * feminine nouns in -ée that would collide with another word once shortened ("entrée" → "entre").
 * The list favours the vocabulary of the texts; a word missing here only gets a less readable
 * canonical form, applied identically to both sides of a match.
 */
const KEEP: ReadonlySet<string> = new Set(WORDS.keep);

/** Ordinal suffixes after digits: 1er, 1ère, 1re, 2e, 2ème, 2nd, 2de, 1st, 2th… and plurals. */
const RE_DIGIT_ORDINAL = /^0*([0-9]+)(?:er|ere|re|e|eme|em|nd|nde|de|ieme|o|st|rd|th)s?$/;
const RE_DIGITS = /^0*([0-9]+)$/;

type FeminineRule = readonly [suffix: string, replacement: string, minLength: number];

/**
 * Feminine → masculine, first match wins, longest suffixes first. Minimum lengths keep short words
 * ("mere", "male") out of reach. The "-eux" rules come before "-euse → -eur": "rigoureuse" is the
 * feminine of "rigoureux", not of a "rigoureur". "-ette" and "-ète" have no rule: most such words
 * are nouns (maquette, étiquette, lunette, palette, arrêté), so their few adjectives are in
 * {@link IRREGULAR}.
 */
const FEMININE_RULES: readonly FeminineRule[] = [
  ['ieuse', 'ieux', 6], // sérieuse, précieuse, impérieuse
  ['ueuse', 'ueux', 6], // respectueuse, fougueuse, visqueuse
  ['oureuse', 'oureux', 8], // rigoureuse, vigoureuse
  ['eureuse', 'eureux', 8], // heureuse, chaleureuse, valeureuse
  ['ereuse', 'ereux', 7], // dangereuse, généreuse, onéreuse
  ['euse', 'eur', 5], // vendeuse, retoucheuse, monteuse, chauffeuse
  ['crite', 'crit', 6], // décrite, prescrite, souscrite
  ['trice', 'teur', 6], // directrice, rédactrice, décoratrice, opératrice
  ['drice', 'deur', 7], // ambassadrice
  ['eure', 'eur', 5], // supérieure, ingénieure, professeure
  ['ienne', 'ien', 6], // technicienne, musicienne
  ['eenne', 'een', 6], // européenne
  ['yenne', 'yen', 6], // moyenne, citoyenne
  ['elle', 'el', 6], // professionnelle, personnelle, manuelle
  ['ere', 'er', 5], // conseillère, caissière, première
  ['ale', 'al', 5], // commerciale, générale, principale
  ['aine', 'ain', 6], // humaine, certaine, métropolitaine
  ['ante', 'ant', 5], // assistante, débutante, commerçante, gérante
  ['ente', 'ent', 6], // polyvalente, présente, représentante
  ['inte', 'int', 5], // adjointe, conjointe
  ['tive', 'tif', 5], // créative, administrative, active
  ['sive', 'sif', 5], // exclusive, intensive
  ['dive', 'dif', 5], // tardive
  ['aive', 'aif', 5], // naïve
  ['vive', 'vif', 4], // vive
  ['eee', 'e', 5], // agréée, créée: the masculine "agréé" folds to "agree" → "agre"
  ['ee', 'e', 4], // employée, attachée, diplômée, qualifiée
  ['ue', 'u', 5], // prévue, reçue, obtenue (not "vue": too short)
];

/**
 * "-ue" is a feminine participle after v, c, d, n, r (prévue, reçue, attendue, obtenue, accrue).
 * After g and q it is part of the word (catalogue, technique); after t, b, l it is more often the
 * masculine "-ué" once folded (effectué, attribué, évalué), which must not lose its e.
 */
function ueAllowed(w: string): boolean {
  const c = w.charCodeAt(w.length - 3);
  return c === 0x76 || c === 0x63 || c === 0x64 || c === 0x6e || c === 0x72;
}

/** Plural → singular for one word not in {@link IRREGULAR} or {@link KEEP}; returns w if none. */
function singular(w: string): string {
  const n = w.length;
  const last = w.charCodeAt(n - 1);
  if (last === 0x78 /* x */) {
    if (w.endsWith('eaux')) return w.slice(0, -1); // bureaux, niveaux, réseaux
    if (w.endsWith('yaux')) return w.slice(0, -1); // tuyaux, noyaux
    if (n >= 5 && w.endsWith('aux')) return w.slice(0, -3) + 'al'; // commerciaux, généraux
    return w; // -eux adjectives, prix, choix, flux: singular already
  }
  if (last === 0x73 /* s */) {
    if (n < 4) return w; // "ras", "bus", "cas", "des": too short to be sure
    if (w.charCodeAt(n - 2) === 0x73) return w; // process, business, stress
    return w.slice(0, -1);
  }
  return w;
}

/** Feminine → masculine, repeated so that "activée" → "active" → "actif" is stable. */
function masculine(w: string): string {
  for (let round = 0; round < 3; round++) {
    let next = w;
    for (const [suffix, replacement, minLength] of FEMININE_RULES) {
      if (w.length >= minLength && w.endsWith(suffix)) {
        if (suffix === 'ente' && w.endsWith('vente')) break; // vente, revente, prévente
        if (suffix === 'ue' && !ueAllowed(w)) break;
        next = w.slice(0, w.length - suffix.length) + replacement;
        break;
      }
    }
    if (next === w) return w;
    const irregular = IRREGULAR.get(next);
    if (irregular !== undefined) return irregular;
    if (KEEP.has(next)) return next;
    w = next;
  }
  return w;
}

function canonicalUncached(w: string): string {
  if (w.length === 0) return w;
  const irregular = IRREGULAR.get(w);
  if (irregular !== undefined) return irregular;
  if (KEEP.has(w)) return w;
  const c0 = w.charCodeAt(0);
  if (c0 >= 0x30 && c0 <= 0x39) {
    const m = RE_DIGITS.exec(w) ?? RE_DIGIT_ORDINAL.exec(w);
    return m ? (m[1] as string) : w; // "3d", "4x4", "1.3" stay as they are
  }
  let s = singular(w);
  if (s !== w) {
    const irr = IRREGULAR.get(s);
    if (irr !== undefined) return irr;
    if (KEEP.has(s)) return s;
  }
  s = masculine(s);
  return s;
}

/** A word function's answers kept; emptied past 50,000 words, so that free text cannot grow it forever. */
class WordCache {
  private readonly answers = new Map<string, string>();
  constructor(private readonly of: (w: string) => string) {}
  get(w: string): string {
    let r = this.answers.get(w);
    if (r === undefined) {
      r = this.of(w);
      if (this.answers.size >= 50_000) this.answers.clear();
      this.answers.set(w, r);
    }
    return r;
  }
}

/** Canonical forms of tokens already seen. */
const canonicalCache = new WordCache(canonicalUncached);

function canonical(w: string): string {
  return canonicalCache.get(w);
}

const RE_FOLDED_WORD = /^[a-z0-9.]*$/;

/**
 * Maps one token to its canonical form: plural → singular, feminine → masculine, ordinal → digits.
 *
 * - Feminine by suffix rules with exceptions: vendeuse → vendeur, directrice → directeur (but
 *   matrice stays), conseillère → conseiller (but critère stays), opticienne → opticien,
 *   employée → employe, créative → creatif, commerciale → commercial, adjointe → adjoint,
 *   assistante → assistant, cheffe → chef. Epicene words are untouched: photographe, comptable,
 *   secrétaire, responsable, infographiste, standardiste.
 * - Plural: retoucheurs → retoucheur, prises → prise, bureaux → bureau, commerciaux → commercial,
 *   travaux → travail; invariable words keep their s or x: process, devis, colis, mois, taux.
 * - Ordinals: 1er, 1ère, 1re, premier, première → "1"; 2e, 2ème, 2nd, 2de, deuxième, second → "2";
 *   3e, troisième → "3"; plain numbers lose leading zeros. Bare roman numerals need context and are
 *   only converted by {@link normalizeTitle}; "IIe" is converted here.
 *
 * Abbreviations, synonyms and stop words are not handled here (see {@link normalizeTitle}). The
 * input is expected folded; an unfolded token is folded first. Idempotent.
 *
 * @example normalizeToken("vendeuses") // "vendeur"
 */
export function normalizeToken(token: string): string {
  const w = RE_FOLDED_WORD.test(token) ? token : foldAccents(token).trim();
  return canonical(w);
}

// ---------------------------------------------------------------------------------------------
// Abbreviations, synonyms, stop words
// ---------------------------------------------------------------------------------------------

/**
 * Abbreviations used in job titles of these branches, as whole folded tokens, with their expansion
 * written as plain folded words (stop words omitted). Expansions go through
 * {@link normalizeToken} like any other word, so "DRH" and "Directrice des ressources humaines"
 * give the same tokens.
 *
 * Entries listed in {@link TITLE_ONLY_ABBREVIATIONS} are ambiguous in running text ("si" is the
 * French "if", "cm" a centimetre, "com" a web domain) and are expanded by {@link normalizeTitle} only.
 */
export const ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = Object.freeze(WORDS.abbreviations);

/** Abbreviations too ambiguous in running text to expand outside titles. */
export const TITLE_ONLY_ABBREVIATIONS: ReadonlySet<string> = new Set(WORDS.titleOnlyAbbreviations);

/**
 * Equivalences between canonical tokens, kept small on purpose: each entry is a spelling variant
 * or a split compound that the grids write one way and users another. Keys and values are
 * canonical tokens; a value may be several tokens.
 *
 * Families of derived words (retoucheur/retouche, photographe/photographie, comptable/comptabilité)
 * are not here: {@link stem} handles them. Near-synonyms that are distinct jobs in the grids
 * (caissier/vendeur, qualifié/confirmé, chef/responsable) are deliberately absent.
 */
export const SYNONYMS: Readonly<Record<string, readonly string[]>> = Object.freeze(WORDS.synonyms);

/**
 * French function words dropped from titles and texts, as folded tokens (checked before
 * normalization, so that "entrée" → "entree" is never mistaken for "entre"). Single letters left by
 * broken elisions ("l' attaché") are dropped separately, except after a grid marker ("catégorie A").
 */
const STOP_WORDS: ReadonlySet<string> = new Set(WORDS.stopWords);

/**
 * "si" is the conjunction in running text and "système d'information" in titles; the others are
 * the shorthand of hurried notes ("jai", "cest", "pr", "qqn", "ds", "tt").
 */
const TEXT_ONLY_STOP_WORDS: ReadonlySet<string> = new Set(WORDS.textOnlyStopWords);

/**
 * Canonical words after which a single letter or a roman numeral is a grid level ("catégorie B",
 * "niveau II", "échelon C/D/E") rather than a stray letter.
 */
const GRID_MARKERS: ReadonlySet<string> = new Set([
  'niveau', 'echelon', 'categorie', 'classe', 'groupe', 'position', 'coefficient', 'degre', 'palier',
  'annexe', 'chapitre',
]);

const ROMAN: ReadonlyMap<string, string> = new Map([
  ['i', '1'], ['ii', '2'], ['iii', '3'], ['iv', '4'], ['v', '5'], ['vi', '6'], ['vii', '7'],
  ['viii', '8'], ['ix', '9'], ['x', '10'], ['xi', '11'], ['xii', '12'],
]);

/** "niveau deux": cardinal words are levels only in titles ("un" is an article in running text). */
const CARDINALS: ReadonlyMap<string, string> = new Map([
  ['un', '1'], ['une', '1'], ['deux', '2'], ['trois', '3'], ['quatre', '4'], ['cinq', '5'],
]);

/** Expansions resolved to canonical tokens once, at load ("humaines" → "humain"). */
const ABBREVIATION_TOKENS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries(ABBREVIATIONS).map(([k, v]) => [k, v.map((w) => canonical(w))]),
);
const SYNONYM_TOKENS: ReadonlyMap<string, readonly string[]> = new Map(Object.entries(SYNONYMS));

// ---------------------------------------------------------------------------------------------
// Pipeline
// ---------------------------------------------------------------------------------------------

/**
 * Where the previous emitted token leaves us: right after a grid marker, inside a list of levels
 * ("C/D/E"), or elsewhere. A number ends the list, so that "1.3 à 1.5" keeps "à" a stop word.
 */
const GRID_NONE = 0;
const GRID_MARKER = 1;
const GRID_LETTERS = 2;

function isNumeric(t: string): boolean {
  const c = t.charCodeAt(0);
  return c >= 0x30 && c <= 0x39;
}

function run(s: string, title: boolean): string[] {
  const words = tokenize(s);
  const out: string[] = [];
  let prev = '';
  let grid: number = GRID_NONE;

  const emit = (t: string): void => {
    // "vendeur/vendeuse", "vendeur ou vendeuse": the pair says one thing. Numbers are exempt:
    // "Monteur 1 / Vendeur 1" keeps both.
    if (t === prev && !isNumeric(t)) return;
    out.push(t);
    prev = t;
    grid = GRID_MARKERS.has(t) ? GRID_MARKER : GRID_NONE;
  };

  for (const w of words) {
    if (grid !== GRID_NONE) {
      const roman = ROMAN.get(w);
      if (roman !== undefined) {
        emit(roman);
        grid = GRID_LETTERS;
        continue;
      }
      if (w.length === 1 && !isNumeric(w)) {
        emit(w);
        grid = GRID_LETTERS;
        continue;
      }
      if (title && grid === GRID_MARKER) {
        const cardinal = CARDINALS.get(w);
        if (cardinal !== undefined) {
          emit(cardinal);
          continue;
        }
      }
    }
    if (!title && (STOP_WORDS.has(w) || TEXT_ONLY_STOP_WORDS.has(w))) continue;
    const expansion = ABBREVIATION_TOKENS.get(w);
    if (expansion !== undefined && (title || !TITLE_ONLY_ABBREVIATIONS.has(w))) {
      for (const e of expansion) emit(e);
      continue;
    }
    if (STOP_WORDS.has(w)) continue;
    if (w.length === 1 && !isNumeric(w)) continue;
    const c = canonical(w);
    const synonyms = SYNONYM_TOKENS.get(c);
    if (synonyms !== undefined) {
      for (const e of synonyms) emit(e);
    } else {
      emit(c);
    }
  }
  return out;
}

/**
 * Canonical tokens of a job title, in order: {@link tokenize} → abbreviations expanded
 * ({@link ABBREVIATIONS}) → {@link normalizeToken} → {@link SYNONYMS} → stop words and stray
 * letters dropped. Digits are kept; a roman numeral, a single letter or a cardinal word right after
 * a grid marker ("niveau II", "catégorie B", "niveau deux") becomes a level. A word repeated
 * with only its gender changed ("vendeur/vendeuse") is kept once.
 *
 * @example normalizeTitle("Opératrices vendeuses 1ère niveau") // ["operateur", "vendeur", "1", "niveau"]
 * @example normalizeTitle("Resp. SAV") // ["responsable", "service", "apres", "vente"]
 */
export function normalizeTitle(s: string): string[] {
  return run(s, true);
}

/**
 * Canonical tokens of free text (job descriptions, user explanations), same pipeline as
 * {@link normalizeTitle} except that ambiguous abbreviations ({@link TITLE_ONLY_ABBREVIATIONS})
 * stay as they are, "si" is a stop word, and cardinal words are never levels.
 */
export function normalizeText(s: string): string[] {
  return run(s, false);
}

// ---------------------------------------------------------------------------------------------
// Light stem
// ---------------------------------------------------------------------------------------------

/** Whole canonical tokens whose family the suffix rules cannot see. */
const STEM_IRREGULAR: ReadonlyMap<string, string> = new Map(Object.entries(WORDS.stemIrregular));

type StemRule = readonly [suffix: string, minRoot: number, replacement: string];

/**
 * Suffixes stripped by {@link stem}, first match wins. `minRoot` is the shortest root left behind,
 * which keeps "cariste" away from "car" and "valeur" away from "val".
 */
const STEM_RULES: readonly StemRule[] = [
  ['graphiste', 2, 'graph'],
  ['graphique', 2, 'graph'],
  ['graphier', 2, 'graph'],
  ['graphie', 2, 'graph'],
  ['graphe', 2, 'graph'],
  ['abilisation', 4, 'ab'],
  ['abiliser', 4, 'ab'],
  ['abilite', 4, 'ab'],
  ['ibilite', 4, 'ib'],
  ['able', 4, 'ab'],
  ['ible', 4, 'ib'],
  ['icien', 3, 'ic'],
  ['ique', 3, 'ic'],
  ['ionnaire', 4, ''],
  ['ateur', 3, ''],
  ['ation', 3, ''],
  ['atif', 3, ''],
  ['aison', 4, ''],
  ['ement', 4, ''],
  ['erie', 4, ''],
  ['ion', 4, ''],
  ['eur', 4, ''],
  ['age', 4, ''],
  ['iste', 4, ''],
  ['er', 4, ''],
  ['e', 4, ''],
];

const RE_FINAL_DOUBLE = /(ll|tt|pp|nn|ff|mm|rr)$/;

/**
 * A light, deterministic stem for matching families of words, applied to the canonical form of the
 * token (so "Retoucheuses" and "retoucheur" agree). It conflates:
 *
 * - agent, activity, verb: retoucheur/retouche/retoucher/retouchage → "retouch";
 *   monteur/montage/monter → "mont"; livreur/livraison/livrer → "livr";
 *   préparateur/préparation/préparer → "prepar"; décorateur/décoration/décor → "decor";
 *   rédacteur/rédaction → "redact"; développeur/développement → "develop";
 *   emballeur/emballage → "embal"; contrôleur/contrôle → "control"; directeur/direction → "direct";
 *   manager/management → "manag"; designer/design → "design"; gestionnaire/gestion → "gest";
 *   conseiller/conseil → "conseil"; vendeur/vendre/vendu → "vend"; acheteur/achat → "achet";
 *   formateur/formation/former/forme → "form".
 * - -graphe/-graphie/-graphique/-graphiste, and "photo": photographe/photographie/photo →
 *   "photograph", infographiste/infographie → "infograph".
 * - -able/-abilité: comptable/comptabilité/compta → "comptab", responsable/responsabilité.
 * - -icien/-ique: technicien/technique, opticien/optique, informaticien/informatique,
 *   logisticien/logistique.
 * - -iste with its base: standardiste/standard, maquettiste/maquette; -erie: lunetterie/lunette/lunetier.
 *
 * It keeps apart, on purpose: vente/vendeur ("après-vente" and "vente à distance" are fields, not
 * the sales job), commerce/commercial, magasin/magasinier, compte/comptable, caisse/caissier,
 * opérationnel/opérateur, cariste/car.
 */
export function stem(token: string): string {
  return stemCache.get(token);
}

/** Stems of tokens already seen (a description's words are stemmed at each search). */
const stemCache = new WordCache(stemUncached);

function stemUncached(token: string): string {
  const t = normalizeToken(token);
  if (t.length <= 3 || isNumeric(t)) return t;
  const irregular = STEM_IRREGULAR.get(t);
  if (irregular !== undefined) return irregular;
  for (const [suffix, minRoot, replacement] of STEM_RULES) {
    if (t.length - suffix.length >= minRoot && t.endsWith(suffix)) {
      const root = t.slice(0, t.length - suffix.length);
      // "conseill(er)" and "conseil", "maquett(iste)" and "maquet(te)" must meet; only after a
      // strip, so that "chef" or "bull" are left alone.
      return replacement === '' ? root.replace(RE_FINAL_DOUBLE, (d) => d[0] as string) : root + replacement;
    }
  }
  return t;
}

/**
 * Folding to the ASCII a French user types: apart from the normalizer (src/text/normalize.ts) so
 * that the web UI, which folds column headers in the browser, does not load the normalizer's
 * words (read from a file by Node).
 *
 * @module
 */

// ---------------------------------------------------------------------------------------------
// Folding
// ---------------------------------------------------------------------------------------------

/**
 * Characters that NFKD does not turn into what a user would type on a French keyboard: typographic
 * apostrophes, quotes and dashes (PDF extracts and word processors produce them), ligatures that
 * have no decomposition, and invisible characters that would otherwise split or glue words.
 * Middle dots become "." so that "vendeur·euse" and "vendeur.euse" take the same path.
 */
const FOLD_SPECIALS: ReadonlyMap<number, string> = new Map<number, string>([
  // apostrophes
  [0x2018, "'"], [0x2019, "'"], [0x201a, "'"], [0x201b, "'"], [0x2032, "'"], [0x02bc, "'"],
  [0x02b9, "'"], [0x00b4, "'"], [0x02bb, "'"], [0x02bd, "'"],
  // double quotes and guillemets
  [0x201c, '"'], [0x201d, '"'], [0x201e, '"'], [0x201f, '"'], [0x00ab, '"'], [0x00bb, '"'],
  [0x2039, '"'], [0x203a, '"'], [0x2033, '"'],
  // dashes and minus signs
  [0x2010, '-'], [0x2011, '-'], [0x2012, '-'], [0x2013, '-'], [0x2014, '-'], [0x2015, '-'],
  [0x2212, '-'], [0x2043, '-'], [0xfe58, '-'], [0xfe63, '-'], [0xff0d, '-'],
  // middle dots of inclusive writing, and bullets
  [0x00b7, '.'], [0x2027, '.'], [0x22c5, '.'], [0x2219, '.'], [0x2022, '.'], [0x0387, '.'],
  // ligatures and letters without a canonical decomposition
  [0x0153, 'oe'], [0x0152, 'oe'], [0x00e6, 'ae'], [0x00c6, 'ae'], [0x00df, 'ss'], [0x1e9e, 'ss'],
  [0x00f8, 'o'], [0x00d8, 'o'], [0x0111, 'd'], [0x0110, 'd'], [0x0142, 'l'], [0x0141, 'l'],
  [0x0140, 'l'], [0x013f, 'l'], [0x0131, 'i'], [0x0127, 'h'], [0x0126, 'h'], [0x00fe, 'th'],
  [0x00de, 'th'], [0x00f0, 'd'], [0x00d0, 'd'],
  // "n°", "1º": the sign is noise, never a letter
  [0x00b0, ' '], [0x00ba, ' '],
  // symbols that NFKD would turn into letters glued to the previous word ("Photoshop™")
  [0x2122, ' '], [0x00ae, ' '], [0x00a9, ' '],
  // invisible characters: soft hyphen and zero-width marks must not split a word
  [0x00ad, ''], [0x200b, ''], [0x200c, ''], [0x200d, ''], [0x2060, ''], [0xfeff, ''],
]);

/** Combining marks left by NFKD (accents, cedilla, and the marks of pre-decomposed input). */
const RE_COMBINING = /\p{M}/gu;
const RE_NON_ASCII = /[\u0080-\uffff]/;

/** Per code unit cache: the set of distinct non-ASCII characters is small and bounded. */
const foldCache = new Map<number, string>();

function foldCodeUnit(code: number): string {
  const cached = foldCache.get(code);
  if (cached !== undefined) return cached;
  let result: string;
  const special = FOLD_SPECIALS.get(code);
  if (special !== undefined) {
    result = special;
  } else if (code >= 0xd800 && code <= 0xdfff) {
    // Half of a surrogate pair (emoji…): normalizing it alone is meaningless; the tokenizer
    // treats it as a separator anyway.
    result = String.fromCharCode(code);
  } else {
    // Lowercase after NFKD: compatibility forms may decompose to capitals ("Ⅱ" → "II").
    const base = String.fromCharCode(code).normalize('NFKD').replace(RE_COMBINING, '').toLowerCase();
    result = '';
    for (let i = 0; i < base.length; i++) {
      const c = base.charCodeAt(i);
      result += c < 0x80 ? base[i] : (FOLD_SPECIALS.get(c) ?? base[i]);
    }
  }
  foldCache.set(code, result);
  return result;
}

/**
 * Lowercases and folds a string to the ASCII a French user types on a phone: diacritics removed
 * (é→e, ç→c), ligatures spelt out (œ→oe, æ→ae), typographic apostrophes, quotes and dashes turned
 * into `'`, `"` and `-`, middle dots into `.`, invisible characters removed.
 *
 * Characters of other scripts are only lowercased; the tokenizer drops them.
 *
 * @example foldAccents("Agent de nettoyage et d’entretien") // "agent de nettoyage et d'entretien"
 */
export function foldAccents(s: string): string {
  const lower = s.toLowerCase();
  // Most titles are already ASCII once lowercased: skip the per-character walk.
  if (!RE_NON_ASCII.test(lower)) return lower;
  let out = '';
  let start = 0;
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    if (code < 0x80) continue;
    out += lower.slice(start, i) + foldCodeUnit(code);
    start = i + 1;
  }
  return out + lower.slice(start);
}

/**
 * How a KALI extract of texts/ names its articles, so that a citation can say « article 2 de
 * l'accord du 17 mars 2022 » instead of an article id. The extracts mark each text with a `##`
 * heading, each section with `###` and each article with `--- Article N [KALIARTI…]`; articles
 * without a number are named by their section.
 */

/** An article as its text names it: the text it belongs to and its number (or its section). */
export interface ArticleName {
  /** The heading of the text (accord, avenant) the article belongs to. */
  text: string;
  /** « Article 1er », « Article 2.1. », or the section heading of an unnumbered article. */
  number?: string;
}

const TEXT = /^## (.+?)\s*(?:\{[^}]*\})?\s*$/;
const SECTION = /^### (.+?)\s*(?:\{[^}]*\})?\s*$/;
const ARTICLE = /^--- Article\s*([^[]*?)\s*\[(KALIARTI\d{12})\]/;

/** Every article of a KALI extract, by id. */
export function articleNames(extract: string): Map<string, ArticleName> {
  // Headings may hold typographic spaces (U+2002…): a name is read with plain spaces.
  const plain = (s: string | undefined) => s?.replace(/\s+/g, ' ');
  const names = new Map<string, ArticleName>();
  let text: string | undefined;
  let section: string | undefined;
  for (const line of extract.split(/\r?\n/)) {
    const t = TEXT.exec(line);
    if (t) {
      text = plain(t[1]);
      section = undefined;
      continue;
    }
    const s = SECTION.exec(line);
    if (s) {
      section = plain(s[1]);
      continue;
    }
    const a = ARTICLE.exec(line);
    if (a && text !== undefined) {
      const number = a[1] ? `Article ${plain(a[1])}` : section;
      names.set(a[2]!, number === undefined ? { text } : { text, number });
    }
  }
  return names;
}

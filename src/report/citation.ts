/**
 * Citations as a reader knows documents: the title the text gives itself, the article as the
 * text numbers it, the quote, and the Légifrance page of that article (or of the text). Built
 * from the documents declared in each convention.yaml; the same words in the web UI, the printed
 * decision, the HTML and PDF reports and the command line. Never an internal id or a file name.
 *
 * Pure (no Node module): the web UI imports it as it is.
 */
import type { Source } from '../model/schema.js';

export const LEGIFRANCE = 'https://www.legifrance.gouv.fr/conv_coll/id/';

/** What a citation needs of a declared document (convention.yaml `documents`). */
export interface CitedDocument {
  id: string;
  title: string;
  kali?: string | undefined;
  url?: string | undefined;
  articles?: Record<string, { number?: string | undefined; text?: string | undefined }> | undefined;
}

/** The texts of one convention: its documents and its Légifrance page. */
export interface CitedTexts {
  url: string;
  documents: readonly CitedDocument[];
}

export interface Citation {
  /** The text's own title (« Avenant du 31 janvier 2022 relatif aux salaires minima »). */
  document: string;
  /** « article 1er », or the section of an unnumbered article; absent when unknown. */
  article?: string;
  quote: string;
  /** Légifrance page of the article, else of the text, else of the convention. */
  url?: string;
}

/** Documents that are not texts of a convention, cited by audit findings. */
const OTHER_DOCUMENTS: Record<string, string> = {
  'fichier-importe': 'fichier importé',
  smic: 'SMIC (décret de revalorisation)',
};

const KALI_ARTICLE = /^KALIARTI\d{12}$/;
const KALI_TEXT = /^KALI(?:TEXT|CONT)\d{12}$/;

/** The citation of a source, named from the documents of its convention. */
export function citationOf(source: Source, texts: CitedTexts | undefined): Citation {
  const other = OTHER_DOCUMENTS[source.doc];
  if (other !== undefined) return { document: other, quote: source.quote };
  const doc = texts?.documents.find((d) => d.id === source.doc);
  const named = source.article ? doc?.articles?.[source.article] : undefined;
  const out: Citation = { document: named?.text ?? doc?.title ?? 'texte de la convention collective', quote: source.quote };
  if (named?.number) out.article = articleWords(named.number);
  const url =
    source.article && KALI_ARTICLE.test(source.article)
      ? `${LEGIFRANCE}${source.article}`
      : doc?.kali && KALI_TEXT.test(doc.kali)
        ? `${LEGIFRANCE}${doc.kali}`
        : (doc?.url ?? texts?.url);
  if (url) out.url = url;
  return out;
}

/** « Article 1er » reads « article 1er » after a comma; a section heading stays as written. */
function articleWords(number: string): string {
  return number.replace(/^Article\b/, 'article');
}

/** Where the quote stands: « Avenant du 31 janvier 2022 relatif aux salaires minima, article 1er ». */
export function citationWhere(c: Citation): string {
  return c.article ? `${c.document}, ${c.article}` : c.document;
}

/** The words of a link to the citation's page. */
export const READ_ON_LEGIFRANCE = 'lire sur Légifrance';

/** One citation in plain text (command line, CSV-free reports): quote, where, and the link. */
export function citationText(c: Citation): string {
  return `« ${c.quote} » — ${citationWhere(c)}${c.url ? ` (${c.url})` : ''}`;
}

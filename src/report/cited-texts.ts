/**
 * The texts every shipped convention cites, for renderers that receive findings only (the HTML
 * and PDF reports, in a worker thread): read once from the convention.yaml files, which the
 * build and the tests validate.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Convention } from '../grids/convention.js';
import { conventionFolders, PACKAGE_ROOT } from '../grids/folders.js';
import type { ConventionFile } from '../model/schema.js';
import { citationOf, LEGIFRANCE, type Citation, type CitedTexts } from './citation.js';
import type { Source } from '../model/schema.js';

export function textsOf(conv: Pick<Convention, 'legifranceUrl' | 'documents'>): CitedTexts {
  return { url: conv.legifranceUrl, documents: conv.documents };
}

let shipped: Map<string, CitedTexts> | undefined;

/**
 * The YAML parser, loaded on the first report only: every CLI command imports this module, and
 * loading the parser costs a `classif search` about two thirds of a bare Node start.
 */
const yamlParse = (text: string): unknown => (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse(text);

function shippedTexts(): Map<string, CitedTexts> {
  if (!shipped) {
    shipped = new Map();
    for (const folder of conventionFolders(PACKAGE_ROOT)) {
      const file = yamlParse(readFileSync(join(PACKAGE_ROOT, 'grids', folder, 'convention.yaml'), 'utf8')) as ConventionFile;
      shipped.set(file.idcc, { url: `${LEGIFRANCE}${file.kali}`, documents: file.documents });
    }
  }
  return shipped;
}

/** The citation of a finding's source, from its convention or, without one, from the convention that declares its document. */
export function shippedCitation(source: Source, idcc: string | undefined): Citation {
  const all = shippedTexts();
  const texts = (idcc !== undefined ? all.get(idcc) : undefined) ?? [...all.values()].find((t) => t.documents.some((d) => d.id === source.doc));
  return citationOf(source, texts);
}

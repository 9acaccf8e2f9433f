import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../src/grids/folders.js';
import { compileCatalogue } from '../src/grids/compile.js';
import { GridFileError } from '../src/grids/errors.js';
import { frenchWordsFile, type FrenchWordsFile } from '../src/model/schema.js';
import { FRENCH_WORDS_FILE, readFrenchWords, writeFrenchWordsSnapshot, type FrenchWords } from '../src/text/french-words.js';
import { ABBREVIATIONS, normalizeTitle } from '../src/text/normalize.js';

/** A package root holding only the normalizer's words (and a dist/ for the build's copy). */
function rootWith(yaml: string): string {
  const root = mkdtempSync(join(tmpdir(), 'classif-words-'));
  mkdirSync(join(root, 'grids'));
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, FRENCH_WORDS_FILE), yaml);
  return root;
}

const shipped = readFileSync(join(PACKAGE_ROOT, FRENCH_WORDS_FILE), 'utf8');

describe('the normalizer words (grids/french-words.yaml)', () => {
  it('are valid against the schema, which the loader type agrees with', () => {
    const parsed = frenchWordsFile.safeParse(parse(shipped));
    expect(parsed.success, parsed.error?.message).toBe(true);
    const words: FrenchWords = parsed.data as FrenchWordsFile;
    expect(words.abbreviations.drh).toEqual(['directeur', 'ressources', 'humaines']);
  });

  it('feed the normalizer and the exported ABBREVIATIONS', () => {
    expect(ABBREVIATIONS.sav).toEqual(['service', 'apres', 'vente']);
    expect(normalizeTitle('Resp. SAV')).toEqual(['responsable', 'service', 'apres', 'vente']);
  });

  it('are read from the build copy while it matches the YAML, and from the YAML once the YAML changes', () => {
    const root = rootWith(shipped);
    writeFrenchWordsSnapshot(root);
    const copyFile = join(root, 'dist', 'french-words.json');
    const copy = JSON.parse(readFileSync(copyFile, 'utf8')) as { source: string; words: FrenchWords };
    // Tell the copy apart from the YAML: while the hash matches, the copy is what is read.
    copy.words.stemIrregular.photo = 'marque-de-la-copie';
    writeFileSync(copyFile, JSON.stringify(copy));
    expect(readFrenchWords(root).stemIrregular.photo).toBe('marque-de-la-copie');
    writeFileSync(join(root, FRENCH_WORDS_FILE), `${shipped}\n# edited after the build\n`);
    expect(readFrenchWords(root).stemIrregular.photo).toBe('photograph');
  });

  it('are checked with the grid files: a word with an accent or a number for a word is refused with its line', () => {
    const root = mkdtempSync(join(tmpdir(), 'classif-words-'));
    cpSync(join(PACKAGE_ROOT, 'grids', 'abbreviations.yaml'), join(root, 'grids', 'abbreviations.yaml'));
    writeFileSync(join(root, FRENCH_WORDS_FILE), shipped.replace("'premier': '1'", 'premier: 1').replace("'cheffe': 'chef'", "'cheffe': 'chéf'"));
    let error: unknown;
    try {
      compileCatalogue(root);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GridFileError);
    const message = (error as Error).message;
    expect(message).toContain(FRENCH_WORDS_FILE);
    expect(message).toContain('irregular.premier');
    expect(message).toContain('irregular.cheffe');
  });

  it('refuse a title-only abbreviation that is not an abbreviation', () => {
    const words = parse(shipped) as FrenchWordsFile;
    const parsed = frenchWordsFile.safeParse({ ...words, titleOnlyAbbreviations: [...words.titleOnlyAbbreviations, 'zz'] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain('« zz »');
  });
});

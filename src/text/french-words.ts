/**
 * The words of the text normalizer (grids/french-words.yaml), read once and synchronously: the
 * normalizer works without a catalogue and runs at every CLI start-up. The build writes a JSON copy
 * (dist/french-words.json) that carries the hash of the YAML it came from; while that hash matches,
 * the copy is read and no YAML parser is loaded (parsing the YAML costs tens of milliseconds).
 * Otherwise — running from src/, or the YAML edited since the build — the YAML is read, so an edit
 * is seen at once and never hidden by a stale copy. The file is validated with the other grid files
 * (`frenchWordsFile` of src/model/schema.ts, by src/grids/compile.ts: at build, by check:grids and
 * by the tests); the text layer sits beside the model and may not import it.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the package: `grids/` and `dist/` sit there both in the checkout and once built. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const FRENCH_WORDS_FILE = 'grids/french-words.yaml';

interface Snapshot {
  /** sha256 of the YAML text the words were read from. */
  source: string;
  words: FrenchWords;
}

const hashOf = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The tables of grids/french-words.yaml (shape: `frenchWordsFile` in src/model/schema.ts). */
export interface FrenchWords {
  irregular: Record<string, string>;
  keep: string[];
  abbreviations: Record<string, string[]>;
  titleOnlyAbbreviations: string[];
  synonyms: Record<string, string[]>;
  stopWords: string[];
  textOnlyStopWords: string[];
  stemIrregular: Record<string, string>;
}

function parseWords(text: string): FrenchWords {
  // Loaded here only: the built CLI reads the JSON copy and never needs a YAML parser.
  const { parse } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return parse(text) as FrenchWords;
}

/** The normalizer's words, from the build's JSON copy when it matches the YAML, else from the YAML. */
export function readFrenchWords(root: string = ROOT): FrenchWords {
  const text = readFileSync(join(root, FRENCH_WORDS_FILE), 'utf8');
  const snapshotFile = join(root, 'dist', 'french-words.json');
  if (existsSync(snapshotFile)) {
    const snapshot = JSON.parse(readFileSync(snapshotFile, 'utf8')) as Snapshot;
    if (snapshot.source === hashOf(text)) return snapshot.words;
  }
  return parseWords(text);
}

/** Build step (after the grid files are validated): writes the JSON copy the built code reads. */
export function writeFrenchWordsSnapshot(root: string = ROOT): void {
  const text = readFileSync(join(root, FRENCH_WORDS_FILE), 'utf8');
  const snapshot: Snapshot = { source: hashOf(text), words: parseWords(text) };
  writeFileSync(join(root, 'dist', 'french-words.json'), JSON.stringify(snapshot));
}

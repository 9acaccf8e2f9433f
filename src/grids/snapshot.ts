/**
 * The compiled catalogue: `npm run build` validates the grid files once and stores the result as
 * JSON, so that the CLI and the server start without parsing YAML (see docs/performance.md).
 * A snapshot is trusted only while its fingerprint matches the files it was built from.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import type { ExampleSet } from '../model/examples.js';
import type { CatalogueData, ConventionData } from './compile.js';
import { FRENCH_WORDS_FILE } from '../text/french-words.js';
import type { Catalogue, CatalogueSource } from './convention.js';
import { conventionFolders, PACKAGE_ROOT } from './folders.js';

/** The shorthand of job titles shared by every branch (src/grids/compile.ts). */
export const ABBREVIATIONS_FILE = 'grids/abbreviations.yaml';

/** The general French of job descriptions shared by every branch (src/grids/compile.ts). */
export const FRENCH_FILE = 'grids/french.yaml';

export const SNAPSHOT_FILE = join(PACKAGE_ROOT, 'dist', 'catalogue.json');

/** Hash of the names and contents of every grid file the catalogue reads. */
export function fingerprint(root: string): string {
  const hash = createHash('sha256');
  for (const folder of conventionFolders(root)) {
    const conv = readFileSync(join(root, 'grids', folder, 'convention.yaml'));
    hash.update(`${folder}/convention.yaml\0`).update(conv);
    // File names (grids, lexicon) are plain, so no YAML parser is needed to list them.
    for (const [name] of conv.toString('utf8').matchAll(/[\w.-]+\.ya?ml/g)) {
      const file = join(root, 'grids', folder, name);
      hash.update(`\0${folder}/${name}\0`).update(existsSync(file) ? readFileSync(file) : 'absent');
    }
  }
  // The normalizer's words shape the prebuilt search indexes.
  for (const name of [ABBREVIATIONS_FILE, FRENCH_FILE, FRENCH_WORDS_FILE]) {
    const shared = join(root, name);
    hash.update(`\0${name}\0`).update(existsSync(shared) ? readFileSync(shared) : 'absent');
  }
  const smic = join(root, 'law', 'smic.yaml');
  hash.update('\0law/smic.yaml\0').update(existsSync(smic) ? readFileSync(smic) : 'absent');
  return hash.digest('hex');
}

export const EXAMPLES_FILE = join(PACKAGE_ROOT, 'dist', 'examples.json');

/**
 * A hash of eval/training.json and of the sets it lists (the matcher's learned examples,
 * src/grids/examples.ts), checked at every start; undefined where there is none (an installed
 * package keeps the examples of its build). Contents, not modification times: a checkout, a copy
 * or a `touch` changes the times of unchanged files, and a stale stamp sends the first description
 * search of every process back to reading the sets and building their index (1–2 s instead of a
 * few milliseconds). Hashing the ~0.8 MB of sets costs about 2 ms.
 */
export function examplesStamp(root: string): string | undefined {
  const decl = join(root, 'eval', 'training.json');
  if (!existsSync(decl)) return undefined;
  const text = readFileSync(decl, 'utf8');
  let sets: unknown;
  try {
    sets = (JSON.parse(text) as { sets?: unknown }).sets;
  } catch {
    sets = undefined;
  }
  const hash = createHash('sha256').update('training.json\0').update(text);
  for (const set of Array.isArray(sets) ? sets : []) {
    const file = join(root, 'eval', `${String(set)}.yaml`);
    hash.update(`\0${String(set)}\0`).update(existsSync(file) ? readFileSync(file) : 'absent');
  }
  return hash.digest('hex');
}

/** The examples the build read, by IDCC (read on the matcher's first use). */
export function readExamplesSnapshot(): ReadonlyMap<string, ExampleSet> {
  return new Map(Object.entries(JSON.parse(readFileSync(EXAMPLES_FILE, 'utf8')) as Record<string, ExampleSet>));
}

/**
 * The description matcher's indexes of one grid as the build stores them (src/match/prebuilt.ts):
 * a JSON head (words, texts) and its numbers in two typed arrays, read back as views of the file
 * without parsing them.
 */
export interface PackedIndexes {
  head: unknown;
  f64: Float64Array;
  i32: Int32Array;
}

/** dist/matcher/<grid id>.bin: the description matcher's indexes of one grid, and the build they belong to. */
export interface StoredMatcher {
  /** The catalogue's fingerprint and examples stamp when the build wrote it. */
  fingerprint: string;
  examplesStamp?: string;
  indexes: PackedIndexes;
}

/** The description matcher's indexes, one file per grid (src/match/prebuilt.ts). */
export const MATCHER_DIR = join(PACKAGE_ROOT, 'dist', 'matcher');
const matcherFile = (gridId: string, dir = MATCHER_DIR) => join(dir, `${gridId.replace(/[^\w-]/g, '_')}.bin`);

/**
 * The file: "CLM1", then the byte length of the JSON head, the counts of the float64 and int32
 * numbers (uint32, little-endian), the head padded to a multiple of 8 bytes, the float64 numbers,
 * the int32 numbers — in the machine's byte order, which is why a big-endian machine neither
 * writes nor reads it (its first description search then builds the indexes).
 */
const MAGIC = 'CLM1';
const HEADER = 16;
const littleEndian = endianness() === 'LE';

/** The stored indexes of `gridId`, or undefined when absent or damaged: its first description search then builds them. */
export function readMatcherSnapshot(gridId: string, dir = MATCHER_DIR): StoredMatcher | undefined {
  const file = matcherFile(gridId, dir);
  if (!littleEndian || !existsSync(file)) return undefined;
  const buf = readFileSync(file);
  if (buf.length < HEADER || buf.toString('latin1', 0, 4) !== MAGIC) return undefined;
  const headBytes = buf.readUInt32LE(4);
  const f64Count = buf.readUInt32LE(8);
  const i32Count = buf.readUInt32LE(12);
  const f64At = HEADER + pad8(headBytes);
  const i32At = f64At + 8 * f64Count;
  if (buf.length !== i32At + 4 * i32Count) return undefined;
  let parsed: Omit<StoredMatcher, 'indexes'> & { indexes: unknown };
  try {
    parsed = JSON.parse(buf.toString('utf8', HEADER, HEADER + headBytes)) as typeof parsed;
  } catch {
    return undefined;
  }
  const { indexes: head, ...stamps } = parsed;
  // A view needs its offset aligned to the element size; a buffer that is not gets copied.
  const view = <T>(make: (b: ArrayBuffer, at: number, n: number) => T, at: number, n: number, size: number): T =>
    (buf.byteOffset + at) % size === 0 ? make(buf.buffer as ArrayBuffer, buf.byteOffset + at, n) : make(buf.buffer.slice(buf.byteOffset + at, buf.byteOffset + at + n * size) as ArrayBuffer, 0, n);
  return {
    ...stamps,
    indexes: {
      head,
      f64: view((b, at, n) => new Float64Array(b, at, n), f64At, f64Count, 8),
      i32: view((b, at, n) => new Int32Array(b, at, n), i32At, i32Count, 4),
    },
  };
}

const pad8 = (n: number) => Math.ceil(n / 8) * 8;

export function writeMatcherSnapshot(gridId: string, stored: StoredMatcher): void {
  if (!littleEndian) return;
  mkdirSync(MATCHER_DIR, { recursive: true });
  const { indexes, ...stamps } = stored;
  const head = Buffer.from(JSON.stringify({ ...stamps, indexes: indexes.head }), 'utf8');
  const header = Buffer.alloc(HEADER);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt32LE(head.length, 4);
  header.writeUInt32LE(indexes.f64.length, 8);
  header.writeUInt32LE(indexes.i32.length, 12);
  const f64 = Buffer.from(indexes.f64.buffer, indexes.f64.byteOffset, indexes.f64.byteLength);
  const i32 = Buffer.from(indexes.i32.buffer, indexes.i32.byteOffset, indexes.i32.byteLength);
  writeFileSync(matcherFile(gridId), Buffer.concat([header, head, Buffer.alloc(pad8(head.length) - head.length, 0x20), f64, i32]));
}

export function writeExamplesSnapshot(examples: ReadonlyMap<string, ExampleSet>): void {
  writeFileSync(EXAMPLES_FILE, JSON.stringify(Object.fromEntries(examples)));
}

/**
 * The snapshot when it exists and matches the grid files of `root`, else undefined. Its
 * conventions are parsed on first use (`ConventionSource`): the file is one JSON document laid
 * out one part a line — `{"head":{…},` then `"conventions":[`, one convention a line, and `]}` —
 * so that the head and each convention can be parsed alone.
 */
export function readSnapshot(root: string, file = SNAPSHOT_FILE): CatalogueSource | undefined {
  if (!existsSync(file)) return undefined;
  const buf = readFileSync(file);
  const lines: [number, number][] = [];
  for (let at = 0; at < buf.length; ) {
    const end = buf.indexOf(0x0a, at);
    lines.push([at, end < 0 ? buf.length : end]);
    at = end < 0 ? buf.length : end + 1;
  }
  const text = ([from, to]: [number, number]) => buf.toString('utf8', from, to);
  const first = lines[0] && text(lines[0]);
  // Not laid out as written by `writeSnapshot` (an older build): not used.
  if (!first?.startsWith(HEAD_START) || !first.endsWith(',') || lines.length < 3 || text(lines[1]!) !== CONVENTIONS_START || text(lines.at(-1)!) !== END) return undefined;
  let head: SnapshotHead;
  try {
    head = JSON.parse(first.slice(HEAD_START.length, -1)) as SnapshotHead;
  } catch {
    return undefined;
  }
  if (head.fingerprint !== fingerprint(root) || head.idcc.length !== lines.length - 3) return undefined;
  return {
    ...head,
    conventions: head.idcc.map((idcc, i) => ({
      idcc,
      read: () => {
        const line = text(lines[i + 2]!);
        return JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line) as ConventionData;
      },
    })),
  };
}

/** What the first line of the snapshot holds: all but the conventions, and their IDCC in order. */
type SnapshotHead = Omit<CatalogueData, 'conventions'> & { idcc: string[] };
const HEAD_START = '{"head":';
const CONVENTIONS_START = '"conventions":[';
const END = ']}';

export function writeSnapshot(data: CatalogueData, file = SNAPSHOT_FILE): void {
  const { conventions, ...rest } = data;
  const head: SnapshotHead = { ...rest, idcc: conventions.map((c) => c.file.idcc) };
  // JSON.stringify escapes the line breaks of strings: each part stays on its line.
  writeFileSync(file, [`${HEAD_START}${JSON.stringify(head)},`, CONVENTIONS_START, ...conventions.map((c, i) => JSON.stringify(c) + (i < conventions.length - 1 ? ',' : '')), END].join('\n'));
}

/**
 * Wires the examples the build kept (dist/examples.json) when they are those of `root` (or when
 * there is no eval/ folder: an installed package); false when they must be read from eval/.
 */
export function learnFromBuild(catalogue: Catalogue, snapshot: Pick<CatalogueData, 'fingerprint' | 'examplesStamp'>, root: string): boolean {
  const stamp = examplesStamp(root);
  if (!existsSync(EXAMPLES_FILE) || (stamp !== undefined && stamp !== snapshot.examplesStamp)) return stamp === undefined;
  catalogue.learnFrom(readExamplesSnapshot);
  // The matcher's indexes of these grids and examples, read on the first description matched.
  catalogue.eachConvention((c) => {
    for (const grid of c.grids) {
      grid.offerBuiltMatcher(() => {
        const s = readMatcherSnapshot(grid.id);
        return s && s.fingerprint === snapshot.fingerprint && s.examplesStamp === snapshot.examplesStamp ? s.indexes : undefined;
      });
    }
  });
  return true;
}

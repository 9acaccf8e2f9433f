/**
 * The compiled catalogue: `npm run build` validates the grid files once and stores the result as
 * JSON, so that the CLI and the server start without parsing YAML (see docs/performance.md).
 * A snapshot is trusted only while its fingerprint matches the files it was built from.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogueData } from './compile.js';
import { conventionFolders, PACKAGE_ROOT } from './folders.js';

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
  const smic = join(root, 'law', 'smic.yaml');
  hash.update('\0law/smic.yaml\0').update(existsSync(smic) ? readFileSync(smic) : 'absent');
  return hash.digest('hex');
}

/**
 * Hash of eval/training.json and of the tuning sets it lists (the matcher's learned examples,
 * src/grids/examples.ts); undefined where there is none (an installed package, which keeps the
 * examples its snapshot was built with).
 */
export function examplesFingerprint(root: string): string | undefined {
  const decl = join(root, 'eval', 'training.json');
  if (!existsSync(decl)) return undefined;
  const hash = createHash('sha256');
  const text = readFileSync(decl);
  hash.update('eval/training.json\0').update(text);
  let sets: unknown;
  try {
    sets = (JSON.parse(text.toString('utf8')) as { sets?: unknown }).sets;
  } catch {
    sets = undefined;
  }
  for (const set of Array.isArray(sets) ? sets : []) {
    const file = join(root, 'eval', `${String(set)}.yaml`);
    hash.update(`\0eval/${String(set)}.yaml\0`).update(existsSync(file) ? readFileSync(file) : 'absent');
  }
  return hash.digest('hex');
}

/**
 * The snapshot when it exists and matches the grid files of `root` (and the training examples,
 * where `root` has eval/training.json), else undefined.
 */
export function readSnapshot(root: string, file = SNAPSHOT_FILE): CatalogueData | undefined {
  if (!existsSync(file)) return undefined;
  const data = JSON.parse(readFileSync(file, 'utf8')) as CatalogueData;
  if (data.fingerprint !== fingerprint(root)) return undefined;
  const examples = examplesFingerprint(root);
  return examples === undefined || examples === data.examplesFingerprint ? data : undefined;
}

export function writeSnapshot(data: CatalogueData, file = SNAPSHOT_FILE): void {
  writeFileSync(file, JSON.stringify(data));
}

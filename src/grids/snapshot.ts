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

/** The snapshot when it exists and matches the grid files of `root`, else undefined. */
export function readSnapshot(root: string, file = SNAPSHOT_FILE): CatalogueData | undefined {
  if (!existsSync(file)) return undefined;
  const data = JSON.parse(readFileSync(file, 'utf8')) as CatalogueData;
  return data.fingerprint === fingerprint(root) ? data : undefined;
}

export function writeSnapshot(data: CatalogueData, file = SNAPSHOT_FILE): void {
  writeFileSync(file, JSON.stringify(data));
}

import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the package: `grids/` and `texts/` sit there both in the checkout and once built. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Convention folders under `<root>/grids` (those with a convention.yaml), sorted. */
export function conventionFolders(root: string = PACKAGE_ROOT): string[] {
  const gridsDir = join(root, 'grids');
  return readdirSync(gridsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(gridsDir, d.name, 'convention.yaml')))
    .map((d) => d.name)
    .sort();
}

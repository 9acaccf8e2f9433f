import { Catalogue } from './convention.js';
import { PACKAGE_ROOT } from './folders.js';
import { readSnapshot } from './snapshot.js';

/**
 * The catalogue for a program that starts often (CLI, server): the build's snapshot when it
 * matches the grid files, else the files themselves, validated (YAML parser loaded on demand).
 */
export async function openCatalogue(root: string = PACKAGE_ROOT): Promise<Catalogue> {
  const snapshot = readSnapshot(root);
  if (snapshot) return new Catalogue(snapshot, root);
  const { compileCatalogue } = await import('./compile.js');
  return new Catalogue(compileCatalogue(root), root);
}

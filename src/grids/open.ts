import { Catalogue } from './convention.js';
import { PACKAGE_ROOT } from './folders.js';
import { learnFromBuild, readSnapshot } from './snapshot.js';

/**
 * The catalogue for a program that starts often (CLI, server): the build's snapshot when it
 * matches the grid files, else the files themselves, validated (YAML parser loaded on demand).
 */
export async function openCatalogue(root: string = PACKAGE_ROOT): Promise<Catalogue> {
  const snapshot = readSnapshot(root);
  if (snapshot) {
    const catalogue = new Catalogue(snapshot, root);
    if (learnFromBuild(catalogue, snapshot, root)) return catalogue;
    // The training sets changed since the build: read from eval/ (YAML parser loaded now).
    const { readExamples } = await import('./examples.js');
    catalogue.learnFrom(() => readExamples(root));
    return catalogue;
  }
  const { loadCatalogue } = await import('./catalogue.js');
  return loadCatalogue({ root, validate: true });
}

/**
 * Entry points to get a catalogue. Both start from the build's snapshot (dist/catalogue.json)
 * when its fingerprint matches the grid files — they were validated when it was built — and
 * otherwise read and validate the files themselves. `loadCatalogue` is synchronous (it loads the
 * YAML parser and schemas with the module); `openCatalogue` (src/grids/open.ts) loads them only
 * when the snapshot cannot be used, for programs that start often.
 */
import { Catalogue } from './convention.js';
import { compileCatalogue } from './compile.js';
import { readExamples, readTraining } from './examples.js';
import { PACKAGE_ROOT } from './folders.js';
import { learnFromBuild, readSnapshot } from './snapshot.js';

export { Catalogue, Convention, Grid, type GridSummary } from './convention.js';
export { PACKAGE_ROOT, conventionFolders } from './folders.js';

export interface LoadOptions {
  /** Folder holding `grids/` and `texts/`; defaults to the package root. */
  root?: string;
  /** Load only these IDCC (folders are named `<idcc>-<slug>`). */
  only?: readonly string[];
  /** Read and validate the grid files even when a matching snapshot exists. */
  validate?: boolean;
}

/** The catalogue; throws GridFileError (file, path, line) on bad data. */
export function loadCatalogue(options: LoadOptions = {}): Catalogue {
  const root = options.root ?? PACKAGE_ROOT;
  if (!options.validate && !options.only && root === PACKAGE_ROOT) {
    const snapshot = readSnapshot(root);
    if (snapshot) {
      const catalogue = new Catalogue(snapshot, root);
      if (!learnFromBuild(catalogue, snapshot, root)) catalogue.learnFrom(() => readExamples(root));
      return catalogue;
    }
  }
  const catalogue = new Catalogue(compileCatalogue(root, options.only), root);
  // The list is checked now (a held-out set named there is an error); the sets are read on first use.
  readTraining(root);
  catalogue.learnFrom(() => readExamples(root));
  return catalogue;
}

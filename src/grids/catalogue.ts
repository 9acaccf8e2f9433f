/**
 * Entry points to get a catalogue. `loadCatalogue` always reads and validates the grid files;
 * `openCatalogue` starts from the build's snapshot when it matches the files, and falls back to
 * the same validation otherwise (the YAML parser and schemas are then loaded on demand).
 */
import { Catalogue } from './convention.js';
import { compileCatalogue } from './compile.js';
import { PACKAGE_ROOT } from './folders.js';

export { Catalogue, Convention, Grid, type GridSummary } from './convention.js';
export { PACKAGE_ROOT, conventionFolders } from './folders.js';

export interface LoadOptions {
  /** Folder holding `grids/` and `texts/`; defaults to the package root. */
  root?: string;
  /** Load only these IDCC (folders are named `<idcc>-<slug>`). */
  only?: readonly string[];
}

/** Reads, validates and cross-checks every grid file. Throws GridFileError on bad data. */
export function loadCatalogue(options: LoadOptions = {}): Catalogue {
  const root = options.root ?? PACKAGE_ROOT;
  return new Catalogue(compileCatalogue(root, options.only), root);
}

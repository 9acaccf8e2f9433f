/**
 * Reads the grid folders (YAML), validates them against the schemas and checks their
 * cross-references: the slow, thorough path. Its output is plain data that the catalogue is
 * built from, and that the build stores as a snapshot so that start-up needs no YAML parser.
 */
import { join } from 'node:path';
import { convention as conventionSchema, grid as gridSchema, lexicon as lexiconSchema, type ConventionFile, type GridFile, type Lexicon } from '../model/schema.js';
import { GridFileError } from './errors.js';
import { conventionFolders } from './folders.js';
import { readYaml } from './read-yaml.js';
import { checkConventionReferences, checkGridReferences } from './references.js';
import { fingerprint } from './snapshot.js';

export interface ConventionData {
  folder: string;
  file: ConventionFile;
  /** Oldest first, as listed in convention.yaml. */
  grids: GridFile[];
  lexicon: Lexicon;
}

export interface CatalogueData {
  /** Hash of every grid file: a snapshot is used only while it matches the files. */
  fingerprint: string;
  conventions: ConventionData[];
}

export function compileConvention(root: string, folder: string): ConventionData {
  const rel = (f: string) => `grids/${folder}/${f}`;
  const conv = readYaml(join(root, rel('convention.yaml')), conventionSchema, rel('convention.yaml'));
  checkConventionReferences(conv.data, root, rel('convention.yaml'), conv.locate);
  const grids: GridFile[] = [];
  for (const name of conv.data.grids) {
    const parsed = readYaml(join(root, rel(name)), gridSchema, rel(name));
    checkGridReferences(parsed.data, conv.data, rel(name), parsed.locate, grids);
    const previous = grids.at(-1);
    if (previous && parsed.data.effectiveFrom <= previous.effectiveFrom) {
      throw new GridFileError(rel(name), [
        { path: 'effectiveFrom', line: parsed.locate(['effectiveFrom']), message: `les grilles doivent être listées de la plus ancienne à la plus récente (${previous.id} commence le ${previous.effectiveFrom})` },
      ]);
    }
    grids.push(parsed.data);
  }
  const lexicon = conv.data.lexicon ? readYaml(join(root, rel(conv.data.lexicon)), lexiconSchema, rel(conv.data.lexicon)).data : { entries: [] };
  return { folder, file: conv.data, grids, lexicon };
}

export function compileCatalogue(root: string, only?: readonly string[]): CatalogueData {
  const folders = conventionFolders(root).filter((f) => !only || only.some((idcc) => f.startsWith(`${idcc}-`)));
  const conventions = folders.map((folder) => compileConvention(root, folder));
  const seen = new Set<string>();
  for (const c of conventions) {
    if (seen.has(c.file.idcc)) throw new GridFileError('grids/', [{ path: '', message: `IDCC ${c.file.idcc} déclaré dans deux dossiers` }]);
    seen.add(c.file.idcc);
  }
  return { fingerprint: fingerprint(root), conventions };
}

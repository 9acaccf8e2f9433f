/**
 * The catalogue: every convention folder of `grids/`, validated and cross-checked at load, with
 * the links of the text resolved ("Mêmes fonctions que précédent", grid versions and their dates).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convention as conventionSchema, grid as gridSchema, type ConventionFile, type GridFile } from '../model/schema.js';
import { addDays, type IsoDate } from './dates.js';
import { GridFileError } from './errors.js';
import { Grid } from './grid.js';
import { readYaml } from './read-yaml.js';
import { checkConventionReferences, checkGridReferences } from './references.js';

export { Grid } from './grid.js';

/** Root of the package: `grids/` and `texts/` sit there both in the checkout and once built. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface GridSummary {
  id: string;
  title: string;
  effectiveFrom: IsoDate;
  effectiveTo: IsoDate | null;
}

export class Convention {
  readonly idcc: string;
  readonly title: string;
  readonly shortTitle: string;
  readonly kali: string;
  readonly naf: readonly string[];
  readonly documents: ConventionFile['documents'];
  /** Oldest first. */
  readonly grids: readonly Grid[];
  private readonly texts = new Map<string, string>();

  constructor(
    file: ConventionFile,
    grids: Grid[],
    private readonly root: string,
  ) {
    this.idcc = file.idcc;
    this.title = file.title;
    this.shortTitle = file.shortTitle;
    this.kali = file.kali;
    this.naf = file.naf;
    this.documents = file.documents;
    this.grids = grids;
  }

  get legifranceUrl(): string {
    return `https://www.legifrance.gouv.fr/conv_coll/id/${this.kali}`;
  }

  grid(id: string): Grid | undefined {
    return this.grids.find((g) => g.id === id);
  }

  /** The grid in force on `date`: the latest whose effective period contains it. */
  gridAt(date: IsoDate): Grid | undefined {
    for (let i = this.grids.length - 1; i >= 0; i--) {
      const g = this.grids[i]!;
      if (g.effectiveFrom <= date && (g.effectiveTo === null || date <= g.effectiveTo)) return g;
    }
    return undefined;
  }

  /** Full text of a cited document, read on first use. */
  documentText(docId: string): string {
    let text = this.texts.get(docId);
    if (text === undefined) {
      const doc = this.documents.find((d) => d.id === docId);
      if (!doc) throw new Error(`document inconnu pour l'IDCC ${this.idcc} : ${docId}`);
      text = readFileSync(join(this.root, doc.file), 'utf8');
      this.texts.set(docId, text);
    }
    return text;
  }
}

export class Catalogue {
  constructor(readonly conventions: readonly Convention[]) {}

  convention(idcc: string): Convention | undefined {
    return this.conventions.find((c) => c.idcc === idcc);
  }
}

export interface LoadOptions {
  /** Folder holding `grids/` and `texts/`; defaults to the package root. */
  root?: string;
  /** Load only these IDCC (folders are named `<idcc>-<slug>`). */
  only?: readonly string[];
}

/** Convention folders under `<root>/grids`, sorted. */
export function conventionFolders(root: string = PACKAGE_ROOT): string[] {
  const gridsDir = join(root, 'grids');
  return readdirSync(gridsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(gridsDir, d.name, 'convention.yaml')))
    .map((d) => d.name)
    .sort();
}

/** Loads and validates every convention under `<root>/grids`. Throws GridFileError on bad data. */
export function loadCatalogue(options: LoadOptions = {}): Catalogue {
  const root = options.root ?? PACKAGE_ROOT;
  const only = options.only;
  const folders = conventionFolders(root).filter((f) => !only || only.some((idcc) => f.startsWith(`${idcc}-`)));
  const conventions = folders.map((folder) => loadConvention(root, folder));
  const seen = new Set<string>();
  for (const c of conventions) {
    if (seen.has(c.idcc)) throw new GridFileError(`grids/`, [{ path: '', message: `IDCC ${c.idcc} déclaré deux fois` }]);
    seen.add(c.idcc);
  }
  return new Catalogue(conventions);
}

export function loadConvention(root: string, folder: string): Convention {
  const rel = (f: string) => `grids/${folder}/${f}`;
  const convFile = readYaml(join(root, rel('convention.yaml')), conventionSchema, rel('convention.yaml'));
  checkConventionReferences(convFile.data, root, rel('convention.yaml'), convFile.locate);

  const files: { name: string; data: GridFile }[] = [];
  for (const name of convFile.data.grids) {
    const parsed = readYaml(join(root, rel(name)), gridSchema, rel(name));
    checkGridReferences(parsed.data, convFile.data, rel(name), parsed.locate, files.map((f) => f.data));
    files.push({ name, data: parsed.data });
  }
  const grids = files.map(({ name, data }, i) => {
    const next = files[i + 1]?.data;
    if (next && next.effectiveFrom <= data.effectiveFrom) {
      throw new GridFileError(rel(name), [
        { path: 'effectiveFrom', message: `les grilles doivent être listées de la plus ancienne à la plus récente (${next.id} commence le ${next.effectiveFrom})` },
      ]);
    }
    // A grid ends the day before the next one starts, unless the text gives its own end.
    const effectiveTo = data.effectiveTo ?? (next ? addDays(next.effectiveFrom, -1) : null);
    return new Grid(data, convFile.data.idcc, effectiveTo);
  });
  return new Convention(convFile.data, grids, root);
}

/**
 * Reads the grid folders (YAML), validates them against the schemas and checks their
 * cross-references: the slow, thorough path. Its output is plain data that the catalogue is
 * built from, and that the build stores as a snapshot so that start-up needs no YAML parser.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { abbreviationList, frenchFile, frenchWordsFile, convention as conventionSchema, grid as gridSchema, lexicon as lexiconSchema, type Abbreviations, type FrenchFile, type ConventionFile, type GridFile, type Lexicon } from '../model/schema.js';
import { smicFile, wagesFile, type SmicFile, type WageScale } from '../model/wages.js';
import { GridFileError, type GridProblem } from './errors.js';
import { checkCotationCues } from './cotation-cues.js';
import { conventionFolders } from './folders.js';
import { readYaml } from './read-yaml.js';
import { checkConventionReferences, checkGridReferences } from './references.js';
import { FRENCH_WORDS_FILE } from '../text/french-words.js';
import { ABBREVIATIONS_FILE, fingerprint, FRENCH_FILE } from './snapshot.js';

export interface ConventionData {
  folder: string;
  file: ConventionFile;
  /** Oldest first, as listed in convention.yaml. */
  grids: GridFile[];
  lexicon: Lexicon;
  /** Minimum wage scales, oldest first. */
  wages: WageScale[];
  /** Search indexes by grid id, added by the build to the snapshot. */
  searchIndexes?: Record<string, unknown>;
}

export interface CatalogueData {
  /** Hash of every grid file: a snapshot is used only while it matches the files. */
  fingerprint: string;
  /**
   * Sizes and dates of eval/training.json and the sets it lists when the build wrote
   * dist/examples.json (see `examplesStamp`): those examples are used while it matches.
   */
  examplesStamp?: string;
  conventions: ConventionData[];
  /** National minimum wage by date (law/smic.yaml). */
  smic: SmicFile;
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
  const lexicon = conv.data.lexicon ? readLexicon(root, rel(conv.data.lexicon), grids.at(-1)) : { abbreviations: {}, titles: [], entries: [] };
  const wages = conv.data.wages ? readWages(root, rel(conv.data.wages), conv.data, grids) : [];
  return { folder, file: conv.data, grids, lexicon, wages };
}

export function compileCatalogue(root: string, only?: readonly string[]): CatalogueData {
  const folders = conventionFolders(root).filter((f) => !only || only.some((idcc) => f.startsWith(`${idcc}-`)));
  const shared = readAbbreviations(root);
  checkFrenchWords(root);
  const conventions = folders.map((folder) => compileConvention(root, folder));
  const french = withPeople(readFrench(root), conventions.map((c) => c.lexicon.people));
  // The branch's own shorthand wins over the shared list.
  for (const c of conventions) c.lexicon = { ...c.lexicon, abbreviations: { ...shared, ...c.lexicon.abbreviations }, ...(french ? { french } : {}) };
  const seen = new Set<string>();
  for (const c of conventions) {
    if (seen.has(c.file.idcc)) throw new GridFileError('grids/', [{ path: '', message: `IDCC ${c.file.idcc} déclaré dans deux dossiers` }]);
    seen.add(c.file.idcc);
  }
  const smicPath = join(root, 'law', 'smic.yaml');
  const smic = existsSync(smicPath) ? readYaml(smicPath, smicFile, 'law/smic.yaml').data : { title: 'SMIC', rates: [] };
  return { fingerprint: fingerprint(root), conventions, smic };
}

/** The shorthand shared by every branch (grids/abbreviations.yaml), empty without the file. */
function readAbbreviations(root: string): Abbreviations {
  const file = join(root, ABBREVIATIONS_FILE);
  return existsSync(file) ? readYaml(file, abbreviationList, ABBREVIATIONS_FILE).data.abbreviations : {};
}

/**
 * The words of the text normalizer (grids/french-words.yaml): read by src/text/french-words.ts,
 * which may not import the schema, so checked here with the other grid files.
 */
function checkFrenchWords(root: string): void {
  const file = join(root, FRENCH_WORDS_FILE);
  if (existsSync(file)) readYaml(file, frenchWordsFile, FRENCH_WORDS_FILE);
}

/** The general French of descriptions (grids/french.yaml), undefined without the file. */
function readFrench(root: string): FrenchFile | undefined {
  const file = join(root, FRENCH_FILE);
  return existsSync(file) ? readYaml(file, frenchFile, FRENCH_FILE).data : undefined;
}

/** The general French with every branch's people as its `trades`. */
function withPeople(french: FrenchFile | undefined, people: readonly (Lexicon['people'] | undefined)[]): FrenchFile | undefined {
  if (!french) return undefined;
  const trades = { others: [] as string[], qualifiers: [] as string[], team: [] as string[], members: [] as string[] };
  for (const p of people) if (p) for (const key of ['others', 'qualifiers', 'team', 'members'] as const) trades[key].push(...p[key]);
  return { ...french, trades };
}

/** A lexicon whose `titles` name jobs of the grid in force. */
function readLexicon(root: string, file: string, current: GridFile | undefined): Lexicon {
  const parsed = readYaml(join(root, file), lexiconSchema, file);
  const titles = new Set(current?.jobs.flatMap((j) => [j.title, ...(j.aliases ?? [])]) ?? []);
  const problems: GridProblem[] = parsed.data.titles
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => !titles.has(t.job))
    .map(({ t, i }) => ({ path: `titles.${i}.job`, line: parsed.locate(['titles', i, 'job']), message: `emploi inconnu de la grille en vigueur : ${t.job}` }));
  if (parsed.data.french) problems.push({ path: 'french', line: parsed.locate(['french']), message: 'réservé : rempli au chargement depuis grids/french.yaml' });
  if (parsed.data.cotation) problems.push(...checkCotationCues(parsed.data.cotation, current, (path) => parsed.locate(path)));
  if (problems.length > 0) throw new GridFileError(file, problems);
  return parsed.data;
}

function readWages(root: string, file: string, conv: ConventionFile, grids: GridFile[]): WageScale[] {
  const parsed = readYaml(join(root, file), wagesFile, file);
  const problems: GridProblem[] = [];
  const docs = new Set(conv.documents.map((d) => d.id));
  const add = (path: (string | number)[], message: string) => problems.push({ path: path.join('.'), line: parsed.locate(path), message });
  parsed.data.scales.forEach((scale, i) => {
    const grid = grids.find((g) => g.id === scale.grid);
    if (!grid) add(['scales', i, 'grid'], `grille inconnue : ${scale.grid}`);
    if (!docs.has(scale.source.doc)) add(['scales', i, 'source', 'doc'], `document non déclaré : ${scale.source.doc}`);
    if (scale.comparedPay && !docs.has(scale.comparedPay.source.doc)) add(['scales', i, 'comparedPay', 'source', 'doc'], `document non déclaré : ${scale.comparedPay.source.doc}`);
    scale.rows.forEach((row, k) => {
      if (grid && !grid.positions.some((p) => p.code === row.position)) add(['scales', i, 'rows', k, 'position'], `position inconnue dans ${scale.grid} : ${row.position}`);
      if (row.source && !docs.has(row.source.doc)) add(['scales', i, 'rows', k, 'source', 'doc'], `document non déclaré : ${row.source.doc}`);
    });
  });
  if (problems.length > 0) throw new GridFileError(file, problems);
  return [...parsed.data.scales].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
}

/**
 * The catalogue: every convention, its documents and its grid versions with their dates, built
 * from validated data (src/grids/compile.ts). Kept free of the YAML parser and of the schemas,
 * so that the command line starts fast from the build's snapshot.
 */
import type { ExampleSet } from '../model/examples.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConventionFile } from '../model/schema.js';
import type { SmicFile, WageScale } from '../model/wages.js';
import type { CatalogueData, ConventionData } from './compile.js';
import { addDays, type IsoDate } from './dates.js';
import { Grid } from './grid.js';
import { inForceAt } from './in-force.js';

export { Grid } from './grid.js';

export interface GridSummary {
  id: string;
  title: string;
  effectiveFrom: IsoDate;
  effectiveTo: IsoDate | null;
  /** The day the grid was last checked against the official texts. */
  lastVerified: IsoDate;
}

export class Convention {
  readonly idcc: string;
  readonly title: string;
  readonly shortTitle: string;
  readonly kali: string;
  readonly naf: readonly string[];
  /** Where a text states the NAF codes of the champ d'application, when one does. */
  readonly nafSource: ConventionFile['nafSource'];
  /** Where a text asks for women and men by position to be followed, when one does. */
  readonly sexSpreadSource: ConventionFile['sexSpreadSource'];
  /** This convention's row of the staff-list template. */
  readonly auditSample: ConventionFile['auditSample'];
  readonly documents: ConventionFile['documents'];
  /** Oldest first. */
  readonly grids: readonly Grid[];
  /** Minimum wage scales, oldest first. */
  readonly wageScales: readonly WageScale[];
  private readonly texts = new Map<string, string>();

  constructor(
    data: ConventionData,
    private readonly root: string,
  ) {
    const file = data.file;
    this.idcc = file.idcc;
    this.title = file.title;
    this.shortTitle = file.shortTitle;
    this.kali = file.kali;
    this.naf = file.naf;
    this.nafSource = file.nafSource;
    this.sexSpreadSource = file.sexSpreadSource;
    this.auditSample = file.auditSample;
    this.documents = file.documents;
    this.wageScales = data.wages;
    this.grids = data.grids.map((g, i) => {
      const next = data.grids[i + 1];
      // A grid ends the day before the next one starts, unless the text gives its own end.
      return new Grid(g, file.idcc, g.effectiveTo ?? (next ? addDays(next.effectiveFrom, -1) : null), data.lexicon, data.searchIndexes?.[g.id]);
    });
  }

  /** Where the examples of this convention come from, read once on first use. */
  learnFrom(load: () => ExampleSet | undefined): void {
    let set: ExampleSet | undefined | null = null;
    const once = () => (set === null ? (set = load()) : set);
    for (const g of this.grids) {
      // The labels name the jobs of the grid in force at their date: only that grid learns from them.
      g.examples = () => {
        const s = once();
        return s && this.gridAt(s.at) === g ? s.cases : [];
      };
    }
  }

  get legifranceUrl(): string {
    return `https://www.legifrance.gouv.fr/conv_coll/id/${this.kali}`;
  }

  grid(id: string): Grid | undefined {
    return this.grids.find((g) => g.id === id);
  }

  /** The grid in force on `date`: the latest whose effective period contains it. */
  gridAt(date: IsoDate): Grid | undefined {
    return inForceAt(this.grids, date, (g) => g.effectiveFrom, (g) => g.effectiveTo);
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

/**
 * A convention's data, or how to read it on first use: the build's snapshot parses a convention
 * only when it is asked for (a command about one convention reads a fifth of the catalogue).
 */
export type ConventionSource = ConventionData | { idcc: string; read: () => ConventionData };

/** The catalogue's data, each convention given or read on first use (src/grids/snapshot.ts). */
export type CatalogueSource = Omit<CatalogueData, 'conventions'> & { conventions: readonly ConventionSource[] };

export class Catalogue {
  readonly smic: SmicFile;
  private readonly slots: { idcc: string; source: ConventionSource; convention?: Convention }[];
  /** What every convention gets when it is built (where its examples and built indexes come from). */
  private readonly setups: ((c: Convention) => void)[] = [];
  private all?: readonly Convention[];

  constructor(
    data: CatalogueSource,
    private readonly root: string,
  ) {
    this.slots = data.conventions.map((source) => ({ idcc: 'read' in source ? source.idcc : source.file.idcc, source }));
    this.smic = data.smic;
  }

  /** Every convention, in catalogue order. */
  get conventions(): readonly Convention[] {
    return (this.all ??= this.slots.map((slot) => this.built(slot)));
  }

  convention(idcc: string): Convention | undefined {
    const slot = this.slots.find((s) => s.idcc === idcc);
    return slot && this.built(slot);
  }

  private built(slot: Catalogue['slots'][number]): Convention {
    if (!slot.convention) {
      const c = new Convention('read' in slot.source ? slot.source.read() : slot.source, this.root);
      for (const setup of this.setups) setup(c);
      slot.convention = c;
    }
    return slot.convention;
  }

  /** Applies `setup` to every convention: those built now, the others when they are. */
  eachConvention(setup: (c: Convention) => void): void {
    this.setups.push(setup);
    for (const slot of this.slots) if (slot.convention) setup(slot.convention);
  }

  /** Where the matcher's examples come from (by IDCC), read once, on the first description matched. */
  learnFrom(load: () => ReadonlyMap<string, ExampleSet>): void {
    let all: ReadonlyMap<string, ExampleSet> | undefined;
    this.eachConvention((c) => c.learnFrom(() => (all ??= load()).get(c.idcc)));
  }
}

import type { GridFile, Job, Lexicon, Position, Status, Track } from '../model/schema.js';
import type { Example } from '../model/examples.js';
import type { IsoDate } from './dates.js';

/** Facts of the cotation's criteria that declare no values get one per degree (definition and cues), and the glossary as help. */
function withCotationValues(data: GridFile): GridFile['facts'] {
  const criteria = new Map((data.cotation?.criteria ?? []).map((c) => [c.fact, c]));
  return data.facts.map((f) => {
    const criterion = criteria.get(f.id);
    if (!criterion || f.values) return f;
    const values = criterion.degrees.map((d) => ({ id: String(d.degree), label: `Degré ${d.degree} : ${d.text}`, ...(d.cues ? { cues: d.cues } : {}) }));
    const glossary = criterion.glossary.map((g) => `${g.term} : ${g.definition}`).join(' ; ');
    return { ...f, values, ...(f.help === undefined && glossary ? { help: `Glossaire du texte — ${glossary}` } : {}) };
  });
}

/** One version of a classification, with lookups and the resolved links of its jobs. */
export class Grid {
  readonly idcc: string;
  readonly id: string;
  readonly title: string;
  readonly signed: IsoDate;
  /** The day the grid was last checked against the official texts. */
  readonly lastVerified: IsoDate;
  readonly effectiveFrom: IsoDate;
  readonly effectiveFromReason: string;
  /** Last day in force, or null while in force. */
  readonly effectiveTo: IsoDate | null;
  readonly supersedes: string | undefined;
  readonly mandatoryFrom: IsoDate | undefined;
  /** See the schema: the date the grid binds non-members, null when unknown; undefined when the same for all. */
  readonly nonMembersFrom: IsoDate | null | undefined;
  readonly nonMembersReason: string | undefined;
  readonly extension: GridFile['extension'];
  readonly source: GridFile['source'];
  readonly notes: GridFile['notes'];
  readonly criteria: GridFile['criteria'];
  readonly levels: GridFile['levels'];
  readonly competences: GridFile['competences'];
  readonly tracks: GridFile['tracks'];
  readonly positions: GridFile['positions'];
  readonly jobs: GridFile['jobs'];
  readonly rules: GridFile['rules'];
  readonly transpositions: GridFile['transpositions'];
  readonly facts: GridFile['facts'];
  readonly cotation: GridFile['cotation'];
  /**
   * Labelled descriptions of this grid's jobs, for the matcher's learned signal (from the sets
   * eval/training.json lists, read on first use: most programs never match a description).
   */
  get examples(): readonly Example[] {
    if (typeof this.exampleList === 'function') this.exampleList = this.exampleList();
    return this.exampleList;
  }

  set examples(list: readonly Example[] | (() => readonly Example[])) {
    this.exampleList = list;
  }

  private exampleList: readonly Example[] | (() => readonly Example[]) = [];
  private builtMatcherLoader?: () => unknown;

  private readonly jobsById: Map<string, Job>;
  private readonly positionsByCode: Map<string, Position>;
  private readonly tracksById: Map<string, Track>;
  /** Grid order of each position: track by track (as the grid lists them), by rank within a track. */
  private readonly positionOrder: Map<string, number>;

  constructor(
    data: GridFile,
    idcc: string,
    effectiveTo: IsoDate | null,
    /** The branch's working vocabulary, for matching descriptions (not law). */
    readonly lexicon: Lexicon = { abbreviations: {}, titles: [], entries: [] },
    /** The title-search index the build computed for this grid, when loaded from the snapshot. */
    readonly searchIndex?: unknown,
  ) {
    this.idcc = idcc;
    this.id = data.id;
    this.title = data.title;
    this.signed = data.signed;
    this.lastVerified = data.lastVerified;
    this.effectiveFrom = data.effectiveFrom;
    this.effectiveFromReason = data.effectiveFromReason;
    this.effectiveTo = effectiveTo;
    this.supersedes = data.supersedes;
    this.mandatoryFrom = data.mandatoryFrom;
    this.nonMembersFrom = data.nonMembersFrom;
    this.nonMembersReason = data.nonMembersReason;
    this.extension = data.extension;
    this.source = data.source;
    this.notes = data.notes;
    this.criteria = data.criteria;
    this.levels = data.levels;
    this.competences = data.competences;
    this.tracks = data.tracks;
    this.positions = data.positions;
    this.jobs = data.jobs;
    this.rules = data.rules;
    this.transpositions = data.transpositions;
    this.cotation = data.cotation;
    this.facts = withCotationValues(data);
    this.jobsById = new Map(data.jobs.map((j) => [j.id, j]));
    this.positionsByCode = new Map(data.positions.map((p) => [p.code, p]));
    this.tracksById = new Map(data.tracks.map((t) => [t.id, t]));
    // Ranks are comparable within one track only (parallel tracks each start at 1): grid order
    // keeps each track's positions together, in the order the grid first lists a track.
    const trackIndex = new Map<string | undefined, number>();
    for (const p of data.positions) if (!trackIndex.has(p.track)) trackIndex.set(p.track, trackIndex.size);
    const ordered = [...data.positions].sort((a, b) => trackIndex.get(a.track)! - trackIndex.get(b.track)! || a.rank - b.rank);
    this.positionOrder = new Map(ordered.map((p, i) => [p.code, i]));
  }

  summary(): { id: string; title: string; effectiveFrom: IsoDate; effectiveTo: IsoDate | null; lastVerified: IsoDate } {
    return { id: this.id, title: this.title, effectiveFrom: this.effectiveFrom, effectiveTo: this.effectiveTo, lastVerified: this.lastVerified };
  }

  job(id: string): Job | undefined {
    return this.jobsById.get(id);
  }

  position(code: string): Position | undefined {
    return this.positionsByCode.get(code);
  }

  track(id: string): Track | undefined {
    return this.tracksById.get(id);
  }

  /** The track and its parents, outermost first (Studios hors grand public › Postproduction). */
  trackPath(id: string): Track[] {
    const path: Track[] = [];
    for (let t = this.track(id); t; t = t.parent ? this.track(t.parent) : undefined) path.unshift(t);
    return path;
  }

  /** "Filière studios hors grand public › Postproduction". */
  trackLabel(id: string): string {
    return this.trackPath(id)
      .map((t) => t.title)
      .join(' › ');
  }

  /** The jobs whose duties a job includes, nearest last, then the job itself. */
  jobLineage(id: string): Job[] {
    const lineage: Job[] = [];
    for (let j = this.job(id); j; j = j.inherits ? this.job(j.inherits) : undefined) lineage.unshift(j);
    return lineage;
  }

  /** Full duties of a job: inherited ones first, as "Mêmes fonctions que précédent" means. */
  jobDuties(id: string): string[] {
    return this.jobLineage(id).flatMap((j) => j.duties);
  }

  /** Distinct statuses of the positions a job may take, lowest first. */
  jobStatuses(job: Job): Status[] {
    const statuses: Status[] = [];
    for (const code of this.sortPositions(job.positions)) {
      const s = this.position(code)?.status;
      if (s && !statuses.includes(s)) statuses.push(s);
    }
    return statuses;
  }

  /** Position codes in grid order: by rank within a track, the tracks in the order the grid lists them. */
  sortPositions(codes: readonly string[]): string[] {
    return [...codes].sort((a, b) => (this.positionOrder.get(a) ?? 0) - (this.positionOrder.get(b) ?? 0));
  }

  /**
   * Whether two positions stand on one ladder, so that their ranks compare: same track, a track and
   * its sub-track, or a position shared by every track (no track). Parallel tracks do not compare.
   */
  comparable(a: Position, b: Position): boolean {
    if (!a.track || !b.track) return true;
    const within = (id: string, ancestor: string) => this.trackPath(id).some((t) => t.id === ancestor);
    return within(a.track, b.track) || within(b.track, a.track);
  }

  /**
   * Where the description matcher's indexes the build stored for this grid can be read (opaque
   * here, read by src/match on the first description matched).
   */
  offerBuiltMatcher(load: () => unknown): void {
    this.builtMatcherLoader = load;
  }

  builtMatcher(): unknown {
    return this.builtMatcherLoader?.();
  }
}

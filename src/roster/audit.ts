/**
 * Audits a staff list at a date: for every row, whether its classification holds, and why not,
 * each finding citing the text. Streaming: findings go to a sink as rows are read, and what is
 * kept per row is bounded (caches of what repeats: conventions, positions, job titles, facts).
 * The checks reuse the classification engine; none of them names a convention.
 */
import { findConvention } from '../grids/lookup.js';
import { formatDateFr } from '../model/french-date.js';
import { InputError } from '../model/input-error.js';
import { searchGrid } from '../match/grid-search.js';
import { classify } from '../classify/classify.js';
import type { FactValue } from '../classify/conditions.js';
import type { ClassifyResult } from '../classify/types.js';
import { transpose } from '../classify/transpose.js';
import { verdictOf } from '../classify/rules.js';
import type { Catalogue, Convention } from '../grids/convention.js';
import { addDuration, formatDuration, type IsoDate } from '../grids/dates.js';
import type { Grid } from '../grids/grid.js';
import { STATUS_LABELS } from '../model/labels.js';
import type { ReasonCode } from '../model/reason.js';
import { reasonText } from '../model/reasons-fr.js';
import type { Fact, Position, Rule, RuleOfKind, Source } from '../model/schema.js';
import { STATUSES } from '../model/status.js';
import type { WageScale } from '../model/wages.js';
import { foldAccents, normalizeText } from '../text/normalize.js';
import { columnName, COLUMN_HELP, mapHeaders, REQUIRED, type Column, type ColumnMapping, type HeaderMap } from './columns.js';
import { CoverageCounters, type Counter, type Coverage } from './coverage.js';
import { conventionalMinimum, scaleFrom, smicAt, type Membership } from './minimum.js';
import { outdatedScaleNote, outdatedSmicNote } from './outdated-minimum.js';
import { COVERED_RULES, type RuleId, type Severity } from './rule-ids.js';
import { wageFinding, type WageCheck } from './wage-finding.js';
import { workingTime } from './working-time.js';
import { CellsCache, hash53, LineIndex, type LineTable } from './line-index.js';
import { detach, type RowCells } from './cells.js';
import type { RosterSource } from './read.js';
import { parsePositionText, vocabularyOf, type PositionVocabulary } from './dsn/position-text.js';
import { cellGetter, dateCellNumber, isoOfDayNumber, parseFrenchNumber, parseSex, readStatic, STATIC_COLUMNS, type CellError, type DayNumber, type StaticFields } from './row.js';

export { RULE_IDS, SEVERITIES, type RuleId, type Severity } from './rule-ids.js';
export type { Coverage, RuleCoverage } from './coverage.js';

/**
 * On a finding built from one shared by many rows (same position, same day): that shared finding.
 * A symbol, so that JSON and copies between threads leave it out; writers use it to format the
 * shared part once.
 */
export const SHARED_FINDING: unique symbol = Symbol('classif.shared-finding');

export interface Finding {
  [SHARED_FINDING]?: object;
  line: number;
  matricule: string;
  idcc?: string;
  /** The employee's name, when the file has it. */
  name?: string;
  rule: RuleId;
  severity: Severity;
  message: string;
  expected?: string[] | number | string;
  /** Date something became due (a promotion, the new grid). */
  dueDate?: IsoDate;
  source: Source;
}

/**
 * A finding that can be kept once its rows are gone (samples for a report, the first ones shown):
 * its texts may be cut from a block of the file, which they would otherwise keep in memory.
 */
export function keepable(f: Finding): Finding {
  const out: Finding = { ...f, matricule: detach(f.matricule), message: detach(f.message) };
  if (f.name !== undefined) out.name = detach(f.name);
  if (f.source.doc === 'fichier-importe') out.source = { ...f.source, quote: detach(f.source.quote) };
  return out;
}

export interface HeadcountRow {
  idcc: string;
  position: string;
  status: string | null;
  total: number;
  F: number;
  H: number;
}

export interface AuditSummary {
  at: IsoDate;
  format: string;
  encoding: string;
  delimiter?: string;
  /** Data rows read, good or bad. */
  rows: number;
  rowsInError: number;
  /** Rows with at least one error or warning. */
  employeesWithFindings: number;
  findings: number;
  byRule: Partial<Record<RuleId, number>>;
  bySeverity: Partial<Record<Severity, number>>;
  byConvention: Record<string, { rows: number; withFindings: number; findings: number }>;
  headcount: HeadcountRow[];
  hasSex: boolean;
  unknownColumns: string[];
  notes: string[];
  /** Per rule: rows checked, checked on an assumption, and not checked with the reason. */
  coverage: Coverage;
}

/** Words of the messages that point to a way of doing something, which differs between the CLI and the web. */
export interface AuditWording {
  /** How to see the expected columns. */
  template: string;
  /** How to tell which column a header is. */
  mapping: string;
  /** How to load a wage scale. */
  wages: string;
}

export const WEB_WORDING: AuditWording = {
  template: 'téléchargez le modèle de liste depuis la page des audits',
  mapping: "associez vos en-têtes aux colonnes attendues à l'étape « Colonnes » avant de lancer l'audit",
  wages: 'chargez le barème depuis la page des audits, rubrique « Barèmes de salaires »',
};

export interface AuditOptions {
  at: IsoDate;
  catalogue: Catalogue;
  /** Scales loaded by the user, by IDCC, next to the shipped ones. */
  userScales?: ReadonlyMap<string, WageScale[]>;
  /** The user's choices for headers the synonyms do not know. */
  mapping?: ColumnMapping;
  /** Whether the employer is a member of the signatory organisations (unknown by default). */
  membership?: Membership;
  /** The CLI's words instead of the web's. */
  wording?: AuditWording;
  onProgress?: (rows: number) => void;
}

/** Whether a grid binds every employer at `at`, members of the signatory organisations or not. */
function bindsNonMembers(grid: Grid, at: IsoDate): boolean {
  return grid.nonMembersFrom === undefined || (grid.nonMembersFrom !== null && at >= grid.nonMembersFrom);
}

const FILE_SOURCE = (quote: string): Source => ({ doc: 'fichier-importe', quote });
const statusRank = (s: string) => (STATUSES as readonly string[]).indexOf(s);
/** Reasons that say why the facts require a status: the first one found is quoted in the finding. */
const STATUS_WHY: ReadonlySet<ReasonCode> = new Set(['floor', 'benchmark-floor', 'level-floor', 'condition-met', 'level-condition-met']);

type StaticFinding = Omit<Finding, 'line' | 'matricule' | 'idcc'>;

interface EntryCheck {
  rule: Rule;
  max: string;
  position: string;
  level?: string;
  /** The finding (or null: none) for each day the position was taken. */
  bySince: Map<DayNumber, StaticFinding | null>;
}

/** What a row's own cells say (see Auditor.readOwn). */
interface OwnCells {
  /** 0 when absent, -1 when unreadable. */
  datePosition: DayNumber;
  dateEntree: DayNumber;
  salaire?: number;
  tempsTravail: number;
  /** Hours per month and the full-time reference, when the share comes from hours. */
  hours?: number;
  reference?: number;
  /** How the working time was known: from the file, or assumed (forfait jours, no column). */
  work: 'file' | 'forfait' | 'none';
  sexe?: 'F' | 'H';
  errors: readonly CellError[];
}

const NO_ERRORS: readonly CellError[] = Object.freeze([]);
const DATE_ERROR = 'date invalide (format JJ/MM/AAAA ou AAAA-MM-JJ)';

interface StaticPart {
  errors: CellError[];
  fields?: StaticFields;
  conventionError?: string;
  findings: StaticFinding[];
  head?: HeadcountRow;
  entry?: EntryCheck;
  wage?: WageCheck;
  /** Coverage of the rules that depend only on these columns. */
  counters: Counter[];
  /** Why the entry period could not be checked on these rows (none applies when undefined and no entry). */
  entryUnchecked?: Counter;
  /** Why the pay could not be compared (no minimum known). */
  wageUnchecked?: Counter;
}

/** A small cache that forgets everything when full, so memory stays bounded on odd files. */
class Memo<V> {
  private map = new Map<string, V>();
  constructor(private readonly max = 20_000) {}
  get(key: string, make: () => V): V {
    let v = this.map.get(key);
    if (v === undefined && !this.map.has(key)) {
      if (this.map.size >= this.max) this.map.clear();
      v = make();
      this.map.set(key, v);
    }
    return v as V;
  }
}

interface Located {
  position: Position;
  grid: Grid;
  current: boolean;
}

export class Auditor {
  readonly summary: AuditSummary;
  /** The matricule of the last row audited (when valid), and whether it was seen for the first time. */
  readonly lastMatricule = { valid: false, key: 0, idcc: '', matricule: '', first: false };
  private headers: HeaderMap;
  private readonly seen = new LineIndex();
  /** What the repeating columns of a row say, and its own repeating cells, worked out once. */
  private readonly statics: CellsCache<StaticPart>;
  private readonly own: OwnCells = { datePosition: 0, dateEntree: 0, tempsTravail: 1, work: 'none', errors: [] };
  private readonly ownIndex: number[];
  private readonly nameIndex: [number, number];
  private readonly headcount = new Map<string, HeadcountRow>();
  private readonly notes = new Set<string>();
  private readonly convs = new Memo<Convention | InputError>(100);
  private readonly located = new Memo<Located | undefined>();
  private readonly titles = new Memo<{ jobIds: string[]; best: string | undefined; positions: string[]; title: string; score: number; uncertain: boolean } | undefined>();
  private readonly classified = new Memo<ClassifyResult | Error>();
  private readonly transposed = new Memo<ReturnType<typeof transpose> | Error>();
  private readonly factValues = new Memo<FactValue | undefined>();
  private readonly coverage = new CoverageCounters(COVERED_RULES);
  /** Coverage of the checks that depend on a row's own cells. */
  private readonly rowCounters: {
    unreadable: Counter[];
    duplicate: Counter;
    entryByDate: Counter;
    entryFromEntry: Counter;
    entryNoDate: Counter;
    wage: Counter;
    wageForfait: Counter;
    wageFullTime: Counter;
    wageNoPay: Counter;
  };
  private readonly wording: AuditWording;
  private readonly membership: Membership;
  private readonly vocabularies = new Memo<PositionVocabulary>(100);

  constructor(
    private readonly options: AuditOptions,
    source: Pick<RosterSource, 'format' | 'encoding' | 'delimiter' | 'headers'>,
  ) {
    this.summary = {
      at: options.at,
      format: source.format,
      encoding: source.encoding,
      ...(source.delimiter ? { delimiter: source.delimiter } : {}),
      rows: 0,
      rowsInError: 0,
      employeesWithFindings: 0,
      findings: 0,
      byRule: {},
      bySeverity: {},
      byConvention: {},
      headcount: [],
      hasSex: false,
      unknownColumns: [],
      notes: [],
      coverage: {},
    };
    this.wording = options.wording ?? WEB_WORDING;
    this.membership = options.membership ?? 'unknown';
    const headers = (this.headers = mapHeaders(source.headers, options.mapping));
    const missing = REQUIRED.filter((c) => headers.index[c] === undefined);
    if (missing.length > 0) {
      const found = source.headers.slice(0, 12).map((h) => `« ${h.slice(0, 40)} »`).join(', ');
      throw new InputError(
        `Ce fichier n'est pas une liste du personnel exploitable : aucun en-tête ne correspond à ${missing.map((c) => `la colonne ${c} (${COLUMN_HELP[c]})`).join(', ni à ')}. En-têtes lus : ${found || 'aucun'}${source.delimiter ? ` (séparateur détecté : « ${source.delimiter === '\t' ? 'tabulation' : source.delimiter} »)` : ''}. Si l'un de ces en-têtes est la colonne attendue, ${this.wording.mapping} ; pour la liste des colonnes, ${this.wording.template}.`,
        'invalid',
      );
    }
    // Absent columns point past the end of every record.
    // (A small integer: a larger number would turn every index into a double, and each cell read slower.)
    const indexOf = (c: Column) => headers.index[c] ?? 0x3fffffff;
    this.statics = new CellsCache(STATIC_COLUMNS.map(indexOf));
    this.ownIndex = (['matricule', 'salaire_mensuel_brut', 'date_entree', 'date_position', 'temps_travail', 'sexe', 'horaire_mensuel', 'horaire_reference', 'modalite_temps'] as const).map(indexOf);
    this.nameIndex = [indexOf('nom'), indexOf('prenom')];
    this.summary.unknownColumns = headers.unknown;
    this.summary.hasSex = headers.index.sexe !== undefined;
    const c = this.coverage;
    const name = (col: Column) => `« ${columnName(headers, col)} »`;
    const has = (col: Column) => headers.index[col] !== undefined;
    const workColumns = (['horaire_mensuel', 'temps_travail', 'modalite_temps'] as const).filter(has);
    this.rowCounters = {
      unreadable: c.none('ligne inexploitable (voir ses erreurs)'),
      duplicate: c.checked('duplicate-matricule'),
      entryByDate: c.checked('entry-period-exceeded'),
      entryFromEntry: c.assumed('entry-period-exceeded', `position supposée tenue depuis la date d'entrée (${name('date_entree')}), ${has('date_position') ? `${name('date_position')} vide` : 'aucune colonne de date de position'}`),
      entryNoDate: c.notChecked('entry-period-exceeded', `ni date de position ni date d'entrée (${[has('date_position') ? `${name('date_position')} vide` : 'aucune colonne de date de position', has('date_entree') ? `${name('date_entree')} vide` : "aucune colonne de date d'entrée"].join(', ')})`),
      wage: c.checked('below-minimum-wage'),
      wageForfait: c.assumed('below-minimum-wage', 'forfait jours, comparé à un temps plein'),
      wageFullTime: c.assumed('below-minimum-wage', workColumns.length > 0 ? `temps plein supposé (${workColumns.map((w) => `${name(w)} vide`).join(', ')})` : "temps plein supposé (aucune colonne d'horaire ni de taux d'activité)"),
      wageNoPay: c.notChecked('below-minimum-wage', has('salaire_mensuel_brut') ? `${name('salaire_mensuel_brut')} vide` : 'aucune colonne de salaire'),
    };
  }

  /** Why a check that needs `column` could not run. */
  private absent(column: Column): string {
    const i = this.headers.index[column];
    return i === undefined ? `aucune colonne ${column.replace(/_/g, ' ')} dans le fichier` : `« ${columnName(this.headers, column)} » vide`;
  }

  /** The findings of the last row: one list reused from row to row (a million rows, a million lists otherwise). */
  private readonly out: Finding[] = [];

  /** Audits one row; returns its findings (also counted in the summary), valid until the next row. */
  row(line: number, cells: RowCells, readError?: string): Finding[] {
    this.summary.rows++;
    this.lastMatricule.valid = false;
    const matriculeCell = cells.trimmed(this.ownIndex[0]!);
    const rc = this.rowCounters;
    if (readError) {
      this.out.length = 0;
      this.out.push({ line, matricule: matriculeCell, rule: 'invalid-row', severity: 'error', message: `Ligne ${line} illisible : ${readError}.`, source: FILE_SOURCE(`ligne ${line}`) });
      for (const k of rc.unreadable) k.n++;
      return this.count(this.out, undefined);
    }
    // What the repeating columns say is worked out once per distinct combination.
    let part = this.statics.get(cells);
    if (part === undefined) this.statics.set(cells, (part = this.staticPart(cellGetter(cells, this.headers))));
    const own = this.readOwn(cells, matriculeCell);
    const findings = this.out;
    findings.length = 0;
    if (part.errors.length > 0) this.cellErrors(line, matriculeCell, part, part.errors);
    if (own.errors.length > 0) this.cellErrors(line, matriculeCell, part, own.errors);
    if (!part.fields || matriculeCell === '' || part.conventionError) {
      if (part.fields && part.conventionError && matriculeCell !== '') {
        findings.push({ line, matricule: matriculeCell, idcc: part.fields.idcc, rule: 'invalid-row', severity: 'error', message: `Ligne ${line}, colonne ${this.header('idcc')} : ${part.conventionError}`, source: FILE_SOURCE(`idcc = ${part.fields.idcc}`) });
      }
      for (const k of rc.unreadable) k.n++;
      return this.named(cells, this.count(findings, undefined));
    }
    const { idcc } = part.fields;
    const matricule = matriculeCell;
    const key = hash53(idcc, matricule);
    const previous = this.seen.getOrSet(key, line);
    const last = this.lastMatricule;
    last.valid = true;
    last.key = key;
    last.idcc = idcc;
    last.matricule = matricule;
    last.first = previous === undefined;
    rc.duplicate.n++;
    if (previous !== undefined) {
      findings.push(located(line, matricule, idcc, { rule: 'duplicate-matricule', severity: 'warning', message: `Matricule ${matricule} déjà présent ligne ${previous} : deux lignes pour un même salarié ?`, source: FILE_SOURCE(`matricule = ${matricule}`) }));
    }
    for (const f of part.findings) findings.push(located(line, matricule, idcc, f, true));
    for (const k of part.counters) k.n++;
    if (part.entry) {
      // A position date wins; without one, the position is taken as held since the entry date, and the finding says so.
      const assumed = own.datePosition <= 0 && own.dateEntree > 0;
      const since = own.datePosition > 0 ? own.datePosition : own.dateEntree;
      if (since > 0) {
        (assumed ? rc.entryFromEntry : rc.entryByDate).n++;
        const entry = this.entryFinding(part.entry, since, assumed);
        if (entry) findings.push(located(line, matricule, idcc, entry, true));
      } else rc.entryNoDate.n++;
    } else if (part.entryUnchecked) part.entryUnchecked.n++;
    if (part.wage && own.salaire !== undefined) {
      (own.work === 'file' ? rc.wage : own.work === 'forfait' ? rc.wageForfait : rc.wageFullTime).n++;
      const wage = wageFinding(part.wage, own, this.options.at);
      if (wage) findings.push(located(line, matricule, idcc, wage));
    } else if (part.wageUnchecked) part.wageUnchecked.n++;
    else rc.wageNoPay.n++;
    if (part.head) {
      part.head.total++;
      if (own.sexe) part.head[own.sexe]++;
    }
    return this.named(cells, this.count(findings, part.fields.idcc));
  }

  /** The user's header of a column, quoted: « Coefficient ». */
  private header(column: Column): string {
    return `« ${columnName(this.headers, column)} »`;
  }

  /** Puts the employee's name on the row's findings (read only for rows that have some). */
  private named(cells: RowCells, findings: Finding[]): Finding[] {
    if (findings.length === 0) return findings;
    const [iNom, iPrenom] = this.nameIndex;
    const nom = cells.trimmed(iNom);
    const prenom = cells.trimmed(iPrenom);
    if (nom === '' && prenom === '') return findings;
    const name = detach(prenom === '' ? nom : nom === '' ? prenom : `${prenom} ${nom}`);
    for (const f of findings) f.name = name;
    return findings;
  }

  private cellErrors(line: number, matricule: string, part: StaticPart, errors: readonly CellError[]): void {
    for (const e of errors) {
      this.out.push({
        line,
        matricule,
        ...(part.fields ? { idcc: part.fields.idcc } : {}),
        rule: 'invalid-row',
        severity: 'error',
        message: `Ligne ${line}, colonne ${this.header(e.column)} : ${e.message}${e.value ? ` (valeur lue : « ${e.value.slice(0, 60)} »)` : ''}.`,
        source: FILE_SOURCE(`${columnName(this.headers, e.column)} = ${e.value.slice(0, 60)}`),
      });
    }
  }

  /**
   * The employee's own columns, read anew on every row, where they lie: no object per row (one
   * reused record) and no list of errors unless there are some.
   */
  private readOwn(cells: RowCells, matricule: string): OwnCells {
    const own = this.own;
    const index = this.ownIndex;
    own.errors = NO_ERRORS;
    own.tempsTravail = 1;
    own.hours = own.reference = undefined;
    own.work = 'none';
    // Columns a file does not have are not looked at (most files have one of the three).
    const hoursCell = index[6] === Number.MAX_SAFE_INTEGER ? '' : cells.trimmed(index[6]!);
    const shareCell = cells.trimmed(index[4]!);
    const modalityCell = index[8] === Number.MAX_SAFE_INTEGER ? '' : cells.trimmed(index[8]!);
    // The usual cell, a plain full time, without the general reader (a million rows).
    if (hoursCell === '' && modalityCell === '' && shareCell === '1') own.work = 'file';
    else if (hoursCell !== '' || shareCell !== '' || modalityCell !== '') {
      const work = workingTime(hoursCell, hoursCell === '' ? '' : cells.trimmed(index[7]!), shareCell, modalityCell);
      if (work.kind === 'share') {
        own.tempsTravail = work.share;
        own.hours = work.hours;
        own.reference = work.reference;
        own.work = 'file';
      } else if (work.kind === 'forfait-jours') own.work = 'forfait';
      else if (work.kind === 'unreadable') {
        const column = work.cell === 'reference' ? 'horaire_reference' : work.cell === 'hours' ? 'horaire_mensuel' : 'temps_travail';
        this.ownError(column, column === 'horaire_reference' ? cells.trimmed(index[7]!) : hoursCell !== '' ? hoursCell : shareCell, work.message);
      }
    }
    own.sexe = undefined;
    const sex = cells.trimmed(index[5]!);
    if (sex !== '') {
      own.sexe = parseSex(sex);
      if (!own.sexe) this.ownError('sexe', sex, 'F ou H attendu');
    }
    own.dateEntree = dateCellNumber(cells, index[2]!);
    if (own.dateEntree < 0) this.ownError('date_entree', cells.trimmed(index[2]!), DATE_ERROR);
    own.datePosition = dateCellNumber(cells, index[3]!);
    if (own.datePosition < 0) this.ownError('date_position', cells.trimmed(index[3]!), DATE_ERROR);
    if (matricule === '') this.ownError('matricule', '', 'matricule manquant');
    own.salaire = cells.plainNumber(index[1]!);
    if (Number.isNaN(own.salaire)) own.salaire = undefined;
    const pay = own.salaire === undefined ? cells.trimmed(index[1]!) : '';
    if (pay !== '') {
      const n = parseFrenchNumber(pay);
      if (n === undefined || n < 0) this.ownError('salaire_mensuel_brut', pay, 'montant en euros attendu');
      else own.salaire = n;
    }
    return own;
  }

  private ownError(column: Column, value: string, message: string): void {
    if (this.own.errors === NO_ERRORS) this.own.errors = [];
    (this.own.errors as CellError[]).push({ column, value, message });
  }

  /** The finding of an entry period for a position held since `since`, worked out once per day. */
  private entryFinding(entry: EntryCheck, since: DayNumber, fromEntry: boolean): StaticFinding | undefined {
    // Days assumed from the entry date are kept apart (negative): their finding says so.
    const key = fromEntry ? -since : since;
    let finding = entry.bySince.get(key);
    if (finding !== undefined) return finding ?? undefined;
    if (entry.bySince.size >= 20_000) entry.bySince.clear();
    const sinceIso = isoOfDayNumber(since);
    const due = addDuration(sinceIso, entry.max);
    finding =
      this.options.at < due
        ? null
        : {
            rule: 'entry-period-exceeded',
            severity: 'error',
            message: `${fromEntry ? `Date de position absente${this.headers.index.date_position === undefined ? '' : ` (${this.header('date_position')} vide)`} : la position est supposée tenue depuis l'entrée (${this.header('date_entree')} : ${formatDateFr(sinceIso)}). ` : ''}En position ${entry.position}${entry.level ? ` (niveau ${entry.level})` : ''} depuis le ${formatDateFr(sinceIso)} : la période maximale de ${formatDuration(entry.max)} a pris fin le ${formatDateFr(due)}. ${entry.rule.text}`,
            dueDate: due,
            source: entry.rule.source,
          };
    entry.bySince.set(key, finding);
    return finding ?? undefined;
  }

  /** Everything that depends only on the repeating columns of a row. */
  private staticPart(get: (c: Column) => string | undefined): StaticPart {
    const errors: CellError[] = [];
    const read = readStatic(get, (column, value, message) => errors.push({ column, value, message }));
    if (!read) return { errors, findings: [], counters: [] };
    let fields = read;
    const conv = this.convs.get(fields.idcc, () => {
      try {
        return findConvention(this.options.catalogue, fields.idcc);
      } catch (e) {
        return e as InputError;
      }
    });
    if (conv instanceof Error) return { errors, fields, findings: [], conventionError: conv.message, counters: [] };
    const { at } = this.options;
    const c = this.coverage;
    /** Every rule but the matricule's, not checked for `reason`. */
    const none = (reason: string, except: RuleId[] = []) => COVERED_RULES.filter((r) => r !== 'duplicate-matricule' && !except.includes(r)).map((r) => c.notChecked(r, reason));
    let grid = conv.gridAt(at);
    if (grid && this.membership === 'non-member' && !bindsNonMembers(grid, at)) {
      // A grid that binds only members before its extension: a non-member keeps the one it replaced.
      const before = conv.grids[conv.grids.indexOf(grid) - 1];
      if (before) {
        this.notes.add(
          `IDCC ${conv.idcc} : employeur non adhérent d'une organisation signataire : la grille « ${before.title} » est appliquée ; la grille « ${grid.title} » ne le lie qu'à compter de son extension (${grid.nonMembersReason ?? 'date inconnue'}).`,
        );
        grid = before;
      }
    }
    if (!grid) {
      return { errors, fields, counters: none(`aucune grille de l'IDCC ${conv.idcc} en vigueur à la date`), findings: [{ rule: 'invalid-row', severity: 'error', message: `Aucune grille de l'IDCC ${conv.idcc} n'est en vigueur au ${formatDateFr(at)}.`, source: conv.grids[0]!.source }] };
    }
    if (this.membership === 'unknown' && !bindsNonMembers(grid, at)) {
      this.notes.add(
        `IDCC ${conv.idcc} : la grille « ${grid.title} » est appliquée depuis le ${formatDateFr(grid.effectiveFrom)}, date à laquelle elle lie les entreprises adhérentes d'une organisation signataire ; ${this.membership === 'unknown' ? "l'adhésion de l'employeur n'est pas indiquée ; " : ''}une entreprise non adhérente n'est tenue de l'appliquer qu'à compter de son extension (${grid.nonMembersReason ?? 'date inconnue'}).`,
      );
    }
    let where = this.locate(conv, grid, fields.position);
    if (!where) {
      // A position in words ("Coefficient 195 échelon 2", "Catégorie C - maîtrisant"), as a DSN's S21.G00.40.041 holds it.
      const parsed = parsePositionText(get('position') ?? fields.position, this.vocabularies.get(conv.idcc, () => vocabularyOf(conv)));
      if (parsed) {
        fields = { ...fields, position: parsed.code, niveau: fields.niveau ?? parsed.level };
        where = this.locate(conv, grid, fields.position);
      }
    }
    const head = this.headFor(fields, where);
    const positionChecked = [c.checked('unknown-position'), c.checked('grid-outdated')];
    if (!where) {
      const lists = [...conv.grids].reverse().map((g) => `${g.title} : ${g.positions.map((p) => p.code).join(', ')}`);
      return {
        errors,
        fields,
        head,
        counters: [...positionChecked, ...none('position inconnue de la convention', ['unknown-position', 'grid-outdated'])],
        findings: [{ rule: 'unknown-position', severity: 'error', message: `Position « ${get('position') ?? fields.position} » (${this.header('position')}) inconnue pour l'IDCC ${conv.idcc}. Positions existantes — ${lists.join(' ; ')}.`, expected: grid.positions.map((p) => p.code), source: grid.source }],
      };
    }
    if (conv.grids.indexOf(where.grid) > conv.grids.indexOf(grid)) {
      // A grid signed but not yet in force at the audit date: members of the signatory
      // organisations may apply it early, so this is a warning, not an unknown position.
      return {
        errors,
        fields,
        head,
        counters: [...positionChecked, ...none("position d'une grille pas encore en vigueur à la date", ['unknown-position', 'grid-outdated'])],
        findings: [
          {
            rule: 'unknown-position',
            severity: 'warning',
            message: `La position ${fields.position} appartient à la grille « ${where.grid.title} », qui ne s'impose qu'à partir du ${formatDateFr(where.grid.effectiveFrom)} ; au ${formatDateFr(at)}, la grille en vigueur est « ${grid.title} » (positions ${grid.positions.map((p) => p.code).join(', ')}).`,
            expected: grid.positions.map((p) => p.code),
            dueDate: where.grid.effectiveFrom,
            source: where.grid.source,
          },
        ],
      };
    }
    const facts = this.factsOf(where.grid, fields);
    const findings = [...this.abolished(where.position), ...this.declaredStatus(where.position, fields, get('statut'))];
    findings.push(...(where.current ? this.classification(grid, where.position, fields, facts) : this.outdated(conv, grid, where, fields)));
    const counters = [...positionChecked, fields.statut ? c.checked('status-below-required') : c.notChecked('status-below-required', this.absent('statut'))];
    let entry: EntryCheck | undefined;
    let entryUnchecked: Counter | undefined;
    if (where.current) {
      counters.push(...this.classificationCoverage(grid, where.position, fields));
      const found = this.entryCheck(grid, where.position, fields, facts);
      if (found === 'needs-job') entryUnchecked = c.notChecked('entry-period-exceeded', `emploi nécessaire pour savoir si une période d'accueil s'applique (${this.absent('emploi')} ou intitulé non reconnu)`);
      else if (found) entry = found;
      else counters.push(c.checked('entry-period-exceeded'));
    } else {
      const old = "position d'une grille remplacée (voir « grille dépassée »)";
      counters.push(...(['below-diploma-minimum', 'track-requires-diploma', 'job-position-mismatch'] as const).map((r) => c.notChecked(r, old)));
      entryUnchecked = c.notChecked('entry-period-exceeded', old);
    }
    const wage = this.wageCheck(conv, where, fields);
    return {
      errors,
      fields,
      head,
      findings,
      counters,
      ...(entry ? { entry } : {}),
      ...(entryUnchecked ? { entryUnchecked } : {}),
      ...(wage ? { wage } : { wageUnchecked: c.notChecked('below-minimum-wage', 'aucun minimum (barème ni SMIC) connu à la date') }),
    };
  }

  /** A position a later text removed (its holders requalified): holding it after that date is a finding. */
  private abolished(position: Position): StaticFinding[] {
    const gone = position.abolished;
    if (!gone || this.options.at < gone.from) return [];
    return [
      {
        rule: 'unknown-position',
        severity: 'error',
        message: `La position ${position.code} n'existe plus depuis le ${formatDateFr(gone.from)} : ses titulaires ont été requalifiés en ${gone.replacedBy} (« ${gone.source.quote} »).`,
        expected: [gone.replacedBy],
        dueDate: gone.from,
        source: gone.source,
      },
    ];
  }

  /** The statut the file declares, compared with the one the grid gives the position. */
  private declaredStatus(position: Position, e: StaticFields, raw: string | undefined): StaticFinding[] {
    if (!e.statut || statusRank(e.statut) >= statusRank(position.status)) return [];
    return [
      {
        rule: 'status-below-required',
        severity: 'error',
        message: `Statut déclaré « ${raw ?? e.statut} » (${this.header('statut')}) inférieur au statut ${STATUS_LABELS[position.status]} que la grille donne à la position ${position.code}.`,
        expected: STATUS_LABELS[position.status],
        source: position.source,
      },
    ];
  }

  /** Coverage of the checks of a current position that depend on the row's columns. */
  private classificationCoverage(grid: Grid, position: Position, e: StaticFields): Counter[] {
    const c = this.coverage;
    const out: Counter[] = [];
    const diplomaFloors = grid.rules.some((r) => r.kind === 'diploma-floor');
    out.push(!diplomaFloors || e.diplome !== undefined ? c.checked('below-diploma-minimum') : c.notChecked('below-diploma-minimum', this.absent('diplome')));
    const trackNeedsDiploma =
      position.track !== undefined && grid.rules.some((r) => r.kind === 'track-eligibility' && r.appliesTo.tracks?.includes(position.track!) && JSON.stringify(r.when ?? null).includes('"diploma"'));
    out.push(!trackNeedsDiploma || e.diplome !== undefined ? c.checked('track-requires-diploma') : c.notChecked('track-requires-diploma', this.absent('diplome')));
    if (e.emploi === undefined) out.push(c.notChecked('job-position-mismatch', this.absent('emploi')));
    else if (!this.titleMatch(grid, e.emploi)) out.push(c.notChecked('job-position-mismatch', "intitulé d'emploi non rapproché d'un emploi-repère de la grille"));
    else out.push(c.checked('job-position-mismatch'));
    return out;
  }

  private count(findings: Finding[], idcc: string | undefined): Finding[] {
    const s = this.summary;
    let invalid = false;
    let serious = false;
    for (const f of findings) {
      s.byRule[f.rule] = (s.byRule[f.rule] ?? 0) + 1;
      s.bySeverity[f.severity] = (s.bySeverity[f.severity] ?? 0) + 1;
      if (f.rule === 'invalid-row') invalid = true;
      if (f.severity !== 'info') serious = true;
    }
    if (invalid) s.rowsInError++;
    if (serious) s.employeesWithFindings++;
    s.findings += findings.length;
    if (idcc !== undefined) {
      const c = (s.byConvention[idcc] ??= { rows: 0, withFindings: 0, findings: 0 });
      c.rows++;
      c.findings += findings.length;
      if (serious) c.withFindings++;
    }
    return findings;
  }

  /** A guess of the rows to come, from the share of the file read so far (room made at once). */
  expectRows(read: number, bytesRead: number, bytesTotal: number): void {
    if (read > 0 && bytesRead > 0 && bytesTotal > bytesRead) this.seen.reserve(Math.ceil((read * bytesTotal) / bytesRead));
  }

  /** Matricules seen (hashed) and their first line, for merging audits of parts of a file. */
  seenMatricules(): LineTable {
    return this.seen.table();
  }

  finish(): AuditSummary {
    this.summary.headcount = [...this.headcount.values()].sort((a, b) => a.idcc.localeCompare(b.idcc) || a.position.localeCompare(b.position, 'fr', { numeric: true }));
    this.summary.notes = [...this.notes];
    this.summary.coverage = this.coverage.result();
    return this.summary;
  }

  private locate(conv: Convention, grid: Grid, code: string): Located | undefined {
    return this.located.get(`${conv.idcc}|${code}`, () => {
      const now = grid.position(code);
      if (now) return { position: now, grid, current: true };
      for (let i = conv.grids.length - 1; i >= 0; i--) {
        const g = conv.grids[i]!;
        const p = g.position(code);
        if (p) return { position: p, grid: g, current: false };
      }
      return undefined;
    });
  }

  private headFor(fields: StaticFields, where: Located | undefined): HeadcountRow | undefined {
    const key = `${fields.idcc}|${fields.position}`;
    let h = this.headcount.get(key);
    if (!h && this.headcount.size < 5000) {
      this.headcount.set(key, (h = { idcc: fields.idcc, position: fields.position, status: where?.position.status ?? null, total: 0, F: 0, H: 0 }));
    }
    return h;
  }

  /** Facts the grid declares, read from the row's columns. */
  private factsOf(grid: Grid, e: StaticFields): Record<string, FactValue> {
    const facts: Record<string, FactValue> = {};
    const declared = new Map(grid.facts.map((f) => [f.id, f]));
    const put = (id: string, value: FactValue | undefined) => {
      if (value !== undefined && declared.has(id)) facts[id] = value;
    };
    if (e.diplome !== undefined && declared.has('diploma')) put('diploma', this.enumFromText(grid, declared.get('diploma')!, e.diplome));
    put('yearsOfPractice', e.anneesExercice);
    put('managedStaff', e.encadrement);
    const job = e.emploi ? this.titleMatch(grid, e.emploi) : undefined;
    if (job?.best && job.score >= 0.9) facts.jobId = job.best;
    return facts;
  }

  /** A fact value from what payroll wrote ("BTS OL", "Licence pro", "aucun"). */
  private enumFromText(grid: Grid, fact: Fact, raw: string): FactValue | undefined {
    return this.factValues.get(`${grid.id}|${fact.id}|${raw}`, () => {
      const t = foldAccents(raw).trim();
      const values = fact.values ?? [];
      const exact = values.find((v) => foldAccents(v.id) === t || foldAccents(v.label) === t);
      if (exact) return exact.id;
      const cued = values.find((v) => v.cues?.some((c) => new RegExp(c).test(t)));
      if (cued) return cued.id;
      if (/^(aucun|aucune|non|neant|sans|-|0)$/.test(t)) return values.find((v) => v.id === 'none')?.id;
      // "BTS OL" names the value `bts`; "diplôme branche" the value labelled "Un diplôme reconnu par la branche".
      const words = new Set(normalizeText(raw));
      const byId = values.find((v) => v.id.split('-').every((w) => words.has(w)));
      if (byId) return byId.id;
      return values.find((v) => {
        const label = new Set(normalizeText(v.label));
        return words.size > 0 && [...words].every((w) => label.has(w));
      })?.id;
    });
  }

  private titleMatch(grid: Grid, title: string) {
    return this.titles.get(`${grid.id}|${title}`, () => {
      const answer = searchGrid(grid, title, { mode: 'title', limit: 10 });
      const top = answer.results[0];
      if (!top || top.score < 0.75) return undefined;
      // Titles matched by the same words ("retoucheuse" → Retoucheur 1er, 2e niveau, expert) form one
      // family: the title says no more than that, so any of their positions fits.
      const words = (r: typeof top) => r.evidence.filter((e) => e.field === 'title' || e.field === 'aliases').flatMap((e) => e.terms).sort().join(' ');
      const topWords = words(top);
      const close = answer.results.filter((r) => r.score >= top.score - 0.02 || (topWords !== '' && words(r) === topWords));
      // The benchmark job itself only when the title picks it out alone.
      const unique = (answer.results[1]?.score ?? 0) < top.score - 0.02 ? top.job.id : undefined;
      // Uncertain only when another family is as close: within a family, `positions` covers them all.
      const rival = answer.results.find((r) => !close.includes(r));
      const uncertain = answer.uncertain && rival !== undefined && rival.score >= top.score - 0.1;
      return { jobIds: close.map((r) => r.job.id), best: unique, positions: [...new Set(close.flatMap((r) => r.positions))], title: top.job.title, score: top.confidence ?? top.score, uncertain };
    });
  }

  private classify(grid: Grid, facts: Record<string, FactValue>): ClassifyResult | Error {
    const key = `${grid.id}|${JSON.stringify(facts)}`;
    return this.classified.get(key, () => {
      try {
        return classify(grid, facts, { at: this.options.at });
      } catch (err) {
        return err as Error;
      }
    });
  }

  private outdated(conv: Convention, now: Grid, where: Located, e: StaticFields): StaticFinding[] {
    const successor = conv.grids[conv.grids.indexOf(where.grid) + 1] ?? now;
    const transition = now.rules.find((r): r is RuleOfKind<'transition'> => r.kind === 'transition' && r.params.deadline !== undefined);
    const deadline = now.mandatoryFrom ?? transition?.params.deadline ?? successor.effectiveFrom;
    const source = transition?.source ?? now.source;
    const facts = this.factsOf(now, e);
    const key = `${conv.idcc}|${e.position}|${JSON.stringify(facts)}`;
    const t = this.transposed.get(key, () => {
      try {
        return transpose(conv, { from: e.position, facts, at: this.options.at });
      } catch (err) {
        return err as Error;
      }
    });
    const target = t instanceof Error ? '' : ` Position transposée : ${t.to.positions.join(' ou ')}${t.to.trackTitle ? ` (${t.to.trackTitle})` : ''}${t.missing.length ? ` — à préciser : ${t.missing.slice(0, 2).map((m) => m.question).join(' ; ')}` : ''}.`;
    const overdue = this.options.at >= deadline;
    return [
      {
        rule: 'grid-outdated',
        severity: overdue ? 'error' : 'info',
        message: overdue
          ? `La position ${e.position} appartient à la grille remplacée « ${where.grid.title} » ; la nouvelle classification (« ${now.title} ») s'impose depuis le ${formatDateFr(deadline)}.${target}`
          : `La position ${e.position} appartient à la grille « ${where.grid.title} », encore admise jusqu'au ${formatDateFr(deadline)} : la nouvelle classification (« ${now.title} ») devra être appliquée.${target}`,
        ...(t instanceof Error ? {} : { expected: t.to.positions }),
        dueDate: deadline,
        source,
      },
    ];
  }

  private classification(grid: Grid, position: Position, e: StaticFields, facts: Record<string, FactValue>): StaticFinding[] {
    const findings: StaticFinding[] = [];
    const result = this.classify(grid, facts);
    const ruleOf = (id: unknown) => grid.rules.find((r) => r.id === id);
    if (!(result instanceof Error) && result.outcome !== 'not-applicable') {
      // A floor the facts impose (a diploma, managed staff, years of practice).
      for (const reason of result.explanation) {
        if (reason.code !== 'floor') continue;
        const rule = ruleOf(reason.params.rule);
        const floor = reason.params.minPosition;
        if (!rule) continue;
        const floorPos = grid.position(floor);
        if (!floorPos || floorPos.rank <= position.rank || (position.track && floorPos.track && position.track !== floorPos.track)) continue;
        if (rule.kind === 'diploma-floor') {
          findings.push({ rule: 'below-diploma-minimum', severity: 'error', message: `Position ${position.code} inférieure au minimum ${floor} qu'impose le diplôme : ${rule.text}`, expected: [floor], source: rule.source });
        }
      }
      const required = result.statuses[0];
      if (required && statusRank(required) > statusRank(position.status)) {
        const why = result.explanation.find((r) => STATUS_WHY.has(r.code));
        findings.push({
          rule: 'status-below-required',
          severity: 'error',
          message: `Statut ${STATUS_LABELS[position.status]} (position ${position.code}) inférieur au statut ${STATUS_LABELS[required]} que donnent les faits${why ? ` : ${reasonText(why)}` : ''}`,
          expected: result.positions,
          source: why?.source ?? grid.source,
        });
      }
    }
    // Track reserved to holders of a diploma.
    if (position.track) {
      for (const rule of grid.rules) {
        if (rule.kind !== 'track-eligibility' || !rule.appliesTo.tracks?.includes(position.track) || !rule.when) continue;
        if (!JSON.stringify(rule.when).includes('"diploma"')) continue;
        if (verdictOf(rule, facts).value !== false) continue;
        const to = typeof rule.params.otherwiseTrack === 'string' ? ` : ${grid.trackLabel(rule.params.otherwiseTrack)}` : '';
        findings.push({ rule: 'track-requires-diploma', severity: 'error', message: `Position ${position.code} de ${grid.trackLabel(position.track)} sans le diplôme requis (« ${e.diplome ?? ''} »)${to}. ${rule.text}`, ...(result instanceof Error ? {} : { expected: result.positions }), source: rule.source });
        break;
      }
    }
    const title = e.emploi ? this.titleMatch(grid, e.emploi) : undefined;
    if (title && !title.positions.includes(position.code)) {
      const job = grid.job(title.jobIds[0]!)!;
      // Classed above the job's benchmark position is lawful (more favourable): said, not flagged.
      const ranks = title.positions.map((p) => grid.position(p)?.rank ?? Infinity);
      const above = ranks.every((r) => r < position.rank);
      findings.push({
        rule: 'job-position-mismatch',
        severity: above || title.uncertain ? 'info' : 'warning',
        message: `L'intitulé « ${e.emploi} » correspond à l'emploi-repère « ${title.title} » (${title.positions.join(', ')}) : position ${position.code} ${above ? "classée au-dessus de l'emploi-repère (plus favorable, licite)" : "classée en dessous de l'emploi-repère"} (confiance ${Math.round(title.score * 100)} %${title.uncertain ? ' ; correspondance incertaine, à vérifier' : ''}).`,
        expected: title.positions,
        source: job.source,
      });
    }
    return findings;
  }

  /** The entry period (of a position or a level) that applies to rows like this one, if any. */
  private entryCheck(grid: Grid, position: Position, e: StaticFields, facts: Record<string, FactValue>): EntryCheck | 'needs-job' | undefined {
    const level = e.niveau ? this.levelOf(grid, e.niveau) : undefined;
    const jobId = typeof facts.jobId === 'string' ? facts.jobId : '';
    let needsJob = false;
    const rule = grid.rules.find((r): r is RuleOfKind<'entry-period'> => {
      if (r.kind !== 'entry-period') return false;
      if (r.appliesTo.positions && !r.appliesTo.positions.includes(position.code)) return false;
      if (r.appliesTo.levels) return level !== undefined && r.appliesTo.levels.includes(level);
      if (!r.appliesTo.jobs) return r.appliesTo.positions !== undefined;
      if (jobId) return r.appliesTo.jobs.includes(jobId);
      // Without the job, only when every job at this position has the same entry period.
      const holders = grid.jobs.filter((j) => j.positions.includes(position.code));
      const all = holders.length > 0 && holders.every((j) => grid.rules.some((x) => x.kind === 'entry-period' && x.params.max === r.params.max && x.appliesTo.jobs?.includes(j.id)));
      if (!all && holders.some((j) => r.appliesTo.jobs!.includes(j.id))) needsJob = true;
      return all;
    });
    if (!rule) return needsJob ? 'needs-job' : undefined;
    return { rule, max: rule.params.max, position: position.code, bySince: new Map(), ...(level ? { level: grid.levels.find((l) => l.id === level)?.title ?? level } : {}) };
  }

  private levelOf(grid: Grid, raw: string): string | undefined {
    const t = foldAccents(raw);
    return grid.levels.find((l) => t === l.id || foldAccents(l.title).startsWith(t) || t.startsWith(foldAccents(l.title).split(' ')[0]!))?.id;
  }

  /** The minimum pay of rows like this one, worked out once. */
  private wageCheck(conv: Convention, where: Located, e: StaticFields): WageCheck | undefined {
    const { at } = this.options;
    const level = e.niveau ? this.levelOf(where.grid, e.niveau) : undefined;
    // The user's scales first: on a day both give, the shipped scale, cited from the text, wins (inForceAt takes the last listed).
    const scales = [...(this.options.userScales?.get(conv.idcc) ?? []), ...conv.wageScales];
    const conventional = conventionalMinimum(scales, e.position, level, at, this.membership);
    const smic = smicAt(this.options.catalogue.smic, at);
    for (const note of [conventional && outdatedScaleNote(conv.idcc, scales, conventional.scale, at), smic && outdatedSmicNote(this.options.catalogue.smic, at)]) if (note) this.notes.add(note);
    if (!conventional) this.notes.add(`IDCC ${conv.idcc}, position ${e.position} : aucun barème conventionnel connu au ${formatDateFr(at)} ; salaires comparés au SMIC seul (${this.wording.wages}).`);
    // A later scale that binds only members of the signatory organisations (when membership is not "member").
    const forMembers = this.membership === 'member' ? undefined : conventionalMinimum(scales, e.position, level, at, 'member');
    const membersOnly = forMembers && forMembers.scale !== conventional?.scale && scaleFrom(forMembers.scale, this.membership) !== forMembers.scale.effectiveFrom ? { scale: forMembers.scale, from: forMembers.scale.effectiveFrom } : undefined;
    if (membersOnly) {
      this.notes.add(
        `IDCC ${conv.idcc} : ${membersOnly.scale.title} s'applique depuis le ${formatDateFr(membersOnly.from)} aux entreprises adhérentes d'une organisation signataire, pas encore aux autres (${membersOnly.scale.nonMembersReason ?? 'pas de date connue pour elles'}) ; ${this.membership === 'unknown' ? "l'adhésion de l'employeur n'étant pas indiquée, " : ''}le barème retenu est ${conventional ? `${conventional.scale.title}` : 'le SMIC seul'}.`,
      );
    }
    const required = Math.max(conventional?.amount ?? 0, smic?.amount ?? 0);
    if (required === 0) return undefined;
    return { required, position: e.position, ...(conventional ? { conventional } : {}), ...(smic ? { smic } : {}), ...(membersOnly ? { membersOnly } : {}) };
  }
}

/** A finding of the row at `line`. Built field by field: object spread is many times slower in this hot path. */
function located(line: number, matricule: string, idcc: string, f: StaticFinding, shared = false): Finding {
  const out: Finding = { line, matricule, idcc, rule: f.rule, severity: f.severity, message: f.message, source: f.source };
  if (shared) out[SHARED_FINDING] = f;
  if (f.expected !== undefined) out.expected = f.expected;
  if (f.dueDate !== undefined) out.dueDate = f.dueDate;
  return out;
}

/** Audits a whole source, sending findings to `sink` as they come; `flush` runs after each batch. */
export async function auditRoster(
  source: RosterSource,
  options: AuditOptions,
  sink: (f: Finding) => void,
  flush: () => Promise<void> = () => Promise.resolve(),
): Promise<AuditSummary> {
  const auditor = new Auditor(options, source);
  let n = 0;
  for await (const batch of source.rows) {
    const first = n === 0;
    n += batch.forEach((line, cells, error) => {
      for (const f of auditor.row(line, cells, error)) sink(f);
    });
    if (first) {
      const { done, total } = source.progress();
      auditor.expectRows(n, done, total);
    }
    options.onProgress?.(n);
    await flush();
  }
  return auditor.finish();
}

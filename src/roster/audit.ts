/**
 * Audits a staff list at a date: for every row, whether its classification holds, and why not,
 * each finding citing the text. Streaming: findings go to a sink as rows are read, and what is
 * kept per row is bounded (caches of what repeats: conventions, positions, job titles, facts).
 * The checks reuse the classification engine; none of them names a convention.
 */
import { InputError } from '../model/input-error.js';
import type { FindingReason } from '../model/finding-reason.js';
import { EXCLUDABLE_PAY } from '../model/wages.js';
import { AuditContext } from './audit-context.js';
import { WEB_WORDING, type AuditOptions } from './audit-options.js';
import { countFindings, emptySummary, type AuditSummary } from './audit-summary.js';
import { detach, type RowCells } from './cells.js';
import { columnName, COLUMN_HELP, mapHeaders, REQUIRED, type Column, type HeaderMap } from './columns.js';
import type { Counter } from './coverage.js';
import { entryFinding } from './entry-period.js';
import { FILE_SOURCE, located, said, saidLater, type Finding } from './finding.js';
import { CellsCache, hash53, LineIndex, type LineTable } from './line-index.js';
import { ABSENT_COLUMN, OWN_COLUMNS, OwnCellsReader } from './own-cells.js';
import type { RosterSource } from './read.js';
import { cellGetter, STATIC_COLUMNS, type CellError } from './row.js';
import { staticPart, type StaticPart } from './static-part.js';
import { wageFinding } from './wage-finding.js';

export { RULE_IDS, SEVERITIES, type RuleId, type Severity } from './rule-ids.js';
export type { Coverage, RuleCoverage } from './coverage.js';
export { keepable, SHARED_FINDING, type Finding } from './finding.js';
export type { AuditSummary, HeadcountRow } from './audit-summary.js';
export { WEB_WORDING, type AuditOptions, type AuditWording } from './audit-options.js';

export class Auditor {
  readonly summary: AuditSummary;
  /** The matricule of the last row audited (when valid), and whether it was seen for the first time. */
  readonly lastMatricule = { valid: false, key: 0, idcc: '', matricule: '', first: false };
  private headers: HeaderMap;
  private readonly seen = new LineIndex();
  /** What the repeating columns of a row say, and its own repeating cells, worked out once. */
  private readonly statics: CellsCache<StaticPart>;
  private readonly ownCells: OwnCellsReader;
  private readonly matriculeIndex: number;
  private readonly nameIndex: [number, number];
  private readonly ctx: AuditContext;
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

  constructor(
    options: AuditOptions,
    source: Pick<RosterSource, 'format' | 'encoding' | 'delimiter' | 'headers'>,
  ) {
    this.summary = emptySummary(options.at, source);
    const wording = options.wording ?? WEB_WORDING;
    const headers = (this.headers = mapHeaders(source.headers, options.mapping));
    const missing = REQUIRED.filter((c) => headers.index[c] === undefined);
    if (missing.length > 0) {
      const found = source.headers.slice(0, 12).map((h) => `« ${h.slice(0, 40)} »`).join(', ');
      throw new InputError(
        `Ce fichier n'est pas une liste du personnel exploitable : aucun en-tête ne correspond à ${missing.map((c) => `la colonne ${c} (${COLUMN_HELP[c]})`).join(', ni à ')}. En-têtes lus : ${found || 'aucun'}${source.delimiter ? ` (séparateur détecté : « ${source.delimiter === '\t' ? 'tabulation' : source.delimiter} »)` : ''}. Si l'un de ces en-têtes est la colonne attendue, ${wording.mapping} ; pour la liste des colonnes, ${wording.template}.`,
        'invalid',
      );
    }
    const indexOf = (c: Column) => headers.index[c] ?? ABSENT_COLUMN;
    this.statics = new CellsCache(STATIC_COLUMNS.map(indexOf));
    const ownIndex = OWN_COLUMNS.map(indexOf);
    // Pay components given apart: read per row only when the file has their column.
    // Pay components given apart: read per row only when the file has their column(s), each column
    // a part of its own (« HS 25 % » and « HS 50 % » add up).
    const parts = EXCLUDABLE_PAY.flatMap((c) => (headers.summed[c] ?? []).map((col) => ({ part: { component: c, header: col.name, amount: 0 }, at: col.index })));
    this.ownCells = new OwnCellsReader(ownIndex, parts);
    this.matriculeIndex = ownIndex[0]!;
    this.nameIndex = [indexOf('nom'), indexOf('prenom')];
    this.summary.unknownColumns = headers.unknown;
    this.summary.hasSex = headers.index.sexe !== undefined;
    this.ctx = new AuditContext(options, headers, wording);
    const c = this.ctx.coverage;
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


  /** The findings of the last row: one list reused from row to row (a million rows, a million lists otherwise). */
  private readonly out: Finding[] = [];

  /** Audits one row; returns its findings (also counted in the summary), valid until the next row. */
  row(line: number, cells: RowCells, readError?: string): Finding[] {
    this.summary.rows++;
    this.lastMatricule.valid = false;
    const matriculeCell = cells.trimmed(this.matriculeIndex);
    const rc = this.rowCounters;
    if (readError) {
      this.out.length = 0;
      this.out.push({ line, matricule: matriculeCell, rule: 'invalid-row', severity: 'error', ...said({ code: 'invalid-row.unreadable', params: { line, error: readError } }), source: FILE_SOURCE(`ligne ${line}`) });
      for (const k of rc.unreadable) k.n++;
      return this.count(this.out, undefined);
    }
    // What the repeating columns say is worked out once per distinct combination.
    let part = this.statics.get(cells);
    if (part === undefined) this.statics.set(cells, (part = staticPart(this.ctx, cellGetter(cells, this.headers))));
    const own = this.ownCells.read(cells, matriculeCell);
    const findings = this.out;
    findings.length = 0;
    if (part.errors.length > 0) this.cellErrors(line, matriculeCell, part, part.errors);
    if (own.errors.length > 0) this.cellErrors(line, matriculeCell, part, own.errors);
    if (!part.fields || matriculeCell === '' || part.conventionError) {
      if (part.fields && part.conventionError && matriculeCell !== '') {
        findings.push({ line, matricule: matriculeCell, idcc: part.fields.idcc, rule: 'invalid-row', severity: 'error', ...said({ code: 'invalid-row.convention', params: { line, header: this.header('idcc'), error: part.conventionError } }), source: FILE_SOURCE(`idcc = ${part.fields.idcc}`) });
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
      const reason: FindingReason = { code: 'duplicate-matricule', params: { matricule, previousLine: previous } };
      findings.push(located(line, matricule, idcc, { rule: 'duplicate-matricule', severity: 'warning', ...(this.ctx.options.deferMessages ? saidLater(reason) : said(reason)), source: FILE_SOURCE(`matricule = ${matricule}`) }));
    }
    for (const f of part.findings) findings.push(located(line, matricule, idcc, f, true));
    for (const k of part.counters) k.n++;
    if (part.entry) {
      // A position date wins; without one, the position is taken as held since the entry date, and the finding says so.
      const assumed = own.datePosition <= 0 && own.dateEntree > 0;
      const since = own.datePosition > 0 ? own.datePosition : own.dateEntree;
      if (since > 0) {
        (assumed ? rc.entryFromEntry : rc.entryByDate).n++;
        const entry = entryFinding(this.ctx, part.entry, since, assumed);
        if (entry) findings.push(located(line, matricule, idcc, entry, true));
      } else rc.entryNoDate.n++;
    } else if (part.entryUnchecked) part.entryUnchecked.n++;
    if (part.wage && own.salaire !== undefined) {
      (own.work === 'file' ? rc.wage : own.work === 'forfait' ? rc.wageForfait : rc.wageFullTime).n++;
      const wage = wageFinding(part.wage, own, this.ctx.options.at, this.ctx.options.deferMessages);
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
    return this.ctx.header(column);
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
        ...said({ code: 'invalid-row.cell', params: { line, header: e.header !== undefined ? `« ${e.header} »` : this.header(e.column), error: e.message, value: e.value.slice(0, 60) } }),
        source: FILE_SOURCE(`${e.header ?? columnName(this.headers, e.column)} = ${e.value.slice(0, 60)}`),
      });
    }
  }

  private count(findings: Finding[], idcc: string | undefined): Finding[] {
    return countFindings(this.summary, findings, idcc);
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
    this.summary.headcount = [...this.ctx.headcount.values()].sort((a, b) => a.idcc.localeCompare(b.idcc) || a.position.localeCompare(b.position, 'fr', { numeric: true }));
    this.summary.notes = [...this.ctx.notes];
    this.summary.coverage = this.ctx.coverage.result();
    return this.summary;
  }
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
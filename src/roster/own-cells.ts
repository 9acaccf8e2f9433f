/**
 * A row's own cells (the employee's: matricule, pay, dates, working time, sex), read anew on every
 * row — unlike the repeating columns, which are worked out once per distinct combination.
 */
import type { Column } from './columns.js';
import type { RowCells } from './cells.js';
import { dateCellNumber, parseFrenchNumber, parseSex, type CellError, type DayNumber } from './row.js';
import type { PayPart } from './wage-finding.js';
import { workingTime } from './working-time.js';

/**
 * The index of a column the file does not have: past the end of every record. A small integer:
 * a larger number would turn every index into a double, and each cell read slower.
 */
export const ABSENT_COLUMN = 0x3fffffff;

/** What a row's own cells say (see Auditor.readOwn). */
export interface OwnCells {
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
  /** The pay components the file gives apart (overtime, seniority prime), the same records on every row. */
  parts: readonly PayPart[];
  errors: readonly CellError[];
}

const NO_ERRORS: readonly CellError[] = Object.freeze([]);
const DATE_ERROR = 'date invalide (format JJ/MM/AAAA ou AAAA-MM-JJ)';

/** The columns of a row's own cells, in the order the reader indexes them. */
export const OWN_COLUMNS = ['matricule', 'salaire_mensuel_brut', 'date_entree', 'date_position', 'temps_travail', 'sexe', 'horaire_mensuel', 'horaire_reference', 'modalite_temps'] as const;

/** Reads a row's own cells into one record reused from row to row. */
export class OwnCellsReader {
  private readonly own: OwnCells;

  /**
   * `index`: where each of OWN_COLUMNS lies in a record; `parts`: the pay components the file has a
   * column for, and where (none: nothing more is read per row).
   */
  constructor(
    private readonly index: readonly number[],
    private readonly partsAt: readonly { part: PayPart; at: number }[] = [],
  ) {
    this.own = { datePosition: 0, dateEntree: 0, tempsTravail: 1, work: 'none', parts: partsAt.map((p) => p.part), errors: [] };
  }

  /**
   * The employee's own columns, read anew on every row, where they lie: no object per row (one
   * reused record) and no list of errors unless there are some.
   */
  read(cells: RowCells, matricule: string): OwnCells {
    const own = this.own;
    const index = this.index;
    own.errors = NO_ERRORS;
    own.tempsTravail = 1;
    own.hours = own.reference = undefined;
    own.work = 'none';
    // Columns a file does not have are not looked at (most files have one of the three).
    const hoursCell = index[6] === ABSENT_COLUMN ? '' : cells.trimmed(index[6]!);
    const shareCell = cells.trimmed(index[4]!);
    const modalityCell = index[8] === ABSENT_COLUMN ? '' : cells.trimmed(index[8]!);
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
    if (this.partsAt.length > 0) for (const { part, at } of this.partsAt) this.readPart(part, cells.trimmed(at));
    return own;
  }

  /** An amount of a pay component; an empty cell is none. */
  private readPart(part: PayPart, cell: string): void {
    part.amount = 0;
    if (cell === '') return;
    const n = parseFrenchNumber(cell);
    if (n === undefined || n < 0) this.ownError(part.component, cell, 'montant en euros attendu', part.header);
    else part.amount = n;
  }

  private ownError(column: Column, value: string, message: string, header?: string): void {
    if (this.own.errors === NO_ERRORS) this.own.errors = [];
    (this.own.errors as CellError[]).push({ column, value, message, ...(header !== undefined ? { header } : {}) });
  }
}

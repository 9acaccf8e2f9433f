/**
 * One row of a staff list, typed: French numbers ("1 850,50 €"), dates (JJ/MM/AAAA or ISO),
 * shares of full time ("80 %", "0,8"). A value that cannot be read is reported with its column
 * and left out; the rest of the row is still audited.
 */
import { isIsoDate, type IsoDate } from '../grids/dates.js';
import { STATUSES, type Status } from '../model/status.js';
import { foldAccents } from '../text/normalize.js';
import { detach, type RowCells } from './cells.js';
import type { Column, HeaderMap } from './columns.js';

export interface Employee {
  line: number;
  matricule: string;
  idcc: string;
  emploi?: string;
  position: string;
  niveau?: string;
  statut?: Status;
  dateEntree?: IsoDate;
  datePosition?: IsoDate;
  diplome?: string;
  anneesExercice?: number;
  encadrement?: number;
  salaire?: number;
  /** Share of full time, 0 < x ≤ 1. */
  tempsTravail?: number;
  sexe?: 'F' | 'H';
}

export interface CellError {
  column: Column;
  /** The file's header when the column is one of several of its kind (SUMMED_COLUMNS). */
  header?: string;
  value: string;
  message: string;
}

/** "1 850,50 €", "1850.5", "-3" → number; anything else → undefined. Hot: one pass, no regex. */
export function parseFrenchNumber(raw: string): number | undefined {
  let intPart = 0;
  let frac = 0;
  let scale = 1;
  let digits = 0;
  let seenSep = false;
  let negative = false;
  let end = raw.length;
  // A trailing currency word or sign is allowed.
  const last = raw.charCodeAt(end - 1);
  if (!(last >= 48 && last <= 57)) {
    const tail = /\s*(?:€|eur|euros?)\s*$/i.exec(raw);
    if (tail) end = tail.index;
  }
  for (let i = 0; i < end; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits++;
      if (seenSep) frac += (c - 48) / (scale *= 10);
      else intPart = intPart * 10 + (c - 48);
    } else if ((c === 44 || c === 46) && !seenSep && digits > 0) seenSep = true;
    else if (c === 32 || c === 0xa0 || c === 0x202f || c === 9) {
      if (seenSep) return undefined;
    } else if (c === 45 && digits === 0 && !negative) negative = true;
    else return undefined;
  }
  if (digits === 0 || (seenSep && scale === 1)) return undefined;
  const n = intPart + frac;
  return negative ? -n : n;
}

export function parseDateCell(raw: string): IsoDate | undefined {
  const s = raw.trim();
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const iso = fr ? `${fr[3]}-${fr[2]!.padStart(2, '0')}-${fr[1]!.padStart(2, '0')}` : s.slice(0, 10);
  return isIsoDate(iso) && (fr || /^\d{4}-\d{2}-\d{2}(?:[T ].*)?$/.test(s)) ? iso : undefined;
}

export function parseShare(raw: string): number | undefined {
  const percent = raw.includes('%');
  const n = parseFrenchNumber(raw.replace('%', ''));
  if (n === undefined || n <= 0) return undefined;
  const share = percent || n > 1 ? n / 100 : n;
  return share > 0 && share <= 1 ? share : undefined;
}

const STATUS_WORDS: [RegExp, Status][] = [
  [/cadre (?:superieur|dirigeant)|dirigeant/, 'cadre-superieur'],
  [/non ?cadre/, 'non-cadre'],
  [/cadre/, 'cadre'],
  [/maitrise|\bam\b|technicien|\btam\b|etam/, 'agent-de-maitrise'],
  [/employe|ouvrier|\boe\b/, 'ouvrier-employe'],
];

export function parseStatus(raw: string): Status | undefined {
  const s = foldAccents(raw).replace(/[-_]/g, ' ');
  if ((STATUSES as readonly string[]).includes(raw.trim())) return raw.trim() as Status;
  return STATUS_WORDS.find(([re]) => re.test(s))?.[1];
}

/** Position as the grids write it: "1,3" → "1.3", "coef. 150" → "150", "e" → "E". */
export function normalisePosition(raw: string): string {
  const s = raw
    .trim()
    .replace(/^(?:coef(?:ficient)?|coeff|niveau|niv|cat(?:egorie|égorie)?|ech(?:elon)?)\.?\s*/i, '')
    .replace(',', '.');
  // A letter alone (catégorie `e`) or a group letter and class number (`b 4`, `B-4`) as the grids write them.
  if (/^[a-z]$/i.test(s)) return s.toUpperCase();
  const grouped = /^([a-z])[\s.-]?(\d{1,2})$/i.exec(s);
  return grouped ? `${grouped[1]!.toUpperCase()}${grouped[2]}` : s;
}

type Get = (c: Column) => string | undefined;
type Bad = (column: Column, value: string, message: string) => void;

/** Columns that repeat across a staff list: what they say is worked out once per distinct value set. */
export const STATIC_COLUMNS: readonly Column[] = ['idcc', 'emploi', 'position', 'niveau', 'statut', 'diplome', 'annees_exercice', 'encadrement'];

export type StaticFields = Pick<Employee, 'idcc' | 'emploi' | 'position' | 'niveau' | 'statut' | 'diplome' | 'anneesExercice' | 'encadrement'>;

function number(get: Get, bad: Bad, c: Column, what: string, integer = false): number | undefined {
  const v = get(c);
  if (v === undefined) return undefined;
  const n = parseFrenchNumber(v);
  if (n === undefined || n < 0 || (integer && !Number.isInteger(n))) {
    bad(c, v, `${what} attendu${integer ? ' (nombre entier)' : ''}`);
    return undefined;
  }
  return n;
}

/** The repeating columns; `undefined` when the row lacks what any check needs (IDCC, position). */
export function readStatic(get: Get, bad: Bad): StaticFields | undefined {
  const idcc = get('idcc')?.replace(/^0+(?=\d{4})/, '');
  if (idcc === undefined) bad('idcc', '', 'IDCC manquant');
  else if (!/^\d{1,4}$/.test(idcc)) bad('idcc', idcc, 'IDCC invalide (4 chiffres)');
  const position = get('position');
  if (position === undefined) bad('position', '', 'position (coefficient, niveau ou catégorie) manquante');
  const statutRaw = get('statut');
  const statut = statutRaw === undefined ? undefined : parseStatus(statutRaw);
  if (statutRaw !== undefined && !statut) bad('statut', statutRaw, 'statut non reconnu (employé, agent de maîtrise, cadre, cadre supérieur)');
  const fields: StaticFields = {
    idcc: idcc ?? '',
    emploi: get('emploi'),
    position: position === undefined ? '' : normalisePosition(position),
    niveau: get('niveau'),
    statut,
    diplome: get('diplome'),
    anneesExercice: number(get, bad, 'annees_exercice', "nombre d'années"),
    encadrement: number(get, bad, 'encadrement', 'nombre de personnes encadrées', true),
  };
  return idcc !== undefined && /^\d{1,4}$/.test(idcc) && position !== undefined ? fields : undefined;
}

/** A day as the number yyyymmdd: dates compare as numbers, and parse without a string. */
export type DayNumber = number;

export function dayNumberOf(iso: IsoDate): DayNumber {
  return Number(iso.slice(0, 4)) * 10000 + Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10));
}

export function isoOfDayNumber(n: DayNumber): IsoDate {
  const y = Math.floor(n / 10000);
  const m = Math.floor(n / 100) % 100;
  const d = n % 100;
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}


/**
 * A date cell as a day number: 0 when empty, -1 when it is no date. The two forms payroll
 * exports write (JJ/MM/AAAA, AAAA-MM-JJ) are read where they lie; others go through
 * parseDateCell, which decides for all.
 */
export function dateCellNumber(cells: RowCells, i: number): DayNumber {
  const quick = cells.plainDate(i);
  if (quick > 0) return quick;
  const raw = cells.trimmed(i);
  if (raw === '') return 0;
  const iso = parseDateCell(raw);
  return iso ? dayNumberOf(iso) : -1;
}

/** "F", "femme", "H", "homme", "M"… → F | H. */
export function parseSex(raw: string): 'F' | 'H' | undefined {
  if (raw === 'F' || raw === 'H') return raw;
  const s = foldAccents(raw);
  return /^(f|femme|feminin)/i.test(s) ? 'F' : /^(h|m|homme|masculin)/i.test(s) ? 'H' : undefined;
}

/** The cells of a row by column, as copies that can be kept (in a cache) after the row is gone. */
export function cellGetter(cells: RowCells, map: HeaderMap): Get {
  return (c) => {
    const i = map.index[c];
    if (i === undefined) return undefined;
    const v = cells.trimmed(i);
    return v === '' ? undefined : detach(v);
  };
}

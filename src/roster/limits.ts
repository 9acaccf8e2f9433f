/**
 * What an uploaded staff list may hold. A .xlsx is a zip of XML: a few megabytes can inflate to
 * gigabytes, hold a hundred million strings or one cell of a billion characters; a CSV header can
 * hold a hundred thousand columns. Each bound below is far above any real staff list (Excel's own
 * limits where it has one) and keeps a whole audit well under the server's memory budget;
 * docs/security.md gives each value and why.
 */
import { InputError } from '../model/input-error.js';

/** Columns of a CSV header or a sheet: payroll exports have tens, a few hundred at most. */
export const MAX_COLUMNS = 2_000;

export const XLSX_LIMITS = {
  /** Entries listed in the zip (a workbook has tens; images and charts add a few hundred). */
  entries: 10_000,
  /** Inflated bytes of the sheet read, and of all parts together. */
  totalBytes: 2 * 1024 ** 3,
  /** Inflated bytes of a small part (workbook, relationships, styles). */
  partBytes: 32 * 1024 ** 2,
  /** Inflated bytes of the shared strings. */
  sharedStringsBytes: 1024 ** 3,
  /** Inflated bytes per compressed byte, checked past the first mebibyte of a part. */
  ratio: 200,
  /** Shared strings (Excel writes each distinct text once). */
  sharedStrings: 5_000_000,
  /** Characters of all shared strings together. */
  sharedChars: 100_000_000,
  /** Characters in one cell: Excel's own limit. */
  cellChars: 32_767,
  /** Rows: Excel's own limit (1 048 576). */
  rows: 1_048_576,
  columns: MAX_COLUMNS,
  /** Nesting of XML elements (a sheet needs 6). */
  depth: 32,
  /** Characters between two XML tags (a cell's text, a tag with its attributes). */
  token: 1024 ** 2,
  /** Cell formats in styles.xml (Excel's own limit is 64 000). */
  styles: 65_536,
} as const;

export const fr = (n: number): string => n.toLocaleString('fr-FR').replace(/\u202f/g, ' ');

const SPLIT = 'Enregistrez la liste au format CSV (UTF-8, séparateur « ; ») ou découpez-la en plusieurs fichiers.';

/** A refused workbook: which limit, then what to do. */
export function tooLarge(file: string, what: string): InputError {
  return new InputError(`Le classeur « ${file} » est refusé : ${what}. ${SPLIT}`, 'invalid');
}

/** A workbook that cannot be read as one. */
export function unreadable(file: string, why: string): InputError {
  return new InputError(`Le classeur « ${file} » ne peut pas être lu : ${why}. Ouvrez-le dans Excel ou LibreOffice et enregistrez-le de nouveau (.xlsx ou CSV).`, 'invalid');
}

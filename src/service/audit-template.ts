/**
 * The staff-list template of the audit (CLI and web): the expected columns, then one row per
 * convention of the catalogue, written by each folder (`auditSample` in convention.yaml).
 */
import { COLUMNS } from '../roster/columns.js';

/** The template's lines, CRLF-separated, for Excel (the caller adds the BOM and the last newline). */
export function auditTemplate(conventions: readonly { idcc: string; auditSample?: Readonly<Record<string, string>> | undefined }[]): string {
  const columns = [...new Set(COLUMNS)];
  const rows = conventions.filter((c) => c.auditSample).map((c) => columns.map((col) => (col === 'idcc' ? c.idcc : (c.auditSample![col] ?? ''))).join(';'));
  return [columns.join(';'), ...rows].join('\r\n');
}

/** « 3168, 1431 ou 2198 »: the IDCCs of the catalogue, for the description of the column. */
export function idccList(conventions: readonly { idcc: string }[]): string {
  const ids = conventions.map((c) => c.idcc);
  return ids.length > 1 ? `${ids.slice(0, -1).join(', ')} ou ${ids[ids.length - 1]}` : (ids[0] ?? '');
}

/**
 * The user's column choices on the command line: `--column "Libellé X=emploi"` (repeatable), and a
 * small mapping file (`--mapping colonnes.json`) that keeps them for the next file of the same shape.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { InputError } from '../model/input-error.js';
import { COLUMNS, isColumnChoice, type ColumnChoice, type ColumnMapping } from '../roster/columns.js';

const CHOICES = `${COLUMNS.join(', ')} ou ignorer`;

/** `["Libellé X=emploi"]` → `{ "Libellé X": "emploi" }`. */
export function parseColumnOptions(values: readonly string[]): Record<string, ColumnChoice> {
  const out: Record<string, ColumnChoice> = {};
  for (const v of values) {
    const eq = v.lastIndexOf('=');
    const header = v.slice(0, eq).trim();
    const column = v.slice(eq + 1).trim().toLowerCase();
    if (eq <= 0 || header === '' || !isColumnChoice(column)) {
      throw new InputError(`--column invalide : « ${v} ». Forme attendue : --column "En-tête du fichier=colonne", colonne parmi ${CHOICES}.`, 'invalid');
    }
    out[header] = column;
  }
  return out;
}

/** The choices kept in a mapping file (none when it does not exist yet). */
export function readMappingFile(path: string): Record<string, ColumnChoice> {
  if (!existsSync(path)) return {};
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new InputError(`Fichier de correspondance des colonnes illisible : « ${path} » (JSON attendu : { "En-tête": "colonne" }).`, 'invalid');
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new InputError(`« ${path} » : objet JSON attendu ({ "En-tête": "colonne" }).`, 'invalid');
  const out: Record<string, ColumnChoice> = {};
  for (const [header, column] of Object.entries(data as Record<string, unknown>)) {
    if (typeof column !== 'string' || !isColumnChoice(column)) throw new InputError(`« ${path} » : colonne inconnue pour « ${header} » : ${JSON.stringify(column)} (colonnes : ${CHOICES}).`, 'invalid');
    out[header] = column;
  }
  return out;
}

export function writeMappingFile(path: string, mapping: ColumnMapping): void {
  try {
    writeFileSync(path, `${JSON.stringify(mapping, null, 2)}\n`);
  } catch (e) {
    throw new InputError(`Écriture impossible du fichier de correspondance « ${path} » : ${(e as Error).message}.`, 'invalid');
  }
}

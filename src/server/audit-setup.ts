/**
 * What an organisation's audit uses besides the file: the column choices given with it (kept for
 * the next file of the same shape), the employer's membership of the signatory organisations,
 * and the organisation's wage scales.
 */
import type { Kysely } from 'kysely';
import type { Catalogue } from '../grids/convention.js';
import type { AuditOptions } from '../roster/audit.js';
import { headerSignature, isColumnChoice, type ColumnChoice, type ColumnMapping } from '../roster/columns.js';
import { mergeScales, parseUserScales, type Membership } from '../roster/minimum.js';
import type { Database } from '../store/schema.js';
import { parseJson } from '../store/util.js';
import { columnMappings, getColumnMapping, saveColumnMapping, wageScaleTexts } from '../store/wage-scales.js';
import { HttpError } from './errors.js';

/** The options given at an audit's creation, stored with it. */
export interface AuditRequestOptions {
  mapping?: Record<string, ColumnChoice>;
  membership?: Membership;
}

const MEMBERSHIP: Record<string, Membership> = { oui: 'member', non: 'non-member', inconnu: 'unknown', member: 'member', 'non-member': 'non-member', unknown: 'unknown' };

/** `adherent` (oui, non, inconnu) and `colonnes` (JSON { "En-tête": "colonne" }) as sent; a bad value is a 400. */
export function parseAuditRequestOptions(adherent: string | undefined, colonnes: string | undefined): AuditRequestOptions {
  const out: AuditRequestOptions = {};
  if (adherent !== undefined && adherent !== '') {
    const m = MEMBERSHIP[adherent];
    if (!m) throw new HttpError('invalid', `adherent invalide : « ${adherent.slice(0, 30)} ». Valeurs : oui, non, inconnu.`);
    out.membership = m;
  }
  if (colonnes !== undefined && colonnes !== '') {
    let data: unknown;
    try {
      data = JSON.parse(colonnes);
    } catch {
      throw new HttpError('invalid', 'colonnes : objet JSON attendu, { "En-tête du fichier": "colonne" }.');
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw new HttpError('invalid', 'colonnes : objet JSON attendu, { "En-tête du fichier": "colonne" }.');
    const mapping: Record<string, ColumnChoice> = {};
    for (const [header, column] of Object.entries(data as Record<string, unknown>).slice(0, 100)) {
      if (typeof column !== 'string' || !isColumnChoice(column)) throw new HttpError('invalid', `colonnes : « ${String(column).slice(0, 40)} » n'est pas une colonne connue (pour l'en-tête « ${header.slice(0, 60)} »).`);
      mapping[header.slice(0, 200)] = column;
    }
    out.mapping = mapping;
  }
  return out;
}

export function storedOptions(text: string | null | undefined): AuditRequestOptions {
  return parseJson<AuditRequestOptions>(text ?? null) ?? {};
}

/** What an audit's process needs of the organisation's records (read by the server, sent over IPC). */
export interface OrganisationAuditData {
  /** Column choices kept for files of each shape, by header signature. */
  keptMappings: Record<string, ColumnMapping>;
  wageScales: { fileName: string; csv: string }[];
}

export async function loadOrganisationAuditData(db: Kysely<Database>, organisationId: string): Promise<OrganisationAuditData> {
  return { keptMappings: await columnMappings(db, organisationId), wageScales: await wageScaleTexts(db, organisationId) };
}

/**
 * The audit's options once its headers are read: the organisation's choices for files of this
 * shape, then the audit's own, its membership and wage scales. No I/O: it also runs inside an
 * audit's own process.
 */
export function resolveAuditContext(
  catalogue: Catalogue,
  own: AuditRequestOptions,
  headers: readonly string[],
  data: OrganisationAuditData,
): Pick<AuditOptions, 'mapping' | 'membership' | 'userScales'> {
  const mapping: ColumnMapping = { ...data.keptMappings[headerSignature(headers)], ...own.mapping };
  const userScales = mergeScales(data.wageScales.map((t) => parseUserScales(t.csv, t.fileName, catalogue.conventions)));
  return { mapping, membership: own.membership ?? 'unknown', ...(userScales.size > 0 ? { userScales } : {}) };
}

/** The audit's own column choices kept for the next file of the same shape. */
export async function keepColumnChoices(db: Kysely<Database>, organisationId: string, own: AuditRequestOptions, headers: readonly string[]): Promise<void> {
  if (!own.mapping || Object.keys(own.mapping).length === 0) return;
  const signature = headerSignature(headers);
  await saveColumnMapping(db, organisationId, signature, { ...(await getColumnMapping(db, organisationId, signature)), ...own.mapping });
}

/** resolveAuditContext with the organisation's records read now, the audit's choices kept. */
export async function auditContext(
  db: Kysely<Database>,
  catalogue: Catalogue,
  organisationId: string,
  own: AuditRequestOptions,
  headers: readonly string[],
): Promise<Pick<AuditOptions, 'mapping' | 'membership' | 'userScales'>> {
  await keepColumnChoices(db, organisationId, own, headers);
  return resolveAuditContext(catalogue, own, headers, await loadOrganisationAuditData(db, organisationId));
}

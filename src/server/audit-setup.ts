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
import { getColumnMapping, saveColumnMapping, wageScaleTexts } from '../store/wage-scales.js';
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

/**
 * The audit's options once its headers are read: the organisation's choices for files of this
 * shape, then the audit's own (which are kept for next time), its membership and wage scales.
 */
export async function auditContext(
  db: Kysely<Database>,
  catalogue: Catalogue,
  organisationId: string,
  own: AuditRequestOptions,
  headers: readonly string[],
): Promise<Pick<AuditOptions, 'mapping' | 'membership' | 'userScales'>> {
  const signature = headerSignature(headers);
  const kept = await getColumnMapping(db, organisationId, signature);
  const mapping: ColumnMapping = { ...kept, ...own.mapping };
  if (own.mapping && Object.keys(own.mapping).length > 0) await saveColumnMapping(db, organisationId, signature, mapping);
  const texts = await wageScaleTexts(db, organisationId);
  const userScales = mergeScales(texts.map((t) => parseUserScales(t.csv, t.fileName, catalogue.conventions)));
  return { mapping, membership: own.membership ?? 'unknown', ...(userScales.size > 0 ? { userScales } : {}) };
}

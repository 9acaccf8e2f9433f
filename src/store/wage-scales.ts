/**
 * What an organisation keeps for its audits: the wage scales it loaded (CSV text, validated on
 * upload like a `--wages` file) and its column choices, by header signature (the shape of a file),
 * so that the next file of the same shape needs no new choice.
 */
import type { Kysely } from 'kysely';
import type { ColumnMapping } from '../roster/columns.js';
import type { Database } from './schema.js';
import { newId, nowIso, parseJson } from './util.js';

type Db = Kysely<Database>;

export interface WageScaleView {
  id: string;
  fileName: string;
  idccs: string[];
  rows: number;
  createdAt: string;
}

export async function listWageScales(db: Db, organisationId: string): Promise<WageScaleView[]> {
  const rows = await db.selectFrom('wage_scales').select(['id', 'file_name', 'idccs', 'rows', 'created_at']).where('organisation_id', '=', organisationId).orderBy('created_at', 'desc').execute();
  return rows.map((r) => ({ id: r.id, fileName: r.file_name, idccs: r.idccs.split(',').filter(Boolean), rows: Number(r.rows), createdAt: r.created_at }));
}

/** The CSV texts of the organisation's scales, with their file names. */
export async function wageScaleTexts(db: Db, organisationId: string): Promise<{ fileName: string; csv: string }[]> {
  const rows = await db.selectFrom('wage_scales').select(['file_name', 'csv']).where('organisation_id', '=', organisationId).orderBy('created_at').execute();
  return rows.map((r) => ({ fileName: r.file_name, csv: r.csv }));
}

export async function insertWageScale(db: Db, input: { organisationId: string; fileName: string; csv: string; idccs: string[]; rows: number; createdBy: string | null }): Promise<WageScaleView> {
  const row = { id: newId(), organisation_id: input.organisationId, file_name: input.fileName, csv: input.csv, idccs: input.idccs.join(','), rows: input.rows, created_by: input.createdBy, created_at: nowIso() };
  await db.insertInto('wage_scales').values(row).execute();
  return { id: row.id, fileName: row.file_name, idccs: input.idccs, rows: input.rows, createdAt: row.created_at };
}

export async function deleteWageScale(db: Db, organisationId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('wage_scales').where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function getColumnMapping(db: Db, organisationId: string, signature: string): Promise<ColumnMapping> {
  const r = await db.selectFrom('column_mappings').select('mapping').where('organisation_id', '=', organisationId).where('signature', '=', signature).executeTakeFirst();
  return parseJson<ColumnMapping>(r?.mapping ?? null) ?? {};
}

/** The organisation's kept choices by header signature, the most recent first (at most 200). */
export async function columnMappings(db: Db, organisationId: string): Promise<Record<string, ColumnMapping>> {
  const rows = await db.selectFrom('column_mappings').select(['signature', 'mapping']).where('organisation_id', '=', organisationId).orderBy('updated_at', 'desc').limit(200).execute();
  return Object.fromEntries(rows.map((r) => [r.signature, parseJson<ColumnMapping>(r.mapping) ?? {}]));
}

/** Keeps the choices for files of this shape (replacing earlier ones). */
export async function saveColumnMapping(db: Db, organisationId: string, signature: string, mapping: ColumnMapping): Promise<void> {
  const values = { organisation_id: organisationId, signature, mapping: JSON.stringify(mapping), updated_at: nowIso() };
  await db
    .insertInto('column_mappings')
    .values(values)
    .onConflict((oc) => oc.columns(['organisation_id', 'signature']).doUpdateSet({ mapping: values.mapping, updated_at: values.updated_at }))
    .execute();
}

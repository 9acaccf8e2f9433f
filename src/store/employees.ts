/** Employees of an organisation; the matricule is unique within it. */
import { sql, type Kysely } from 'kysely';
import type { Database, EmployeeTable } from './schema.js';
import { newId, nowIso } from './util.js';

type Db = Kysely<Database>;

export interface EmployeeView {
  id: string;
  matricule: string;
  name: string | null;
  idcc: string | null;
  position: string | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface EmployeeInput {
  matricule: string;
  name?: string | null;
  idcc?: string | null;
  position?: string | null;
  note?: string | null;
}

function view(r: EmployeeTable): EmployeeView {
  return { id: r.id, matricule: r.matricule, name: r.name, idcc: r.idcc, position: r.position, note: r.note, createdAt: r.created_at, updatedAt: r.updated_at };
}

export async function createEmployee(db: Db, organisationId: string, input: EmployeeInput): Promise<EmployeeView> {
  const now = nowIso();
  const row: EmployeeTable = {
    id: newId(),
    organisation_id: organisationId,
    matricule: input.matricule,
    name: input.name ?? null,
    idcc: input.idcc ?? null,
    position: input.position ?? null,
    note: input.note ?? null,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('employees').values(row).execute();
  return view(row);
}

export async function getEmployee(db: Db, organisationId: string, id: string): Promise<EmployeeView | undefined> {
  const r = await db.selectFrom('employees').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
  return r && view(r);
}

export async function updateEmployee(db: Db, organisationId: string, id: string, patch: Partial<EmployeeInput>): Promise<EmployeeView | undefined> {
  const set: Partial<EmployeeTable> = { updated_at: nowIso() };
  if (patch.matricule !== undefined) set.matricule = patch.matricule;
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.idcc !== undefined) set.idcc = patch.idcc;
  if (patch.position !== undefined) set.position = patch.position;
  if (patch.note !== undefined) set.note = patch.note;
  await db.updateTable('employees').set(set).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
  return getEmployee(db, organisationId, id);
}

/** Escapes LIKE wildcards so a search for « 50% » means those characters. */
function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listEmployees(db: Db, organisationId: string, options: { q?: string; limit: number; offset: number }): Promise<{ items: EmployeeView[]; total: number }> {
  let base = db.selectFrom('employees').where('organisation_id', '=', organisationId);
  if (options.q) {
    const pattern = likePattern(options.q);
    // ESCAPE is explicit: SQLite has no default escape character, PostgreSQL's is the backslash.
    base = base.where(sql<boolean>`(lower(matricule) like ${pattern} escape '\\' or lower(coalesce(name, '')) like ${pattern} escape '\\')`);
  }
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('matricule').orderBy('id').limit(options.limit).offset(options.offset).execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
  ]);
  return { items: rows.map(view), total: Number(count?.n ?? 0) };
}

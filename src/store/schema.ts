/**
 * The tables, as kysely sees them. One definition for SQLite and PostgreSQL: identifiers are
 * random text ids, dates are ISO-8601 text (sortable, the same on both engines), JSON is text,
 * counters are integers. See src/store/migrations.ts for the DDL.
 */

export type Role = 'admin' | 'member' | 'read-only';
export const ROLES: readonly Role[] = ['admin', 'member', 'read-only'];

export type AuditStatus = 'queued' | 'running' | 'done' | 'failed';

export interface UserTable {
  id: string;
  /** Lower-cased. */
  email: string;
  name: string;
  password_hash: string;
  created_at: string;
}

export interface OrganisationTable {
  id: string;
  name: string;
  created_at: string;
}

export interface MembershipTable {
  organisation_id: string;
  user_id: string;
  role: Role;
  created_at: string;
}

export interface SessionTable {
  /** sha256 of the cookie value: a stolen database does not give sessions. */
  id: string;
  user_id: string;
  /** The organisation the session works in (a user may belong to several). */
  organisation_id: string | null;
  created_at: string;
  expires_at: string;
}

export interface ApiTokenTable {
  id: string;
  organisation_id: string;
  /** Public part of the token, for lookup. */
  prefix: string;
  /** sha256 of the whole token. */
  token_hash: string;
  name: string;
  role: Role;
  created_by: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface EmployeeTable {
  id: string;
  organisation_id: string;
  matricule: string;
  name: string | null;
  idcc: string | null;
  position: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface DecisionTable {
  id: string;
  organisation_id: string;
  /** First version of this decision; all versions share it. */
  root_id: string;
  version: number;
  /** « 2026-0007 »: year and rank of the decision in its organisation, shared by its versions (null only while a row is written by an older instance). */
  reference: string | null;
  /** The version this one corrects (unique: a version is corrected at most once). */
  previous_id: string | null;
  employee_id: string | null;
  kind: 'classify' | 'transpose';
  idcc: string;
  grid_id: string;
  /** Date the classification applies at (AAAA-MM-JJ). */
  at: string;
  /** JSON: the facts as given. */
  facts: string;
  /** JSON: other input (the old position of a transposition). */
  input: string;
  /** JSON: the engine's answer, as `classif classify --json` prints it. */
  result: string;
  /** JSON: the reasons, each citing its text. */
  explanation: string;
  /** The position retained by the author, among the result's. */
  position: string | null;
  comment: string | null;
  author_user_id: string | null;
  author_token_id: string | null;
  created_at: string;
}

export interface AuditTable {
  id: string;
  organisation_id: string;
  author_user_id: string | null;
  author_token_id: string | null;
  file_name: string;
  file_size: number;
  /** Date the staff list is audited at. */
  at: string;
  status: AuditStatus;
  rows_read: number;
  bytes_done: number;
  bytes_total: number;
  /** JSON AuditSummary once done. */
  summary: string | null;
  error: string | null;
  attempts: number;
  /** Which process runs it: host:pid:boot. */
  worker: string | null;
  heartbeat_at: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** JSON of the audit's own options (column choices, membership), when given at creation. */
  options?: string | null;
}

/** An organisation's wage scale, as the CSV it loaded (same format as `classif audit --wages`). */
export interface WageScaleTable {
  id: string;
  organisation_id: string;
  file_name: string;
  csv: string;
  /** The IDCCs it gives minima for, comma-separated. */
  idccs: string;
  rows: number;
  created_by: string | null;
  created_at: string;
}

/** An organisation's column choices for files whose headers have this signature (columns.ts). */
export interface ColumnMappingTable {
  organisation_id: string;
  signature: string;
  /** JSON ColumnMapping. */
  mapping: string;
  updated_at: string;
}

/** A chunk (1 MiB at most) of an audit's upload (`input`) or report (`report.<format>`). */
export interface AuditFileTable {
  audit_id: string;
  name: string;
  seq: number;
  data: Buffer;
  /** The chunk's size before it was compressed; null when `data` is stored as is. */
  inflated_size: number | null;
  /** How `data` is compressed: 'br' (brotli); null: zlib's raw deflate when `inflated_size` is set (chunks stored before brotli). */
  codec: string | null;
}

export interface RateLimitTable {
  key: string;
  window_start: string;
  count: number;
}

export interface InvitationTable {
  id: string;
  organisation_id: string;
  /** Lower-cased; the only address that may accept it. */
  email: string;
  role: Role;
  /** sha256 of the token handed to the invited person. */
  token_hash: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
  revoked_at: string | null;
}

export interface PasswordResetTable {
  /** sha256 of the token. */
  token_hash: string;
  user_id: string;
  /** Who issued it: the person themselves or an admin of one of their organisations. */
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface Database {
  users: UserTable;
  organisations: OrganisationTable;
  memberships: MembershipTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  employees: EmployeeTable;
  decisions: DecisionTable;
  audits: AuditTable;
  audit_files: AuditFileTable;
  rate_limits: RateLimitTable;
  invitations: InvitationTable;
  password_resets: PasswordResetTable;
  wage_scales: WageScaleTable;
  column_mappings: ColumnMappingTable;
}

/**
 * The account side of the API (src/server/routes: account, organisation, records, audits):
 * paths and JSON shapes of sessions, organisations, members, tokens, employees, decisions and
 * audits, as src/server/schemas.ts documents them.
 */
import type { AuditSummary, ClassifyResult, Facts, Source } from './types.js';

export type Role = 'admin' | 'member' | 'read-only';

export interface Me {
  user: { id: string; email: string; name: string } | null;
  token: { id: string; name: string } | null;
  via: 'session' | 'token';
  organisation: { id: string; name: string } | null;
  role: Role | null;
  memberships: { organisationId: string; organisationName: string; role: Role }[];
  csrfToken: string | null;
}

export interface Page<T> {
  items: T[];
  total?: number;
  limit?: number;
  offset?: number;
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  since: string;
}

/** An invitation to join the organisation, waiting to be accepted (POST /api/members makes one). */
export interface Invitation {
  id: string;
  email: string;
  role: Role;
  createdBy: { id: string; name: string; email: string } | null;
  createdAt: string;
  expiresAt: string;
}

/** A single-use token, shown once, and the page of this site where it is used. */
export interface OneTimeToken {
  token: string;
  /** `/invitation#<token>` or `/reinitialiser#<token>`. */
  path: string;
}

export interface NewInvitation extends OneTimeToken {
  invitation: Invitation;
}

export interface InvitationPreview {
  organisation: { name: string };
  email: string;
  role: Role;
  expiresAt: string;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  createdBy: { id: string; name: string; email: string } | null;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Only in the answer that creates it. */
  token?: string;
}

export interface Employee {
  id: string;
  matricule: string;
  name: string | null;
  idcc: string | null;
  position: string | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Decision {
  id: string;
  /** « 2026-0007 », the same for every version. */
  reference: string | null;
  version: number;
  rootId: string;
  previousId: string | null;
  supersededBy: string | null;
  latest: boolean;
  employeeId: string | null;
  kind: 'classify' | 'transpose';
  idcc: string;
  gridId: string;
  at: string;
  facts: Facts;
  input: unknown;
  result: ClassifyResult;
  explanation: unknown;
  /** The position the author retained among the result's. */
  position: string | null;
  comment: string | null;
  author: { type: 'user'; id: string; name: string; email: string } | { type: 'token'; id: string; name: string } | null;
  createdAt: string;
  versions?: { id: string; version: number; createdAt: string }[];
}

export interface AuditJob {
  id: string;
  fileName: string;
  fileSize: number;
  at: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: { rows: number; bytesDone: number; bytesTotal: number; percent: number };
  summary: AuditSummary | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  reports?: Record<string, string>;
}

/** The full card of a benchmark job (GET /api/conventions/:idcc/jobs/:jobId). */
export interface JobDetail {
  idcc: string;
  grid: { id: string; title: string };
  job: {
    id: string;
    title: string;
    track: string;
    trackTitle: string;
    positions: string[];
    status: string;
    statuses: string[];
    inherits?: string;
    duties: string[];
    mission?: string;
    activities?: string[];
    variationFactors?: string[];
    interfaces?: string[];
    criteria?: Record<string, string[]>;
    aliases?: string[];
    notes?: { text: string; comment?: string; source: Source }[];
    lineage?: string[];
    source: Source;
  };
}

export const ROUTES = {
  me: '/api/auth/me',
  login: '/api/auth/login',
  register: '/api/auth/register',
  logout: '/api/auth/logout',
  switchOrganisation: '/api/auth/organisation',
  organisation: '/api/organisation',
  members: '/api/members',
  member: (userId: string) => `/api/members/${encodeURIComponent(userId)}`,
  memberPasswordReset: (userId: string) => `/api/members/${encodeURIComponent(userId)}/password-reset`,
  invitations: '/api/invitations',
  invitation: (id: string) => `/api/invitations/${encodeURIComponent(id)}`,
  invitationPreview: '/api/invitations/preview',
  invitationAccept: '/api/invitations/accept',
  invitationRegister: '/api/invitations/register',
  passwordReset: '/api/auth/reset',
  tokens: '/api/tokens',
  token: (id: string) => `/api/tokens/${encodeURIComponent(id)}`,
  employees: '/api/employees',
  employee: (id: string) => `/api/employees/${encodeURIComponent(id)}`,
  employeeDecisions: (id: string) => `/api/employees/${encodeURIComponent(id)}/decisions`,
  decisions: '/api/decisions',
  decision: (id: string) => `/api/decisions/${encodeURIComponent(id)}`,
  audits: '/api/audits',
  audit: (id: string) => `/api/audits/${encodeURIComponent(id)}`,
  auditSamples: (id: string) => `/api/audits/${encodeURIComponent(id)}/samples`,
  auditReport: (id: string, ext: 'csv' | 'pdf' | 'html' | 'json' | 'ndjson') => `/api/audits/${encodeURIComponent(id)}/report.${ext}`,
  job: (idcc: string, jobId: string, at?: string) => `/api/conventions/${encodeURIComponent(idcc)}/jobs/${encodeURIComponent(jobId)}${at ? `?at=${encodeURIComponent(at)}` : ''}`,
};

/**
 * An organisation's wage scales over HTTP (upload, list, delete, used by its audits), and the
 * options given with an audit: column choices kept for the next file of the same shape, and the
 * employer's membership of the signatory organisations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditSummary, Finding } from '../../src/roster/audit.js';
import { makeApp, multipart, register, waitFor, type Account, type Client, type TestApp } from './helpers.js';

let t: TestApp;
let acc: Account;
let other: Account;
beforeAll(async () => {
  t = await makeApp();
  acc = await register(t.app);
  other = await register(t.app, 'Autre cabinet');
});
afterAll(() => t.close());

interface Audit {
  id: string;
  status: string;
  error: string | null;
  summary: AuditSummary | null;
}
interface Scale {
  id: string;
  fileName: string;
  idccs: string[];
  rows: number;
}

async function auditOf(client: Client, csv: string, query: string, fields: Record<string, string> = {}) {
  const { payload, headers } = multipart([{ name: 'export.csv', content: csv }], fields);
  const up = await client.request<Audit & { message: string }>('POST', `/api/audits${query}`, payload, headers);
  expect(up.status, up.body).toBe(202);
  const final = await waitFor(() => client.get<Audit>(`/api/audits/${up.json.id}`), (r) => r.json.status === 'done' || r.json.status === 'failed');
  expect(final.json.status, final.json.error ?? '').toBe('done');
  const report = await client.get<{ findings: Finding[] }>(`/api/audits/${up.json.id}/report.json`);
  return { summary: final.json.summary!, findings: report.json.findings };
}

// 1431 level B has no scale in the data: the organisation's scale gives it one.
const STAFF = ['Matricule;IDCC;Niveau;Salaire de base', 'A1;1431;B;1 850'].join('\r\n');
const SCALE = ['idcc;position;niveau;date_effet;montant', '1431;B;;01/01/2025;1 900'].join('\r\n');

describe('wage scales of an organisation', () => {
  it('are validated like a --wages file, listed, used by its audits only, and deleted', async () => {
    const bad = await acc.client.post<{ message: string }>('/api/wage-scales', { fileName: 'bareme.csv', csv: 'idcc;position;niveau;date_effet;montant\r\n9999;B;;01/01/2025;1900' });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('bareme.csv », ligne 2');

    const up = await acc.client.post<Scale>('/api/wage-scales', { fileName: 'accord-entreprise.csv', csv: SCALE });
    expect(up.status, up.body).toBe(201);
    expect(up.json).toMatchObject({ fileName: 'accord-entreprise.csv', idccs: ['1431'], rows: 1 });
    const list = await acc.client.get<{ items: Scale[] }>('/api/wage-scales');
    expect(list.json.items.map((s) => s.id)).toEqual([up.json.id]);
    expect((await other.client.get<{ items: Scale[] }>('/api/wage-scales')).json.items).toEqual([]);

    const mine = await auditOf(acc.client, STAFF, '?at=2026-03-01');
    const f = mine.findings.find((x) => x.rule === 'below-minimum-wage')!;
    expect(f.expected).toBe(1900);
    expect(f.source.quote).toBe('accord-entreprise.csv, ligne 2');
    // The web's words, never a command-line option.
    expect(JSON.stringify(mine.summary)).not.toContain('--');
    const theirs = await auditOf(other.client, STAFF, '?at=2026-03-01');
    expect(theirs.findings.find((x) => x.rule === 'below-minimum-wage')).toBeUndefined();
    expect(theirs.summary.notes.join(' ')).toContain('chargez le barème depuis la page des audits');

    expect((await other.client.delete(`/api/wage-scales/${up.json.id}`)).status).toBe(404);
    expect((await acc.client.delete(`/api/wage-scales/${up.json.id}`)).status).toBe(204);
    expect((await acc.client.get<{ items: Scale[] }>('/api/wage-scales')).json.items).toEqual([]);
  });
});

describe('options of an audit', () => {
  it('keeps column choices for the next file of the same shape', async () => {
    const csv = ['Code salarié;Conv.;Coef perso;Libellé X', 'A1;3168;999;Retoucheuse'].join('\r\n');
    const { payload, headers } = multipart([{ name: 'export.csv', content: csv }]);
    const refused = await acc.client.request<{ message: string }>('POST', '/api/audits?at=2026-03-01', payload, headers);
    expect(refused.status).toBe(400);
    expect(refused.json.message).toContain("associez vos en-têtes aux colonnes attendues à l'étape « Colonnes »");
    expect(refused.json.message).not.toContain('--');

    const colonnes = JSON.stringify({ 'Code salarié': 'matricule', 'Conv.': 'idcc', 'Coef perso': 'position', 'Libellé X': 'emploi' });
    const first = await auditOf(acc.client, csv, '?at=2026-03-01', { colonnes });
    expect(first.findings.find((f) => f.rule === 'unknown-position')!.message).toContain('« Coef perso »');
    // Same headers, no choice sent: the organisation's choices apply.
    const next = await auditOf(acc.client, csv.replace('A1', 'B7'), '?at=2026-03-01');
    expect(next.findings.find((f) => f.rule === 'unknown-position')!.matricule).toBe('B7');
    const wrong = multipart([{ name: 'e.csv', content: csv }], { colonnes: '{"X":"salaire"}' });
    const bad = await acc.client.request<{ message: string }>('POST', '/api/audits?at=2026-03-01', wrong.payload, wrong.headers);
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain("« salaire » n'est pas une colonne connue");
  });

  it('applies the membership given with the audit (3168 scale of 2019, members only)', async () => {
    // Coefficient 150 in June 2019: 1 526 € for members (avenant du 20 mars 2019, not extended), else 1 521,22 € (SMIC).
    const csv = ['Matricule;IDCC;Coefficient;Salaire de base', 'A1;3168;150;1524'].join('\r\n');
    const unknown = await auditOf(acc.client, csv, '?at=2019-06-01');
    expect(unknown.findings.find((f) => f.rule === 'below-minimum-wage')).toBeUndefined();
    const member = await auditOf(acc.client, csv, '?at=2019-06-01&adherent=oui');
    expect(member.findings.find((f) => f.rule === 'below-minimum-wage')!.expected).toBe(1526);
    const field = await auditOf(acc.client, csv, '?at=2019-06-01', { adherent: 'oui' });
    expect(field.findings.find((f) => f.rule === 'below-minimum-wage')!.expected).toBe(1526);
  });
});

describe('the columns step', () => {
  it('reads the header row under a title line, what each header is read as, and the choices kept', async () => {
    const csv = ['Export paie', 'Matricule;IDCC;Coefficient;Rubrique 12', 'A1;3168;195;x'].join('\r\n');
    const { payload, headers } = multipart([{ name: 'export.csv', content: csv }]);
    const r = await acc.client.request<{ headerLine: number; headers: { header: string; column: string | null; kept: boolean }[]; columns: { id: string }[] }>('POST', '/api/audits/columns', payload, headers);
    expect(r.status, r.body).toBe(200);
    expect(r.json.headerLine).toBe(2);
    expect(r.json.headers).toEqual([
      { header: 'Matricule', column: 'matricule', kept: false },
      { header: 'IDCC', column: 'idcc', kept: false },
      { header: 'Coefficient', column: 'position', kept: false },
      { header: 'Rubrique 12', column: null, kept: false },
    ]);
    expect(r.json.columns.map((c) => c.id)).toContain('horaire_mensuel');
  });
});


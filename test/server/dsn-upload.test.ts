/**
 * DSN files through the API: a monthly DSN uploaded as it comes out of payroll software is
 * audited like a staff list; a broken one is refused at once with its line; the NIR is in no
 * report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditSummary, Finding } from '../../src/roster/audit.js';
import { dsnBytes, dsnLines, fakeNir, person, zip } from '../support/dsn-writer.js';
import { makeApp, multipart, register, waitFor, type Account, type TestApp } from './helpers.js';

let t: TestApp;
let acc: Account;
beforeAll(async () => {
  t = await makeApp({ maxUploadBytes: 256 * 1024 });
  acc = await register(t.app);
});
afterAll(() => t.close());

interface Audit {
  id: string;
  status: string;
  error: string | null;
  summary: AuditSummary | null;
}

async function upload(content: Buffer, name: string) {
  const { payload, headers } = multipart([{ name, content }]);
  return acc.client.request<Audit & { message: string }>('POST', '/api/audits?at=2025-06-01', payload, headers);
}

const done = (id: string) => waitFor(() => acc.client.get<Audit>(`/api/audits/${id}`), (r) => r.json.status === 'done' || r.json.status === 'failed');

const nir = fakeNir(2, 11);
const month = (m: string, position: string) =>
  dsnBytes(dsnLines([{ month: m, people: [person(11, { idcc: '3168', emploi: 'Photographe', position }, '1200.00', { matricule: undefined, nir }), person(12, { idcc: '3168', emploi: 'Photographe', position: '195' }, '2100.00')] }]));

describe('DSN over HTTP', () => {
  it('audits a monthly DSN (.dsn) and keeps the NIR out of every report', async () => {
    const up = await upload(month('2025-05', 'Coefficient 195'), 'DSN-mai-2025.dsn');
    expect(up.status, up.body).toBe(202);
    const final = await done(up.json.id);
    expect(final.json.status, final.json.error ?? '').toBe('done');
    expect(final.json.summary).toMatchObject({ format: 'dsn', rows: 2, byRule: { 'below-minimum-wage': 1 } });
    for (const format of ['json', 'ndjson', 'csv', 'html']) {
      const report = await acc.client.get(`/api/audits/${up.json.id}/report.${format}`);
      expect(report.status).toBe(200);
      expect(report.body).not.toContain(nir);
      expect(report.body).not.toContain(nir.slice(0, 10));
    }
    const json = await acc.client.get<{ findings: Finding[] }>(`/api/audits/${up.json.id}/report.json`);
    expect(json.json.findings[0]!.matricule).toMatch(/^SANS-MATRICULE-/);
  });

  it('audits a zip of monthly DSN', async () => {
    const entries = [
      { name: 'mars.dsn', bytes: month('2025-03', '155') },
      { name: 'avril.dsn', bytes: month('2025-04', '195') },
    ];
    const up = await upload(zip(entries), 'dsn-2025.zip');
    expect(up.status, up.body).toBe(202);
    const final = await done(up.json.id);
    expect(final.json.status, final.json.error ?? '').toBe('done');
    expect(final.json.summary).toMatchObject({ format: 'dsn', rows: 2 });
  });

  it("a broken DSN: the audit fails, naming its line (checked by the audit's own process, not the server's)", async () => {
    const lines = dsnLines([{ month: '2025-05', people: [person(1, { idcc: '3168', emploi: 'Photographe', position: '195' })] }]);
    const up = await upload(dsnBytes(lines.slice(0, 40)), 'tronquee.txt');
    expect(up.status).toBe(202);
    const end = await done(up.json.id);
    expect(end.json.status).toBe('failed');
    expect(end.json.error).toMatch(/« tronquee\.txt », ligne 40 : fichier tronqué/);
  });
});

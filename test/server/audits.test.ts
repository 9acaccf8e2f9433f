/**
 * Audits over HTTP: upload (multipart, streamed, size-limited) → poll → reports, the same
 * findings as the core's audit; bad files refused at once in French; rerun; delete.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRoster, type AuditSummary, type Finding } from '../../src/roster/audit.js';
import { openRoster } from '../../src/roster/read.js';
import { AuditResponse } from '../../src/server/schemas.js';
import { getCatalogue, makeApp, multipart, register, STAFF_CSV, storedFiles, token, waitFor, type Account, type Client, type TestApp } from './helpers.js';

let t: TestApp;
let acc: Account;
beforeAll(async () => {
  t = await makeApp({ maxUploadBytes: 64 * 1024 });
  acc = await register(t.app);
});
afterAll(() => t.close());

interface Audit {
  id: string;
  status: string;
  fileName: string;
  error: string | null;
  summary: AuditSummary | null;
  progress: { rows: number; percent: number };
  reports?: Record<string, string>;
  attempts: number;
}

async function upload(client: Client, content: string | Buffer, name = 'personnel.csv', query = '?at=2025-06-30', fields: Record<string, string> = {}) {
  const { payload, headers } = multipart([{ name, content }], fields);
  return client.request<Audit & { message: string }>('POST', `/api/audits${query}`, payload, headers);
}

// Each audit runs in a process of its own, which makes every report (the PDF takes a second or more).
const done = (client: Client, id: string) => waitFor(() => client.get<Audit>(`/api/audits/${id}`), (r) => r.json.status === 'done' || r.json.status === 'failed', 40_000);

describe('upload → poll → reports', () => {
  it('audits the staff list in the background and serves every report', { timeout: 60_000 }, async () => {
    const up = await upload(acc.client, STAFF_CSV);
    expect(up.status, up.body).toBe(202);
    expect(up.headers.location).toBe(`/api/audits/${up.json.id}`);
    expect(['queued', 'running', 'done']).toContain(up.json.status);
    AuditResponse.parse(up.json);
    const final = await done(acc.client, up.json.id);
    expect(final.json.status).toBe('done');
    expect(final.json.progress.percent).toBe(100);
    AuditResponse.parse(final.json);

    // The same summary and findings as the core's audit of the same file.
    const file = join(tmpdir(), `classif-audit-${process.pid}.csv`);
    writeFileSync(file, STAFF_CSV);
    const findings: Finding[] = [];
    const expected = await auditRoster(await openRoster(file), { at: '2025-06-30', catalogue: await getCatalogue() }, (f) => findings.push(f));
    rmSync(file, { force: true });
    expect(final.json.summary).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(final.json.summary!.rows).toBe(4);
    expect(final.json.reports).toEqual({
      json: `/api/audits/${up.json.id}/report.json`,
      ndjson: `/api/audits/${up.json.id}/report.ndjson`,
      csv: `/api/audits/${up.json.id}/report.csv`,
      html: `/api/audits/${up.json.id}/report.html`,
      pdf: `/api/audits/${up.json.id}/report.pdf`,
    });

    const json = await acc.client.get<{ findings: Finding[]; summary: AuditSummary }>(`/api/audits/${up.json.id}/report.json`);
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toContain('application/json');
    expect(json.json.findings).toEqual(JSON.parse(JSON.stringify(findings)));
    // The page's first findings of each rule, as the audit kept them: those of the report, in its order.
    const samples = await acc.client.get<{ byRule: Record<string, Finding[]>; omitted: Record<string, number> }>(`/api/audits/${up.json.id}/samples`);
    expect(samples.status).toBe(200);
    const firsts: Record<string, Finding[]> = {};
    for (const f of JSON.parse(JSON.stringify(findings)) as Finding[]) (firsts[f.rule] ??= []).push(f);
    expect(samples.json.byRule).toEqual(firsts);
    expect(samples.json.omitted).toEqual({});
    const nd = await acc.client.get(`/api/audits/${up.json.id}/report.ndjson`);
    expect(nd.body.trim().split('\n')).toHaveLength(findings.length + 1);
    const csv = await acc.client.get(`/api/audits/${up.json.id}/report.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('attachment; filename="audit-personnel.csv"');
    expect(csv.body.startsWith('\uFEFFligne;matricule')).toBe(true);
    const html = await acc.client.get(`/api/audits/${up.json.id}/report.html`);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.headers['content-security-policy']).toContain('sandbox');
    expect(html.body).toContain('personnel.csv');
    const pdf = await t.app.inject({ method: 'GET', url: `/api/audits/${up.json.id}/report.pdf`, headers: { cookie: `classif_session=${acc.client.jar.get('classif_session')}` } });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const list = await acc.client.get<{ items: Audit[] }>('/api/audits');
    expect(list.json.items.map((a) => a.id)).toContain(up.json.id);
    expect((await acc.client.get(`/api/audits/${up.json.id}/report.xml`)).status).toBe(400);
  });

  it('takes the date from a form field, and XLSX files', { timeout: 90_000 }, async () => {
    const up = await upload(acc.client, STAFF_CSV, 'liste.csv', '', { at: '2024-01-15' });
    expect(up.status).toBe(202);
    const final = await done(acc.client, up.json.id);
    expect(final.json.summary!.at).toBe('2024-01-15');

    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Personnel');
    for (const line of STAFF_CSV.split('\r\n')) ws.addRow(line.split(';'));
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const x = await upload(acc.client, xlsx, 'liste.xlsx');
    expect(x.status, x.body).toBe(202);
    const fx = await done(acc.client, x.json.id);
    expect(fx.json.status).toBe('done');
    expect(fx.json.summary!.format).toBe('xlsx');
    expect(fx.json.summary!.rows).toBe(4);
  });

  it('a program with a token can upload and poll', { timeout: 60_000 }, async () => {
    const program = await token(t.app, acc, 'member');
    const up = await upload(program, STAFF_CSV);
    expect(up.status).toBe(202);
    expect((await done(program, up.json.id)).json.status).toBe('done');
  });
});

describe('bad uploads: 4xx in French, nothing left behind', () => {
  it('refuses a file that is no staff list, empty files, binary files, and bad dates', async () => {
    const notRoster = await upload(acc.client, 'nom;prenom\nDupont;Alex\n', 'clients.csv');
    expect(notRoster.status).toBe(400);
    expect(notRoster.json.message).toContain('aucun en-tête ne correspond à la colonne');
    expect(notRoster.json.message).not.toContain(t.dataDir);
    const empty = await upload(acc.client, '', 'vide.csv');
    expect(empty.status).toBe(400);
    const binary = await upload(acc.client, Buffer.from([0, 1, 2, 3, 0, 0, 7, 8, 9]), 'image.png');
    expect(binary.status).toBe(400);
    expect(binary.json.message).toContain('binaires');
    expect(binary.json.message).toContain('image.png');
    expect((await upload(acc.client, STAFF_CSV, 'x.csv', '?at=31/12/2024')).status).toBe(400);
    expect((await upload(acc.client, STAFF_CSV, 'x.csv', '', { at: 'hier' })).status).toBe(400);
    expect(readdirSync(join(t.dataDir, 'uploads'))).toEqual([]);
  });

  it('refuses a file over the size limit with 413', async () => {
    const big = `${STAFF_CSV}\r\n${'A999;3168;Retoucheuse;195;;employé;01/09/2020;01/09/2022;;;0;1 900,00;1;F\r\n'.repeat(2000)}`;
    const r = await upload(acc.client, big, 'gros.csv');
    expect(r.status).toBe(413);
    expect(r.json.message).toContain('Fichier trop volumineux');
    expect(readdirSync(join(t.dataDir, 'uploads'))).toEqual([]);
  });

  it('refuses requests that are not a one-file form', async () => {
    const json = await acc.client.post<{ error: string; message: string }>('/api/audits', { file: 'x' });
    expect(json.status).toBe(415);
    expect(json.json.message).toContain('multipart/form-data');
    const nofile = multipart([], { at: '2025-01-01' });
    expect((await acc.client.request('POST', '/api/audits', nofile.payload, nofile.headers)).status).toBe(400);
    const two = multipart([
      { name: 'a.csv', content: STAFF_CSV },
      { name: 'b.csv', content: STAFF_CSV },
    ]);
    expect((await acc.client.request('POST', '/api/audits', two.payload, two.headers)).status).toBeGreaterThanOrEqual(400);
    const wrongField = multipart([{ field: 'document', name: 'a.csv', content: STAFF_CSV }]);
    expect((await acc.client.request('POST', '/api/audits', wrongField.payload, wrongField.headers)).status).toBe(400);
    const unknownField = multipart([{ name: 'a.csv', content: STAFF_CSV }], { couleur: 'bleu' });
    expect((await acc.client.request('POST', '/api/audits', unknownField.payload, unknownField.headers)).status).toBe(400);
    const garbage = await acc.client.request('POST', '/api/audits', '--xx\r\nnot a form', { 'content-type': 'multipart/form-data; boundary=yy' });
    expect(garbage.status).toBeGreaterThanOrEqual(400);
    expect(garbage.status).toBeLessThan(500);
    expect(readdirSync(join(t.dataDir, 'uploads'))).toEqual([]);
  });

  it('an XLSX without the required columns fails with a French message (checked by the run)', { timeout: 60_000 }, async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Clients').addRow(['nom', 'prenom']);
    const up = await upload(acc.client, Buffer.from(await wb.xlsx.writeBuffer()), 'clients.xlsx');
    expect(up.status).toBe(202);
    const final = await done(acc.client, up.json.id);
    expect(final.json.status).toBe('failed');
    expect(final.json.error).toContain('aucun en-tête ne correspond à la colonne');
    const report = await acc.client.get<{ message: string }>(`/api/audits/${up.json.id}/report.csv`);
    expect(report.status).toBe(409);
    expect(report.json.message).toContain('a échoué');
  });
});

describe('rerun and delete', () => {
  it('reruns a finished audit, then deletes it with its files', { timeout: 90_000 }, async () => {
    const up = await upload(acc.client, STAFF_CSV);
    const first = await done(acc.client, up.json.id);
    const rerun = await acc.client.post<Audit>(`/api/audits/${up.json.id}/rerun`);
    expect(rerun.status).toBe(202);
    expect(rerun.json.status === 'queued' || rerun.json.status === 'running' || rerun.json.status === 'done').toBe(true);
    const second = await done(acc.client, up.json.id);
    expect(second.json.status).toBe('done');
    expect(second.json.summary).toEqual(first.json.summary);
    expect((await acc.client.get(`/api/audits/${up.json.id}/report.csv`)).status).toBe(200);

    expect((await acc.client.delete(`/api/audits/${up.json.id}`)).status).toBe(204);
    expect((await acc.client.get(`/api/audits/${up.json.id}`)).status).toBe(404);
    expect(await storedFiles(t, up.json.id)).toBe(0);
    expect((await acc.client.post(`/api/audits/${up.json.id}/rerun`)).status).toBe(404);
  });

  it('a queued audit: no rerun (409), no report yet, cancelled or deleted at once', async () => {
    // The queue is stopped: uploads stay queued.
    const paused = await makeApp({ startRunner: false });
    try {
      const owner = await register(paused.app);
      const up = await upload(owner.client, STAFF_CSV);
      expect(up.json.status).toBe('queued');
      expect(await storedFiles(paused, up.json.id)).toBeGreaterThan(0);
      expect((await owner.client.post(`/api/audits/${up.json.id}/rerun`)).status).toBe(409);
      const early = await owner.client.get<{ message: string }>(`/api/audits/${up.json.id}/report.json`);
      expect(early.status).toBe(409);
      expect(early.json.message).toContain('pas terminé');

      const cancelled = await owner.client.post<Audit>(`/api/audits/${up.json.id}/cancel`);
      expect(cancelled.status).toBe(200);
      expect(cancelled.json.status).toBe('failed');
      expect(cancelled.json.error).toContain('annulé');
      expect((await owner.client.post<{ message: string }>(`/api/audits/${up.json.id}/cancel`)).status).toBe(409);

      const other = await upload(owner.client, STAFF_CSV);
      expect((await owner.client.delete(`/api/audits/${other.json.id}`)).status).toBe(204);
      expect((await owner.client.get(`/api/audits/${other.json.id}`)).status).toBe(404);
      expect(await storedFiles(paused, other.json.id)).toBe(0);
    } finally {
      await paused.close();
    }
  });
});

/**
 * An audit writes one findings report, NDJSON, and the data of the reports for people; the JSON
 * and CSV reports are made from the first, HTML and PDF from the second (in a process of their
 * own), at their first download, and kept. They must be the very bytes the audit would have
 * written directly, for findings of every rule, on both databases; made once however many ask at
 * once; and a report that cannot be made answers a French error without being made again.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { brotliDecompressSync, deflateRawSync, inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsvWriter, JsonWriter, NdjsonWriter, Output } from '../../src/report/writers.js';
import { auditRoster, RULE_IDS, type AuditSummary } from '../../src/roster/audit.js';
import { openRoster } from '../../src/roster/read.js';
import { renderHtml } from '../../src/report/html.js';
import { renderPdf } from '../../src/report/pdf.js';
import { reportConventions, SampleCollector } from '../../src/report/samples.js';
import { deriveReport } from '../../src/service/derived-report.js';
import { CHUNK_BYTES, DatabaseFiles, DiskFiles } from '../../src/server/audit-files.js';
import { DEFAULT_BUDGETS } from '../../src/server/audit-process.js';
import { HttpError } from '../../src/server/errors.js';
import { makeInProcess } from '../../src/server/report-on-demand.js';
import { generateStaffCsv } from '../../bench/staff-file.js';
import { getCatalogue, makeApp, multipart, register, storedFiles, waitFor, type Account, type TestApp } from './helpers.js';

let t: TestApp;
let acc: Account;
const dir = mkdtempSync(join(tmpdir(), 'classif-on-demand-'));
beforeAll(async () => {
  t = await makeApp({ maxUploadBytes: 4 << 20 });
  acc = await register(t.app);
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The bench's staff list, and rows for the rules it does not reach; cells a spreadsheet would run; a duplicate. */
async function everyRule(): Promise<string> {
  const path = join(dir, 'personnel.csv');
  await generateStaffCsv(path, 1000);
  const more = [
    'X1;3168;Photographe;225;;;;;;;;;;',
    'X2;3168;Assistant 1er niveau;155;;employé;;;diplôme reconnu par la branche;;;;;',
    'X3;1431;Vendeuse;B;;agent de maîtrise;;;aucun;;0;;;',
    `X1;3168;"=1+1 ; ""cmd""\nsur deux lignes";155;;employé;;;;;;1 500;1;F`,
    `X4;3168;-2+3+cmd|' /C calc'!A0;999;;;;;;;;-1+1;1;H`,
  ];
  writeFileSync(path, `${readFileSync(path, 'utf8')}${more.join('\r\n')}\r\n`);
  return path;
}

async function direct(path: string, format: 'json' | 'csv' | 'ndjson'): Promise<Buffer> {
  const out = join(dir, `direct.${format}`);
  const writer = format === 'json' ? new JsonWriter(new Output(out)) : format === 'csv' ? new CsvWriter(new Output(out)) : new NdjsonWriter(new Output(out));
  const summary = await auditRoster(await openRoster(path), { at: '2025-06-30', catalogue: await getCatalogue() }, (f) => writer.add(f), () => writer.flush());
  await writer.finish(summary);
  return readFileSync(out);
}

/** The report data the audit kept. */
async function storedData(id: string): Promise<Buffer> {
  if (t.store.engine === 'sqlite') return readFileSync(join(t.dataDir, 'audits', id, 'reports', 'report.data.json'));
  const rows = await t.store.db.selectFrom('audit_files').select(['data', 'inflated_size', 'codec']).where('audit_id', '=', id).where('name', '=', 'report.data.json').orderBy('seq').execute();
  return Buffer.concat(rows.map(unpacked));
}

/** A stored chunk's bytes, read here without the server's code: brotli, zlib's raw deflate (before brotli), or as is. */
function unpacked(r: { data: Buffer; inflated_size: number | null; codec: string | null }): Buffer {
  return r.inflated_size === null ? r.data : r.codec === 'br' ? brotliDecompressSync(r.data) : inflateRawSync(r.data);
}

async function spoilData(id: string): Promise<void> {
  const spoiled = Buffer.from('{"file": "pas un rapport"');
  if (t.store.engine === 'sqlite') writeFileSync(join(t.dataDir, 'audits', id, 'reports', 'report.data.json'), spoiled);
  else await t.store.db.updateTable('audit_files').set({ data: spoiled, inflated_size: null }).where('audit_id', '=', id).where('name', '=', 'report.data.json').execute();
}

type AuditState = { status: string; summary: AuditSummary; finishedAt: string | null };

/** `content` sent as a staff list, audited at 30 June 2025: its id (the upload answered 202). */
async function uploaded(content: string | Buffer, name = 'personnel.csv'): Promise<string> {
  const { payload, headers } = multipart([{ name, content }]);
  const up = await acc.client.request<{ id: string }>('POST', '/api/audits?at=2025-06-30', payload, headers);
  expect(up.status, up.body).toBe(202);
  return up.json.id;
}

/** The audit `id` once it has ended (done or failed). */
async function ended(id: string, ms = 90_000): Promise<AuditState> {
  return (await waitFor(() => acc.client.get<AuditState>(`/api/audits/${id}`), (r) => r.json.status === 'done' || r.json.status === 'failed', ms)).json;
}

/** A one-row staff list. */
const ONE_ROW = 'matricule;idcc;intitulé;coefficient\nA1;3168;Photographe;225\n';

describe('reports made at their first download', () => {
  it('are byte for byte the reports the audit would have written, then kept', { timeout: 120_000 }, async () => {
    const path = await everyRule();
    const id = await uploaded(readFileSync(path));
    const final = await ended(id);
    expect(final.status).toBe('done');
    expect(Object.keys(final.summary.byRule).sort()).toEqual([...RULE_IDS].sort());

    // The audit kept the upload, its findings and the reports' data only.
    const before = await storedFiles(t, id);
    if (t.store.engine === 'sqlite') {
      expect(readdirSync(join(t.dataDir, 'audits', id, 'reports')).sort()).toEqual(['report.data.json', 'report.findings.ndjson']);
    }
    for (const format of ['ndjson', 'json', 'csv'] as const) {
      const expected = await direct(path, format);
      const first = await acc.client.get(`/api/audits/${id}/report.${format}`);
      expect(first.status).toBe(200);
      expect(first.headers['content-length']).toBe(String(expected.length));
      expect(Buffer.from(first.body)).toEqual(expected);
      const again = await acc.client.get(`/api/audits/${id}/report.${format}`);
      expect(Buffer.from(again.body)).toEqual(expected);
    }
    expect(await storedFiles(t, id)).toBeGreaterThanOrEqual(before + 3);
    // Nothing left in the scratch folder.
    expect(existsSync(join(t.dataDir, 'work')) ? readdirSync(join(t.dataDir, 'work')) : []).toEqual([]);
  });

  it('makes HTML and PDF once, byte for byte those written directly, /health answering meanwhile; a failure is a French 409, not made again', { timeout: 180_000 }, async () => {
    const path = await everyRule();
    const id = await uploaded(readFileSync(path));
    expect((await ended(id)).status).toBe('done');

    // What the audit would have written directly, dated as the audit dated its data.
    const generatedAt = (JSON.parse((await storedData(id)).toString('utf8')) as { generatedAt: string }).generatedAt;
    const catalogue = await getCatalogue();
    const samples = new SampleCollector();
    const summary = await auditRoster(await openRoster(path), { at: '2025-06-30', catalogue }, (f) => samples.add(f));
    const data = { file: 'personnel.csv', summary, samples: samples.samples, omitted: samples.omitted, generatedAt, conventions: reportConventions(catalogue) };
    const expected = { html: Buffer.from(renderHtml(data)), pdf: await renderPdf(data) };

    const made = t.app.auditReports.made;
    for (const format of ['html', 'pdf'] as const) {
      // Three downloads at once, while /health keeps answering: one making, the same bytes for all.
      const downloads = [0, 1, 2].map(() => t.app.inject({ method: 'GET', url: `/api/audits/${id}/report.${format}`, headers: { cookie: `classif_session=${acc.client.jar.get('classif_session')}` } }));
      const health = await t.app.inject({ method: 'GET', url: '/health' });
      expect(health.statusCode).toBe(200);
      for (const r of await Promise.all(downloads)) {
        expect(r.statusCode).toBe(200);
        expect(r.headers['content-length']).toBe(String(expected[format].length));
        expect(r.rawPayload.equals(expected[format])).toBe(true);
      }
    }
    expect(t.app.auditReports.made - made).toBe(2);
    const again = await t.app.inject({ method: 'GET', url: `/api/audits/${id}/report.pdf`, headers: { cookie: `classif_session=${acc.client.jar.get('classif_session')}` } });
    expect(again.rawPayload.equals(expected.pdf)).toBe(true);
    expect(t.app.auditReports.made - made).toBe(2);

    // Data that cannot be laid out: a French 409, then the same answer without a new making.
    const rerun = await acc.client.request('POST', `/api/audits/${id}/rerun`, {});
    expect(rerun.status).toBe(202);
    await waitFor(() => acc.client.get<{ status: string }>(`/api/audits/${id}`), (r) => r.json.status === 'done', 90_000);
    await spoilData(id);
    const before = t.app.auditReports.made;
    const failed = await acc.client.get<{ error: string; message: string }>(`/api/audits/${id}/report.pdf`);
    expect(failed.status).toBe(409);
    expect(failed.json.message).toMatch(/^Le rapport PDF n’a pas pu être fait .*rapport CSV/);
    const twice = await acc.client.get<{ message: string }>(`/api/audits/${id}/report.pdf`);
    expect(twice.status).toBe(409);
    expect(twice.json.message).toBe(failed.json.message);
    expect(t.app.auditReports.made - before).toBe(1);
    expect(existsSync(join(t.dataDir, 'work')) ? readdirSync(join(t.dataDir, 'work')) : []).toEqual([]);
  });

  it('ends a report being laid out when the server stops, at once: answered 503, not remembered as failed', { timeout: 30_000 }, async () => {
    const running = new Set<() => void>();
    const data = join(dir, 'stopped.data.json');
    writeFileSync(data, '{}');
    const making = makeInProcess({ data, format: 'pdf', out: join(dir, 'stopped.pdf') }, DEFAULT_BUDGETS, running);
    expect(running.size).toBe(1);
    const t0 = Date.now();
    for (const stop of running) stop();
    const e = await making.then(() => undefined, (err: unknown) => err);
    expect(e).toBeInstanceOf(HttpError);
    expect((e as HttpError).status).toBe(503);
    expect((e as HttpError).message).toMatch(/Le serveur s’arrête/);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(running.size).toBe(0);
    expect(existsSync(join(dir, 'stopped.pdf'))).toBe(false);
  });

  it('stores files in the database as compressed chunks, and still reads chunks stored as they were and deflated ones', { timeout: 60_000 }, async () => {
    const id = await uploaded(ONE_ROW, 'p.csv');
    const done = await ended(id, 60_000);
    const files = new DatabaseFiles(t.store.db);
    // 3.5 chunks: text that deflates, then bytes that do not.
    const content = Buffer.concat([Buffer.from('A1;3168;Photographe;225\n'.repeat(100_000)), randomBytes((3.5 * CHUNK_BYTES) | 0)]).subarray(0, (3.5 * CHUNK_BYTES) | 0);
    const path = join(dir, 'big.csv');
    writeFileSync(path, content);
    await files.keep(id, 'csv', path, done.finishedAt);
    const rows = await t.store.db.selectFrom('audit_files').select(['seq', 'inflated_size', 'codec', (eb) => eb.fn<number>('length', ['data']).as('stored')]).where('audit_id', '=', id).where('name', '=', 'report.csv').orderBy('seq').execute();
    expect(rows.map((r) => r.inflated_size)).toEqual([CHUNK_BYTES, CHUNK_BYTES, CHUNK_BYTES, CHUNK_BYTES / 2]);
    expect(rows.map((r) => r.codec)).toEqual(['br', 'br', 'br', 'br']);
    expect(Number(rows[0]!.stored)).toBeLessThan(CHUNK_BYTES / 10);
    const back = (await files.report(id, 'csv'))!;
    expect(back.size).toBe(content.length);
    expect(Buffer.concat(await back.stream.toArray())).toEqual(content);
    // A chunk stored before chunks were deflated.
    await t.store.db.insertInto('audit_files').values({ audit_id: id, name: 'report.json', seq: 0, data: Buffer.from('{"ancien": true}'), inflated_size: null }).execute();
    const old = (await files.report(id, 'json'))!;
    expect(old.size).toBe(16);
    expect(Buffer.concat(await old.stream.toArray()).toString()).toBe('{"ancien": true}');
    // Chunks deflated by zlib, as they were stored before brotli: a codec of null.
    const deflated = [Buffer.from('{"dégonflé": '), Buffer.from('true}')];
    await t.store.db.insertInto('audit_files').values(deflated.map((b, seq) => ({ audit_id: id, name: 'report.ndjson', seq, data: deflateRawSync(b, { level: 1 }), inflated_size: b.length, codec: null }))).execute();
    const before = (await files.report(id, 'ndjson'))!;
    expect(before.size).toBe(Buffer.concat(deflated).length);
    expect(Buffer.concat(await before.stream.toArray()).toString()).toBe('{"dégonflé": true}');
  });

  it('compresses an upload while it arrives, stores those very chunks, and leaves nothing behind', { timeout: 60_000 }, async () => {
    const id = await uploaded(ONE_ROW, 'p.csv');
    await ended(id, 60_000);
    await t.store.db.deleteFrom('audit_files').where('audit_id', '=', id).where('name', '=', 'input').execute();
    const files = new DatabaseFiles(t.store.db);
    const content = Buffer.concat([Buffer.from('A1;3168;Photographe;225\n'.repeat(100_000)), randomBytes((3.5 * CHUNK_BYTES) | 0)]).subarray(0, (3.5 * CHUNK_BYTES) | 0);
    const path = join(dir, 'arriving.csv');
    const receiving = files.receive(path);
    // In pieces that do not fall on the chunks' bounds, as a network delivers them.
    const pieces = Array.from({ length: Math.ceil(content.length / 77_777) }, (_, i) => content.subarray(i * 77_777, (i + 1) * 77_777));
    await pipeline(Readable.from(pieces), receiving.stream);
    // Buffer.equals: a deep equality of megabytes takes vitest half a minute.
    expect(readFileSync(path).equals(content)).toBe(true);
    await files.saveInput(t.store.db, id, path);
    const rows = await t.store.db.selectFrom('audit_files').select(['seq', 'inflated_size', 'data', 'codec']).where('audit_id', '=', id).where('name', '=', 'input').orderBy('seq').execute();
    expect(rows.map((r) => r.inflated_size)).toEqual([CHUNK_BYTES, CHUNK_BYTES, CHUNK_BYTES, CHUNK_BYTES / 2]);
    expect(rows[0]!.data.length).toBeLessThan(CHUNK_BYTES / 10);
    expect(Buffer.concat(rows.map(unpacked)).equals(content)).toBe(true);
    expect(existsSync(`${path}.z`)).toBe(false);
    // Refused while it arrives (too large, cut): neither the file nor its compressed copy stays.
    const refused = files.receive(join(dir, 'refused.csv'));
    refused.stream.write(content);
    refused.discard();
    expect(readdirSync(dir).filter((f) => f.startsWith('refused'))).toEqual([]);
  });

  it('keeps a report made from one run of the audit for that run only, not for the rerun that finished meanwhile', { timeout: 120_000 }, async () => {
    const id = await uploaded(ONE_ROW, 'p.csv');
    const finished = () => ended(id, 60_000);
    const first = await finished();
    expect(first.status).toBe('done');
    expect((await acc.client.request('POST', `/api/audits/${id}/rerun`, {})).status).toBe(202);
    const second = await finished();
    expect(second.status).toBe('done');
    expect(second.finishedAt).not.toBe(first.finishedAt);
    const files = t.store.engine === 'postgres' ? new DatabaseFiles(t.store.db) : new DiskFiles(t.store.db, t.dataDir);
    // Made from the first run's NDJSON, ready once the second run is published: not kept.
    const stale = join(dir, 'stale.csv');
    writeFileSync(stale, 'ancien rapport\n');
    await files.keep(id, 'csv', stale, first.finishedAt);
    expect(await files.report(id, 'csv')).toBeUndefined();
    const fresh = join(dir, 'fresh.csv');
    writeFileSync(fresh, 'rapport du second passage\n');
    await files.keep(id, 'csv', fresh, second.finishedAt);
    expect(Buffer.concat(await (await files.report(id, 'csv'))!.stream.toArray()).toString()).toBe('rapport du second passage\n');
  });

  it('answers a report whose audit was rerun while it was made with a French 409 saying so, not « relancez l’audit »', { timeout: 120_000 }, async () => {
    const id = await uploaded(ONE_ROW, 'relance.csv');
    expect((await ended(id, 60_000)).status).toBe('done');
    const reports = t.app.auditReports;
    const original = reports.report.bind(reports);
    // The rerun's first step, taken between the route's reading of the audit and the report's
    // keeping: the run the report was made for is no longer the audit's.
    reports.report = async (audit, format) => {
      await t.store.db.updateTable('audits').set({ status: 'queued', finished_at: null }).where('id', '=', id).execute();
      return original(audit, format);
    };
    try {
      const r = await acc.client.get<{ error: string; message: string }>(`/api/audits/${id}/report.csv`);
      expect(r.status).toBe(409);
      expect(r.json.message).toMatch(/relancé pendant que ce rapport était fait/);
    } finally {
      reports.report = original;
    }
  });

  it('makes JSON and CSV from the NDJSON report of an audit kept before its findings were', { timeout: 120_000 }, async () => {
    const path = await everyRule();
    const id = await uploaded(readFileSync(path));
    expect((await ended(id)).status).toBe('done');
    // As such an audit was kept: its NDJSON report (made here, then kept), no findings file.
    expect((await acc.client.get(`/api/audits/${id}/report.ndjson`)).status).toBe(200);
    if (t.store.engine === 'sqlite') rmSync(join(t.dataDir, 'audits', id, 'reports', 'report.findings.ndjson'));
    else await t.store.db.deleteFrom('audit_files').where('audit_id', '=', id).where('name', '=', 'report.findings.ndjson').execute();
    for (const format of ['json', 'csv'] as const) {
      const made = await acc.client.get(`/api/audits/${id}/report.${format}`);
      expect(made.status).toBe(200);
      expect(Buffer.from(made.body)).toEqual(await direct(path, format));
    }
  });

  it('refuses an NDJSON report cut before its summary', async () => {
    const out = join(dir, 'cut.json');
    const ndjson = Readable.from([`${JSON.stringify({ type: 'finding', line: 2, rule: 'invalid-row' })}\n`]);
    const sink = new Output(out);
    await expect(deriveReport(ndjson, 'json', sink)).rejects.toThrow(/incomplet/);
    sink.abort();
    expect(existsSync(out)).toBe(false);
  });
});

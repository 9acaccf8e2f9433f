/**
 * Hostile files uploaded through the API: the server answers /health throughout, each audit ends
 * `failed` with the reader's French message (or `done` when the file is harmless once streamed),
 * another organisation's one-row audit still finishes, memory stays bounded, and no copy of a
 * sheet is left in the temporary folder (the former reader left `tmp-<pid>-*` files there).
 * Both databases: TEST_DATABASE_URL=postgres://… runs it on PostgreSQL.
 */
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE, wideCsv } from '../support/hostile-files.js';
import { makeApp, multipart, register, STAFF_CSV, waitFor, type Account, type Client, type TestApp } from '../server/helpers.js';

interface Audit {
  id: string;
  status: string;
  error: string | null;
}

let t: TestApp;
let attacker: Account;
let neighbour: Account;
beforeAll(async () => {
  t = await makeApp();
  attacker = await register(t.app, 'Cabinet Hostile');
  neighbour = await register(t.app, 'Cabinet Voisin');
});
afterAll(() => t.close());

/** The audit started, or the French message of a file refused at once (400). */
async function upload(client: Client, content: Buffer | string, name: string): Promise<{ id?: string; refused?: string }> {
  const { payload, headers } = multipart([{ name, content }]);
  const r = await client.request<Audit & { message: string }>('POST', '/api/audits?at=2025-06-30', payload, headers);
  if (r.status === 400) return { refused: r.json.message };
  expect(r.status, r.body).toBe(202);
  return { id: r.json.id };
}

const finished = (client: Client, id: string, timeoutMs = 60_000) =>
  waitFor(
    () => client.get<Audit>(`/api/audits/${id}`),
    (r) => r.json.status === 'done' || r.json.status === 'failed',
    timeoutMs,
  );

/** Copies of a sheet as the former reader left them: `tmp-<pid>-…` in the OS temporary folder. */
const sheetCopies = () => readdirSync(tmpdir()).filter((f) => f.startsWith(`tmp-${process.pid}-`));

const FILES = [
  ...HOSTILE.filter((h) => !h.file.startsWith('strings-5m') && !h.file.startsWith('rows-1m')).map((h) => ({ name: h.file, bytes: h.bytes, refusal: h.refusal })),
  { name: 'large.csv', bytes: () => wideCsv(), refusal: /100 003 colonnes/ },
];

describe('hostile uploads', () => {
  it('end failed in French (or done when harmless), the server healthy and the neighbour served meanwhile', async () => {
    let healthy = true;
    let watch = true;
    const watching = (async () => {
      while (watch) {
        const r = await t.app.inject({ method: 'GET', url: '/health' });
        if (r.statusCode !== 200) healthy = false;
        await new Promise((res) => setTimeout(res, 100));
      }
    })();
    try {
      const sent = [];
      for (const f of FILES) sent.push({ ...f, ...(await upload(attacker.client, f.bytes(), f.name)) });
      // Another organisation's one-row list, sent after every hostile file.
      const started = Date.now();
      const mine = await upload(neighbour.client, STAFF_CSV, 'personnel.csv');
      expect((await finished(neighbour.client, mine.id!)).json.status).toBe('done');
      const neighbourMs = Date.now() - started;
      for (const f of sent) {
        const r = f.id ? (await finished(attacker.client, f.id)).json : { status: 'refused at upload', error: f.refused! };
        if (f.refusal) {
          expect(['failed', 'refused at upload'], f.name).toContain(r.status);
          expect(r.error, f.name).toMatch(f.refusal);
          // The message names the file as it was sent, not where the server keeps it.
          expect(r.error, f.name).toContain(`« ${f.name} »`);
          expect(r.error, f.name).not.toMatch(/Erreur interne|\[object Object\]/);
        } else {
          expect(r.status, `${f.name}: ${r.error}`).toBe('done');
        }
      }
      // The fair queue runs the neighbour's file beside the hostile ones, not after them.
      expect(neighbourMs, `the neighbour waited ${neighbourMs} ms`).toBeLessThan(10_000);
    } finally {
      watch = false;
      await watching;
    }
    expect(healthy).toBe(true);
    expect(process.resourceUsage().maxRSS / 1024).toBeLessThan(768);
    expect(sheetCopies()).toEqual([]);
  }, 240_000);
});

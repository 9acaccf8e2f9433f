/**
 * The audit queue: one organisation's long audit never holds back another's; a running audit is
 * cancelled or deleted within seconds, its scratch files gone; an audit past its time or memory
 * budget ends `failed` in French while the server answers; nothing loops (no automatic retry of a
 * file that failed its run, a rerun fails once more and stops).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, multipart, register, STAFF_CSV, storedFiles, waitFor, type Account, type Client, type TestApp } from './helpers.js';

interface Audit {
  id: string;
  status: string;
  error: string | null;
  attempts: number;
  summary: { rows: number } | null;
  progress: { rows: number };
}

/** A staff list of `rows` rows, in batches the audit pauses after (with `batchDelayMs`). */
function bigCsv(rows: number): string {
  const lines = STAFF_CSV.split('\r\n');
  return [lines[0], ...Array.from({ length: rows }, (_, i) => lines[1 + (i % 4)]!.replace(/^A00\d/, `Q${i}`))].join('\r\n');
}

async function upload(client: Client, content: string, name = 'personnel.csv') {
  const { payload, headers } = multipart([{ name, content }]);
  const r = await client.request<Audit>('POST', '/api/audits?at=2025-06-30', payload, headers);
  if (r.status !== 202) throw new Error(`upload: ${r.status} ${r.body}`);
  return r.json;
}

const get = (client: Client, id: string) => client.get<Audit>(`/api/audits/${id}`);
const ended = (client: Client, id: string, timeoutMs = 30_000) => waitFor(() => get(client, id), (r) => r.json.status === 'done' || r.json.status === 'failed', timeoutMs);
const running = (client: Client, id: string) => waitFor(() => get(client, id), (r) => r.json.status === 'running' && r.json.progress.rows > 0, 30_000);
const scratch = (t: TestApp) => (existsSync(join(t.dataDir, 'work')) ? readdirSync(join(t.dataDir, 'work')) : []);

/** Answers of /health, asked every 100 ms until stopped: the server must answer each within a second. */
function watchHealth(t: TestApp): { stop: () => Promise<number[]> } {
  const times: number[] = [];
  let on = true;
  const loop = (async () => {
    while (on) {
      const t0 = performance.now();
      const r = await t.app.inject({ method: 'GET', url: '/health' });
      expect(r.statusCode).toBe(200);
      times.push(performance.now() - t0);
      await new Promise((res) => setTimeout(res, 100));
    }
  })();
  return {
    stop: async () => {
      on = false;
      await loop;
      return times;
    },
  };
}

describe('fairness and cancel', () => {
  let t: TestApp;
  let a: Account;
  let b: Account;
  beforeAll(async () => {
    // Every batch of rows pauses 1 s: a 30,000-row list (2.6 MB, ten batches of 256 KiB) takes over
    // ten seconds, so A's audits are still running when B's ends and when one is cancelled (with
    // 100 ms, A's first audit could end in about two seconds and the cancel find it done).
    t = await makeApp({ runner: { pollMs: 50, batchDelayMs: 1000, concurrency: 2 } });
    a = await register(t.app, 'Organisation A');
    b = await register(t.app, 'Organisation B');
  });
  afterAll(() => t.close());

  it('organisation B’s one-row audit runs at once and finishes while A’s long audits run one at a time', { timeout: 120_000 }, async () => {
    const big = bigCsv(30_000);
    const a1 = await upload(a.client, big, 'a1.csv');
    const a2 = await upload(a.client, big, 'a2.csv');
    const a3 = await upload(a.client, big, 'a3.csv');
    await running(a.client, a1.id);
    const t0 = Date.now();
    const one = await upload(b.client, STAFF_CSV.split('\r\n').slice(0, 2).join('\r\n'), 'un.csv');
    // B does not wait for A: its audit starts at once, in the other place of the queue.
    await waitFor(() => get(b.client, one.id), (r) => r.json.status !== 'queued', 5_000);
    // Its run (a process, five reports, the PDF alone about a second) ends within 10 s on a quiet
    // machine; the bound allows for a machine shared with other work.
    const final = await ended(b.client, one.id, 30_000);
    expect(final.json.status).toBe('done');
    expect(final.json.summary!.rows).toBe(1);
    expect(Date.now() - t0).toBeLessThan(30_000);
    // Meanwhile A has one audit running (never two), the next one waiting.
    const states = await Promise.all([a1, a2, a3].map(async (x) => ({ id: x.id, status: (await get(a.client, x.id)).json.status })));
    expect(states.filter((x) => x.status === 'running')).toHaveLength(1);
    expect(states.filter((x) => x.status === 'queued').length).toBeGreaterThanOrEqual(1);

    // Cancel the running one and delete the others: the queue is empty again within seconds.
    const current = states.find((x) => x.status === 'running')!.id;
    const c0 = Date.now();
    const cancelled = await a.client.post<Audit>(`/api/audits/${current}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.status).toBe('failed');
    expect(cancelled.json.error).toContain('annulé');
    const others = states.filter((x) => x.id !== current);
    for (const x of others) expect((await a.client.delete(`/api/audits/${x.id}`)).status).toBe(204);
    await waitFor(() => Promise.resolve(t.app.auditQueue.runner.running), (n) => n === 0, 5_000);
    expect(Date.now() - c0).toBeLessThan(5_000);
    expect(scratch(t)).toEqual([]);
    expect((await get(a.client, current)).json.status).toBe('failed');
    for (const x of others) expect(await storedFiles(t, x.id)).toBe(0);
  });

  it('deleting a running audit stops it within seconds and removes its files', { timeout: 60_000 }, async () => {
    const up = await upload(a.client, bigCsv(30_000));
    await running(a.client, up.id);
    expect(scratch(t)).toHaveLength(1);
    const d0 = Date.now();
    expect((await a.client.delete(`/api/audits/${up.id}`)).status).toBe(204);
    await waitFor(() => Promise.resolve(t.app.auditQueue.runner.running), (n) => n === 0, 5_000);
    expect(Date.now() - d0).toBeLessThan(5_000);
    expect(scratch(t)).toEqual([]);
    expect(await storedFiles(t, up.id)).toBe(0);
    expect((await get(a.client, up.id)).status).toBe(404);
  });
});

describe('budgets', () => {
  it('past its time budget, an audit is stopped and fails in French; the server answers throughout; a rerun fails again, once', { timeout: 90_000 }, async () => {
    // 250 ms after each block of rows: over 6 s for this file, whatever the machine (with 100 ms, a
    // warm audit process that no longer lays out the PDF could finish its rerun within the budget).
    const t = await makeApp({ runner: { pollMs: 50, batchDelayMs: 250, budgets: { timeMs: 3_000 } } });
    try {
      const acc = await register(t.app);
      const health = watchHealth(t);
      const up = await upload(acc.client, bigCsv(30_000));
      const final = await ended(acc.client, up.id);
      const times = await health.stop();
      expect(final.json.status).toBe('failed');
      expect(final.json.error).toContain('dépassé le temps qui lui est accordé (3 secondes)');
      expect(final.json.attempts).toBe(1);
      expect(times.length).toBeGreaterThan(10);
      expect(Math.max(...times)).toBeLessThan(1_000);
      expect(scratch(t)).toEqual([]);

      // A rerun counts its attempts anew and fails the same way, once: no loop.
      expect((await acc.client.post(`/api/audits/${up.id}/rerun`)).status).toBe(202);
      const again = await ended(acc.client, up.id);
      expect(again.json.status).toBe('failed');
      expect(again.json.attempts).toBe(1);
      await new Promise((r) => setTimeout(r, 1_500));
      const later = await get(acc.client, up.id);
      expect(later.json.status).toBe('failed');
      expect(later.json.attempts).toBe(1);
    } finally {
      await t.close();
    }
  });

  it('past its memory budget, an audit is killed and fails in French, never retried', { timeout: 90_000 }, async () => {
    // 48 MB: less than the audit process needs to load the conventions.
    const t = await makeApp({ runner: { pollMs: 50, budgets: { memoryMb: 48 } } });
    try {
      const acc = await register(t.app);
      const health = watchHealth(t);
      const up = await upload(acc.client, STAFF_CSV);
      const final = await ended(acc.client, up.id);
      await health.stop();
      expect(final.json.status).toBe('failed');
      expect(final.json.error).toContain('dépassé la mémoire qui lui est accordée (48 Mo)');
      expect(final.json.attempts).toBe(1);
      expect(scratch(t)).toEqual([]);

      // Recovery (as at a restart) leaves it alone: only an instance's death queues an audit again.
      expect(await t.app.auditQueue.runner.recover()).toEqual([]);
      await new Promise((r) => setTimeout(r, 500));
      const after = await get(acc.client, up.id);
      expect(after.json.status).toBe('failed');
      expect(after.json.attempts).toBe(1);
    } finally {
      await t.close();
    }
  });
});

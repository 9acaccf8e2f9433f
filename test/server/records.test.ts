/**
 * Employees and decisions: the happy paths, bad input, and decision versioning (a correction is a
 * new version pointing to the old one, which stays as it was).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findConvention, gridAt } from '../../src/grids/lookup.js';
import { classify } from '../../src/classify/classify.js';
import { explained } from '../../src/service/explained.js';
import { DecisionWithVersions, EmployeeResponse } from '../../src/server/schemas.js';
import { getCatalogue, makeApp, register, token, type Account, type TestApp } from './helpers.js';

let t: TestApp;
let acc: Account;
beforeAll(async () => {
  t = await makeApp();
  acc = await register(t.app);
});
afterAll(() => t.close());

interface Employee {
  id: string;
  matricule: string;
  name: string | null;
  idcc: string | null;
  position: string | null;
}
interface Decision {
  id: string;
  reference: string | null;
  version: number;
  rootId: string;
  previousId: string | null;
  supersededBy: string | null;
  latest: boolean;
  employeeId: string | null;
  kind: string;
  idcc: string;
  gridId: string;
  at: string;
  facts: Record<string, unknown>;
  result: { positions: string[] };
  explanation: unknown[];
  position: string | null;
  comment: string | null;
  author: { type: string; id: string; name: string } | null;
  createdAt: string;
  versions: { id: string; version: number }[];
}

describe('employees', () => {
  it('creates, reads, updates and lists employees; the matricule is unique in the organisation', async () => {
    const created = await acc.client.post<Employee>('/api/employees', { matricule: 'E001', name: 'Alex Dupont', idcc: '1431', position: 'B' });
    expect(created.status).toBe(201);
    EmployeeResponse.parse(created.json);
    expect(created.json).toMatchObject({ matricule: 'E001', name: 'Alex Dupont', idcc: '1431', position: 'B' });
    const got = await acc.client.get<Employee>(`/api/employees/${created.json.id}`);
    expect(got.json).toEqual(created.json);
    const dup = await acc.client.post<{ message: string }>('/api/employees', { matricule: 'E001' });
    expect(dup.status).toBe(409);
    expect(dup.json.message).toContain('E001');
    const patched = await acc.client.patch<Employee>(`/api/employees/${created.json.id}`, { position: 'C', name: null });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ position: 'C', name: null, matricule: 'E001' });
    await acc.client.post('/api/employees', { matricule: 'E002', name: 'Sam 50%_Martin' });
    const all = await acc.client.get<{ items: Employee[]; total: number }>('/api/employees?limit=1');
    expect(all.json.total).toBeGreaterThanOrEqual(2);
    expect(all.json.items).toHaveLength(1);
    const found = await acc.client.get<{ items: Employee[] }>(`/api/employees?q=${encodeURIComponent('50%_m')}`);
    expect(found.json.items.map((e) => e.matricule)).toEqual(['E002']);
    expect((await acc.client.get<{ items: Employee[] }>('/api/employees?q=%25')).json.items.map((e) => e.matricule)).toEqual(['E002']);
    expect((await acc.client.get<{ items: Employee[] }>('/api/employees?q=e001')).json.items.map((e) => e.matricule)).toEqual(['E001']);
  });

  it('refuses bad input: unknown convention 404, missing matricule 400, unknown fields 400', async () => {
    expect((await acc.client.post('/api/employees', { matricule: 'E9', idcc: '9999' })).status).toBe(404);
    expect((await acc.client.post('/api/employees', { matricule: '' })).status).toBe(400);
    expect((await acc.client.post('/api/employees', { matricule: 'E10', salaire: 3 })).status).toBe(400);
    expect((await acc.client.post('/api/employees', { matricule: 'a\u0000b' })).status).toBe(400);
    expect((await acc.client.post('/api/employees', { matricule: 'x'.repeat(65) })).status).toBe(400);
    expect((await acc.client.get('/api/employees/inconnu')).status).toBe(404);
    expect((await acc.client.patch('/api/employees/inconnu', { name: 'x' })).status).toBe(404);
    expect((await acc.client.get('/api/employees?limit=0')).status).toBe(400);
  });
});

describe('decisions', () => {
  it('records facts, result, explanation, grid version, date and author; the result is the engine’s', async () => {
    const emp = await acc.client.post<Employee>('/api/employees', { matricule: 'D001', idcc: '3168' });
    const r = await acc.client.post<Decision>('/api/decisions', {
      idcc: '3168',
      at: '2025-01-01',
      facts: { jobId: 'retoucheur-2' },
      employeeId: emp.json.id,
      comment: 'Classement à l’embauche',
    });
    expect(r.status, r.body).toBe(201);
    DecisionWithVersions.parse(r.json);
    const expected = JSON.parse(JSON.stringify(explained(classify(gridAt(findConvention(await getCatalogue(), '3168'), '2025-01-01'), { jobId: 'retoucheur-2' }, { at: '2025-01-01' }))));
    expect(r.json.result).toEqual(expected);
    expect(r.json.explanation).toEqual(expected.explanation);
    expect(r.json).toMatchObject({ version: 1, previousId: null, latest: true, supersededBy: null, employeeId: emp.json.id, kind: 'classify', idcc: '3168', gridId: '3168-2024', at: '2025-01-01', facts: { jobId: 'retoucheur-2' } });
    expect(r.json.author).toMatchObject({ type: 'user', id: acc.userId });
    expect(r.json.versions.map((v) => v.version)).toEqual([1]);
    const got = await acc.client.get<Decision>(`/api/decisions/${r.json.id}`);
    expect(got.status).toBe(200);
    expect(got.json).toEqual(r.json);
  });

  it('a correction is a new version pointing to the old one; the old one is unchanged; only the latest can be corrected', async () => {
    const emp = await acc.client.post<Employee>('/api/employees', { matricule: 'D002' });
    const v1 = (await acc.client.post<Decision>('/api/decisions', { idcc: '1431', at: '2025-01-01', facts: {}, employeeId: emp.json.id })).json;
    const v2 = await acc.client.post<Decision>('/api/decisions', { idcc: '1431', at: '2025-01-01', facts: { diploma: 'bts' }, previousId: v1.id, comment: 'Diplôme retrouvé' });
    expect(v2.status, v2.body).toBe(201);
    expect(v2.json).toMatchObject({ version: 2, previousId: v1.id, rootId: v1.id, latest: true, employeeId: emp.json.id, comment: 'Diplôme retrouvé' });
    expect(v2.json.versions.map((v) => v.id)).toEqual([v1.id, v2.json.id]);
    const old = await acc.client.get<Decision>(`/api/decisions/${v1.id}`);
    expect(old.json).toEqual({ ...v1, latest: false, supersededBy: v2.json.id, versions: v2.json.versions });
    const fork = await acc.client.post<{ message: string }>('/api/decisions', { idcc: '1431', facts: {}, previousId: v1.id });
    expect(fork.status).toBe(409);
    expect(fork.json.message).toContain(v2.json.id);
    const v3 = await acc.client.post<Decision>('/api/decisions', { idcc: '1431', at: '2025-01-01', facts: { diploma: 'bts' }, previousId: v2.json.id, position: v2.json.result.positions[0] });
    expect(v3.json.version).toBe(3);
    expect(v3.json.position).toBe(v2.json.result.positions[0]);

    const history = await acc.client.get<{ items: Decision[]; total: number }>(`/api/employees/${emp.json.id}/decisions`);
    expect(history.json.total).toBe(3);
    expect(history.json.items.map((d) => d.version)).toEqual([3, 2, 1]);
    expect(history.json.items.map((d) => d.latest)).toEqual([true, false, false]);
    const latest = await acc.client.get<{ items: Decision[] }>(`/api/decisions?employeeId=${emp.json.id}&latest=true`);
    expect(latest.json.items.map((d) => d.id)).toEqual([v3.json.id]);
  });

  it('gives each decision a short reference (year and rank in the organisation), kept by its corrections, even when made at once', async () => {
    const other = await register(t.app);
    const year = new Date().toISOString().slice(0, 4);
    const made = await Promise.all(Array.from({ length: 4 }, () => other.client.post<Decision>('/api/decisions', { idcc: '3168', facts: {} })));
    expect(made.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(made.map((r) => r.json.reference).sort()).toEqual([1, 2, 3, 4].map((n) => `${year}-000${n}`));
    const first = made[0]!.json;
    const fix = await other.client.post<Decision>('/api/decisions', { idcc: '3168', facts: { jobId: 'retoucheur-2' }, previousId: first.id });
    expect(fix.json).toMatchObject({ version: 2, reference: first.reference });
    // Another organisation counts its own decisions.
    const mine = await acc.client.post<Decision>('/api/decisions', { idcc: '3168', facts: {} });
    expect(mine.json.reference).toMatch(new RegExp(`^${year}-\\d{4}$`));
    expect(made.map((r) => r.json.id)).not.toContain(mine.json.id);
  });

  it('two corrections of the same version at once: one wins, the other is refused (409)', async () => {
    const v1 = (await acc.client.post<Decision>('/api/decisions', { idcc: '2198', facts: {} })).json;
    const both = await Promise.all([
      acc.client.post('/api/decisions', { idcc: '2198', facts: {}, previousId: v1.id, comment: 'a' }),
      acc.client.post('/api/decisions', { idcc: '2198', facts: {}, previousId: v1.id, comment: 'b' }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const d = await acc.client.get<Decision>(`/api/decisions/${v1.id}`);
    expect(d.json.versions).toHaveLength(2);
  });

  it('records transpositions too', async () => {
    const r = await acc.client.post<Decision & { result: { to: { positions: string[] } } }>('/api/decisions', { kind: 'transpose', idcc: '1431', from: '150', at: '2025-01-01', facts: {} });
    expect(r.status, r.body).toBe(201);
    expect(r.json.kind).toBe('transpose');
    expect(r.json.gridId).toBe('1431-2022');
    expect(r.json.result.to.positions.length).toBeGreaterThan(0);
    expect((await acc.client.post('/api/decisions', { kind: 'transpose', idcc: '1431', facts: {} })).status).toBe(400);
    expect((await acc.client.post('/api/decisions', { kind: 'transpose', idcc: '1431', from: '9999' })).status).toBe(404);
    expect((await acc.client.post('/api/decisions', { idcc: '1431', from: '150' })).status).toBe(400);
  });

  it('refuses bad input: unknown convention or employee or previous version 404, wrong facts or position 400', async () => {
    expect((await acc.client.post('/api/decisions', { idcc: '9999', facts: {} })).status).toBe(404);
    expect((await acc.client.post('/api/decisions', { idcc: '1431', facts: {}, employeeId: 'inconnu' })).status).toBe(404);
    expect((await acc.client.post('/api/decisions', { idcc: '1431', facts: {}, previousId: 'inconnu' })).status).toBe(404);
    const fact = await acc.client.post<{ message: string }>('/api/decisions', { idcc: '1431', facts: { couleur: 'bleu' } });
    expect(fact.status).toBe(400);
    expect(fact.json.message).toContain('Fait inconnu');
    const pos = await acc.client.post<{ message: string }>('/api/decisions', { idcc: '3168', at: '2025-01-01', facts: { jobId: 'retoucheur-2' }, position: '999' });
    expect(pos.status).toBe(400);
    expect(pos.json.message).toContain('Position retenue');
    expect((await acc.client.post('/api/decisions', { idcc: '1431', at: 'demain' })).status).toBe(400);
    expect((await acc.client.post('/api/decisions', { idcc: '1431', result: { positions: ['K'] } })).status).toBe(400);
    expect((await acc.client.get('/api/decisions/inconnu')).status).toBe(404);
    expect((await acc.client.get('/api/decisions?latest=peut-etre')).status).toBe(400);
  });

  it('names the token as author when a program records a decision', async () => {
    const program = await token(t.app, acc, 'member');
    const r = await program.post<Decision>('/api/decisions', { idcc: '1431', facts: {} });
    expect(r.status).toBe(201);
    expect(r.json.author).toMatchObject({ type: 'token', name: 'paie member' });
  });

  it('there is no route that changes or deletes a decision', async () => {
    const d = (await acc.client.post<Decision>('/api/decisions', { idcc: '1431', facts: {} })).json;
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const r = await acc.client.request(method, `/api/decisions/${d.id}`, method === 'DELETE' ? undefined : { comment: 'x' });
      expect(r.status, method).toBe(404);
    }
    expect((await acc.client.get<Decision>(`/api/decisions/${d.id}`)).json.comment).toBeNull();
  });
});

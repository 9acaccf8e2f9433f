/**
 * Who may do what: roles inside an organisation (admin, member, read-only; tokens), and the wall
 * between organisations — every route with an id answers 404 for another organisation's record,
 * every list is empty of it, whether the caller uses a session or a token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, Client, makeApp, multipart, register, STAFF_CSV, token, waitFor, type Account, type TestApp } from './helpers.js';

let t: TestApp;
let adminA: Account;
let memberA: Account;
let readerA: Account;
let tokenA: Client;
let adminB: Account;
let tokenB: Client;
const ids = { employee: '', decision: '', audit: '', token: '', member: '', invitation: '' };

beforeAll(async () => {
  t = await makeApp();
  adminA = await register(t.app, 'Organisation A');
  memberA = await addMember(t.app, adminA, 'member');
  readerA = await addMember(t.app, adminA, 'read-only');
  tokenA = await token(t.app, adminA, 'member');
  adminB = await register(t.app, 'Organisation B');
  tokenB = await token(t.app, adminB, 'member');

  ids.employee = (await memberA.client.post<{ id: string }>('/api/employees', { matricule: 'A-1', name: 'Salarié de A' })).json.id;
  ids.decision = (await memberA.client.post<{ id: string }>('/api/decisions', { idcc: '1431', facts: {}, employeeId: ids.employee })).json.id;
  const { payload, headers } = multipart([{ name: 'a.csv', content: STAFF_CSV }]);
  ids.audit = (await memberA.client.request<{ id: string }>('POST', '/api/audits', payload, headers)).json.id;
  await waitFor(() => memberA.client.get<{ status: string }>(`/api/audits/${ids.audit}`), (r) => r.json.status === 'done', 40_000);
  ids.token = (await adminA.client.get<{ items: { id: string }[] }>('/api/tokens')).json.items[0]!.id;
  ids.member = memberA.userId;
  ids.invitation = (await adminA.client.post<{ invitation: { id: string } }>('/api/members', { email: 'en-attente@example.fr', role: 'member' })).json.invitation.id;
  // The audit runs in a process of its own, which makes every report (the PDF takes a second or more); the first password set loads the strength estimator's dictionaries.
}, 60_000);
afterAll(() => t.close());

type Call = [method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: () => string, body?: () => unknown];

describe('another organisation sees nothing of A', () => {
  const byId: Call[] = [
    ['GET', () => `/api/employees/${ids.employee}`],
    ['PATCH', () => `/api/employees/${ids.employee}`, () => ({ name: 'piraté' })],
    ['GET', () => `/api/employees/${ids.employee}/decisions`],
    ['GET', () => `/api/decisions/${ids.decision}`],
    ['GET', () => `/api/audits/${ids.audit}`],
    ['GET', () => `/api/audits/${ids.audit}/report.json`],
    ['GET', () => `/api/audits/${ids.audit}/report.csv`],
    ['GET', () => `/api/audits/${ids.audit}/report.html`],
    ['GET', () => `/api/audits/${ids.audit}/report.pdf`],
    ['GET', () => `/api/audits/${ids.audit}/report.ndjson`],
    ['GET', () => `/api/audits/${ids.audit}/samples`],
    ['POST', () => `/api/audits/${ids.audit}/rerun`],
    ['POST', () => `/api/audits/${ids.audit}/cancel`],
    ['DELETE', () => `/api/audits/${ids.audit}`],
    ['DELETE', () => `/api/tokens/${ids.token}`],
    ['PATCH', () => `/api/members/${ids.member}`, () => ({ role: 'admin' })],
    ['DELETE', () => `/api/members/${ids.member}`],
    ['POST', () => `/api/members/${ids.member}/password-reset`],
    ['DELETE', () => `/api/invitations/${ids.invitation}`],
  ];

  it('404 on every route with an id (session of B’s admin)', async () => {
    for (const [method, url, body] of byId) {
      const r = await adminB.client.request<{ error: string }>(method, url(), body?.());
      expect(r.status, `${method} ${url()}`).toBe(404);
      expect(r.json.error).toBe('not-found');
    }
  });

  it('404 on every route with an id (token of B)', async () => {
    for (const [method, url, body] of byId) {
      if (url().startsWith('/api/tokens') || url().startsWith('/api/members') || url().startsWith('/api/invitations')) continue; // admin routes: 403 for tokens, tested below
      const r = await tokenB.request(method, url(), body?.());
      expect(r.status, `${method} ${url()}`).toBe(404);
    }
  });

  it('B cannot attach its records to A’s: employee or previous decision of A → 404', async () => {
    expect((await adminB.client.post('/api/decisions', { idcc: '1431', facts: {}, employeeId: ids.employee })).status).toBe(404);
    expect((await adminB.client.post('/api/decisions', { idcc: '1431', facts: {}, previousId: ids.decision })).status).toBe(404);
    expect((await tokenB.post('/api/decisions', { idcc: '1431', facts: {}, previousId: ids.decision })).status).toBe(404);
    // The same matricule is free in B.
    expect((await adminB.client.post('/api/employees', { matricule: 'A-1' })).status).toBe(201);
  });

  it('lists show only B’s records', async () => {
    for (const client of [adminB.client, tokenB]) {
      const employees = await client.get<{ items: { id: string }[]; total: number }>('/api/employees');
      expect(employees.json.items.map((e) => e.id)).not.toContain(ids.employee);
      expect((await client.get<{ items: unknown[]; total: number }>('/api/decisions')).json).toMatchObject({ items: [], total: 0 });
      expect((await client.get<{ items: unknown[]; total: number }>('/api/audits')).json).toMatchObject({ items: [], total: 0 });
      expect((await client.get<{ items: unknown[] }>(`/api/decisions?employeeId=${ids.employee}`)).json.items).toEqual([]);
    }
    const members = await adminB.client.get<{ items: { userId: string }[] }>('/api/members');
    expect(members.json.items.map((m) => m.userId)).toEqual([adminB.userId]);
    const tokens = await adminB.client.get<{ items: { id: string }[] }>('/api/tokens');
    expect(tokens.json.items.map((x) => x.id)).not.toContain(ids.token);
    expect((await adminB.client.get<{ name: string }>('/api/organisation')).json.name).toBe('Organisation B');
  });

  it('A’s records are untouched after all that', async () => {
    const e = await adminA.client.get<{ name: string }>(`/api/employees/${ids.employee}`);
    expect(e.json.name).toBe('Salarié de A');
    expect((await adminA.client.get<{ status: string }>(`/api/audits/${ids.audit}`)).json.status).toBe('done');
    expect((await adminA.client.get<{ role: string }[]>('/api/members')).status).toBe(200);
    expect((await tokenA.get('/api/employees')).status).toBe(200);
    expect((await memberA.client.get('/api/auth/me')).status).toBe(200);
  });
});

describe('roles inside an organisation', () => {
  const reads: Call[] = [
    ['GET', () => '/api/organisation'],
    ['GET', () => '/api/members'],
    ['GET', () => '/api/employees'],
    ['GET', () => `/api/employees/${ids.employee}`],
    ['GET', () => `/api/employees/${ids.employee}/decisions`],
    ['GET', () => '/api/decisions'],
    ['GET', () => `/api/decisions/${ids.decision}`],
    ['GET', () => '/api/audits'],
    ['GET', () => `/api/audits/${ids.audit}`],
    ['GET', () => `/api/audits/${ids.audit}/report.csv`],
  ];
  const writes: Call[] = [
    ['POST', () => '/api/employees', () => ({ matricule: `W-${Math.random()}` })],
    ['PATCH', () => `/api/employees/${ids.employee}`, () => ({ note: 'vu' })],
    ['POST', () => '/api/decisions', () => ({ idcc: '1431', facts: {} })],
    ['POST', () => '/api/audits', () => 'pas un formulaire'],
  ];
  const admin: Call[] = [
    ['PATCH', () => '/api/organisation', () => ({ name: 'Organisation A' })],
    ['POST', () => '/api/members', () => ({ email: `x${Math.random()}@example.fr`, role: 'read-only' })],
    ['PATCH', () => `/api/members/${readerA.userId}`, () => ({ role: 'read-only' })],
    ['GET', () => '/api/tokens'],
    ['POST', () => '/api/tokens', () => ({ name: 'x' })],
    ['GET', () => '/api/invitations'],
  ];

  async function statuses(client: Client, calls: Call[]) {
    const out: number[] = [];
    for (const [method, url, body] of calls) out.push((await client.request(method, url(), body?.())).status);
    return out;
  }

  it('read-only reads everything and changes nothing', async () => {
    expect(await statuses(readerA.client, reads)).toEqual(reads.map(() => 200));
    expect(await statuses(readerA.client, writes)).toEqual(writes.map(() => 403));
    expect(await statuses(readerA.client, admin)).toEqual(admin.map(() => 403));
    expect((await readerA.client.post(`/api/audits/${ids.audit}/rerun`)).status).toBe(403);
    expect((await readerA.client.post(`/api/audits/${ids.audit}/cancel`)).status).toBe(403);
    expect((await readerA.client.delete(`/api/audits/${ids.audit}`)).status).toBe(403);
    const msg = await readerA.client.post<{ message: string }>('/api/employees', { matricule: 'no' });
    expect(msg.json.message).toContain('lecture seule');
  });

  it('member writes records but does not manage the organisation', async () => {
    expect(await statuses(memberA.client, reads)).toEqual(reads.map(() => 200));
    const w = await statuses(memberA.client, writes);
    expect(w.slice(0, 3)).toEqual([201, 200, 201]);
    expect(w[3]).toBe(415); // allowed, but not a form
    expect(await statuses(memberA.client, admin)).toEqual(admin.map(() => 403));
  });

  it('admin manages members and tokens; the last admin cannot be demoted or removed', async () => {
    const s = await statuses(adminA.client, admin);
    expect(s).toEqual([200, 201, 200, 200, 201, 200]);
    const demote = await adminA.client.patch<{ message: string }>(`/api/members/${adminA.userId}`, { role: 'member' });
    expect(demote.status).toBe(409);
    expect(demote.json.message).toContain('dernier administrateur');
    expect((await adminA.client.delete(`/api/members/${adminA.userId}`)).status).toBe(409);
    expect((await adminA.client.post('/api/members', { email: memberA.email, role: 'admin' })).status).toBe(409);
    expect((await adminA.client.patch('/api/members/inconnu', { role: 'admin' })).status).toBe(404);
    expect((await adminA.client.patch(`/api/members/${readerA.userId}`, { role: 'chef' })).status).toBe(400);
  });

  it('a removed member loses access at once', async () => {
    const gone = await addMember(t.app, adminA, 'member');
    expect((await gone.client.get('/api/employees')).status).toBe(200);
    expect((await adminA.client.delete(`/api/members/${gone.userId}`)).status).toBe(204);
    const after = await gone.client.get<{ message: string }>('/api/employees');
    expect(after.status).toBe(403);
    expect(after.json.message).toContain('Aucune organisation active');
    expect((await gone.client.get<{ organisation: unknown }>('/api/auth/me')).json.organisation).toBeNull();
  });

  it('adding a member makes an invitation, shown once, and no account', async () => {
    const email = `nouveau-${Date.now()}@example.fr`;
    const r = await adminA.client.post<{ token: string; invitation: { email: string; role: string } }>('/api/members', { email, role: 'member' });
    expect(r.status).toBe(201);
    expect(r.json.invitation).toMatchObject({ email, role: 'member' });
    expect(r.json.token).toMatch(/^inv_[A-Za-z0-9_-]{43}$/);
    const list = await adminA.client.get('/api/invitations');
    expect(list.body).toContain(email);
    expect(list.body).not.toContain(r.json.token);
    expect((await adminA.client.get('/api/members')).body).not.toContain(email);
  });
});

/**
 * The account edges of issue 9, item 9: weak passwords, login throttling that a stranger cannot
 * turn against the owner, the origin check whatever the headers, lone UTF-16 surrogates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeApp, PASSWORD, register, uniqueEmail, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(() => t.close());

describe('password strength', () => {
  const weak = (email: string) => ['aaaaaaaaaa', '1234567890', 'password12', ' '.repeat(10), '\u0000'.repeat(10), 'azertyuiop', 'motdepasse12', `${email}!`];

  it('refuses weak passwords at registration, with a French reason', async () => {
    for (const password of weak('camille.martin@example.fr')) {
      const email = password.includes('@') ? 'camille.martin@example.fr' : uniqueEmail('camille');
      const r = await new Client(t.app).post<{ message: string; issues: { path: string; message: string }[] }>('/api/auth/register', { email, password, name: 'Camille Martin', organisationName: 'Org' });
      expect(r.status, JSON.stringify(password)).toBe(400);
      expect(r.json.issues.map((i) => i.path), JSON.stringify(password)).toContain('body.password');
      expect(r.json.message).toMatch(/mot de passe/i);
    }
  });

  it('refuses the e-mail itself inside the password, and checks every place a password is set', async () => {
    const e = uniqueEmail('moi');
    const withEmail = await new Client(t.app).post<{ issues: { message: string }[] }>('/api/auth/register', { email: e, password: `xx${e}yy`, name: 'Moi', organisationName: 'Org' });
    expect(withEmail.status).toBe(400);
    expect(withEmail.json.issues[0]!.message).toContain('adresse e-mail');
    const acc = await register(t.app);
    expect((await acc.client.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: '1234567890' })).status).toBe(400);
    expect((await acc.client.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'une phrase de passe solide' })).status).toBe(204);
  });
});

describe('login throttling', () => {
  const login = (app: TestApp['app'], email: string, password: string, ip: string) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: ip });

  it('a stranger’s wrong passwords never lock the owner out from another address', async () => {
    const limited = await makeApp({ rateLimits: { loginPerAccountIp: 3, loginPerIp: 50, loginSlowAfter: 1000 } });
    try {
      const acc = await register(limited.app);
      const stranger = [];
      for (let i = 0; i < 15; i++) stranger.push((await login(limited.app, acc.email, 'mauvais mot de passe', '203.0.113.7')).statusCode);
      expect(stranger.slice(0, 3)).toEqual([401, 401, 401]);
      expect(stranger.slice(3)).toEqual(stranger.slice(3).map(() => 429));
      // The owner, from their own address, with the right password: in.
      expect((await login(limited.app, acc.email, PASSWORD, '198.51.100.2')).statusCode).toBe(200);
      // The stranger stays held at their address, even with the right password.
      const held = await login(limited.app, acc.email, PASSWORD, '203.0.113.7');
      expect(held.statusCode).toBe(429);
      expect(Number(held.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it('successful logins never count against an address; failures from it do, across accounts', async () => {
    const limited = await makeApp({ rateLimits: { loginPerAccountIp: 3, loginPerIp: 5, loginSlowAfter: 1000 } });
    try {
      const acc = await register(limited.app);
      const ok = [];
      for (let i = 0; i < 12; i++) ok.push((await login(limited.app, acc.email, PASSWORD, '192.0.2.10')).statusCode);
      expect(ok).toEqual(ok.map(() => 200));
      const spray = [];
      for (let i = 0; i < 7; i++) spray.push((await login(limited.app, uniqueEmail('x'), 'mauvais mot de passe', '192.0.2.66')).statusCode);
      expect(spray.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(spray.slice(5)).toEqual([429, 429]);
      // The spraying address does not touch the owner's.
      expect((await login(limited.app, acc.email, PASSWORD, '192.0.2.10')).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('many failures on one account from many addresses slow its answers down, never lock it', async () => {
    const limited = await makeApp({ rateLimits: { loginPerAccountIp: 100, loginPerIp: 100, loginSlowAfter: 3, loginSlowStepMs: 100, loginSlowMaxMs: 300 } });
    try {
      const acc = await register(limited.app);
      for (let i = 0; i < 8; i++) expect((await login(limited.app, acc.email, 'mauvais mot de passe', `10.0.0.${i + 1}`)).statusCode).toBe(401);
      const start = Date.now();
      expect((await login(limited.app, acc.email, PASSWORD, '10.0.1.1')).statusCode).toBe(200);
      expect(Date.now() - start).toBeGreaterThanOrEqual(290);
    } finally {
      await limited.close();
    }
  });
});

describe('origin check', () => {
  it('holds whatever the Authorization header says (blank, non-breaking space, another scheme)', async () => {
    const acc = await register(t.app);
    for (const authorization of ['\u00a0', ' ', 'Basic eDp5', 'Bearer']) {
      const r = await acc.client.post<{ message: string }>('/api/employees', { matricule: `O-${Math.random()}` }, { origin: 'https://evil.example', authorization });
      expect(r.status, JSON.stringify(authorization)).toBe(403);
      expect(r.json.message, JSON.stringify(authorization)).toContain('Origine refusée');
    }
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'https://evil.example', authorization: '\u00a0' }, payload: { email: acc.email, password: PASSWORD } });
    expect(login.statusCode).toBe(403);
  });
});

describe('lone UTF-16 surrogates', () => {
  it('are refused at the edge with 400 and a French message, in bodies, values and keys alike', async () => {
    const acc = await register(t.app);
    const raw = (s: string) => `{"matricule":"${s}"}`;
    for (const m of ['\\ud800', 'A\\udc00B', '\\udbff\\u0041']) {
      const r = await acc.client.request<{ error: string; message: string }>('POST', '/api/employees', raw(m), { 'content-type': 'application/json' });
      expect(r.status, m).toBe(400);
      expect(r.json.message, m).toContain('UTF-16');
    }
    // Matricules that PostgreSQL would both turn into U+FFFD cannot collide.
    expect((await acc.client.get<{ items: unknown[] }>('/api/employees')).json.items).toHaveLength(0);
    const nested = await acc.client.request('POST', '/api/decisions', '{"idcc":"1431","facts":{"\\udfff":"x"}}', { 'content-type': 'application/json' });
    expect(nested.status).toBe(400);
    // A well-formed pair (an emoji) passes.
    expect((await acc.client.request('POST', '/api/employees', raw('\\ud83d\\ude00'), { 'content-type': 'application/json' })).status).toBe(201);
  });
});

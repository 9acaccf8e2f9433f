/**
 * Accounts and the security around them: password hashing, session cookies and their flags,
 * CSRF (header token and Origin), login rate limit, security headers, API tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/server/auth.js';
import { addMember, Client, makeApp, PASSWORD, register, uniqueEmail, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(() => t.close());

interface Me {
  user: { id: string; email: string } | null;
  token: { id: string; name: string } | null;
  organisation: { id: string; name: string } | null;
  role: string | null;
  memberships: { organisationId: string; role: string }[];
  csrfToken: string | null;
}

describe('passwords', () => {
  it('are hashed with scrypt, N = 2^15 by default, with a salt of their own', async () => {
    const a = await hashPassword('un mot de passe');
    const b = await hashPassword('un mot de passe');
    expect(a).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('un mot de passe', a)).toBe(true);
    expect(await verifyPassword('un autre', a)).toBe(false);
    expect(await verifyPassword('x', 'n’importe quoi')).toBe(false);
  });
  it('are never stored in clear', async () => {
    const acc = await register(t.app);
    const row = await t.store.db.selectFrom('users').select('password_hash').where('id', '=', acc.userId).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
  });
});

describe('register, login, me, logout', () => {
  it('registers a user with their organisation, as its admin, with a session', async () => {
    const c = new Client(t.app);
    const email = uniqueEmail();
    const r = await c.post<Me>('/api/auth/register', { email, password: PASSWORD, name: 'Camille', organisationName: 'Paie & Co' });
    expect(r.status).toBe(201);
    expect(r.json.user!.email).toBe(email);
    expect(r.json.organisation!.name).toBe('Paie & Co');
    expect(r.json.role).toBe('admin');
    expect(r.json.csrfToken).toBe(c.jar.get('classif_csrf'));
    const me = await c.get<Me>('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.json.user!.email).toBe(email);
    expect(me.json.memberships).toHaveLength(1);
  });

  it('refuses a second account for the same e-mail (any case), bad e-mails and short passwords, in French', async () => {
    const acc = await register(t.app);
    const again = await new Client(t.app).post<{ message: string }>('/api/auth/register', { email: acc.email.toUpperCase(), password: PASSWORD, name: 'X', organisationName: 'Y' });
    expect(again.status).toBe(409);
    expect(again.json.message).toContain('Un compte existe déjà');
    const bad = await new Client(t.app).post<{ message: string; issues: { path: string }[] }>('/api/auth/register', { email: 'pas-un-email', password: 'court', name: '', organisationName: 'Y' });
    expect(bad.status).toBe(400);
    expect(bad.json.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['body.email', 'body.password', 'body.name']));
    expect(bad.json.message).toMatch(/Requête invalide \(corps « \w+ »\)/);
  });

  it('logs in with the right password only, with the same message whether the account exists or not', async () => {
    const acc = await register(t.app);
    const wrong = await new Client(t.app).post<{ message: string }>('/api/auth/login', { email: acc.email, password: 'mauvais mot de passe' });
    const nobody = await new Client(t.app).post<{ message: string }>('/api/auth/login', { email: uniqueEmail('absent'), password: 'mauvais mot de passe' });
    expect(wrong.status).toBe(401);
    expect(nobody.status).toBe(401);
    expect(wrong.json.message).toBe(nobody.json.message);
    const c = new Client(t.app);
    const ok = await c.post<Me>('/api/auth/login', { email: acc.email.toUpperCase(), password: PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.json.organisation!.id).toBe(acc.organisationId);
  });

  it('logout ends the session', async () => {
    const acc = await register(t.app);
    const out = await acc.client.post('/api/auth/logout');
    expect(out.status).toBe(204);
    expect(acc.client.jar.has('classif_session')).toBe(false);
    expect((await acc.client.get('/api/auth/me')).status).toBe(401);
  });

  it('a stolen cookie value is useless after logout (sessions are stored server-side, hashed)', async () => {
    const acc = await register(t.app);
    const cookie = acc.client.jar.get('classif_session')!;
    const row = await t.store.db.selectFrom('sessions').select('id').where('user_id', '=', acc.userId).executeTakeFirstOrThrow();
    expect(row.id).not.toBe(cookie);
    expect(row.id).toMatch(/^[0-9a-f]{64}$/);
    await acc.client.post('/api/auth/logout');
    const replay = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `classif_session=${cookie}` } });
    expect(replay.statusCode).toBe(401);
  });

  it('changing one’s password needs the current one and closes the other sessions', async () => {
    const acc = await register(t.app);
    const other = new Client(t.app);
    await other.post('/api/auth/login', { email: acc.email, password: PASSWORD });
    expect((await acc.client.post('/api/auth/password', { currentPassword: 'faux mot de passe', newPassword: 'nouveau mot de passe' })).status).toBe(403);
    expect((await acc.client.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'nouveau mot de passe' })).status).toBe(204);
    expect((await other.get('/api/auth/me')).status).toBe(401);
    expect((await acc.client.get('/api/auth/me')).status).toBe(200);
    expect((await new Client(t.app).post('/api/auth/login', { email: acc.email, password: 'nouveau mot de passe' })).status).toBe(200);
  });

  it('a user in two organisations chooses where to work', async () => {
    const a = await register(t.app, 'Org A');
    const b = await register(t.app, 'Org B');
    const invited = await b.client.post<{ token: string }>('/api/members', { email: a.email, role: 'read-only' });
    expect(invited.status).toBe(201);
    expect((await a.client.post('/api/invitations/accept', { token: invited.json.token })).status).toBe(200);
    const c = new Client(t.app);
    const login = await c.post<Me>('/api/auth/login', { email: a.email, password: PASSWORD, organisationId: b.organisationId });
    expect(login.json.organisation!.id).toBe(b.organisationId);
    expect(login.json.role).toBe('read-only');
    expect(login.json.memberships).toHaveLength(2);
    const sw = await c.post<Me>('/api/auth/organisation', { organisationId: a.organisationId });
    expect(sw.status).toBe(200);
    expect(sw.json.role).toBe('admin');
    expect((await c.get<{ id: string }>('/api/organisation')).json.id).toBe(a.organisationId);
    const foreign = await register(t.app, 'Org C');
    expect((await c.post('/api/auth/organisation', { organisationId: foreign.organisationId })).status).toBe(404);
    expect((await new Client(t.app).post('/api/auth/login', { email: a.email, password: PASSWORD, organisationId: foreign.organisationId })).status).toBe(403);
  });
});

describe('cookies', () => {
  it('session cookie: HttpOnly, SameSite=Lax, Path=/, not Secure over plain HTTP; CSRF cookie readable by the page', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: uniqueEmail(), password: PASSWORD, name: 'A', organisationName: 'B' } });
    const session = r.cookies.find((c) => c.name === 'classif_session')!;
    const csrf = r.cookies.find((c) => c.name === 'classif_csrf')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    expect(session.path).toBe('/');
    expect(session.secure).toBeFalsy();
    expect(session.value.length).toBeGreaterThanOrEqual(43);
    expect(csrf.httpOnly).toBeFalsy();
    expect(csrf.sameSite).toBe('Lax');
  });

  it('Secure behind a TLS proxy when the proxy is trusted, not when it is not', async () => {
    const behind = await makeApp({ trustProxy: true });
    try {
      const r = await behind.app.inject({
        method: 'POST',
        url: '/api/auth/register',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { email: uniqueEmail(), password: PASSWORD, name: 'A', organisationName: 'B' },
      });
      expect(r.statusCode).toBe(201);
      for (const c of r.cookies) expect(c.secure, c.name).toBe(true);
    } finally {
      await behind.close();
    }
    const spoofed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { email: uniqueEmail(), password: PASSWORD, name: 'A', organisationName: 'B' },
    });
    for (const c of spoofed.cookies) expect(c.secure, c.name).toBeFalsy();
  });
});

describe('CSRF', () => {
  it('a cookie session must send X-CSRF-Token on unsafe methods', async () => {
    const acc = await register(t.app);
    const body = { matricule: 'CSRF1' };
    const none = await acc.client.post<{ message: string }>('/api/employees', body, { 'x-csrf-token': '' });
    expect(none.status).toBe(403);
    expect(none.json.message).toContain('CSRF');
    expect((await acc.client.post('/api/employees', body, { 'x-csrf-token': 'a'.repeat(43) })).status).toBe(403);
    // Another session's token does not fit this one.
    const other = await register(t.app);
    expect((await acc.client.post('/api/employees', body, { 'x-csrf-token': other.client.jar.get('classif_csrf')! })).status).toBe(403);
    expect((await acc.client.post('/api/employees', body)).status).toBe(201);
    // Safe methods need no token.
    expect((await acc.client.get('/api/employees', { 'x-csrf-token': '' })).status).toBe(200);
  });

  it('an API token needs no CSRF token (no cookie involved)', async () => {
    const acc = await register(t.app);
    const tok = await acc.client.post<{ token: string }>('/api/tokens', { name: 'paie', role: 'member' });
    const r = await t.app.inject({ method: 'POST', url: '/api/employees', headers: { authorization: `Bearer ${tok.json.token}` }, payload: { matricule: 'T1' } });
    expect(r.statusCode).toBe(201);
  });

  it('refuses unsafe requests from another origin, login included', async () => {
    const acc = await register(t.app);
    const evil = { origin: 'https://evil.example' };
    expect((await acc.client.post('/api/employees', { matricule: 'O1' }, evil)).status).toBe(403);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: evil, payload: { email: acc.email, password: PASSWORD } });
    expect(login.statusCode).toBe(403);
    expect(JSON.parse(login.body).message).toContain('Origine refusée');
    expect((await acc.client.post('/api/employees', { matricule: 'O2' }, { origin: 'http://localhost:8080' })).status).toBe(403);
    expect((await acc.client.post('/api/employees', { matricule: 'O4' }, { origin: 'null' })).status).toBe(403);
    expect((await acc.client.post('/api/employees', { matricule: 'O3' }, { origin: 'http://localhost' })).status).toBe(201);
  });

  it('lets a configured origin in (a UI dev server)', async () => {
    const dev = await makeApp({ allowedOrigins: ['http://localhost:5173'] });
    try {
      const r = await dev.app.inject({ method: 'POST', url: '/api/auth/register', headers: { origin: 'http://localhost:5173' }, payload: { email: uniqueEmail(), password: PASSWORD, name: 'A', organisationName: 'B' } });
      expect(r.statusCode).toBe(201);
    } finally {
      await dev.close();
    }
  });
});

describe('login rate limit', () => {
  it('per account and address, then per address, with Retry-After, shared through the database', async () => {
    const limited = await makeApp({ rateLimits: { loginPerAccountIp: 3, loginPerIp: 5 } });
    try {
      const acc = await register(limited.app);
      const tries = [];
      for (let i = 0; i < 4; i++) tries.push(await new Client(limited.app).post<{ message: string }>('/api/auth/login', { email: acc.email, password: 'mauvais mot de passe' }));
      expect(tries.map((r) => r.status)).toEqual([401, 401, 401, 429]);
      expect(tries[3]!.json.message).toContain('Trop d’échecs');
      expect(Number(tries[3]!.headers['retry-after'])).toBeGreaterThan(0);
      // From this address, even the right password waits (the owner elsewhere does not: auth-hardening.test.ts).
      expect((await new Client(limited.app).post('/api/auth/login', { email: acc.email, password: PASSWORD })).status).toBe(429);
      // Other accounts from the same address: the per-address limit.
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await new Client(limited.app).post('/api/auth/login', { email: uniqueEmail('x'), password: 'mauvais mot de passe' })).status);
      expect(statuses).toContain(429);
      // A second app instance on the same database sees the same counters.
      const rows = await limited.store.db.selectFrom('rate_limits').selectAll().execute();
      expect(rows.some((r) => r.key === `login:fail:account-ip:${acc.email}|127.0.0.1`)).toBe(true);
    } finally {
      await limited.close();
    }
  });
});

describe('security headers', () => {
  it('are set on API answers and pages', async () => {
    for (const url of ['/api/conventions', '/', '/health']) {
      const r = await t.app.inject({ method: 'GET', url });
      expect(r.headers['content-security-policy'], url).toContain("default-src 'self'");
      expect(r.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(r.headers['content-security-policy'], url).toContain("script-src 'self'");
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(r.headers['strict-transport-security']).toContain('max-age=');
      expect(r.headers['referrer-policy']).toBe('same-origin');
      expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(r.headers['x-powered-by']).toBeUndefined();
      expect(r.headers['access-control-allow-origin']).toBeUndefined();
    }
  });
});

describe('API tokens', () => {
  it('are shown once, listed without their secret, stored hashed, and revocable', async () => {
    const acc = await register(t.app);
    const created = await acc.client.post<{ id: string; token: string; prefix: string; role: string }>('/api/tokens', { name: 'Logiciel de paie', role: 'read-only' });
    expect(created.status).toBe(201);
    expect(created.json.token).toMatch(/^clf_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(created.json.token).toContain(created.json.prefix);
    const listed = await acc.client.get<{ items: Record<string, unknown>[] }>('/api/tokens');
    expect(listed.json.items).toHaveLength(1);
    expect(JSON.stringify(listed.json)).not.toContain(created.json.token);
    const row = await t.store.db.selectFrom('api_tokens').selectAll().where('id', '=', created.json.id).executeTakeFirstOrThrow();
    const secret = created.json.token.slice(`clf_${created.json.prefix}_`.length);
    expect(secret).toHaveLength(43);
    expect(JSON.stringify(row)).not.toContain(secret);

    const program = new Client(t.app, created.json.token);
    const me = await program.get<Me>('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.json.token!.name).toBe('Logiciel de paie');
    expect(me.json.user).toBeNull();
    expect(me.json.role).toBe('read-only');
    expect((await program.get('/api/employees')).status).toBe(200);
    expect((await program.post('/api/employees', { matricule: 'X' })).status).toBe(403);

    expect((await acc.client.delete(`/api/tokens/${created.json.id}`)).status).toBe(204);
    const revoked = await program.get<{ message: string }>('/api/employees');
    expect(revoked.status).toBe(401);
    expect(revoked.json.message).toContain('révoqué');
    expect(revoked.headers['www-authenticate']).toContain('Bearer');
    expect((await acc.client.delete(`/api/tokens/${created.json.id}`)).status).toBe(204);
  });

  it('refuses malformed, unknown and expired tokens with 401', async () => {
    for (const bad of ['', 'Bearer', 'Bearer abc', `Bearer clf_${'0'.repeat(12)}_${'A'.repeat(43)}`, 'Basic dXNlcjpwYXNz']) {
      const r = await t.app.inject({ method: 'GET', url: '/api/employees', headers: { authorization: bad } });
      expect(r.statusCode, bad).toBe(401);
    }
    const acc = await register(t.app);
    const tok = await acc.client.post<{ id: string; token: string }>('/api/tokens', { name: 'court', role: 'member', expiresInDays: 1 });
    await t.store.db.updateTable('api_tokens').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('id', '=', tok.json.id).execute();
    const r = await new Client(t.app, tok.json.token).get<{ message: string }>('/api/employees');
    expect(r.status).toBe(401);
    expect(r.json.message).toContain('expiré');
  });

  it('never do more than their author still may, and die with the author’s membership', async () => {
    const admin = await register(t.app);
    const other = await addMember(t.app, admin, 'admin');
    const tok = await other.client.post<{ token: string }>('/api/tokens', { name: 'paie', role: 'member' });
    const program = new Client(t.app, tok.json.token);
    expect((await program.post('/api/employees', { matricule: 'R1' })).status).toBe(201);
    await admin.client.patch(`/api/members/${other.userId}`, { role: 'read-only' });
    expect((await program.post('/api/employees', { matricule: 'R2' })).status).toBe(403);
    expect((await program.get('/api/employees')).status).toBe(200);
    await admin.client.delete(`/api/members/${other.userId}`);
    expect((await program.get('/api/employees')).status).toBe(401);
  });

  it('cannot manage accounts or tokens', async () => {
    const admin = await register(t.app);
    const tok = await admin.client.post<{ token: string }>('/api/tokens', { name: 'paie', role: 'member' });
    const program = new Client(t.app, tok.json.token);
    expect((await program.get('/api/tokens')).status).toBe(403);
    expect((await program.post('/api/tokens', { name: 'x' })).status).toBe(403);
    expect((await program.post('/api/members', { email: uniqueEmail(), role: 'admin' })).status).toBe(403);
    expect((await program.post('/api/auth/logout')).status).toBe(403);
    expect((await program.post('/api/auth/password', { currentPassword: 'x', newPassword: 'y'.repeat(12) })).status).toBe(403);
  });
});

describe('authentication required', () => {
  it('every organisation route answers 401 without a session or token', async () => {
    const anon = new Client(t.app);
    const routes: [string, string][] = [
      ['GET', '/api/organisation'],
      ['PATCH', '/api/organisation'],
      ['GET', '/api/members'],
      ['POST', '/api/members'],
      ['PATCH', '/api/members/x'],
      ['DELETE', '/api/members/x'],
      ['POST', '/api/members/x/password-reset'],
      ['GET', '/api/invitations'],
      ['DELETE', '/api/invitations/x'],
      ['POST', '/api/invitations/accept'],
      ['GET', '/api/tokens'],
      ['POST', '/api/tokens'],
      ['DELETE', '/api/tokens/x'],
      ['GET', '/api/employees'],
      ['POST', '/api/employees'],
      ['GET', '/api/employees/x'],
      ['PATCH', '/api/employees/x'],
      ['GET', '/api/employees/x/decisions'],
      ['GET', '/api/decisions'],
      ['POST', '/api/decisions'],
      ['GET', '/api/decisions/x'],
      ['GET', '/api/audits'],
      ['POST', '/api/audits'],
      ['GET', '/api/audits/x'],
      ['GET', '/api/audits/x/report.csv'],
      ['POST', '/api/audits/x/rerun'],
      ['DELETE', '/api/audits/x'],
      ['GET', '/api/auth/me'],
      ['POST', '/api/auth/logout'],
      ['POST', '/api/auth/organisation'],
      ['POST', '/api/auth/password'],
      ['POST', '/api/auth/password-reset'],
    ];
    for (const [method, url] of routes) {
      const r = await anon.request<{ error: string; message: string }>(method as 'GET', url, method === 'GET' || method === 'DELETE' ? undefined : {});
      expect(r.status, `${method} ${url}`).toBe(401);
      expect(r.json.error).toBe('unauthorized');
      expect(r.json.message.length).toBeGreaterThan(5);
    }
  });
});

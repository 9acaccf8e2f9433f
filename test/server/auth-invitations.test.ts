/**
 * Adding a member is an invitation, never an account made for someone else (issue 9, item 6:
 * account pre-hijack across organisations). Password resets use the same kind of single-use token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/server/auth.js';
import { Client, makeApp, PASSWORD, register, uniqueEmail, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(() => t.close());

interface Invitation {
  invitation: { id: string; email: string; role: string; expiresAt: string };
  token: string;
  path: string;
}
interface Me {
  user: { id: string; email: string } | null;
  organisation: { id: string; name: string } | null;
  role: string | null;
  memberships: { organisationId: string; role: string }[];
}

const invite = (admin: Client, email: string, role = 'member') => admin.post<Invitation>('/api/members', { email, role });

describe('invitations', () => {
  it('the answer is the same whether the e-mail has an account or not, and creates no account', async () => {
    const admin = await register(t.app, 'Org invite');
    const existing = await register(t.app, 'Org autre');
    const fresh = uniqueEmail('nouveau');
    const a = await invite(admin.client, existing.email);
    const b = await invite(admin.client, fresh);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(Object.keys(a.json).sort()).toEqual(Object.keys(b.json).sort());
    expect(Object.keys(a.json.invitation).sort()).toEqual(Object.keys(b.json.invitation).sort());
    expect(a.body).not.toContain('temporaryPassword');
    expect(a.body).not.toContain(existing.userId);
    // Nobody was added and no account was made.
    expect(await t.store.db.selectFrom('users').select('id').where('email', '=', fresh).executeTakeFirst()).toBeUndefined();
    const members = await admin.client.get<{ items: { email: string }[] }>('/api/members');
    expect(members.json.items.map((m) => m.email)).not.toContain(existing.email);
    // The token is stored hashed only.
    const rows = await t.store.db.selectFrom('invitations').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(a.json.token);
    expect(rows.some((r) => r.token_hash === sha256(a.json.token))).toBe(true);
    expect(a.json.path).toBe(`/invitation#${a.json.token}`);
  });

  it('pre-hijack fails: an invitation accepted by its holder never gives another organisation’s account', async () => {
    // The attacker's organisation invites the victim's e-mail and keeps the link.
    const attacker = await register(t.app, 'Org attaquant');
    const victimEmail = uniqueEmail('victime');
    const own = await invite(attacker.client, victimEmail);
    // The victim registers on their own (their address has no account yet: no 409).
    const victim = new Client(t.app);
    const reg = await victim.post('/api/auth/register', { email: victimEmail, password: PASSWORD, name: 'Victime', organisationName: 'Org victime' });
    expect(reg.status).toBe(201);
    // The attacker's link cannot set a password on the victim's account…
    const hijack = await new Client(t.app).post('/api/invitations/register', { token: own.json.token, name: 'X', password: 'un tout autre secret 42' });
    expect(hijack.status).toBe(409);
    expect((await new Client(t.app).post('/api/auth/login', { email: victimEmail, password: 'un tout autre secret 42' })).status).toBe(401);
    // …and the victim is in no organisation of the attacker's unless they accept.
    const me = await victim.get<Me>('/api/auth/me');
    expect(me.json.memberships).toHaveLength(1);
  });

  it('a new person accepts by setting their own password, once; the link then dies', async () => {
    const admin = await register(t.app, 'Org accueil');
    const email = uniqueEmail('invite');
    const inv = await invite(admin.client, email, 'read-only');
    const preview = await new Client(t.app).post<{ organisation: { name: string }; email: string; role: string }>('/api/invitations/preview', { token: inv.json.token });
    expect(preview.status).toBe(200);
    expect(preview.json).toMatchObject({ organisation: { name: 'Org accueil' }, email, role: 'read-only' });
    const c = new Client(t.app);
    const weak = await c.post<{ message: string }>('/api/invitations/register', { token: inv.json.token, name: 'Inès', password: 'password12' });
    expect(weak.status).toBe(400);
    const ok = await c.post<Me>('/api/invitations/register', { token: inv.json.token, name: 'Inès', password: PASSWORD });
    expect(ok.status).toBe(201);
    expect(ok.json.organisation!.id).toBe(admin.organisationId);
    expect(ok.json.role).toBe('read-only');
    const again = await new Client(t.app).post<{ message: string }>('/api/invitations/register', { token: inv.json.token, name: 'Inès', password: PASSWORD });
    expect(again.status).toBe(410);
    expect(again.json.message).toContain('Invitation');
    expect((await new Client(t.app).post('/api/invitations/preview', { token: inv.json.token })).status).toBe(410);
    expect((await admin.client.get<{ items: unknown[] }>('/api/invitations')).json.items).toHaveLength(0);
  });

  it('an existing user accepts from their session; only the invited address may; nobody is added without consent', async () => {
    const admin = await register(t.app, 'Org B');
    const user = await register(t.app, 'Org A');
    const stranger = await register(t.app, 'Org C');
    const inv = await invite(admin.client, user.email.toUpperCase(), 'member');
    expect((await new Client(t.app).post('/api/invitations/accept', { token: inv.json.token })).status).toBe(401);
    const wrong = await stranger.client.post<{ message: string }>('/api/invitations/accept', { token: inv.json.token });
    expect(wrong.status).toBe(403);
    expect((await user.client.get<Me>('/api/auth/me')).json.memberships).toHaveLength(1);
    const ok = await user.client.post<Me>('/api/invitations/accept', { token: inv.json.token });
    expect(ok.status).toBe(200);
    expect(ok.json.organisation!.id).toBe(admin.organisationId);
    expect(ok.json.memberships).toHaveLength(2);
    expect((await user.client.post('/api/invitations/accept', { token: inv.json.token })).status).toBe(410);
  });

  it('admins list and revoke pending invitations; a revoked or expired one cannot be used', async () => {
    const admin = await register(t.app, 'Org D');
    const other = await register(t.app, 'Org E');
    const a = await invite(admin.client, uniqueEmail('a'));
    const b = await invite(admin.client, uniqueEmail('b'));
    const list = await admin.client.get<{ items: { id: string; email: string }[] }>('/api/invitations');
    expect(list.json.items.map((i) => i.id).sort()).toEqual([a.json.invitation.id, b.json.invitation.id].sort());
    expect(list.body).not.toContain(a.json.token);
    expect((await other.client.delete(`/api/invitations/${a.json.invitation.id}`)).status).toBe(404);
    expect((await admin.client.delete(`/api/invitations/${a.json.invitation.id}`)).status).toBe(204);
    expect((await new Client(t.app).post('/api/invitations/register', { token: a.json.token, name: 'A', password: PASSWORD })).status).toBe(410);
    await t.store.db.updateTable('invitations').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('id', '=', b.json.invitation.id).execute();
    expect((await new Client(t.app).post('/api/invitations/register', { token: b.json.token, name: 'B', password: PASSWORD })).status).toBe(410);
    expect((await admin.client.get<{ items: unknown[] }>('/api/invitations')).json.items).toHaveLength(0);
  });

  it('a member already in the organisation is not invited twice; only admins invite', async () => {
    const admin = await register(t.app, 'Org F');
    const email = uniqueEmail('m');
    const inv = await invite(admin.client, email, 'member');
    const m = new Client(t.app);
    await m.post('/api/invitations/register', { token: inv.json.token, name: 'M', password: PASSWORD });
    expect((await invite(admin.client, email)).status).toBe(409);
    expect((await invite(m, uniqueEmail('x'))).status).toBe(403);
  });

  it('two concurrent uses of one invitation: exactly one succeeds', async () => {
    const admin = await register(t.app, 'Org G');
    const inv = await invite(admin.client, uniqueEmail('c'));
    const tries = await Promise.all([0, 1, 2, 3].map(() => new Client(t.app).post('/api/invitations/register', { token: inv.json.token, name: 'C', password: PASSWORD })));
    expect(tries.map((r) => r.status).sort()).toEqual([201, 410, 410, 410]);
  });
});

describe('password reset', () => {
  async function member(admin: Awaited<ReturnType<typeof register>>) {
    const email = uniqueEmail('oubli');
    const inv = await invite(admin.client, email, 'member');
    const c = new Client(t.app);
    const r = await c.post<Me>('/api/invitations/register', { token: inv.json.token, name: 'Oubli', password: PASSWORD });
    return { client: c, email, userId: r.json.user!.id };
  }

  it('an admin issues a single-use token for a member; using it sets the password and ends every other session', async () => {
    const admin = await register(t.app, 'Org R');
    const m = await member(admin);
    const issued = await admin.client.post<{ token: string; path: string; expiresAt: string }>(`/api/members/${m.userId}/password-reset`);
    expect(issued.status).toBe(201);
    expect(issued.json.path).toBe(`/reinitialiser#${issued.json.token}`);
    const rows = await t.store.db.selectFrom('password_resets').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(issued.json.token);
    const c = new Client(t.app);
    expect((await c.post('/api/auth/reset', { token: issued.json.token, password: m.email })).status).toBe(400);
    const used = await c.post<Me>('/api/auth/reset', { token: issued.json.token, password: 'un nouveau secret bien long' });
    expect(used.status).toBe(200);
    expect(used.json.user!.id).toBe(m.userId);
    expect((await m.client.get('/api/auth/me')).status).toBe(401);
    expect((await c.get('/api/auth/me')).status).toBe(200);
    expect((await new Client(t.app).post('/api/auth/login', { email: m.email, password: 'un nouveau secret bien long' })).status).toBe(200);
    expect((await new Client(t.app).post('/api/auth/reset', { token: issued.json.token, password: 'encore un autre secret' })).status).toBe(410);
  });

  it('an admin cannot reset someone outside the organisation, nor a member who also belongs elsewhere', async () => {
    const admin = await register(t.app, 'Org S');
    const outsider = await register(t.app, 'Org T');
    expect((await admin.client.post(`/api/members/${outsider.userId}/password-reset`)).status).toBe(404);
    // The outsider joins S too: S's admin would otherwise take over their account in T.
    const inv = await invite(admin.client, outsider.email, 'member');
    expect((await outsider.client.post('/api/invitations/accept', { token: inv.json.token })).status).toBe(200);
    const refused = await admin.client.post<{ message: string }>(`/api/members/${outsider.userId}/password-reset`);
    expect(refused.status).toBe(403);
    expect(refused.json.message).toContain('autres organisations');
  });

  it('the person issues one from a logged-in session', async () => {
    const acc = await register(t.app, 'Org U');
    const issued = await acc.client.post<{ token: string }>('/api/auth/password-reset');
    expect(issued.status).toBe(201);
    expect((await new Client(t.app).post('/api/auth/reset', { token: issued.json.token, password: 'mon secret tout neuf' })).status).toBe(200);
    expect((await acc.client.get('/api/auth/me')).status).toBe(401);
    expect((await new Client(t.app).post('/api/auth/reset', { token: 'rst_' + 'A'.repeat(43), password: 'mon secret tout neuf' })).status).toBe(410);
  });
});

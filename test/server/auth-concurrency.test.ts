/**
 * The last-administrator rule under concurrency (issue 9, item 7): on PostgreSQL, two demote or
 * remove requests used to both pass the check. Run it there: TEST_DATABASE_URL=postgres://…
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, makeApp, register, type Account, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(() => t.close());

describe('last administrator', () => {
  it('every organisation keeps an administrator when its admins demote and remove each other at once', async () => {
    const orgs: [Account, Account][] = [];
    for (let i = 0; i < 12; i++) {
      const a = await register(t.app, `Org ${i}`);
      orgs.push([a, await addMember(t.app, a, 'admin')]);
    }
    await Promise.all(
      orgs.flatMap(([a, b], i) => {
        const act = (who: Account, target: Account) =>
          (i + (who === a ? 0 : 1)) % 2 === 0 ? who.client.patch(`/api/members/${target.userId}`, { role: 'member' }) : who.client.delete(`/api/members/${target.userId}`);
        return [act(a, b), act(b, a), act(a, a), act(b, b)];
      }),
    );
    for (const [a] of orgs) {
      const admins = await t.store.db.selectFrom('memberships').select('user_id').where('organisation_id', '=', a.organisationId).where('role', '=', 'admin').execute();
      expect(admins.length, a.organisationId).toBeGreaterThanOrEqual(1);
    }
  });
});

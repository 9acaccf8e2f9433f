/**
 * Fixed-window counters in the database, so that a limit holds across app instances (a login
 * tried on one instance counts on all). One upsert per hit; both engines run it unchanged.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Counts a hit on `key`; returns the count in the current window and when the window ends. */
export async function hit(db: Kysely<Database>, key: string, windowMs: number, now = Date.now()): Promise<{ count: number; resetAt: number }> {
  const nowIso = new Date(now).toISOString();
  const cutoff = new Date(now - windowMs).toISOString();
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: nowIso, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql<number>`case when rate_limits.window_start <= ${cutoff} then 1 else rate_limits.count + 1 end`,
        window_start: sql<string>`case when rate_limits.window_start <= ${cutoff} then ${nowIso} else rate_limits.window_start end`,
      }),
    )
    .returning(['count', 'window_start'])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), resetAt: Date.parse(row.window_start) + windowMs };
}

/** Gives back one hit (an attempt that succeeded: only failures count). */
export async function release(db: Kysely<Database>, key: string): Promise<void> {
  await db.updateTable('rate_limits').set({ count: sql<number>`count - 1` }).where('key', '=', key).where('count', '>', 0).execute();
}

/** The count of `key` in its current window, without counting a hit. */
export async function peek(db: Kysely<Database>, key: string, windowMs: number, now = Date.now()): Promise<number> {
  const row = await db.selectFrom('rate_limits').select(['count', 'window_start']).where('key', '=', key).executeTakeFirst();
  if (!row || Date.parse(row.window_start) <= now - windowMs) return 0;
  return Number(row.count);
}

/** Forgets a key (after a successful login, for the account-and-address counter). */
export async function clear(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', '=', key).execute();
}

export async function purgeOld(db: Kysely<Database>, olderThanMs: number, now = Date.now()): Promise<void> {
  await db.deleteFrom('rate_limits').where('window_start', '<', new Date(now - olderThanMs).toISOString()).execute();
}

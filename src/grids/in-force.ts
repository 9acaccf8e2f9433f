/**
 * Which version of dated law applies on a day. Grids, wage scales and SMIC rates all answer this
 * question, and must answer it the same way at the boundaries, so one function answers it for
 * all of them; a second says when the answer rests on data that may have been overtaken.
 */
import { addDuration, type IsoDate } from './dates.js';

/**
 * The item in force on `at`: of the items started on or before `at` (the first day counts) and not
 * ended before it (the last day counts), the one that started last. A null start never applies: a
 * text that does not bind (yet). Between items starting the same day, the one listed last wins:
 * lists run oldest first. Undefined before the first item, and in a gap between an end and the
 * next start.
 */
export function inForceAt<T>(items: readonly T[], at: IsoDate, startOf: (item: T) => IsoDate | null, endOf?: (item: T) => IsoDate | null): T | undefined {
  let found: T | undefined;
  let foundStart = '';
  for (const item of items) {
    const start = startOf(item);
    if (start === null || start > at || (found !== undefined && start < foundStart)) continue;
    const end = endOf?.(item) ?? null;
    if (end !== null && end < at) continue;
    found = item;
    foundStart = start;
  }
  return found;
}

/** How long a periodic amount (a wage scale, the SMIC) is trusted without a newer one known. */
export const TRUSTED_FOR = 'P1Y';

/**
 * True when `found` is the latest item known (none of `items` starts after it) and it started more
 * than a year before `at`: exactly a year is still within. Such an amount is normally revised every
 * year, so a newer one may exist that the data does not hold yet.
 */
export function isOutdated<T>(items: readonly T[], found: T, at: IsoDate, startOf: (item: T) => IsoDate): boolean {
  const start = startOf(found);
  return !items.some((item) => startOf(item) > start) && addDuration(start, TRUSTED_FOR) < at;
}

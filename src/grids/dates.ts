/**
 * Calendar dates as `YYYY-MM-DD` strings: legal dates have no time of day nor time zone, and
 * ISO strings compare correctly as plain strings.
 */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is an existing calendar date written `YYYY-MM-DD`. */
export function isIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Adds an ISO 8601 duration made of years, months and days (P6M, P1Y, P18M). */
export function addDuration(date: IsoDate, duration: string): IsoDate {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(duration);
  if (!m) throw new RangeError(`durée invalide : ${duration}`);
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + Number(m[1] ?? 0) * 12 + Number(m[2] ?? 0));
  // A month later than 31 January is the last day of February, not 3 March.
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  d.setUTCDate(d.getUTCDate() + Number(m[3] ?? 0));
  return d.toISOString().slice(0, 10);
}

export function today(): IsoDate {
  return new Date().toISOString().slice(0, 10);
}

// In model, where the French renderer of reasons reaches it; re-exported for the grids' readers.
export { formatDuration } from '../model/french-date.js';

/**
 * Dates typed by users of every face (CLI, HTTP), with the French messages a user sees when they
 * are malformed.
 */
import { isIsoDate, today, type IsoDate } from '../grids/dates.js';
import { InputError } from '../model/input-error.js';

/** Validates a date given by a user (`YYYY-MM-DD`); absent means today. */
export function parseDate(value: string | undefined, what = 'date'): IsoDate {
  if (value === undefined || value === '') return today();
  const v = value.trim();
  if (!isIsoDate(v)) throw new InputError(`${what} invalide : « ${value} ». Format attendu : AAAA-MM-JJ (par exemple 2024-06-30).`, 'invalid');
  return v;
}

/**
 * A date typed on the command line: `AAAA-MM-JJ`, or `JJ/MM/AAAA` as French files and people
 * write it (the HTTP API keeps the one ISO form); absent means today.
 */
export function parseTypedDate(value: string | undefined, what = 'date'): IsoDate {
  const fr = value === undefined ? null : /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  const v = fr ? `${fr[3]}-${fr[2]!.padStart(2, '0')}-${fr[1]!.padStart(2, '0')}` : value;
  if (v !== undefined && v !== '' && !isIsoDate(v.trim())) {
    throw new InputError(`${what} invalide : « ${value} ». Format attendu : AAAA-MM-JJ ou JJ/MM/AAAA (par exemple 2024-06-30 ou 30/06/2024).`, 'invalid');
  }
  return parseDate(v, what);
}

/**
 * Lookups shared by every face (CLI, HTTP): a convention by IDCC, the grid in force at a date,
 * with the French messages a user sees when the request cannot be answered.
 */
import type { Catalogue, Convention } from '../grids/convention.js';
import { isIsoDate, today, type IsoDate } from '../grids/dates.js';
import type { Grid } from '../grids/grid.js';

/** A request that names something that does not exist or is malformed; `kind` maps to 400/404. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly kind: 'invalid' | 'not-found',
  ) {
    super(message);
    this.name = 'InputError';
  }
}

export function findConvention(catalogue: Catalogue, idcc: string): Convention {
  const conv = catalogue.convention(idcc.trim());
  if (conv) return conv;
  const known = catalogue.conventions.map((c) => `${c.idcc} (${c.shortTitle})`).join(', ');
  if (!/^\d{1,4}$/.test(idcc.trim())) throw new InputError(`IDCC invalide : « ${idcc} ». Un IDCC s'écrit avec 4 chiffres. Conventions disponibles : ${known}.`, 'invalid');
  throw new InputError(`Convention collective non prise en charge : IDCC ${idcc}. Conventions disponibles : ${known}.`, 'not-found');
}

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

export function gridAt(conv: Convention, date: IsoDate): Grid {
  const grid = conv.gridAt(date);
  if (grid) return grid;
  const first = conv.grids[0]!;
  throw new InputError(
    `Aucune grille de classification de l'IDCC ${conv.idcc} n'est en vigueur au ${formatDateFr(date)} : la plus ancienne connue (${first.title}) s'applique à partir du ${formatDateFr(first.effectiveFrom)}.`,
    'not-found',
  );
}

export function formatDateFr(date: IsoDate): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

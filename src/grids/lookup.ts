/**
 * A convention by IDCC and the grid in force at a date, with the French messages a user sees
 * when the request cannot be answered.
 */
import type { Catalogue, Convention } from './convention.js';
import type { IsoDate } from './dates.js';
import type { Grid } from './grid.js';
import { InputError } from '../model/input-error.js';
import { formatDateFr } from '../model/french-date.js';

export function findConvention(catalogue: Catalogue, idcc: string): Convention {
  const conv = catalogue.convention(idcc.trim());
  if (conv) return conv;
  const known = catalogue.conventions.map((c) => `${c.idcc} (${c.shortTitle})`).join(', ');
  if (!/^\d{1,4}$/.test(idcc.trim())) throw new InputError(`IDCC invalide : « ${idcc} ». Un IDCC s'écrit avec 4 chiffres. Conventions disponibles : ${known}.`, 'invalid');
  throw new InputError(`Convention collective non prise en charge : IDCC ${idcc}. Conventions disponibles : ${known}.`, 'not-found');
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

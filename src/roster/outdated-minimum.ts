/**
 * Minimum amounts are revised every year (the SMIC at least each 1 January, the branches' scales by
 * yearly bargaining): when the amount used at a date is the latest the data holds and it is more than
 * a year old, a newer one may exist that the data does not know. The audit then says so, naming what it
 * used and when that data was last checked, rather than comparing pay in silence.
 */
import { formatDateFr } from '../model/french-date.js';
import type { IsoDate } from '../grids/dates.js';
import { isOutdated } from '../grids/in-force.js';
import type { SmicFile, WageScale } from '../model/wages.js';
import { euro } from './wage-finding.js';

const checked = (lastVerified: IsoDate | undefined) =>
  lastVerified ? `données vérifiées pour la dernière fois le ${formatDateFr(lastVerified)}` : "barème chargé par l'utilisateur, jamais vérifié ici";

/** The warning for a scale used at `at`, when it is the latest known and more than a year old. */
export function outdatedScaleNote(idcc: string, scales: readonly WageScale[], used: WageScale, at: IsoDate): string | undefined {
  if (!isOutdated(scales, used, at, (s) => s.effectiveFrom)) return undefined;
  return (
    `IDCC ${idcc} : le dernier barème de salaires minima connu, « ${used.title} », s'applique depuis le ${formatDateFr(used.effectiveFrom)}, plus d'un an avant le ${formatDateFr(at)}, ` +
    `et aucun barème plus récent n'est connu (${checked(used.lastVerified)}). Un barème plus récent a pu être conclu depuis : ` +
    `les salaires sont comparés à celui-ci ; vérifiez le barème en vigueur et, s'il est plus récent, chargez-le comme barème utilisateur.`
  );
}

/** The warning for the SMIC used at `at`, when its latest known rate is more than a year old. */
export function outdatedSmicNote(smic: SmicFile, at: IsoDate): string | undefined {
  const latest = smic.rates.at(-1);
  if (!latest || latest.from > at || !isOutdated(smic.rates, latest, at, (r) => r.from)) return undefined;
  return (
    `SMIC : le dernier taux connu (${euro(latest.monthly)} par mois depuis le ${formatDateFr(latest.from)}, ${latest.act}) a plus d'un an au ${formatDateFr(at)} ` +
    `(${checked(smic.lastVerified)}). Le SMIC est revalorisé au moins chaque 1er janvier : un taux plus récent s'applique sans doute, ` +
    `les salaires sont comparés au dernier taux connu.`
  );
}

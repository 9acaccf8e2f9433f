/**
 * The pay of a row against the minimum of its position: the conventional minimum or the SMIC,
 * whichever is higher, pro rata of the working time, with the floor that applies said in words.
 */
import { formatDateFr } from '../model/french-date.js';
import type { IsoDate } from '../grids/dates.js';
import type { ExcludablePay, WageScale } from '../model/wages.js';
import type { Finding } from './finding.js';
import type { Minimum } from './minimum.js';

/** The minimum of rows like one, worked out once. */
export interface WageCheck {
  required: number;
  position: string;
  /** A scale that binds members of the signatory organisations and not (yet) this employer. */
  membersOnly?: { scale: WageScale; from: IsoDate };
  conventional?: NonNullable<Minimum['conventional']>;
  smic?: NonNullable<Minimum['smic']>;
}

/** A pay component the file gives in a column of its own, and its amount on the current row (0: none). */
export interface PayPart {
  readonly component: ExcludablePay;
  /** The file's header, as the user wrote it. */
  readonly header: string;
  amount: number;
}

/** What a pay component is, in the words of a finding or a note. */
export const PAY_PART_WORDS: Record<ExcludablePay, string> = {
  heures_sup: 'heures supplémentaires',
  prime_anciennete: "prime d'ancienneté",
};

/** What the comparison needs of a row's own cells. */
export interface PayCells {
  salaire?: number;
  /** The pay components the file gives apart (none when it has no such column). */
  parts?: readonly PayPart[];
  tempsTravail: number;
  hours?: number;
  reference?: number;
  work: 'file' | 'forfait' | 'none';
}

/** "1 850,50 €" as French writes it; by hand because toLocaleString costs microseconds per call. */
export function euro(n: number): string {
  const fixed = Math.abs(n).toFixed(2);
  const int = fixed.length - 3;
  let grouped = fixed.slice(0, ((int - 1) % 3) + 1);
  for (let i = ((int - 1) % 3) + 1; i < int; i += 3) grouped += `\u202f${fixed.slice(i, i + 3)}`;
  return `${n < 0 ? '-' : ''}${grouped},${fixed.slice(int + 1)} €`;
}

/** Hours as French writes them: "104 h", "151,67 h". */
function hoursText(h: number): string {
  return `${String(Math.round(h * 100) / 100).replace('.', ',')} h`;
}

/** The pay of a row compared with the minimum of its position, pro rata of its working time. */
export function wageFinding(check: WageCheck, own: PayCells, at: IsoDate): Omit<Finding, 'line' | 'matricule' | 'idcc'> | undefined {
  const { conventional, smic } = check;
  const excludes = conventional?.scale.comparedPay?.excludes;
  const excluded = excludes ? excludedAmount(excludes, own.parts) : 0;
  const salary = own.salaire! - excluded;
  const share = own.tempsTravail;
  const fullTime = salary / share;
  if (fullTime >= check.required - 0.005) return undefined;
  const bySmic = !conventional || (smic !== undefined && smic.amount > conventional.amount);
  const time =
    own.work === 'forfait'
      ? ' en forfait jours (comparé à un temps plein)'
      : share < 1
        ? `${own.hours !== undefined ? ` pour ${hoursText(own.hours)} par mois sur ${hoursText(own.reference!)} à temps plein` : ` pour ${Math.round(share * 100)} % d'un temps plein`}, soit ${euro(fullTime)} à temps plein`
        : '';
  const pay = excludes && excludes.length > 0 ? `Salaire ${euro(own.salaire!)}${excludedText(excludes, own.parts)}${excluded > 0 ? `, soit ${euro(salary)} comparé` : ''}${time}` : `Salaire ${euro(salary)}${time}`;
  const message = bySmic
    ? `${pay} : inférieur au SMIC mensuel (${euro(smic!.amount)} depuis le ${formatDateFr(smic!.from)}, ${smic!.act}), plancher qui s'applique ${conventional ? `parce que le minimum conventionnel de la position ${check.position} (${euro(conventional.amount)}) lui est inférieur` : `faute de barème conventionnel connu pour la position ${check.position} au ${formatDateFr(at)}`}.`
    : `${pay} : inférieur au minimum conventionnel de la position ${check.position}${conventional!.level ? ` (${conventional!.level})` : ''} : ${euro(conventional!.amount)} selon ${conventional!.scale.title} (depuis le ${formatDateFr(conventional!.scale.effectiveFrom)}).`;
  // Which pay the minimum is compared with, when the scale's text defines it.
  const basis = !bySmic && conventional!.scale.comparedPay ? ` Salaire à comparer : ${conventional!.scale.comparedPay.text}` : '';
  const members = check.membersOnly
    ? ` Barème retenu pour une entreprise non adhérente (ou dont l'adhésion n'est pas indiquée) ; une entreprise adhérente d'une organisation signataire applique depuis le ${formatDateFr(check.membersOnly.from)} ${check.membersOnly.scale.title}.`
    : '';
  return {
    rule: 'below-minimum-wage',
    severity: 'error',
    message: message + basis + members,
    expected: Math.round(check.required * share * 100) / 100,
    source: bySmic ? { doc: 'smic', quote: smic!.act } : conventional!.source,
  };
}


type Excludes = NonNullable<NonNullable<WageScale['comparedPay']>['excludes']>;

/** What the row's file gives of the components the scale leaves out of the compared pay. */
function excludedAmount(excludes: Excludes, parts: readonly PayPart[] | undefined): number {
  let sum = 0;
  if (parts) for (const part of parts) if (excludes.some((e) => e.component === part.component)) sum += part.amount;
  return sum;
}

/**
 * Which amounts were taken off the pay and why (the words of the branch's text), or that the file
 * gives no column for a component left out, so that the pay was compared as given.
 */
function excludedText(excludes: Excludes, parts: readonly PayPart[] | undefined): string {
  const taken: string[] = [];
  const absent: string[] = [];
  for (const e of excludes) {
    // A component may come in several columns (« HS 25 % », « HS 50 % »): each amount is said.
    const given = parts?.filter((p) => p.component === e.component) ?? [];
    if (given.length === 0) absent.push(PAY_PART_WORDS[e.component]);
    const amounts = given.filter((p) => p.amount > 0).map((p) => `${euro(p.amount)} de « ${p.header} »`);
    if (amounts.length > 0) taken.push(`${amounts.join(' et ')} (exclu${amounts.length > 1 ? 's' : ''} du salaire à comparer : « ${e.quote} »)`);
  }
  const said = taken.length > 0 ? `, dont ${taken.join(' et ')} retirés` : '';
  const none = absent.length > 0 ? ` (le fichier n'a pas de colonne ${absent.map((a) => `« ${a} »`).join(' ni ')} : ${taken.length > 0 ? 'le reste est' : 'salaire'} comparé tel quel)` : '';
  return said + none;
}

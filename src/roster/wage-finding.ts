/**
 * The pay of a row against the minimum of its position: the conventional minimum or the SMIC,
 * whichever is higher, pro rata of the working time, with the floor that applies said in words.
 */
import type { ComparedPay, FindingReason, PayTakenOff } from '../model/finding-reason.js';
import type { IsoDate } from '../grids/dates.js';
import type { ExcludablePay, WageScale } from '../model/wages.js';
import { said, saidLater, type StaticFinding } from './finding.js';
import type { Minimum } from './minimum.js';

/** The minimum of rows like one, worked out once. */
export interface WageCheck {
  required: number;
  position: string;
  /** A scale that binds members of the signatory organisations and not (yet) this employer. */
  membersOnly?: { scale: WageScale; from: IsoDate };
  conventional?: NonNullable<Minimum['conventional']>;
  smic?: NonNullable<Minimum['smic']>;
  /** The parts of a finding's reason that are the same for every row of this check, made on first use. */
  membersOnlyParams?: NonNullable<ComparedPay['membersOnly']>;
  smicParams?: { amount: number; from: IsoDate; act: string };
}

/** A pay component the file gives in a column of its own, and its amount on the current row (0: none). */
export interface PayPart {
  readonly component: ExcludablePay;
  /** The file's header, as the user wrote it. */
  readonly header: string;
  amount: number;
}

export { euro, PAY_PART_WORDS } from '../model/findings-fr.js';

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

/** The pay of a row compared with the minimum of its position, pro rata of its working time; `later`: its message left for later (`saidLater`). */
export function wageFinding(check: WageCheck, own: PayCells, at: IsoDate, later = false): StaticFinding | undefined {
  const { conventional, smic } = check;
  const excludes = conventional?.scale.comparedPay?.excludes;
  const excluded = excludes ? excludedAmount(excludes, own.parts) : 0;
  const salary = own.salaire! - excluded;
  const share = own.tempsTravail;
  const fullTime = salary / share;
  if (fullTime >= check.required - 0.005) return undefined;
  const bySmic = !conventional || (smic !== undefined && smic.amount > conventional.amount);
  // Built flat, without spreads: this runs for every row below its minimum.
  const deducted = excludes && excludes.length > 0 ? deductions(excludes, own.parts, excluded) : null;
  const time: ComparedPay['time'] =
    own.work === 'forfait'
      ? FORFAIT
      : share < 1
        ? { kind: 'part-time', share, hours: own.hours !== undefined ? { hours: own.hours, reference: own.reference! } : null, fullTime }
        : null;
  const membersOnly = check.membersOnly ? (check.membersOnlyParams ??= { scaleTitle: check.membersOnly.scale.title, from: check.membersOnly.from }) : null;
  const reason: FindingReason = bySmic
    ? {
        code: 'below-minimum-wage.smic',
        params: { pay: own.salaire!, deductions: deducted, compared: salary, time, membersOnly, position: check.position, smic: (check.smicParams ??= { amount: smic!.amount, from: smic!.from, act: smic!.act }), conventional: conventional ? conventional.amount : null, at },
      }
    : {
        code: 'below-minimum-wage',
        params: {
          pay: own.salaire!,
          deductions: deducted,
          compared: salary,
          time,
          membersOnly,
          position: check.position,
          level: conventional!.level ?? null,
          minimum: conventional!.amount,
          scaleTitle: conventional!.scale.title,
          scaleFrom: conventional!.scale.effectiveFrom,
          comparedPayText: conventional!.scale.comparedPay?.text ?? null,
        },
      };
  return {
    rule: 'below-minimum-wage',
    severity: 'error',
    ...(later ? saidLater(reason) : said(reason)),
    expected: Math.round(check.required * share * 100) / 100,
    source: bySmic ? { doc: 'smic', quote: smic!.act } : conventional!.source,
  };
}

const FORFAIT: ComparedPay['time'] = { kind: 'forfait' };

type Excludes = NonNullable<NonNullable<WageScale['comparedPay']>['excludes']>;

/** What the row's file gives of the components the scale leaves out of the compared pay. */
function excludedAmount(excludes: Excludes, parts: readonly PayPart[] | undefined): number {
  let sum = 0;
  if (parts) for (const part of parts) if (excludes.some((e) => e.component === part.component)) sum += part.amount;
  return sum;
}

/**
 * Which amounts were taken off the pay and why (the words of the branch's text), and the components
 * left out for which the file gives no column (the pay is then compared as given).
 */
function deductions(excludes: Excludes, parts: readonly PayPart[] | undefined, total: number): NonNullable<ComparedPay['deductions']> {
  const taken: PayTakenOff[] = [];
  const absent: ExcludablePay[] = [];
  for (const e of excludes) {
    // A component may come in several columns (« HS 25 % », « HS 50 % »): each amount is said.
    const given = parts?.filter((p) => p.component === e.component) ?? [];
    if (given.length === 0) absent.push(e.component);
    const amounts = given.filter((p) => p.amount > 0).map((p) => ({ amount: p.amount, header: p.header }));
    if (amounts.length > 0) taken.push({ amounts, quote: e.quote });
  }
  return { taken, absent, total };
}

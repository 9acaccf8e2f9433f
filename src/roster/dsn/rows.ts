/**
 * From the individus of one or several DSN (months, establishments) to the rows of a staff list,
 * in the canonical columns the audit reads (columns.ts): one row per work contract of each
 * employee, as the latest month that declares the employee says, with a position date taken
 * from the history the files hold.
 */
import { foldAccents } from '../../text/normalize.js';
import { isoOfDayNumber, type DayNumber } from '../row.js';
import type { ArrayRow } from '../cells.js';
import type { ContractRecord, IndividuRecord, PayRecord } from './declaration.js';

export const DSN_HEADERS = ['matricule', 'nom', 'prenom', 'sexe', 'idcc', 'emploi', 'position', 'statut', 'date_entree', 'date_position', 'salaire_mensuel_brut', 'temps_travail'] as const;

/**
 * Natures of contract (S21.G00.40.007, list C, p. 185) that are contracts of employment, to which
 * a classification applies. Left out: internships (29), mandates (80, 81), civic service (89),
 * public appointments and secondments (20, 21, 50-54), CAPE (32), 60, 70, 90 and lines of service (93).
 */
const EMPLOYMENT = new Set(['01', '02', '03', '07', '08', '09', '10', '82', '91', '92']);

/**
 * Statut du salarié (conventionnel), S21.G00.40.002, list A (p. 181), to the statuses of the
 * grids; 01, 02 and the public services (08-10) say nothing of a position.
 */
const STATUT: Record<string, string> = { '03': 'cadre-superieur', '04': 'cadre', '05': 'agent-de-maitrise', '06': 'ouvrier-employe', '07': 'ouvrier-employe' };

/** Units of the quotité (S21.G00.40.011, list D, p. 187-188) that a share of full time can be worked out from. */
const TIMED_UNITS = new Set(['10', '12', '20', '21']);

/** The same wording of a position, whatever its case, accents or spacing. */
function positionKey(p: string | undefined): string {
  return foldAccents(p ?? '').replace(/[^a-z0-9]+/g, '');
}

function sameContract(a: ContractRecord, b: ContractRecord): boolean {
  return a.numero === b.numero && a.start === b.start;
}

/**
 * The day since which the contract's current position is held, when the files say it:
 * - a change of position declared in S21.G00.41 (old position `.058`, date `.001`; p. 234-235);
 * - a month whose S21.G00.40.041 differs from the month before (a value of block 40 applies to
 *   the whole month declared, §2.1.2, p. 18-22): the position then dates from that month;
 * - no change over the months read, and the contract started within them: its start.
 * The latest of these wins; undefined when the files do not tell.
 */
export function positionSince(history: readonly { month: DayNumber; contract: ContractRecord }[], first: DayNumber): DayNumber | undefined {
  const current = history[history.length - 1]!.contract;
  let latest = 0;
  let previous: string | undefined;
  for (const { month, contract } of history) {
    // One month only: nothing to compare (the usual case of a single DSN).
    if (history.length > 1) {
      const k = positionKey(contract.position);
      if (previous !== undefined && k !== previous) latest = month;
      previous = k;
    }
    for (const change of contract.positionChanges) if (change.date > latest) latest = change.date;
  }
  if (latest === 0) return current.start >= first ? current.start : undefined;
  return Math.max(current.start, latest);
}

/** Base pay of the month declared: type 010, else 002, of the periods ending in that month (rappels of earlier periods left out; p. 28-29, 244-245). */
function basePay(pays: readonly PayRecord[], contract: ContractRecord, month: DayNumber): { amount: number; activity: PayRecord['activity'] } | undefined {
  const monthEnd = month + 30;
  let latest = 0;
  for (const p of pays) if (p.contract === contract.numero && p.periodEnd > latest) latest = p.periodEnd;
  // The periods of the month declared; a payroll paid in arrears ends its period before it.
  const current = (p: PayRecord) => p.contract === contract.numero && ((p.periodEnd >= month && p.periodEnd <= monthEnd) || (latest < month && p.periodEnd === latest));
  for (const type of ['010', '002']) {
    let amount = 0;
    let found = false;
    for (const p of pays) {
      if (p.type !== type || !current(p)) continue;
      amount += p.amount;
      found = true;
    }
    amount = Math.round(amount * 100) / 100;
    if (!found || amount <= 0) continue;
    const activity: PayRecord['activity'] = [];
    for (const p of pays) if (p.type === '002' && current(p)) activity.push(...p.activity);
    return { amount, activity };
  }
  return undefined;
}

/**
 * Share of full time: the contract's quotité over the company's reference (S21.G00.40.013 /
 * .012, p. 188), or less when the paid activity of the month (S21.G00.53 type 01, in the same
 * unit) covers less of the reference — a month begun or ended on the way, unpaid absence — since
 * the base pay then covers less too. Forfaits in days count as their share of the reference.
 */
function shareOfFullTime(contract: ContractRecord, activity: PayRecord['activity']): number | undefined {
  if (!TIMED_UNITS.has(contract.unit) || contract.reference <= 0 || contract.quotite <= 0) return undefined;
  let share = Math.min(1, contract.quotite / contract.reference);
  const measured = activity.filter((a) => (a.unit ?? contract.unit) === contract.unit).reduce((s, a) => s + a.measure, 0);
  if (measured > 0) share = Math.min(share, measured / contract.reference);
  return share;
}

function statutOf(c: ContractRecord): string {
  return STATUT[c.statut] ?? (c.statutRetraite === '01' ? 'cadre' : '');
}

export function dsnRows(individus: readonly IndividuRecord[]): ArrayRow[] {
  // One employee: one SIREN, one matricule (or pseudonym), across months and establishments.
  const byEmployee = new Map<string, IndividuRecord[]>();
  let first = Number.MAX_SAFE_INTEGER;
  for (const i of individus) {
    const key = `${i.siren}|${i.id}`;
    const list = byEmployee.get(key);
    if (list) list.push(i);
    else byEmployee.set(key, [i]);
    first = Math.min(first, i.month);
  }
  const rows: (ArrayRow & { order: number })[] = [];
  // Plain loops: flatMap and filter chains cost microseconds each, here paid per employee.
  for (const months of byEmployee.values()) {
    if (months.length > 1) months.sort((a, b) => a.month - b.month || a.fileOrder - b.fileOrder || a.line - b.line);
    const latest = months[months.length - 1]!;
    const contracts: { c: ContractRecord; pays: PayRecord[] }[] = [];
    for (const m of months) {
      if (m.month !== latest.month) continue;
      for (const c of m.contracts) if (EMPLOYMENT.has(c.nature ?? '')) contracts.push({ c, pays: m.pays });
    }
    for (const { c, pays } of contracts) {
      const history: { month: DayNumber; contract: ContractRecord }[] = [];
      for (const m of months) for (const x of m.contracts) if (sameContract(x, c)) history.push({ month: m.month, contract: x });
      const since = positionSince(history, first);
      const pay = basePay(pays, c, latest.month);
      const share = pay ? shareOfFullTime(c, pay.activity) : undefined;
      // Pay per piece, per session or per assignment is no monthly pay to compare with a minimum.
      const comparable = pay && share !== undefined;
      const cells = [
        contracts.length > 1 ? `${latest.id}/${c.numero}` : latest.id,
        latest.nom,
        latest.prenoms,
        latest.sexe ?? '',
        c.idcc.replace(/^0+(?=\d{4})/, ''),
        c.emploi ?? '',
        c.position ?? '',
        statutOf(c),
        isoOfDayNumber(c.start),
        since ? isoOfDayNumber(since) : '',
        comparable ? pay.amount.toFixed(2) : '',
        comparable ? String(Math.round(share * 10000) / 10000) : '',
      ];
      rows.push({ line: c.line, cells, order: latest.fileOrder });
    }
  }
  rows.sort((a, b) => a.order - b.order || a.line - b.line);
  return rows.map(({ line, cells }) => ({ line, cells }));
}

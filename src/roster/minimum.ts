/**
 * The minimum monthly pay of a position at a date: the branch's scale in force (with its level
 * factors), and the SMIC, whichever is higher. No figure is ever made up: a position without a
 * known scale at that date is compared with the SMIC only, and the finding says so.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { InputError } from '../model/input-error.js';
import type { Convention } from '../grids/convention.js';
import type { IsoDate } from '../grids/dates.js';
import { inForceAt } from '../grids/in-force.js';
import type { Source } from '../model/schema.js';
import type { SmicFile, WageScale } from '../model/wages.js';
import { headerKey } from './columns.js';
import { parseDateCell, parseFrenchNumber, normalisePosition } from './row.js';

export interface Minimum {
  /** The conventional minimum, when a scale in force knows the position. */
  conventional?: { amount: number; scale: WageScale; source: Source; level?: string };
  smic?: { amount: number; from: IsoDate; act: string };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function smicAt(smic: SmicFile, at: IsoDate): Minimum['smic'] {
  const found = inForceAt(smic.rates, at, (r) => r.from);
  return found ? { amount: found.monthly, from: found.from, act: found.act } : undefined;
}

/**
 * Whether the employer is a member of the organisations that signed the branch's texts: a
 * scale may bind members before the others. Unknown: the dates that bind every employer.
 */
export type Membership = 'member' | 'non-member' | 'unknown';

/** The date a scale binds this employer; null when it does not (yet) bind them. */
export function scaleFrom(scale: WageScale, membership: Membership): IsoDate | null {
  if (membership === 'member' || scale.nonMembersFrom === undefined) return scale.effectiveFrom;
  return scale.nonMembersFrom;
}

/** Latest scale in force at `at` for this employer that lists the position. */
export function conventionalMinimum(scales: readonly WageScale[], position: string, level: string | undefined, at: IsoDate, membership: Membership = 'unknown'): Minimum['conventional'] {
  const listing = scales.filter((s) => s.rows.some((r) => r.position === position));
  const best = inForceAt(listing, at, (s) => scaleFrom(s, membership));
  if (!best) return undefined;
  const found = scaleMinimum(best, position, level);
  // An annual minimum is compared on the month paid: its twelfth (the scale's title says it is annual).
  return best.basis === 'annual' ? { ...found, amount: round2(found.amount / 12) } : found;
}

function scaleMinimum(best: WageScale, position: string, level: string | undefined): NonNullable<Minimum['conventional']> {
  const rows = best.rows.filter((r) => r.position === position);
  const exact = rows.find((r) => (r.level ?? undefined) === level);
  if (exact) return { amount: exact.amount, scale: best, source: exact.source ?? best.source, ...(level ? { level } : {}) };
  const factor = level ? best.levelFactors.find((f) => f.level === level) : undefined;
  const base = factor ? rows.find((r) => r.level === factor.base) : undefined;
  if (factor && base) return { amount: round2(base.amount * factor.factor), scale: best, source: factor.source, level };
  // Level unknown: the lowest amount of the position is the only safe minimum.
  const lowest = rows.reduce((a, b) => (b.amount < a.amount ? b : a));
  return { amount: lowest.amount, scale: best, source: lowest.source ?? best.source, ...(lowest.level ? { level: lowest.level } : {}) };
}

/**
 * Scales a user loads for what the tool does not ship (CSV: idcc;position;niveau;date_effet;montant).
 * Each row becomes a one-line scale cited as the user's file.
 */
export function readUserScales(path: string, conventions: readonly Convention[]): Map<string, WageScale[]> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError(`Barème introuvable ou illisible : « ${path} ».`, 'invalid');
  }
  return parseUserScales(text, path, conventions);
}

/** The scales of a user's CSV text; `name` names the file in messages and citations. */
export function parseUserScales(raw: string, name: string, conventions: readonly Convention[]): Map<string, WageScale[]> {
  const text = raw.replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text.trim(), { delimiter: text.split('\n')[0]!.includes(';') ? ';' : ',' });
  const [header, ...rows] = parsed.data;
  const cols = (header ?? []).map(headerKey);
  const at = (col: string) => cols.indexOf(col);
  const [iIdcc, iPos, iLevel, iDate, iAmount] = [at('idcc'), at('position'), at('niveau'), at('date effet'), at('montant')];
  if ([iIdcc, iPos, iDate, iAmount].some((i) => i < 0)) {
    throw new InputError(`Barème « ${name} » : colonnes attendues idcc;position;niveau;date_effet;montant (niveau facultatif).`, 'invalid');
  }
  if (rows.length === 0) throw new InputError(`Barème « ${name} » : aucune ligne après les en-têtes.`, 'invalid');
  const out = new Map<string, WageScale[]>();
  rows.forEach((cells, k) => {
    const line = k + 2;
    const idcc = cells[iIdcc]?.trim() ?? '';
    const conv = conventions.find((c) => c.idcc === idcc);
    const date = parseDateCell(cells[iDate] ?? '');
    const amount = parseFrenchNumber(cells[iAmount] ?? '');
    const position = normalisePosition(cells[iPos] ?? '');
    if (!conv || !date || amount === undefined || amount <= 0 || position === '') {
      throw new InputError(`Barème « ${name} », ligne ${line} : valeur illisible (IDCC connu, position, date JJ/MM/AAAA et montant attendus).`, 'invalid');
    }
    const grid = conv.grids.find((g) => g.position(position)) ?? conv.grids.at(-1)!;
    const level = iLevel >= 0 ? cells[iLevel]?.trim() || undefined : undefined;
    const source: Source = { doc: 'bareme-utilisateur', quote: `${name}, ligne ${line}` };
    const scale: WageScale = {
      id: `utilisateur-${idcc}-${date}-${position}-${level ?? ''}`.replace(/[^a-z0-9-]/gi, '-').toLowerCase(),
      title: `Barème chargé par l'utilisateur (${name})`,
      grid: grid.id,
      effectiveFrom: date,
      rows: [{ position, ...(level ? { level } : {}), amount, source }],
      levelFactors: [],
      source,
    };
    out.set(idcc, [...(out.get(idcc) ?? []), scale]);
  });
  return out;
}

/** Several users' scale files as one map by IDCC. */
export function mergeScales(maps: readonly ReadonlyMap<string, WageScale[]>[]): Map<string, WageScale[]> {
  const out = new Map<string, WageScale[]>();
  for (const m of maps) for (const [idcc, list] of m) out.set(idcc, [...(out.get(idcc) ?? []), ...list]);
  return out;
}

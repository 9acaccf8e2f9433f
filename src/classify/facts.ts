/**
 * Facts given by a user, checked at the edge against the grid's declared facts: a value that
 * cannot be right is refused with a message naming the fact and what it accepts, before any rule
 * sees it. Missing facts are never an error: they become questions.
 */
import { InputError } from '../model/input-error.js';
import { addDuration, isIsoDate, type IsoDate } from '../grids/dates.js';
import type { Grid } from '../grids/grid.js';
import type { Fact } from '../model/schema.js';
import type { Facts, FactValue } from './conditions.js';

/** Facts the engine knows for every grid (see docs/rules-engine.md). */
export function engineFacts(grid: Grid): Fact[] {
  return [
    {
      id: 'jobId',
      type: 'job',
      question: "Quel emploi-repère correspond à l'emploi ? (utilisez la recherche par intitulé ou par description)",
      values: grid.jobs.map((j) => ({ id: j.id, label: j.title })),
    },
    { id: 'positionSince', type: 'date', question: 'Depuis quelle date le salarié occupe-t-il cette position ?' },
    {
      id: 'track',
      type: 'enum',
      question: 'Dans quelle filière l’emploi se situe-t-il ?',
      values: grid.tracks.map((t) => ({ id: t.id, label: grid.trackLabel(t.id) })),
    },
  ];
}

/** Facts of a transposition: the old position and its status, set by the engine. */
const TRANSPOSE_FACTS = new Set(['fromPosition', 'fromStatus']);

const definitions = new WeakMap<Grid, Map<string, Fact>>();

/** The engine's facts, then the grid's, in the order the questionnaire asks them. */
export function factDefinitions(grid: Grid): Map<string, Fact> {
  let defs = definitions.get(grid);
  if (!defs) definitions.set(grid, (defs = new Map([...engineFacts(grid), ...grid.facts].map((f) => [f.id, f]))));
  return defs;
}

function allowed(def: Fact): string {
  if (def.values) return def.values.map((v) => v.id).join(', ');
  switch (def.type) {
    case 'integer':
      return `un nombre entier${def.min !== undefined ? ` ≥ ${def.min}` : ''}${def.max !== undefined ? ` et ≤ ${def.max}` : ''}`;
    case 'number':
      return `un nombre${def.min !== undefined ? ` ≥ ${def.min}` : ''}${def.max !== undefined ? ` et ≤ ${def.max}` : ''}`;
    case 'boolean':
      return 'true ou false';
    case 'date':
      return 'une date AAAA-MM-JJ';
    default:
      return 'une valeur';
  }
}

/**
 * Checks and normalises user facts. `null` and absent mean unknown. Throws InputError (French)
 * naming the first wrong fact and its allowed values.
 */
export function validateFacts(grid: Grid, input: unknown): Record<string, FactValue> {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new InputError('Les faits doivent être un objet JSON, par exemple { "diploma": "bts", "yearsOfPractice": 3 }.', 'invalid');
  }
  const defs = factDefinitions(grid);
  const out: Record<string, FactValue> = {};
  for (const [id, raw] of Object.entries(input as Record<string, unknown>)) {
    if (raw === null || raw === undefined) continue;
    const def = defs.get(id);
    if (!def) {
      if (TRANSPOSE_FACTS.has(id)) continue;
      throw new InputError(`Fait inconnu : « ${id} ». Faits acceptés pour la grille ${grid.id} : ${[...defs.keys()].join(', ')}.`, 'invalid');
    }
    const wrong = (): never => {
      throw new InputError(`Valeur invalide pour le fait « ${id} » : ${JSON.stringify(raw)}. Valeurs acceptées : ${allowed(def)}.`, 'invalid');
    };
    const inValues = (v: unknown) => def.values?.some((x) => x.id === v) ?? false;
    switch (def.type) {
      case 'enum':
      case 'job':
        if (typeof raw !== 'string' || !inValues(raw)) {
          if (def.type === 'job' && typeof raw === 'string') {
            throw new InputError(`Emploi-repère inconnu dans la grille ${grid.id} : « ${raw} ». Voir « classif grid ${grid.idcc} » pour les identifiants.`, 'not-found');
          }
          wrong();
        }
        out[id] = raw as string;
        break;
      case 'enum-list':
        if (!Array.isArray(raw) || !raw.every((v) => typeof v === 'string' && inValues(v))) wrong();
        out[id] = [...new Set(raw as string[])];
        break;
      case 'integer':
      case 'number': {
        const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw.replace(',', '.')) : raw;
        if (typeof n !== 'number' || !Number.isFinite(n)) wrong();
        const num = n as number;
        if ((def.type === 'integer' && !Number.isInteger(num)) || (def.min !== undefined && num < def.min) || (def.max !== undefined && num > def.max)) wrong();
        out[id] = num;
        break;
      }
      case 'boolean':
        if (raw === 'true' || raw === 'oui') out[id] = true;
        else if (raw === 'false' || raw === 'non') out[id] = false;
        else if (typeof raw === 'boolean') out[id] = raw;
        else wrong();
        break;
      case 'date':
        if (typeof raw !== 'string' || !isIsoDate(raw)) wrong();
        out[id] = raw as string;
        break;
    }
  }
  return out;
}

/** Whole months from `since` to `at` (a month counts once its day is reached). */
export function monthsBetween(since: IsoDate, at: IsoDate): number {
  const [y1, m1] = since.split('-').map(Number) as [number, number];
  const [y2, m2] = at.split('-').map(Number) as [number, number];
  // Calendar difference, then corrected by the same month arithmetic as the due dates use.
  let months = Math.max(0, (y2 - y1) * 12 + (m2 - m1));
  while (months > 0 && addDuration(since, `P${months}M`) > at) months--;
  return months;
}

/** User facts plus what the engine derives from them at the date of the computation. */
export function withDerivedFacts(facts: Record<string, FactValue>, at: IsoDate): Facts {
  const since = facts.positionSince;
  if (typeof since === 'string' && since <= at) return { ...facts, monthsInPosition: monthsBetween(since, at) };
  return facts;
}

/**
 * What the repeating columns of a row say in the terms of a grid: the facts the grid declares
 * (diploma, years of practice, managed staff, the benchmark job) and the level within a position.
 */
import { factsOf as conditionFacts, type FactValue } from '../classify/conditions.js';
import type { Grid } from '../grids/grid.js';
import type { Condition } from '../model/condition.js';
import type { DiplomaLevel, Fact, FactColumn } from '../model/schema.js';
import { foldAccents, normalizeText } from '../text/normalize.js';
import type { AuditContext } from './audit-context.js';
import type { StaticFields } from './row.js';

/** The repeating cells of a row that can carry a fact, by the column a grid maps a fact to. */
const FACT_CELLS: Record<FactColumn, (e: StaticFields) => string | number | undefined> = {
  diplome: (e) => e.diplome,
  annees_exercice: (e) => e.anneesExercice,
  encadrement: (e) => e.encadrement,
};

/** The facts of a grid read from a row: those the grid maps to a column (`column:`), and the benchmark job its title names. */
export function factsOf(ctx: AuditContext, grid: Grid, e: StaticFields): Record<string, FactValue> {
  const facts: Record<string, FactValue> = {};
  for (const fact of grid.facts) {
    if (fact.column === undefined) continue;
    const cell = FACT_CELLS[fact.column](e);
    const value = typeof cell === 'string' ? enumFromText(ctx, grid, fact, cell) : cell;
    if (value !== undefined) facts[fact.id] = value;
  }
  const job = e.emploi ? ctx.titleMatch(grid, e.emploi) : undefined;
  if (job?.best && job.score >= 0.9) facts.jobId = job.best;
  return facts;
}

/** The facts of a grid read from the `diplome` column: the rules that read them need the diploma. */
export function diplomaFacts(grid: Grid): string[] {
  return grid.facts.filter((f) => f.column === 'diplome').map((f) => f.id);
}

/** Whether a rule's condition reads a fact the grid maps to the `diplome` column. */
export function readsDiploma(grid: Grid, when: Condition | undefined): boolean {
  if (!when) return false;
  const diploma = diplomaFacts(grid);
  return conditionFacts(when).some((f) => diploma.includes(f));
}

/** Whether payroll wrote that there is none (« aucun », « néant », « - »). */
export function saysNone(raw: string): boolean {
  return /^(aucun|aucune|non|neant|sans|-|0)$/.test(foldAccents(raw).trim());
}

/** A fact value from what payroll wrote ("BTS OL", "Licence pro", "aucun"). */
export function enumFromText(ctx: AuditContext, grid: Grid, fact: Fact, raw: string): FactValue | undefined {
  return ctx.factValues.get(`${grid.id}|${fact.id}|${raw}`, () => {
    const t = foldAccents(raw).trim();
    const values = fact.values ?? [];
    const exact = values.find((v) => foldAccents(v.id) === t || foldAccents(v.label) === t);
    if (exact) return exact.id;
    const cued = values.find((v) => v.cues?.some((c) => new RegExp(c).test(t)));
    if (cued) return cued.id;
    const level = diplomaLevel(grid, t);
    const leveled = level === undefined ? undefined : values.find((v) => v.levels?.includes(level));
    if (leveled) return leveled.id;
    if (saysNone(raw)) return values.find((v) => v.id === 'none')?.id;
    // "BTS OL" names the value `bts`; "diplôme branche" the value labelled "Un diplôme reconnu par la branche".
    const words = new Set(normalizeText(raw));
    const byId = values.find((v) => v.id.split('-').every((w) => words.has(w)));
    if (byId) return byId.id;
    return values.find((v) => {
      const label = new Set(normalizeText(v.label));
      return words.size > 0 && [...words].every((w) => label.has(w));
    })?.id;
  });
}

const diplomaPatterns = new WeakMap<readonly DiplomaLevel[], { level: number; res: RegExp[] }[]>();

/** The highest level of the general diplomas a folded cell names (« cap vente » → 3), if any. */
function diplomaLevel(grid: Grid, folded: string): number | undefined {
  const diplomas = grid.lexicon.french?.diplomas ?? [];
  let compiled = diplomaPatterns.get(diplomas);
  if (!compiled) diplomaPatterns.set(diplomas, (compiled = diplomas.map((d) => ({ level: d.level, res: d.patterns.map((p) => new RegExp(p)) }))));
  const named = compiled.filter((d) => d.res.some((re) => re.test(folded))).map((d) => d.level);
  return named.length > 0 ? Math.max(...named) : undefined;
}

/** The id of the level a cell names (« maîtrisant », « M »), if any. */
export function levelOf(grid: Grid, raw: string): string | undefined {
  const t = foldAccents(raw);
  return grid.levels.find((l) => t === l.id || foldAccents(l.title).startsWith(t) || t.startsWith(foldAccents(l.title).split(' ')[0]!))?.id;
}

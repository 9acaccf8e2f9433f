/**
 * Levels inside a position (2198: débutant, maîtrisant, référent et/ou polyvalent): a ladder of
 * `level-condition` rules, raised by `level-floor` rules and by the end of an entry period.
 */
import { addDuration, type IsoDate } from '../grids/dates.js';
import type { Grid } from '../grids/grid.js';
import type { Job, Rule } from '../model/schema.js';
import { appliesToJob } from './rules.js';
import type { Collector } from './collector.js';
import { evaluate, type Facts } from './conditions.js';

export function resolveLevels(grid: Grid, facts: Facts, at: IsoDate, positions: string[], job: Job | undefined, out: Collector): string[] {
  const appliesToPositions = (rule: Rule, codes: readonly string[]) =>
    appliesToJob(rule, job) && (!rule.appliesTo.positions || codes.some((p) => rule.appliesTo.positions!.includes(p)));
  // Levels open to some position of the range (H of 2198 has no débutant).
  const open = grid.levels.map((l) => l.id).filter((id) => positions.some((p) => grid.position(p)?.levels?.includes(id) ?? true));
  if (open.length === 0) return [];
  const index = (id: string) => open.indexOf(id);
  let lo = 0;
  let hi = 0;
  // Levels are given to the holder of a position: while the position is still a range, what would
  // set the level is asked after what sets the position (QUESTION_WEIGHTS, levelInRange).
  const asker = positions.length > 1 ? 'levelInRange' : 'level';

  for (const rule of grid.rules) {
    if (rule.kind !== 'level-condition' || !appliesToPositions(rule, positions)) continue;
    for (const level of rule.appliesTo.levels ?? []) {
      const i = index(level);
      if (i < 0) continue;
      const v = rule.when ? evaluate(rule.when, facts) : { value: true, missing: [] };
      if (v.value === true) {
        if (i > lo) lo = i;
        out.reason('level-condition-met', { rule: rule.id, ruleText: rule.text, level, levelTitle: grid.levels.find((l) => l.id === level)!.title }, rule.source);
      }
      if (v.value !== false && i > hi) hi = i;
      if (v.value === undefined) out.need(v.missing, asker);
    }
  }

  /** `after`: the entry period whose end raises the level. */
  const raise = (to: number, rule: Rule, after: string | null) => {
    if (to <= lo) return;
    lo = to;
    if (hi < lo) hi = lo;
    out.reason('level-floor', { rule: rule.id, ruleText: rule.text, level: open[to]!, after }, rule.source);
  };
  for (const rule of grid.rules) {
    if (rule.kind !== 'level-floor' || !appliesToPositions(rule, positions)) continue;
    const to = index(rule.params.minLevel);
    if (to < 0 || to <= lo) continue;
    const v = rule.when ? evaluate(rule.when, facts) : { value: true, missing: [] };
    if (v.value === undefined) out.need(v.missing, asker);
    if (v.value === true) raise(to, rule, null);
  }

  // Entry periods of a level (débutant at most 9, 12 or 18 months).
  for (const rule of grid.rules) {
    if (rule.kind !== 'entry-period' || !rule.appliesTo.levels || !appliesToPositions(rule, positions)) continue;
    if (positions.length !== 1 || !rule.appliesTo.levels.some((l) => index(l) >= lo && index(l) <= hi)) continue;
    const since = facts.positionSince;
    if (typeof since !== 'string') {
      out.need(['positionSince'], 'entryPeriod');
      continue;
    }
    const due = addDuration(since, rule.params.max);
    const levels = rule.appliesTo.levels;
    out.reason('level-entry-period', { rule: rule.id, ruleText: rule.text, levels, max: rule.params.max, since, dueDate: due }, rule.source);
    if (at >= due) {
      out.warn({ code: 'entry-period-exceeded', params: { levels, since, dueDate: due }, dueDate: due, source: rule.source });
      const next = rule.params.nextLevel !== undefined ? index(rule.params.nextLevel) : Math.max(...rule.appliesTo.levels.map(index)) + 1;
      if (next >= 0 && next < open.length) raise(next, rule, rule.params.max);
    }
  }
  return open.slice(lo, Math.max(lo, hi) + 1);
}

/**
 * The entry periods of the grids (a position or a level held for a limited time): which one applies
 * to rows like one, and the finding of a row whose period is over.
 */
import type { FactValue } from '../classify/conditions.js';
import { addDuration } from '../grids/dates.js';
import type { Grid } from '../grids/grid.js';
import type { Position, Rule, RuleOfKind } from '../model/schema.js';
import type { AuditContext } from './audit-context.js';
import { said, type StaticFinding } from './finding.js';
import { isoOfDayNumber, type DayNumber, type StaticFields } from './row.js';
import { levelOf } from './row-facts.js';

export interface EntryCheck {
  rule: Rule;
  max: string;
  position: string;
  level?: string;
  /** The finding (or null: none) for each day the position was taken. */
  bySince: Map<DayNumber, StaticFinding | null>;
}

/** The entry period (of a position or a level) that applies to rows like this one, if any. */
export function entryCheck(grid: Grid, position: Position, e: StaticFields, facts: Record<string, FactValue>): EntryCheck | 'needs-job' | undefined {
  const level = e.niveau ? levelOf(grid, e.niveau) : undefined;
  const jobId = typeof facts.jobId === 'string' ? facts.jobId : '';
  let needsJob = false;
  const rule = grid.rules.find((r): r is RuleOfKind<'entry-period'> => {
    if (r.kind !== 'entry-period') return false;
    if (r.appliesTo.positions && !r.appliesTo.positions.includes(position.code)) return false;
    if (r.appliesTo.levels) return level !== undefined && r.appliesTo.levels.includes(level);
    if (!r.appliesTo.jobs) return r.appliesTo.positions !== undefined;
    if (jobId) return r.appliesTo.jobs.includes(jobId);
    // Without the job, only when every job at this position has the same entry period.
    const holders = grid.jobs.filter((j) => j.positions.includes(position.code));
    const all = holders.length > 0 && holders.every((j) => grid.rules.some((x) => x.kind === 'entry-period' && x.params.max === r.params.max && x.appliesTo.jobs?.includes(j.id)));
    if (!all && holders.some((j) => r.appliesTo.jobs!.includes(j.id))) needsJob = true;
    return all;
  });
  if (!rule) return needsJob ? 'needs-job' : undefined;
  return { rule, max: rule.params.max, position: position.code, bySince: new Map(), ...(level ? { level: grid.levels.find((l) => l.id === level)?.title ?? level } : {}) };
}

/** The finding of an entry period for a position held since `since`, worked out once per day. */
export function entryFinding(ctx: AuditContext, entry: EntryCheck, since: DayNumber, fromEntry: boolean): StaticFinding | undefined {
  // Days assumed from the entry date are kept apart (negative): their finding says so.
  const key = fromEntry ? -since : since;
  let finding = entry.bySince.get(key);
  if (finding !== undefined) return finding ?? undefined;
  if (entry.bySince.size >= 20_000) entry.bySince.clear();
  const sinceIso = isoOfDayNumber(since);
  const due = addDuration(sinceIso, entry.max);
  finding =
    ctx.options.at < due
      ? null
      : {
          rule: 'entry-period-exceeded',
          severity: 'error',
          ...said({
            code: 'entry-period-exceeded',
            params: {
              position: entry.position,
              level: entry.level ?? null,
              since: sinceIso,
              max: entry.max,
              dueDate: due,
              ruleText: entry.rule.text,
              assumedFromEntry: fromEntry ? { positionDateHeader: ctx.headers.index.date_position === undefined ? null : ctx.header('date_position'), entryDateHeader: ctx.header('date_entree') } : null,
            },
          }),
          dueDate: due,
          source: entry.rule.source,
        };
  entry.bySince.set(key, finding);
  return finding ?? undefined;
}

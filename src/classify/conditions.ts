/**
 * Three-valued evaluation of rule conditions: a condition is met, not met, or undecided because
 * facts are missing. Undecided is not false: it is how the questionnaire knows what to ask next.
 */
import type { Condition, FactTest } from '../model/condition.js';

export type FactValue = string | number | boolean | string[];
export type Facts = Readonly<Record<string, FactValue | undefined>>;

export interface Verdict {
  /** true: met; false: not met; undefined: depends on the missing facts. */
  value: boolean | undefined;
  /** Facts whose answer could change the verdict. */
  missing: string[];
}

const merge = (a: string[], b: string[]) => [...new Set([...a, ...b])];

export function evaluate(cond: Condition, facts: Facts): Verdict {
  if ('all' in cond) {
    let missing: string[] = [];
    let undecided = false;
    for (const c of cond.all) {
      const v = evaluate(c, facts);
      if (v.value === false) return { value: false, missing: [] };
      if (v.value === undefined) {
        undecided = true;
        missing = merge(missing, v.missing);
      }
    }
    return undecided ? { value: undefined, missing } : { value: true, missing: [] };
  }
  if ('any' in cond) {
    let missing: string[] = [];
    let undecided = false;
    for (const c of cond.any) {
      const v = evaluate(c, facts);
      if (v.value === true) return { value: true, missing: [] };
      if (v.value === undefined) {
        undecided = true;
        missing = merge(missing, v.missing);
      }
    }
    return undecided ? { value: undefined, missing } : { value: false, missing: [] };
  }
  if ('not' in cond) {
    const v = evaluate(cond.not, facts);
    return { value: v.value === undefined ? undefined : !v.value, missing: v.missing };
  }
  return test(cond, facts);
}

function test(t: FactTest, facts: Facts): Verdict {
  const value = facts[t.fact];
  if (t.known !== undefined) return { value: (value !== undefined) === t.known, missing: [] };
  if (value === undefined) return { value: undefined, missing: [t.fact] };
  const other = t.coversFact !== undefined ? facts[t.coversFact] : undefined;
  if (t.coversFact !== undefined && other === undefined) return { value: undefined, missing: [t.coversFact] };
  const list = Array.isArray(value) ? value : undefined;
  const num = typeof value === 'number' ? value : undefined;
  const checks: boolean[] = [];
  if (t.eq !== undefined) checks.push(value === t.eq);
  if (t.in !== undefined) checks.push(t.in.some((x) => x === value));
  if (t.gte !== undefined) checks.push(num !== undefined && num >= t.gte);
  if (t.gt !== undefined) checks.push(num !== undefined && num > t.gt);
  if (t.lte !== undefined) checks.push(num !== undefined && num <= t.lte);
  if (t.lt !== undefined) checks.push(num !== undefined && num < t.lt);
  if (t.countGte !== undefined) checks.push(list !== undefined && list.length >= t.countGte);
  if (t.includesAll !== undefined) checks.push(list !== undefined && t.includesAll.every((x) => list.includes(x)));
  if (t.coversFact !== undefined) {
    const needed = Array.isArray(other) ? other : [];
    checks.push(list !== undefined && needed.every((x) => list.includes(x)));
  }
  return { value: checks.every(Boolean), missing: [] };
}

/** Every fact a condition reads, in order of first appearance. */
export function factsOf(cond: Condition): string[] {
  if ('all' in cond) return cond.all.reduce<string[]>((acc, c) => merge(acc, factsOf(c)), []);
  if ('any' in cond) return cond.any.reduce<string[]>((acc, c) => merge(acc, factsOf(c)), []);
  if ('not' in cond) return factsOf(cond.not);
  return t(cond);
}

function t(test: FactTest): string[] {
  return test.coversFact ? [test.fact, test.coversFact] : [test.fact];
}

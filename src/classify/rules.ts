import type { Job, Rule, RuleKind, RuleOfKind } from '../model/schema.js';
import { evaluate, type Facts, type Verdict } from './conditions.js';

const ALWAYS: Verdict = { value: true, missing: [] };

/** Verdict of a rule's condition (a rule without `when` always applies). */
export function verdictOf(rule: Rule, facts: Facts): Verdict {
  return rule.when ? evaluate(rule.when, facts) : ALWAYS;
}

/** A rule naming jobs applies only to them. */
export function appliesToJob(rule: Rule, job: Job | undefined): boolean {
  return !rule.appliesTo.jobs || (job !== undefined && rule.appliesTo.jobs.includes(job.id));
}

/** The rules of one kind, typed with that kind's params. */
export function rulesOfKind<K extends RuleKind>(rules: readonly Rule[], kind: K): RuleOfKind<K>[] {
  return rules.filter((r): r is RuleOfKind<K> => r.kind === kind);
}

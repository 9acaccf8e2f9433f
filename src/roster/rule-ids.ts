/** The rules of the audit and their severities (apart, so that reports and coverage need not load the auditor). */
export const RULE_IDS = [
  'invalid-row',
  'duplicate-matricule',
  'unknown-position',
  'grid-outdated',
  'entry-period-exceeded',
  'below-diploma-minimum',
  'status-below-required',
  'track-requires-diploma',
  'job-position-mismatch',
  'below-minimum-wage',
] as const;
export type RuleId = (typeof RULE_IDS)[number];
export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** The rules whose coverage a report gives (an unreadable row is itself the finding). */
export const COVERED_RULES: readonly RuleId[] = RULE_IDS.filter((r) => r !== 'invalid-row');

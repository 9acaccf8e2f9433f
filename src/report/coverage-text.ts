/**
 * The coverage section of every report, in French: per rule, the rows checked (some on a stated
 * assumption) and the rows not checked, with why — so that no finding never means "not checked".
 */
import type { AuditSummary } from '../roster/audit.js';
import { COVERED_RULES, type RuleId } from '../roster/rule-ids.js';
import { RULE_LABELS } from './labels.js';

export interface CoverageLine {
  rule: RuleId;
  title: string;
  checked: number;
  notChecked: number;
  /** "dont 12 en supposant …" */
  assumptions: string[];
  /** "30 : « Date coefficient » vide" */
  reasons: string[];
}

export function coverageLines(s: Pick<AuditSummary, 'coverage'>): CoverageLine[] {
  const out: CoverageLine[] = [];
  for (const rule of COVERED_RULES) {
    const c = s.coverage?.[rule];
    if (!c) continue;
    out.push({
      rule,
      title: RULE_LABELS[rule].title,
      checked: c.checked,
      notChecked: c.notChecked.reduce((n, r) => n + r.rows, 0),
      assumptions: c.assumed.map((a) => `dont ${a.rows} : ${a.reason}`),
      reasons: c.notChecked.map((r) => `${r.rows} : ${r.reason}`),
    });
  }
  return out;
}

/** The section as text lines (terminal summary). */
export function describeCoverage(s: Pick<AuditSummary, 'coverage'>): string[] {
  const lines = coverageLines(s);
  if (lines.length === 0) return [];
  return [
    'Couverture des contrôles (lignes vérifiées / non vérifiées) :',
    ...lines.flatMap((l) => [
      `  ${l.title} (${l.rule}) : ${l.checked} vérifiée(s), ${l.notChecked} non vérifiée(s)`,
      ...l.assumptions.map((a) => `      ${a}`),
      ...l.reasons.map((r) => `      non vérifiées, ${r}`),
    ]),
  ];
}

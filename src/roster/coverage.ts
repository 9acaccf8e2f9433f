/**
 * Coverage of an audit: for each rule, how many rows it checked, how many it checked on an
 * assumption (a position dated from the entry date, a full-time contract), and how many it could
 * not check and why — so that a row without a finding never silently means "not checked".
 * Rows count through counters shared by every row alike (no object per row).
 */
import type { RuleId } from './rule-ids.js';

export interface CoverageCount {
  /** Why (not checked) or on what assumption (checked). */
  reason: string;
  rows: number;
}

export interface RuleCoverage {
  checked: number;
  /** Rows checked on an assumption the report states (included in `checked`). */
  assumed: CoverageCount[];
  notChecked: CoverageCount[];
}

export type Coverage = Partial<Record<RuleId, RuleCoverage>>;

/** One count: rows of a rule checked (reason null), checked on an assumption, or not checked. */
export interface Counter {
  readonly rule: RuleId;
  readonly kind: 'checked' | 'assumed' | 'not-checked';
  readonly reason: string;
  n: number;
}

export class CoverageCounters {
  private readonly counters = new Map<string, Counter>();

  constructor(private readonly rules: readonly RuleId[]) {}

  checked(rule: RuleId): Counter {
    return this.get(rule, 'checked', '');
  }

  assumed(rule: RuleId, assumption: string): Counter {
    return this.get(rule, 'assumed', assumption);
  }

  notChecked(rule: RuleId, reason: string): Counter {
    return this.get(rule, 'not-checked', reason);
  }

  /** The same reason for every rule (an unreadable row). */
  none(reason: string): Counter[] {
    return this.rules.map((r) => this.notChecked(r, reason));
  }

  private get(rule: RuleId, kind: Counter['kind'], reason: string): Counter {
    const key = `${rule}|${kind}|${reason}`;
    let c = this.counters.get(key);
    if (!c) this.counters.set(key, (c = { rule, kind, reason, n: 0 }));
    return c;
  }

  result(): Coverage {
    const out: Coverage = {};
    for (const rule of this.rules) out[rule] = { checked: 0, assumed: [], notChecked: [] };
    for (const c of this.counters.values()) {
      if (c.n === 0) continue;
      const r = out[c.rule]!;
      if (c.kind === 'not-checked') r.notChecked.push({ reason: c.reason, rows: c.n });
      else {
        r.checked += c.n;
        if (c.kind === 'assumed') r.assumed.push({ reason: c.reason, rows: c.n });
      }
    }
    for (const r of Object.values(out)) {
      r.assumed.sort(byRows);
      r.notChecked.sort(byRows);
    }
    return out;
  }
}

function byRows(a: CoverageCount, b: CoverageCount): number {
  return b.rows - a.rows || a.reason.localeCompare(b.reason);
}

/** The coverage of two parts of a file audited apart. */
export function mergeCoverage(a: Coverage, b: Coverage): Coverage {
  const out: Coverage = structuredClone(a);
  const add = (into: CoverageCount[], from: CoverageCount[]) => {
    for (const c of from) {
      const same = into.find((x) => x.reason === c.reason);
      if (same) same.rows += c.rows;
      else into.push({ ...c });
    }
    into.sort(byRows);
  };
  for (const [rule, r] of Object.entries(b) as [RuleId, RuleCoverage][]) {
    const into = (out[rule] ??= { checked: 0, assumed: [], notChecked: [] });
    into.checked += r.checked;
    add(into.assumed, r.assumed);
    add(into.notChecked, r.notChecked);
  }
  return out;
}

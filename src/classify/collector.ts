/**
 * Gathers what an answer is made of while the engine works: its reasons, its warnings, and the
 * facts that would have narrowed it, weighted by how many undecided conditions read them.
 */
import type { Grid } from '../grids/grid.js';
import type { Source } from '../model/schema.js';
import { factDefinitions } from './facts.js';
import { QUESTION_WEIGHTS, type QuestionAsker } from './question-weights.js';
import type { MissingFact, Reason, ReasonCode, ReasonParams, Warning } from './types.js';

export class Collector {
  readonly reasons: Reason[] = [];
  readonly warnings: Warning[] = [];
  private readonly missingWeight = new Map<string, number>();

  constructor(private readonly grid: Grid) {}

  reason<K extends ReasonCode>(code: K, params: ReasonParams[K], source: Source): void {
    this.reasons.push({ code, params, source } as Reason);
  }

  /** Once each: the same situation reached by two paths is one warning. */
  warn(warning: Warning): void {
    const key = JSON.stringify(warning.params);
    if (!this.warnings.some((w) => w.code === warning.code && JSON.stringify(w.params) === key)) this.warnings.push(warning);
  }

  /** Facts that could change the answer, weighed by the step that lacks them (QUESTION_WEIGHTS). */
  need(facts: readonly string[], asker: QuestionAsker): void {
    const weight = QUESTION_WEIGHTS[asker];
    for (const f of facts) this.missingWeight.set(f, (this.missingWeight.get(f) ?? 0) + weight);
  }

  /** Takes in what another collector gathered (one track placed on its own), after what this one has. */
  absorb(other: Collector): void {
    this.reasons.push(...other.reasons);
    for (const w of other.warnings) this.warn(w);
    for (const [fact, weight] of other.missingWeight) this.missingWeight.set(fact, (this.missingWeight.get(fact) ?? 0) + weight);
  }

  /** Most useful first: heaviest, then in the order the grid lists its questions. */
  missing(known: Readonly<Record<string, unknown>>): MissingFact[] {
    const defs = factDefinitions(this.grid);
    const order = [...defs.keys()];
    return [...this.missingWeight.entries()]
      .map(([fact, weight]) => ({ fact: fact === 'monthsInPosition' ? 'positionSince' : fact, weight }))
      .filter(({ fact }) => known[fact] === undefined && defs.has(fact))
      .sort((a, b) => b.weight - a.weight || order.indexOf(a.fact) - order.indexOf(b.fact))
      .filter((m, i, all) => all.findIndex((x) => x.fact === m.fact) === i)
      .map(({ fact }) => {
        const def = defs.get(fact)!;
        return {
          fact,
          question: def.question,
          type: def.type,
          ...(def.unit ? { unit: def.unit } : {}),
          ...(def.values && def.type !== 'job' ? { values: def.values } : {}),
        };
      });
  }
}

/**
 * What the checks of an audit share: the options, the user's headers, the notes and counters of
 * the summary, and the caches of what repeats from row to row (conventions, positions, job titles,
 * classifications), each bounded.
 */
import { classify } from '../classify/classify.js';
import type { FactValue } from '../classify/conditions.js';
import type { transpose } from '../classify/transpose.js';
import type { ClassifyResult } from '../classify/types.js';
import type { Convention } from '../grids/convention.js';
import type { Grid } from '../grids/grid.js';
import type { InputError } from '../model/input-error.js';
import type { Position } from '../model/schema.js';
import type { AuditOptions, AuditWording } from './audit-options.js';
import type { HeadcountRow } from './audit-summary.js';
import { columnName, type Column, type HeaderMap } from './columns.js';
import { CoverageCounters } from './coverage.js';
import type { PositionVocabulary } from './dsn/position-text.js';
import { Memo } from './memo.js';
import type { Membership } from './minimum.js';
import type { StaticFields } from './row.js';
import { COVERED_RULES } from './rule-ids.js';
import { matchTitle, type TitleMatch } from './title-match.js';

/** A position found in one of the convention's grids; `current` when in the grid in force. */
export interface Located {
  position: Position;
  grid: Grid;
  current: boolean;
}

export class AuditContext {
  readonly notes = new Set<string>();
  readonly headcount = new Map<string, HeadcountRow>();
  readonly coverage = new CoverageCounters(COVERED_RULES);
  readonly convs = new Memo<Convention | InputError>(100);
  readonly transposed = new Memo<ReturnType<typeof transpose> | Error>();
  readonly factValues = new Memo<FactValue | undefined>();
  readonly vocabularies = new Memo<PositionVocabulary>(100);
  private readonly located = new Memo<Located | undefined>();
  private readonly titles = new Memo<TitleMatch | undefined>();
  private readonly classified = new Memo<ClassifyResult | Error>();
  readonly wording: AuditWording;
  readonly membership: Membership;

  constructor(
    readonly options: AuditOptions,
    readonly headers: HeaderMap,
    wording: AuditWording,
  ) {
    this.wording = wording;
    this.membership = options.membership ?? 'unknown';
  }

  /** The user's header of a column, quoted: « Coefficient ». */
  header(column: Column): string {
    return `« ${columnName(this.headers, column)} »`;
  }

  /** Why a check that needs `column` could not run. */
  absent(column: Column): string {
    const i = this.headers.index[column];
    return i === undefined ? `aucune colonne ${column.replace(/_/g, ' ')} dans le fichier` : `« ${columnName(this.headers, column)} » vide`;
  }

  locate(conv: Convention, grid: Grid, code: string): Located | undefined {
    return this.located.get(`${conv.idcc}|${code}`, () => {
      const now = grid.position(code);
      if (now) return { position: now, grid, current: true };
      for (let i = conv.grids.length - 1; i >= 0; i--) {
        const g = conv.grids[i]!;
        const p = g.position(code);
        if (p) return { position: p, grid: g, current: false };
      }
      return undefined;
    });
  }

  headFor(fields: StaticFields, where: Located | undefined): HeadcountRow | undefined {
    const key = `${fields.idcc}|${fields.position}`;
    let h = this.headcount.get(key);
    if (!h && this.headcount.size < 5000) {
      this.headcount.set(key, (h = { idcc: fields.idcc, position: fields.position, status: where?.position.status ?? null, total: 0, F: 0, H: 0 }));
    }
    return h;
  }

  titleMatch(grid: Grid, title: string): TitleMatch | undefined {
    return this.titles.get(`${grid.id}|${title}`, () => matchTitle(grid, title));
  }

  classify(grid: Grid, facts: Record<string, FactValue>): ClassifyResult | Error {
    const key = `${grid.id}|${JSON.stringify(facts)}`;
    return this.classified.get(key, () => {
      try {
        return classify(grid, facts, { at: this.options.at });
      } catch (err) {
        return err as Error;
      }
    });
  }
}

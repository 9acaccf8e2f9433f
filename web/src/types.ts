/**
 * JSON shapes the UI reads. Those of the core are imported from it (types only, nothing of the
 * engine is bundled), so that a change of shape breaks the type check of the web UI too.
 */
import type { conventionsView, gridView, searchView } from '../../src/service/views.js';

export type { ClassifyResult, MissingFact, Reason, ReasonCode, TransposeResult, Warning } from '../../src/classify/types.js';
export type { AuditSummary, Finding, HeadcountRow, RuleId, Severity } from '../../src/roster/audit.js';
export type { Source, Status } from '../../src/model/schema.js';

export type ConventionView = ReturnType<typeof conventionsView>[number];
export type GridSummary = ConventionView['grids'][number];
export type GridView = ReturnType<typeof gridView>;
export type GridJob = GridView['jobs'][number];
export type GridTrack = GridView['tracks'][number];
export type GridPosition = GridView['positions'][number];
export type SearchView = ReturnType<typeof searchView>;
export type SearchHit = SearchView['results'][number];

/** A value of a questionnaire fact. */
export type FactValue = string | number | boolean | string[];
export type Facts = Record<string, FactValue>;

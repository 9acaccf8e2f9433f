/**
 * classif — the library. Load the catalogue of classification grids, pick the grid in force at
 * a date, look up positions and jobs (with their inherited duties), search jobs by title.
 *
 * ```ts
 * import { loadCatalogue, searchJobs } from 'classif';
 * const grid = loadCatalogue().convention('3168')!.gridAt('2025-01-01')!;
 * searchJobs(grid, 'retoucheuse 2e niveau')[0]?.positions; // ['195']
 * ```
 */
export { loadCatalogue, Catalogue, Convention, PACKAGE_ROOT, type LoadOptions, type GridSummary } from './grids/catalogue.js';
export { openCatalogue } from './grids/open.js';
export { compileCatalogue, type CatalogueData, type ConventionData } from './grids/compile.js';
export { Grid } from './grids/grid.js';
export { GridFileError, type GridProblem } from './grids/errors.js';
export { verifyCitations, isInDocument, type CitationProblem } from './grids/citations.js';
export { addDuration, addDays, isIsoDate, type IsoDate } from './grids/dates.js';
export { searchJobs, type SearchResult, type SearchOptions, type Evidence, type SearchField } from './match/title-search.js';
export { foldAccents, tokenize, normalizeToken, normalizeTitle, normalizeText, stem, ABBREVIATIONS } from './text/normalize.js';
export { findConvention, gridAt } from './grids/lookup.js';
export { parseDate } from './service/dates.js';
export { InputError } from './model/input-error.js';
export { conventionsView, gridView, searchView } from './service/views.js';
export { STATUS_LABELS } from './model/labels.js';
export { reasonText, warningText, REASON_CODES, WARNING_CODES } from './model/reasons-fr.js';
export type { Reason, ReasonCode, ReasonParams, Warning, WarningCode, WarningParams } from './model/reason.js';
export { explained, type Explained } from './service/explained.js';
export * as schema from './model/schema.js';
export type { Job, Position, Track, Rule, Source, Status, Transposition, Criterion, GridFile, ConventionFile } from './model/schema.js';

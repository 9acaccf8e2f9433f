/**
 * The JSON shapes of the public answers, the same for the CLI (`--json`) and the HTTP API.
 * Built from the core only; no face adds logic of its own.
 */
import type { Catalogue, Convention } from '../grids/convention.js';
import type { Grid } from '../grids/grid.js';
import type { SearchAnswer } from '../match/grid-search.js';

export function conventionsView(catalogue: Catalogue) {
  return catalogue.conventions.map(conventionView);
}

export function conventionView(c: Convention) {
  return {
    idcc: c.idcc,
    title: c.title,
    shortTitle: c.shortTitle,
    url: c.legifranceUrl,
    /** NAF codes of the champ d'application. */
    naf: c.naf,
    /** The champ d'application's own words about those codes, when a text states them. */
    ...(c.nafSource ? { nafSource: c.nafSource } : {}),
    /** The text that asks for women and men by position to be followed, shown with that chart of an audit. */
    ...(c.sexSpreadSource ? { sexSpreadSource: c.sexSpreadSource } : {}),
    /** This convention's row of the staff-list template (src/service/audit-template.ts). */
    ...(c.auditSample ? { auditSample: c.auditSample } : {}),
    /** Titles and article names of the texts cited, for citations (src/report/citation.ts). */
    documents: c.documents.map((d) => ({ id: d.id, title: d.title, ...(d.kali ? { kali: d.kali } : {}), ...(d.url ? { url: d.url } : {}), ...(d.articles ? { articles: d.articles } : {}) })),
    grids: c.grids.map((g) => g.summary()),
  };
}

export function gridView(conv: Convention, grid: Grid) {
  return {
    idcc: conv.idcc,
    grid: grid.summary(),
    tracks: grid.tracks.map((t) => ({ id: t.id, title: t.title, parent: t.parent ?? null, notes: t.notes, source: t.source })),
    positions: grid.positions.map((p) => ({
      code: p.code,
      ...(p.label ? { label: p.label } : {}),
      status: p.status,
      track: p.track ?? null,
      source: p.source,
    })),
    jobs: grid.jobs.map((j) => {
      const statuses = grid.jobStatuses(j);
      return {
        id: j.id,
        title: j.title,
        track: j.track,
        positions: grid.sortPositions(j.positions),
        status: statuses[0]!,
        statuses,
        ...(j.inherits ? { inherits: j.inherits } : {}),
        duties: grid.jobDuties(j.id),
        source: j.source,
      };
    }),
    rules: grid.rules,
    /** The criteria and levels as the text names them, so that no face names them itself. */
    criteria: grid.criteria.map((c) => ({ id: c.id, title: c.title })),
    levels: grid.levels.map((l) => ({ id: l.id, title: l.title })),
  };
}

export function searchView(conv: Convention, grid: Grid, query: string, answer: SearchAnswer) {
  return {
    idcc: conv.idcc,
    grid: grid.summary(),
    query,
    mode: answer.mode,
    uncertain: answer.uncertain,
    results: answer.results.map((r) => ({
      job: { id: r.job.id, title: r.job.title },
      track: r.track,
      trackTitle: r.trackTitle,
      positions: r.positions,
      status: r.statuses[0]!,
      statuses: r.statuses,
      score: r.score,
      ...(r.confidence !== undefined ? { confidence: r.confidence } : {}),
      evidence: r.evidence,
      source: r.source,
    })),
    ...(answer.withoutCard ? { withoutCard: answer.withoutCard } : {}),
    ...(answer.tiedWith ? { tiedWith: answer.tiedWith.map((r) => ({ job: { id: r.job.id, title: r.job.title }, positions: r.positions })) } : {}),
    ...(answer.byCotation ? { byCotation: answer.byCotation } : {}),
  };
}

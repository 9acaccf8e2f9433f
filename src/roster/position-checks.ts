/**
 * The checks of a row's position against the grids: a position abolished, a declared status below
 * the grid's, a floor or status the facts impose, a track reserved to a diploma, a job title that
 * points elsewhere, and a position of a replaced grid (with its transposition).
 */
import type { FactValue } from '../classify/conditions.js';
import { verdictOf } from '../classify/rules.js';
import { transpose } from '../classify/transpose.js';
import type { Convention } from '../grids/convention.js';
import type { Grid } from '../grids/grid.js';
import { STATUS_LABELS } from '../model/labels.js';
import type { ReasonCode } from '../model/reason.js';
import type { Position, RuleOfKind } from '../model/schema.js';
import { STATUSES } from '../model/status.js';
import type { AuditContext, Located } from './audit-context.js';
import type { Counter } from './coverage.js';
import { said, type StaticFinding } from './finding.js';
import { factsOf, readsDiploma, saysNone } from './row-facts.js';
import type { StaticFields } from './row.js';

/** Reasons that say why the facts require a status: the first one found is quoted in the finding. */
const STATUS_WHY: ReadonlySet<ReasonCode> = new Set(['floor', 'benchmark-floor', 'level-floor', 'condition-met', 'level-condition-met']);

const statusRank = (s: string) => (STATUSES as readonly string[]).indexOf(s);

/** A position a later text removed (its holders requalified): holding it after that date is a finding. */
export function abolished(ctx: AuditContext, position: Position): StaticFinding[] {
  const gone = position.abolished;
  if (!gone || ctx.options.at < gone.from) return [];
  return [
    {
      rule: 'unknown-position',
      severity: 'error',
      ...said({ code: 'unknown-position.abolished', params: { position: position.code, since: gone.from, replacedBy: gone.replacedBy, quote: gone.source.quote } }),
      expected: [gone.replacedBy],
      dueDate: gone.from,
      source: gone.source,
    },
  ];
}

/** The statut the file declares, compared with the one the grid gives the position. */
export function declaredStatus(ctx: AuditContext, position: Position, e: StaticFields, raw: string | undefined): StaticFinding[] {
  if (!e.statut || statusRank(e.statut) >= statusRank(position.status)) return [];
  return [
    {
      rule: 'status-below-required',
      severity: 'error',
      ...said({ code: 'status-below-required.declared', params: { value: raw ?? e.statut, header: ctx.header('statut'), status: position.status, position: position.code } }),
      expected: STATUS_LABELS[position.status],
      source: position.source,
    },
  ];
}

/** Coverage of the checks of a current position that depend on the row's columns. */
export function classificationCoverage(ctx: AuditContext, grid: Grid, position: Position, e: StaticFields): Counter[] {
  const c = ctx.coverage;
  const out: Counter[] = [];
  const diplomaFloors = grid.rules.some((r) => r.kind === 'diploma-floor');
  out.push(!diplomaFloors || e.diplome !== undefined ? c.checked('below-diploma-minimum') : c.notChecked('below-diploma-minimum', ctx.absent('diplome')));
  const trackNeedsDiploma =
    position.track !== undefined && grid.rules.some((r) => r.kind === 'track-eligibility' && r.appliesTo.tracks?.includes(position.track!) && readsDiploma(grid, r.when));
  out.push(!trackNeedsDiploma || e.diplome !== undefined ? c.checked('track-requires-diploma') : c.notChecked('track-requires-diploma', ctx.absent('diplome')));
  if (e.emploi === undefined) out.push(c.notChecked('job-position-mismatch', ctx.absent('emploi')));
  else if (!ctx.titleMatch(grid, e.emploi)) out.push(c.notChecked('job-position-mismatch', "intitulé d'emploi non rapproché d'un emploi-repère de la grille"));
  else out.push(c.checked('job-position-mismatch'));
  return out;
}

export function outdated(ctx: AuditContext, conv: Convention, now: Grid, where: Located, e: StaticFields): StaticFinding[] {
  const successor = conv.grids[conv.grids.indexOf(where.grid) + 1] ?? now;
  const transition = now.rules.find((r): r is RuleOfKind<'transition'> => r.kind === 'transition' && r.params.deadline !== undefined);
  const deadline = now.mandatoryFrom ?? transition?.params.deadline ?? successor.effectiveFrom;
  const source = transition?.source ?? now.source;
  const facts = factsOf(ctx, now, e);
  const key = `${conv.idcc}|${e.position}|${JSON.stringify(facts)}`;
  const t = ctx.transposed.get(key, () => {
    try {
      return transpose(conv, { from: e.position, facts, at: ctx.options.at });
    } catch (err) {
      return err as Error;
    }
  });
  const transposed = t instanceof Error ? null : { positions: t.to.positions, trackTitle: t.to.trackTitle ?? null, toSpecify: t.missing.slice(0, 2).map((m) => m.question) };
  const params = { position: e.position, gridTitle: where.grid.title, newGridTitle: now.title, deadline, transposed };
  const overdue = ctx.options.at >= deadline;
  return [
    {
      rule: 'grid-outdated',
      severity: overdue ? 'error' : 'info',
      ...said(overdue ? { code: 'grid-outdated', params } : { code: 'grid-outdated.admitted', params }),
      ...(t instanceof Error ? {} : { expected: t.to.positions }),
      dueDate: deadline,
      source,
    },
  ];
}

export function classification(ctx: AuditContext, grid: Grid, position: Position, e: StaticFields, facts: Record<string, FactValue>): StaticFinding[] {
  const findings: StaticFinding[] = [];
  // The row's position says its track: the facts are read in it (parallel tracks do not compare),
  // unless a benchmark job says the track itself.
  const result = ctx.classify(grid, position.track && facts.jobId === undefined ? { ...facts, track: position.track } : facts);
  const ruleOf = (id: unknown) => grid.rules.find((r) => r.id === id);
  if (!(result instanceof Error) && result.outcome !== 'not-applicable') {
    // A floor the facts impose (a diploma, managed staff, years of practice).
    for (const reason of result.explanation) {
      if (reason.code !== 'floor') continue;
      const rule = ruleOf(reason.params.rule);
      const floor = reason.params.minPosition;
      if (!rule) continue;
      const floorPos = grid.position(floor);
      if (!floorPos || floorPos.rank <= position.rank || (position.track && floorPos.track && position.track !== floorPos.track)) continue;
      if (rule.kind === 'diploma-floor') {
        findings.push({ rule: 'below-diploma-minimum', severity: 'error', ...said({ code: 'below-diploma-minimum', params: { position: position.code, minPosition: floor, ruleText: rule.text } }), expected: [floor], source: rule.source });
      }
    }
    const required = result.statuses[0];
    if (required && statusRank(required) > statusRank(position.status)) {
      const why = result.explanation.find((r) => STATUS_WHY.has(r.code));
      findings.push({
        rule: 'status-below-required',
        severity: 'error',
        ...said({ code: 'status-below-required', params: { status: position.status, position: position.code, required, because: why ?? null } }),
        expected: result.positions,
        source: why?.source ?? grid.source,
      });
    }
  }
  // Track reserved to holders of a diploma.
  if (position.track) {
    for (const rule of grid.rules) {
      if (rule.kind !== 'track-eligibility' || !rule.appliesTo.tracks?.includes(position.track) || !rule.when) continue;
      if (!readsDiploma(grid, rule.when)) continue;
      if (verdictOf(rule, facts).value !== false) continue;
      const otherwiseTrackTitle = typeof rule.params.otherwiseTrack === 'string' ? grid.trackLabel(rule.params.otherwiseTrack) : null;
      findings.push({
        rule: 'track-requires-diploma',
        severity: 'error',
        ...said({ code: 'track-requires-diploma', params: { position: position.code, trackTitle: grid.trackLabel(position.track), diploma: e.diplome ?? '', none: saysNone(e.diplome ?? ''), otherwiseTrackTitle, ruleText: rule.text } }), ...(result instanceof Error ? {} : { expected: result.positions }), source: rule.source });
      break;
    }
  }
  const title = e.emploi ? ctx.titleMatch(grid, e.emploi) : undefined;
  if (title && !title.positions.includes(position.code)) {
    const job = grid.job(title.jobIds[0]!)!;
    // Classed above the job's benchmark position is lawful (more favourable): said, not flagged.
    // Ranks compare within one track only: a job of a parallel track is neither above nor below.
    const comparable = title.positions.map((p) => grid.position(p)).filter((p): p is Position => p !== undefined && grid.comparable(p, position));
    const above = comparable.length > 0 && comparable.every((p) => p.rank < position.rank);
    const placement = comparable.length === 0 ? 'other-track' : above ? 'above' : 'below';
    findings.push({
      rule: 'job-position-mismatch',
      severity: above || title.uncertain ? 'info' : 'warning',
      ...said({
        code: 'job-position-mismatch',
        params: { jobTitle: e.emploi!, job: title.title, jobPositions: title.positions, position: position.code, placement, jobTrackTitle: grid.trackLabel(job.track), confidence: title.score, uncertain: title.uncertain },
      }),
      expected: title.positions,
      source: job.source,
    });
  }
  return findings;
}

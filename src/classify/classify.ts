/**
 * The classification engine: from what is known of a job and its holder to a position (or the
 * range the text leaves open), a status, a level, the reasons with their citations, and the
 * next questions. Generic: every branch-specific thing comes from the grid's rules
 * (docs/rules-engine.md).
 */
import { addDuration, today, type IsoDate } from '../grids/dates.js';
import type { Grid } from '../grids/grid.js';
import type { Job, Position, Rule, RuleKind, RuleOfKind, Source } from '../model/schema.js';
import { STATUSES, type Status } from '../model/status.js';
import { Collector } from './collector.js';
import type { FactValue, Facts, Verdict } from './conditions.js';
import { appliesToJob, rulesOfKind, verdictOf } from './rules.js';
import { applyCotation } from './cotation.js';
import { validateFacts, withDerivedFacts } from './facts.js';
import { resolveLevels } from './levels.js';
import type { ClassifyResult, Outcome } from './types.js';

export interface ClassifyOptions {
  /** Date of the computation (default today): picks entry periods and derived durations. */
  at?: IsoDate;
}

/** Neither met nor excluded, and no fact would decide it: left to the employer. */
const OPEN: Verdict = { value: undefined, missing: [] };

/** Is `id` the track `ancestor` or one of its sub-tracks? */
function within(grid: Grid, id: string, ancestor: string): boolean {
  return grid.trackPath(id).some((t) => t.id === ancestor);
}

/** Positions open to a track: its own, its parents', and the shared ones (no track). */
export function trackPositions(grid: Grid, track: string | null): readonly Position[] {
  // Once per grid and track: each classification and each description read asks again.
  let byTrack = trackPositionsOf.get(grid);
  if (!byTrack) trackPositionsOf.set(grid, (byTrack = new Map()));
  let positions = byTrack.get(track);
  if (!positions) {
    const codes = grid.positions.filter((p) => track === null || !p.track || within(grid, track, p.track) || within(grid, p.track, track)).map((p) => p.code);
    byTrack.set(track, (positions = grid.sortPositions(codes).map((c) => grid.position(c)!)));
  }
  return positions;
}

const trackPositionsOf = new WeakMap<Grid, Map<string | null, readonly Position[]>>();

function rulesFor<K extends RuleKind>(grid: Grid, kind: K, track: string | null): RuleOfKind<K>[] {
  return rulesOfKind(grid.rules, kind).filter((r) => !r.appliesTo.tracks || (track !== null && r.appliesTo.tracks.some((t) => within(grid, track, t))));
}

const statusRank = (s: Status) => STATUSES.indexOf(s);

interface TrackChoice {
  track: string | null;
  job: Job | undefined;
  excluded: boolean;
  /** No track chosen: the tracks owning positions the facts still allow (in grid order). */
  open: string[];
}

/** The track of the job, checked against its eligibility rules; or the one the facts point to. */
function chooseTrack(grid: Grid, facts: Facts, job: Job | undefined, out: Collector): TrackChoice {
  const eligibility = (track: string) =>
    rulesFor(grid, 'track-eligibility', track)
      .filter((rule) => rule.appliesTo.tracks !== undefined && appliesToJob(rule, job))
      .map((rule) => ({ rule, verdict: verdictOf(rule, facts) }));

  // Rules that name no track exclude from the whole grid (2198: cadres dirigeants).
  for (const rule of grid.rules) {
    if (rule.kind !== 'track-eligibility' || rule.appliesTo.tracks !== undefined || !appliesToJob(rule, job)) continue;
    const verdict = verdictOf(rule, facts);
    if (verdict.value === undefined) out.need(verdict.missing, 'exclusion');
    if (verdict.value !== false) continue;
    out.reason('track-ineligible', { rule: rule.id, ruleText: rule.text, track: null }, rule.source);
    out.warn({ code: 'not-applicable', params: { rule: rule.id, ruleText: rule.text }, source: rule.source });
    return { track: job?.track ?? null, job, excluded: true, open: [] };
  }

  let track: string | null = job?.track ?? (typeof facts.track === 'string' ? facts.track : null);
  if (track === null) {
    // Tracks that own positions are the ones a job can be placed in without a benchmark job.
    const owners = [...new Set(grid.positions.map((p) => p.track).filter((t): t is string => t !== undefined))];
    if (owners.length === 0) return { track: null, job, excluded: false, open: [] };
    const open = owners
      .map((t) => ({ t, checks: eligibility(t) }))
      .filter(({ checks }) => !checks.some((c) => c.verdict.value === false));
    const met = open.filter(({ checks }) => checks.length > 0 && checks.every((c) => c.verdict.value === true));
    const chosen = met.length === 1 ? met[0]! : open.length === 1 ? open[0]! : undefined;
    if (!chosen) {
      for (const { checks } of open) for (const c of checks) out.need(c.verdict.missing, 'track');
      return { track: null, job, excluded: false, open: (open.length > 0 ? open.map(({ t }) => t) : owners) };
    }
    track = chosen.t;
    for (const { rule } of chosen.checks) out.reason('track', { rule: rule.id, ruleText: rule.text, track, trackTitle: grid.trackLabel(track) }, rule.source);
    return { track, job, excluded: false, open: [] };
  }

  for (const { rule, verdict } of eligibility(track)) {
    if (verdict.value === undefined) {
      out.need(verdict.missing, 'track');
      continue;
    }
    if (verdict.value) continue;
    const otherwise = rule.params.otherwiseTrack;
    const trackTitle = grid.trackLabel(track);
    out.reason('track-ineligible', { rule: rule.id, ruleText: rule.text, track, trackTitle, otherwiseTrack: otherwise ?? null }, rule.source);
    if (!otherwise) {
      out.warn({ code: 'not-applicable', params: { track, trackTitle, jobTitle: job?.title ?? null }, source: rule.source });
      return { track, job, excluded: true, open: [] };
    }
    out.warn({
      code: 'track-changed',
      params: { track, trackTitle, otherwiseTrack: otherwise, otherwiseTitle: grid.trackLabel(otherwise), jobTitle: job?.title ?? null },
      source: rule.source,
    });
    return chooseTrack(grid, { ...facts, track: otherwise, jobId: undefined }, undefined, out);
  }
  return { track, job, excluded: false, open: [] };
}

/** Ladder of `position-condition` rules: one verdict per position that has conditions. */
function ladderVerdicts(grid: Grid, facts: Facts, scope: readonly Position[], job: Job | undefined): Map<string, { verdict: Verdict; rules: Rule[] }> {
  const ladder = new Map<string, { verdict: Verdict; rules: Rule[] }>();
  const codes = new Set(scope.map((p) => p.code));
  for (const rule of grid.rules) {
    if (rule.kind !== 'position-condition' || !rule.when || !appliesToJob(rule, job)) continue;
    for (const code of rule.appliesTo.positions ?? []) {
      if (!codes.has(code)) continue;
      const entry = ladder.get(code) ?? { verdict: { value: true, missing: [] }, rules: [] };
      const v = verdictOf(rule, facts);
      // Several rules on one position must all hold.
      const value = entry.verdict.value === false || v.value === false ? false : entry.verdict.value === undefined || v.value === undefined ? undefined : true;
      ladder.set(code, { verdict: { value, missing: value === undefined ? [...entry.verdict.missing, ...v.missing] : [] }, rules: [...entry.rules, rule] });
    }
  }
  return ladder;
}

export function classify(grid: Grid, input: unknown, options: ClassifyOptions = {}): ClassifyResult {
  const at = options.at ?? today();
  const userFacts = validateFacts(grid, input);
  const out = new Collector(grid);
  out.reason('grid', { grid: grid.id, title: grid.title, at }, grid.source);
  const facts = withDerivedFacts(withAssumptions(grid, userFacts, out), at);

  const givenJob = typeof facts.jobId === 'string' ? grid.job(facts.jobId) : undefined;
  const { track, job, excluded, open } = chooseTrack(grid, facts, givenJob, out);

  if (job) {
    const positions = grid.sortPositions(job.positions);
    out.reason('job', { job: job.id, jobTitle: job.title, trackTitle: grid.trackLabel(job.track), positions }, job.source);
  }

  // Ranks compare within one track only: when the facts leave several parallel tracks open, each
  // is placed on its own and the answer is every position each of them allows, track by track.
  let placements: Placement[];
  if (track === null && open.length > 1) {
    placements = open.map((t) => {
      const sub = new Collector(grid);
      const placed = place(grid, facts, at, t, job, excluded, sub);
      out.reason('track-open', { track: t, trackTitle: grid.trackLabel(t), positions: placed.positions }, grid.track(t)!.source);
      out.absorb(sub);
      return placed;
    });
  } else {
    placements = [place(grid, facts, at, track, job, excluded, out)];
  }
  const positions = placements.flatMap((p) => p.positions);
  const decided = job !== undefined || placements.some((p) => p.decided);
  const levels = placements.flatMap((p) => p.level ?? []);
  const level = placements.some((p) => p.level) ? grid.levels.map((l) => l.id).filter((id) => levels.includes(id)) : undefined;

  const statuses = [...new Set(positions.map((c) => grid.position(c)!.status))].sort((a, b) => statusRank(a) - statusRank(b));
  if (!decided && !job && grid.jobs.length > 0) out.need(['jobId'], 'job');
  // A benchmark job given but dropped with its track must be asked again, in the new track.
  const known: Record<string, unknown> = { ...userFacts };
  if (givenJob && !job) delete known.jobId;

  const outcome: Outcome = excluded ? 'not-applicable' : decided ? 'result' : 'unknown';
  return {
    idcc: grid.idcc,
    grid: grid.summary(),
    at,
    outcome,
    track,
    trackTitle: track ? grid.trackLabel(track) : null,
    job: job ? { id: job.id, title: job.title } : null,
    positions,
    status: statuses.length === 1 ? statuses[0]! : null,
    statuses,
    ...(level ? { level } : {}),
    explanation: out.reasons,
    missing: out.missing(known),
    warnings: out.warnings,
  };
}

interface Placement {
  /** Positions of one track (or of the whole grid when it has one ladder), in grid order. */
  positions: string[];
  /** Facts (or the benchmark job) decided something, beyond the whole ladder. */
  decided: boolean;
  level?: string[];
}

/** The range of one track (null: a grid whose positions stand on one ladder), its reasons and questions. */
function place(grid: Grid, facts: Facts, at: IsoDate, track: string | null, job: Job | undefined, excluded: boolean, out: Collector): Placement {
  const scope = trackPositions(grid, track);
  const rankOf = (code: string) => grid.position(code)?.rank ?? 0;
  const between = (lo: number, hi: number) => scope.filter((p) => p.rank >= lo && p.rank <= hi).map((p) => p.code);

  let lo = scope[0]?.rank ?? 0;
  let hi = scope.at(-1)?.rank ?? 0;
  let decided = job !== undefined;

  // The ladder of conditions, read within the job's range when there is a job.
  const ladder = ladderVerdicts(grid, facts, scope, job);
  if (ladder.size > 0) {
    const jobCodes = job ? new Set(job.positions) : undefined;
    const verdictAt = (p: Position): Verdict | undefined => {
      const step = ladder.get(p.code);
      // Inside a job's range, a position the text gives no condition for stays open (the
      // employer's choice); without a job, such a position is reached through its job only.
      if (jobCodes) return jobCodes.has(p.code) ? (step?.verdict ?? OPEN) : undefined;
      return step?.verdict;
    };
    const judged = scope.map((p) => ({ p, v: verdictAt(p) })).filter((x): x is { p: Position; v: Verdict } => x.v !== undefined);
    const met = judged.filter((x) => x.v.value === true);
    const open = judged.filter((x) => x.v.value !== false);
    if (judged.length > 0) {
      // Without a job, the positions below the ladder (reached through their jobs) stay possible
      // while no condition is met; above them, the conditions not ruled out.
      const below = jobCodes ? undefined : scope.filter((p) => p.rank < judged[0]!.p.rank).at(-1);
      lo = met.at(-1)?.p.rank ?? (below ? scope[0]!.rank : judged[0]!.p.rank);
      hi = open.at(-1)?.p.rank ?? below?.rank ?? lo;
      if (hi < lo) hi = lo;
      for (const { p, v } of judged) {
        if (p.rank < lo || p.rank > hi || v.value !== undefined) continue;
        out.need(v.missing, 'ladder');
      }
      const reached = met.find((x) => x.p.rank === lo && ladder.has(x.p.code))?.p;
      if (reached) {
        decided = true;
        for (const rule of ladder.get(reached.code)!.rules) out.reason('condition-met', { rule: rule.id, ruleText: rule.text, position: reached.code, label: reached.label ?? null }, rule.source);
      }
      const firstAbove = judged.find((x) => x.p.rank > hi && x.v.value === false && ladder.has(x.p.code));
      if (firstAbove) {
        for (const rule of ladder.get(firstAbove.p.code)!.rules) {
          out.reason('condition-not-met', { rule: rule.id, ruleText: rule.text, position: firstAbove.p.code }, rule.source);
        }
      }
    }
    // Facts may prove a position above the benchmark job's range.
    if (job) {
      const above = scope.filter((p) => p.rank > hi && ladder.get(p.code)?.verdict.value === true).at(-1);
      if (above) {
        out.warn({ code: 'job-range-overridden', params: { position: above.code, jobTitle: job.title, jobPositions: grid.sortPositions(job.positions) }, source: ladder.get(above.code)!.rules[0]!.source });
        for (const rule of ladder.get(above.code)!.rules) out.reason('condition-met', { rule: rule.id, ruleText: rule.text, position: above.code, label: above.label ?? null }, rule.source);
        lo = hi = above.rank;
      }
      const lowest = grid.sortPositions(job.positions)[0]!;
      if (ladder.get(lowest)?.verdict.value === false) {
        out.warn({ code: 'conditions-not-met', params: { position: lowest, jobTitle: job.title }, source: ladder.get(lowest)!.rules[0]!.source });
      }
    }
  } else if (job) {
    const codes = grid.sortPositions(job.positions);
    lo = rankOf(codes[0]!);
    hi = rankOf(codes.at(-1)!);
  }

  // Critères classants: the lowest position reached by all criteria (the job's, if any, is a floor).
  for (const rule of rulesFor(grid, 'criteria-minimum', track)) {
    const criteria = rule.params.criteria;
    const answered = criteria.filter((c) => typeof facts[c] === 'string' && grid.position(String(facts[c])));
    const unknown = criteria.filter((c) => !answered.includes(c));
    if (answered.length === 0) {
      if (!job) out.need(unknown, 'criteria');
      continue;
    }
    const reached = Math.min(...answered.map((c) => rankOf(String(facts[c]))));
    const reachedCode = scope.find((p) => p.rank === reached)?.code ?? String(reached);
    const given = Object.fromEntries(answered.map((c) => [c, String(facts[c])]));
    out.reason('criteria', { rule: rule.id, ruleText: rule.text, criteria: given, position: reachedCode, complete: unknown.length === 0 }, rule.source);
    if (unknown.length === 0) {
      decided = true;
      // Below the benchmark job, its position is the floor (the benchmark-floor rules say so below).
      lo = hi = job ? Math.max(reached, lo) : reached;
    } else {
      out.need(unknown, 'criteria');
      hi = Math.max(lo, Math.min(hi, reached));
      if (!job) decided = true;
    }
  }

  // Points: the criteria's degrees add up to a position through the grid's table of ranges.
  const byPoints = applyCotation(grid, facts, scope, out);
  if (byPoints) {
    lo = byPoints.lo;
    hi = byPoints.hi;
    decided = true;
  }

  // Floors: a diploma, a status, a benchmark job impose at least a position. An undecided floor is
  // asked only if it would still raise the answer once every decided floor is applied.
  const undecidedFloors: { rank: number; missing: string[] }[] = [];
  for (const kind of ['benchmark-floor', 'diploma-floor', 'status-floor'] as const) {
    for (const rule of rulesFor(grid, kind, track)) {
      if (rule.appliesTo.jobs && !(job && rule.appliesTo.jobs.includes(job.id))) continue;
      const floorRank = floorOf(grid, rule, scope, job);
      if (floorRank === undefined) continue;
      if (kind === 'benchmark-floor' && job && floorRank === lo && criteriaBelow(grid, facts, floorRank)) {
        out.reason('benchmark-floor', { rule: rule.id, ruleText: rule.text, job: job.id, jobTitle: job.title }, rule.source);
        continue;
      }
      if (floorRank <= lo) continue;
      const v = verdictOf(rule, facts);
      if (v.value === undefined) {
        undecidedFloors.push({ rank: floorRank, missing: v.missing });
        continue;
      }
      if (!v.value) continue;
      const floorCode = scope.find((p) => p.rank === floorRank)!.code;
      out.reason('floor', { rule: rule.id, ruleText: rule.text, minPosition: floorCode }, rule.source);
      if (floorRank > hi) {
        out.warn({
          code: 'job-range-overridden',
          params: { minPosition: floorCode, jobTitle: job?.title ?? null, jobPositions: job ? grid.sortPositions(job.positions) : null },
          source: rule.source,
        });
        hi = floorRank;
      }
      lo = floorRank;
      decided = true;
    }
  }

  for (const f of undecidedFloors) if (f.rank > lo) out.need(f.missing, 'floor');

  const positions = excluded ? [] : between(lo, hi);

  // What the text leaves to the employer within a range.
  if (positions.length > 1) {
    for (const rule of rulesFor(grid, 'range-choice', track)) {
      if (rule.appliesTo.positions && !positions.some((p) => rule.appliesTo.positions!.includes(p))) continue;
      out.reason('range', { rule: rule.id, ruleText: rule.text, positions }, rule.source);
    }
  }

  entryPeriods(grid, facts, at, job, positions, out);
  const level = grid.levels.length > 0 && positions.length > 0 ? resolveLevels(grid, facts, at, positions, job, out) : undefined;

  if (positions.length > 0) {
    const statuses = [...new Set(positions.map((c) => grid.position(c)!.status))].sort((a, b) => statusRank(a) - statusRank(b));
    out.reason('status', { statuses, positions }, statusCitation(grid.position(positions[0]!)!));
  }
  return { positions, decided, ...(level ? { level } : {}) };
}

/** Unknown facts that have a usual value take it, and the answer says so (and still asks). */
function withAssumptions(grid: Grid, facts: Record<string, FactValue>, out: Collector): Record<string, FactValue> {
  const assumed = grid.facts.filter((f) => f.assume !== undefined && facts[f.id] === undefined);
  if (assumed.length === 0) return facts;
  for (const f of assumed) {
    const valueLabel = f.values?.find((v) => v.id === String(f.assume))?.label ?? String(f.assume);
    out.reason('assumption', { fact: f.id, value: f.assume!, question: f.question, valueLabel }, grid.source);
    out.need([f.id], 'assumption');
  }
  return { ...facts, ...Object.fromEntries(assumed.map((f) => [f.id, f.assume!])) };
}

/** Do the critères classants, all answered, reach below `rank`? */
function criteriaBelow(grid: Grid, facts: Facts, rank: number): boolean {
  return grid.rules.some((r) => {
    if (r.kind !== 'criteria-minimum') return false;
    const values = r.params.criteria.map((c) => facts[c]);
    return values.every((v) => typeof v === 'string') && Math.min(...values.map((v) => grid.position(String(v))?.rank ?? Infinity)) < rank;
  });
}

/** Rank a floor rule imposes: its minimum position, the first position of a status, or the job's. */
function floorOf(grid: Grid, rule: RuleOfKind<'benchmark-floor' | 'diploma-floor' | 'status-floor'>, scope: readonly Position[], job: Job | undefined): number | undefined {
  if (rule.kind === 'benchmark-floor') return job ? grid.position(grid.sortPositions(job.positions)[0]!)?.rank : undefined;
  const { minPosition, minStatus } = rule.params;
  // A position of another track is no floor here: ranks do not compare across tracks.
  if (minPosition !== undefined) return scope.find((p) => p.code === minPosition)?.rank;
  const wanted = STATUSES.indexOf(minStatus!);
  return scope.find((p) => statusRank(p.status) >= wanted)?.rank;
}

/**
 * Where an entry position leads: the job the grid describes as its next level (« mêmes fonctions
 * que précédent », `inherits`) and its first position; without one, the next position of the
 * same track.
 */
export function nextStep(grid: Grid, job: Job | undefined, position: string): { position: string; job?: { id: string; title: string } } | undefined {
  const current = grid.position(position);
  if (job) {
    const successor = grid.jobs.find((j) => j.inherits === job.id);
    const first = successor && grid.sortPositions(successor.positions)[0];
    if (successor && first && grid.position(first)!.rank > (current?.rank ?? -Infinity)) return { position: first, job: { id: successor.id, title: successor.title } };
  }
  if (!current) return undefined;
  const later = grid.positions.filter((p) => p.rank > current.rank && (p.track ?? null) === (current.track ?? null)).sort((a, b) => a.rank - b.rank)[0];
  return later ? { position: later.code } : undefined;
}

/** Maximum time in an entry position: with `positionSince`, the date a promotion is due. */
function entryPeriods(grid: Grid, facts: Facts, at: IsoDate, job: Job | undefined, positions: string[], out: Collector): void {
  if (positions.length !== 1) return;
  for (const rule of grid.rules) {
    if (rule.kind !== 'entry-period' || rule.appliesTo.levels) continue;
    const byJob = rule.appliesTo.jobs ? job !== undefined && rule.appliesTo.jobs.includes(job.id) : true;
    const byPosition = rule.appliesTo.positions ? rule.appliesTo.positions.includes(positions[0]!) : true;
    if (!byJob || !byPosition || (!rule.appliesTo.jobs && !rule.appliesTo.positions)) continue;
    const since = facts.positionSince;
    if (typeof since !== 'string') {
      out.need(['positionSince'], 'entryPeriod');
      out.reason('entry-period', { rule: rule.id, ruleText: rule.text, max: rule.params.max }, rule.source);
      continue;
    }
    const due = addDuration(since, rule.params.max);
    out.reason('entry-period', { rule: rule.id, ruleText: rule.text, max: rule.params.max, since, dueDate: due }, rule.source);
    // On the due date the employee must already hold the next position.
    if (at >= due) {
      const next = nextStep(grid, job, positions[0]!);
      out.warn({
        code: 'entry-period-exceeded',
        params: { position: positions[0]!, since, dueDate: due, next: next ? { position: next.position, jobTitle: next.job?.title ?? null } : null },
        dueDate: due,
        ...(next ? { next } : {}),
        source: rule.source,
      });
    }
  }
}

/** What the status explanation cites: the text's words on the status, without the editor's comment (not law). */
function statusCitation(position: Position): Source {
  if (!position.statusSource) return position.source;
  const { doc, article, quote } = position.statusSource;
  return article ? { doc, article, quote } : { doc, quote };
}

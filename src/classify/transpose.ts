/**
 * From a position of a replaced grid to the new grid: the correspondence tables where the text
 * gives them (their conditional rows evaluated on the facts), else the same position when the new
 * grid keeps it, with what changed around it (entry periods).
 */
import { InputError } from '../model/input-error.js';
import type { Convention } from '../grids/convention.js';
import { today, type IsoDate } from '../grids/dates.js';
import type { Grid } from '../grids/grid.js';
import type { RuleOfKind } from '../model/schema.js';
import { STATUSES, type Status } from '../model/status.js';
import { trackPositions } from './classify.js';
import { rulesOfKind, verdictOf } from './rules.js';
import { Collector } from './collector.js';
import { evaluate, type Facts, type Verdict } from './conditions.js';
import { validateFacts, withDerivedFacts } from './facts.js';
import type { TransposeResult } from './types.js';

export interface TransposeInput {
  /** The old position, as payroll holds it (`150`). */
  from: string;
  facts?: unknown;
  /** Date of the computation; the target is the grid in force then (else the newest). */
  at?: IsoDate;
}

const ALWAYS: Verdict = { value: true, missing: [] };

function targetGrid(conv: Convention, at: IsoDate): Grid {
  const target = conv.gridAt(at) ?? conv.grids.at(-1)!;
  if (target.transpositions.length === 0 && !target.supersedes) {
    throw new InputError(`La grille « ${target.title} » de l'IDCC ${conv.idcc} ne remplace aucune grille antérieure : rien à transposer.`, 'invalid');
  }
  return target;
}

export function transpose(conv: Convention, input: TransposeInput): TransposeResult {
  const at = input.at ?? today();
  const target = targetGrid(conv, at);
  const fromId = target.transpositions[0]?.fromGrid ?? target.supersedes!;
  const source = conv.grid(fromId)!;
  const code = String(input.from).trim();
  const old = source.position(code);
  if (!old) {
    throw new InputError(`Position inconnue dans la grille « ${source.title} » : « ${code} ». Positions existantes : ${source.positions.map((p) => p.code).join(', ')}.`, 'not-found');
  }
  const userFacts = validateFacts(target, input.facts);
  const facts: Facts = { ...withDerivedFacts(userFacts, at), fromPosition: code, fromStatus: old.status };
  const out = new Collector(target);
  out.reason('transposition-grid', { from: source.id, fromTitle: source.title, to: target.id, toTitle: target.title, at }, target.source);

  const result = target.transpositions.length > 0 ? byTables(target, code, facts, out) : unchanged(source, target, code, facts, out);
  const statuses = [...new Set(result.positions.map((p) => target.position(p)!.status))].sort((a, b) => STATUSES.indexOf(a) - STATUSES.indexOf(b));
  return {
    idcc: conv.idcc,
    from: { grid: source.summary(), position: code, status: old.status },
    to: {
      grid: target.summary(),
      track: result.track,
      trackTitle: result.track ? target.trackLabel(result.track) : null,
      positions: result.positions,
      status: statuses.length === 1 ? statuses[0]! : null,
      statuses,
    },
    explanation: out.reasons,
    missing: out.missing(userFacts),
    warnings: out.warnings,
  };
}

function byTables(target: Grid, code: string, facts: Facts, out: Collector): { track: string | null; positions: string[] } {
  const rank = (c: string) => target.position(c)?.rank ?? 0;
  const known = new Set(target.transpositions.flatMap((t) => t.rows.flatMap((r) => r.from)));
  if (!known.has(code)) {
    throw new InputError(`Le tableau de correspondance ne prévoit pas la position « ${code} ». Positions prévues : ${[...known].sort((a, b) => Number(a) - Number(b)).join(', ')}.`, 'not-found');
  }
  const answers: { track: string; positions: string[] }[] = [];
  for (const table of target.transpositions) {
    const eligibility = target.rules.filter((r) => r.kind === 'track-eligibility' && r.appliesTo.tracks?.includes(table.track));
    const verdicts = eligibility.map((r) => ({ r, v: verdictOf(r, facts) }));
    if (verdicts.some(({ v }) => v.value === false)) continue;
    verdicts.forEach(({ v }) => out.need(v.missing, 'track'));

    const rows = table.rows
      .map((row) => ({ row, v: row.when ? evaluate(row.when, facts) : ALWAYS }))
      .filter(({ row, v }) => (row.from.includes(code) && v.value !== false) || (row.from.length === 0 && row.when !== undefined && v.value !== false));
    const sure = rows.filter(({ v }) => v.value === true);
    if (sure.length === 0 && rows.length === 0) continue;
    const top = (list: typeof rows) => list.reduce((a, b) => (Math.max(...b.row.to.map(rank)) > Math.max(...a.row.to.map(rank)) ? b : a));
    const best = sure.length > 0 ? top(sure) : undefined;
    const floor = best ? Math.min(...best.row.to.map(rank)) : Math.min(...rows.flatMap(({ row }) => row.to.map(rank)));
    let ceiling = best ? Math.max(...best.row.to.map(rank)) : floor;
    for (const { row, v } of rows) {
      if (v.value !== undefined) continue;
      const r = Math.max(...row.to.map(rank));
      if (r > ceiling) {
        ceiling = r;
        out.need(v.missing, 'correspondence');
      }
    }
    if (best) {
      const { row } = best;
      out.reason('transposition', { table: table.id, tableTitle: table.title, from: row.from, to: row.to, jobs: row.jobs, condition: row.condition ?? null }, row.source);
    }
    for (const { r } of verdicts) out.reason('track', { rule: r.id, ruleText: r.text, track: table.track, trackTitle: target.trackLabel(table.track) }, r.source);
    const scope = trackPositions(target, table.track);
    answers.push({ track: table.track, positions: scope.filter((p) => p.rank >= floor && p.rank <= ceiling).map((p) => p.code) });
  }
  if (answers.length === 0) {
    throw new InputError(`Aucune ligne des tableaux de correspondance ne s'applique à la position « ${code} » avec ces faits.`, 'not-found');
  }
  if (answers.length === 1) return answers[0]!;
  // Both tables possible (the diploma is not known): give both answers.
  return { track: null, positions: [...new Set(answers.flatMap((a) => a.positions))] };
}

function entryPeriodsOf(grid: Grid, jobId: string): RuleOfKind<'entry-period'>[] {
  return rulesOfKind(grid.rules, 'entry-period').filter((r) => r.appliesTo.jobs?.includes(jobId));
}

function unchanged(source: Grid, target: Grid, code: string, facts: Facts, out: Collector): { track: string | null; positions: string[] } {
  const kept = target.position(code);
  if (!kept) {
    throw new InputError(`La position « ${code} » de la grille « ${source.title} » n'existe plus dans la grille « ${target.title} » et le texte ne donne pas de tableau de correspondance.`, 'not-found');
  }
  out.reason('unchanged', { position: code, gridTitle: target.title }, target.notes[0]?.source ?? target.source);
  const jobIds = typeof facts.jobId === 'string' ? [facts.jobId] : source.jobs.filter((j) => j.positions.includes(code)).map((j) => j.id);
  for (const id of jobIds) {
    const title = (target.job(id) ?? source.job(id))?.title ?? id;
    const before = entryPeriodsOf(source, id).map((r) => r.params.max);
    const after = entryPeriodsOf(target, id);
    const now = after.map((r) => r.params.max);
    if (before.join() === now.join()) continue;
    const rule = after[0] ?? entryPeriodsOf(source, id)[0]!;
    out.reason('entry-period-changed', { rule: rule.id, ruleText: rule.text, job: id, jobTitle: title, from: before[0] ?? null, to: now[0] ?? null, before, after: now }, rule.source);
  }
  const job = typeof facts.jobId === 'string' ? target.job(facts.jobId) : undefined;
  return { track: job?.track ?? null, positions: [code] };
}

export type { Status };

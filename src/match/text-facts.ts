/**
 * Facts read in a job description (a diploma, years of practice, referent domains…), then put
 * through the grid's own rules: the positions those facts lead to are what a description-matching
 * result should agree with.
 *
 * Nothing here knows a trade: a fact is read with what its grid declares (src/model/schema.ts) —
 * `cues` of its values (read on the text with denials blanked), `denials` (read before blanking,
 * they win), `within` (the sentences where the cues count), `prefer` (which value wins), `unsaid`
 * (the value when the text says nothing), `read: years | people-managed` and `textValues` for
 * numbers. The vocabulary of a trade lives in its grid (grids/1431-…/2022-04-07.yaml, `facts`).
 */
import { classify, trackPositions } from '../classify/classify.js';
import type { FactValue } from '../classify/conditions.js';
import type { ClassifyResult } from '../classify/types.js';
import type { Grid } from '../grids/grid.js';
import type { Condition } from '../model/condition.js';
import type { Fact, Job, Position } from '../model/schema.js';
import { normalizeText } from '../text/normalize.js';
import { cuesOf, levelCues, maskTeamList, readingOf, type LevelCues } from './cues.js';

export interface TextFacts {
  /** The facts read (absent ones included), and the track and positions the rules give them. */
  summary: { facts: Record<string, FactValue>; track: string | null; positions: string[] };
  /** How a job agrees with those positions, -1 … 1 (see `fitOf`). */
  fit(job: Job): number;
}

/** A description as the cues see it. */
interface Reading {
  /** Folded (lower case, no accents). */
  folded: string;
  /**
   * Folded, with denied spans blanked ("pas d'examens de vue" says nothing of examens de vue) and
   * the people other than the employee replaced by "autrui" ("vérifié par l'autrui").
   */
  masked: string;
  /** The masked text cut into sentences (and lines, and list items). */
  sentences: string[];
  level: LevelCues;
}

const compiled = new Map<string, RegExp>();
function cue(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) compiled.set(pattern, (re = new RegExp(pattern)));
  return re;
}
const any = (patterns: string[] | undefined, text: string) => patterns?.some((p) => cue(p).test(text)) ?? false;

/** A parenthesis, not a gender ending ("(e)", "(ne)", "(trice)"). */
const ASIDE = /\((?![a-z]{1,6}\))[^)]*\)?/g;

/** A sentence that points back to the one before ("c'est elle la référente sur ces deux sujets"). */
const POINTS_BACK = /\b(?:ces|cela|ca|la[- ]dessus|dessus|tout ca|les deux|les trois|ceux-ci|celles-ci)\b/;

/**
 * Where the values' cues of a fact are read: everywhere but the sentences `outside` says are
 * about the site or someone else, or, for a fact with `within`, the
 * sentences that say it (with the sentence before when they point back to it). When none of them
 * names a value and the first line says it, the whole text: "Opticien référent" over a list of
 * tasks.
 */
function scopes(f: Fact, t: Reading): string[] {
  // Sentences about the site or someone else ("le magasin propose aussi…", "c'est ma collègue qui…").
  const sentences = f.outside ? t.sentences.map((s) => (any(f.outside, s) ? '' : s)) : t.sentences;
  if (!f.within) return f.outside ? sentences : [t.masked];
  const out: string[] = [];
  sentences.forEach((s, i) => {
    if (!s || !any(f.within, s)) return;
    out.push(POINTS_BACK.test(s) && i > 0 ? `${sentences[i - 1]} ${s}` : s);
  });
  if (out.length === 0) return [];
  const names = (texts: string[]) => (f.values ?? []).some((v) => texts.some((s) => any(v.cues, s)));
  // An aside in parentheses is often the context ("(le magasin a aussi un atelier, tenu par un
  // collègue)"); it counts only when the rest of the sentences names nothing ("référente
  // (atelier, lentilles)").
  const main = out.map((s) => s.replace(ASIDE, ' '));
  if (names(main)) return main;
  if (names(out)) return out;
  // A title that says it ("Opticien référent" over a list of tasks) covers the whole text.
  const title = t.masked.trimStart().split('\n')[0]!;
  return any(f.within, title) ? [t.masked] : [];
}

/** Values whose cues are found, in the order of `prefer` then of declaration. */
function valuesFound(f: Fact, texts: string[]): string[] {
  const found = (f.values ?? []).filter((v) => texts.some((s) => any(v.cues, s))).map((v) => v.id);
  const order = f.prefer ?? [];
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  return found.sort((a, b) => rank(a) - rank(b));
}

/** The value a text states for a fact, if any. */
function readStated(f: Fact, t: Reading): FactValue | undefined {
  switch (f.type) {
    case 'boolean':
      return any(f.cues, t.masked) ? true : undefined;
    case 'enum': {
      // A denial of the person's diploma wins over the diplomas of others ("non opticien,
      // l'équipe compte 3 opticiens diplômés").
      const denied = (f.values ?? []).find((v) => any(v.denials, t.folded));
      if (denied) return denied.id;
      return valuesFound(f, scopes(f, t))[0];
    }
    case 'enum-list': {
      if (any(f.cues, t.masked)) return (f.values ?? []).map((v) => v.id);
      const found = valuesFound(f, scopes(f, t));
      const declared = (f.values ?? []).map((v) => v.id);
      return found.length > 0 ? declared.filter((id) => found.includes(id)) : undefined;
    }
    case 'integer':
    case 'number': {
      const figure = f.read === 'years' ? t.level.years : f.read === 'people-managed' ? t.level.managedStaff : undefined;
      if (figure !== undefined) return figure;
      return f.textValues?.find((v) => any(v.cues, t.masked))?.value;
    }
    default:
      return undefined;
  }
}

/** True when the grid says how to read the fact in a description. */
function hasCues(f: Fact): boolean {
  return f.cues !== undefined || f.read !== undefined || f.textValues !== undefined || f.unsaid !== undefined || (f.values ?? []).some((v) => v.cues || v.denials);
}

// ---------------------------------------------------------------------------------------------
// Reading, then the rules
// ---------------------------------------------------------------------------------------------

/** The facts a text gives, with the ids of those it states (the others are `unsaid` defaults). */
export function readFacts(grid: Grid, text: string, level: LevelCues = levelCues(text, cuesOf(grid.lexicon))): { facts: Record<string, FactValue>; stated: Set<string> } {
  const cues = cuesOf(grid.lexicon);
  const { unboiled: folded, masked: read } = readingOf(text, cues);
  // The people listed as one's team or as the ones one assists (« assiste un ou plusieurs
  // responsable(s) (cadre dirigeant, directeur…) ») are not the person: their roles and diplomas
  // are not the person's facts.
  const masked = maskTeamList(read, cues);
  const t: Reading = { folded, masked, sentences: masked.split(/[.;!?\n•]+/).filter((s) => /[a-z]/.test(s)), level };
  const facts: Record<string, FactValue> = {};
  const stated = new Set<string>();
  for (const f of grid.facts) {
    if (!hasCues(f)) continue;
    const value = readStated(f, t);
    if (value !== undefined) {
      stated.add(f.id);
      facts[f.id] = value;
    } else if (f.unsaid !== undefined && !any(f.unsaidUnless, t.masked)) {
      facts[f.id] = f.unsaid;
    }
  }
  return { facts, stated };
}

const tested = new WeakMap<Grid, Map<string, Set<string>>>();

/** For each enum fact, the values some rule or correspondence row tests with `eq` or `in`. */
function testedValues(grid: Grid): Map<string, Set<string>> {
  let map = tested.get(grid);
  if (map) return map;
  map = new Map();
  const walk = (c: Condition | undefined): void => {
    if (!c) return;
    if ('all' in c) return c.all.forEach(walk);
    if ('any' in c) return c.any.forEach(walk);
    if ('not' in c) return walk(c.not);
    const values = [...(c.eq !== undefined ? [c.eq] : []), ...(c.in ?? [])].map(String);
    if (values.length === 0) return;
    const set = map!.get(c.fact) ?? new Set<string>();
    for (const v of values) set.add(v);
    map!.set(c.fact, set);
  };
  for (const r of grid.rules) walk(r.when);
  for (const t of grid.transpositions) for (const row of t.rows) walk(row.when);
  tested.set(grid, map);
  return map;
}

/**
 * Stated values that no rule tests ("directeur de magasin" for a fact whose rules only test
 * "directeur adjoint" and the cadres): they place the job through its emplois-repères, which the
 * rules cannot see without the job, so the range they leave may exclude, but not choose.
 */
function untestedValues(grid: Grid, facts: Record<string, FactValue>, stated: Set<string>): { fact: Fact; value: string }[] {
  const byFact = testedValues(grid);
  return grid.facts.flatMap((fact) => {
    const values = byFact.get(fact.id);
    const v = facts[fact.id];
    return stated.has(fact.id) && values !== undefined && typeof v === 'string' && !values.has(v) ? [{ fact, value: v }] : [];
  });
}

/**
 * The jobs of the track a stated value names: its label is the job's title, or is part of it
 * ("Directeur de magasin" names "Opticien directeur de magasin 1"); an exact title wins.
 */
function namedJobs(grid: Grid, track: string | null, values: { fact: Fact; value: string }[]): Set<string> {
  const named = new Set<string>();
  const candidates = bareTitles(grid).filter(({ job }) => track === null || grid.trackPath(job.track).some((t) => t.id === track));
  for (const { fact, value } of values) {
    const label = fact.values?.find((v) => v.id === value)?.label;
    if (!label) continue;
    const l = bare(label);
    const exact = candidates.filter((c) => c.title === l);
    for (const c of exact.length > 0 ? exact : candidates.filter((c) => c.title.includes(l))) named.add(c.job.id);
  }
  return named;
}

/** A title or label without its parentheses and numbers, as words between spaces. */
const bare = (s: string) => ` ${normalizeText(s.replace(/\(.*?\)/g, ' ')).filter((t) => !/^\d+$/.test(t)).join(' ')} `;
const titles = new WeakMap<Grid, { job: Job; title: string }[]>();

function bareTitles(grid: Grid): { job: Job; title: string }[] {
  let list = titles.get(grid);
  if (!list) titles.set(grid, (list = grid.jobs.map((job) => ({ job, title: bare(job.title) }))));
  return list;
}

/** Whether anything in the grid can be read from a text at all. */
function readable(grid: Grid): boolean {
  return grid.facts.some(hasCues);
}

/** The facts a description gives and what the grid's rules make of them; undefined when it gives none. */
export function factsFromText(grid: Grid, text: string, level?: LevelCues): TextFacts | undefined {
  if (!readable(grid)) return undefined;
  const { facts, stated } = readFacts(grid, text, level);
  if (stated.size === 0) return undefined;
  // Without a job the engine often answers "unknown" (it would ask which job): its track and the
  // range of positions the facts leave open are still what a matching job should agree with.
  const result = classify(grid, facts, { at: grid.effectiveFrom });
  if (result.outcome === 'not-applicable') return undefined;
  const untested = untestedValues(grid, facts, stated);
  // A stated value whose label names jobs of the track ("Directeur adjoint de magasin") points to
  // them, whether or not a rule tests it: in the collaborateurs track no rule does.
  const said = grid.facts.flatMap((fact) => (stated.has(fact.id) && fact.type === 'enum' && typeof facts[fact.id] === 'string' ? [{ fact, value: facts[fact.id] as string }] : []));
  const fit = fitOf(grid, result.track, result.positions, {
    choose: untested.length === 0,
    met: metPosition(grid, result),
    named: namedJobs(grid, result.track, said),
  });
  return { summary: { facts, track: result.track, positions: result.positions }, fit };
}

/**
 * The highest position of the range whose conditions the facts meet (the ladder's answer), when
 * the range goes on above it only because facts the text leaves unsaid could lift it. None when
 * a fact whose values name jobs (a role) is undecided: it could lift the position beyond the
 * ladder, and the met position is then no better than the rest of the range.
 */
function metPosition(grid: Grid, result: ClassifyResult): string | undefined {
  if (result.missing.some((m) => namingFacts(grid).has(m.fact))) return undefined;
  const met = result.explanation
    .flatMap((r) => (r.code === 'condition-met' ? [r.params.position] : []))
    .filter((p) => result.positions.includes(p));
  return met[met.length - 1];
}

const naming = new WeakMap<Grid, Set<string>>();

/** Enum facts some value of which names a job of the grid (a role: "Directeur de magasin"). */
function namingFacts(grid: Grid): Set<string> {
  let ids = naming.get(grid);
  if (!ids) {
    ids = new Set(grid.facts.filter((f) => f.type === 'enum' && (f.values ?? []).some((v) => namedJobs(grid, null, [{ fact: f, value: v.id }]).size > 0)).map((f) => f.id));
    naming.set(grid, ids);
  }
  return ids;
}

const conditionedCache = new WeakMap<Grid, Set<string>>();

/** Positions some position-condition rule of the grid tests. */
function conditionedPositions(grid: Grid): Set<string> {
  let set = conditionedCache.get(grid);
  if (!set) {
    set = new Set(grid.rules.filter((r) => r.kind === 'position-condition').flatMap((r) => r.appliesTo.positions ?? []));
    conditionedCache.set(grid, set);
  }
  return set;
}

interface FitOptions {
  /** False when a stated value escapes the rules: the range then only excludes. */
  choose: boolean;
  /** The position whose conditions the facts meet, if any. */
  met: string | undefined;
  /** Jobs a stated value names. */
  named: Set<string>;
}

/**
 * How a job agrees with the positions the facts lead to: -1 outside the track; +1 when a stated
 * value names it; +1 inside the range when the range may choose (+0.5 only beside a position
 * whose conditions are met); -0.5 below the range (the facts say "at least"); above it, +0.5
 * when no condition of the grid stands between the range and the job (the facts reach the top of
 * the ladder, and the levels above come with their emplois-repères only), else 0 (a fact the text
 * leaves unsaid may lift the position); 0 when the facts decide nothing in the track. With no
 * track chosen and parallel tracks open, each job is weighed on its own track's ladder, and -1
 * when the range holds nothing of its track.
 */
function fitOf(grid: Grid, track: string | null, codes: string[], { choose, met, named }: FitOptions): (job: Job) => number {
  const rank = (code: string) => grid.position(code)?.rank ?? 0;
  const range = new Set(codes);
  const conditioned = conditionedPositions(grid);
  // Ranks restart in each of parallel tracks (1431: santé A…K, collaborateurs 1.1…3.6): with no
  // track chosen, a job is weighed against the part of the range on its own ladder only.
  const ladders = new Map<string, Ladder>();
  const ladderOf = (job: Job): Ladder => {
    const id = track ?? job.track;
    let ladder = ladders.get(id);
    if (!ladder) {
      const scope = trackPositions(grid, id);
      const ranks = scope.filter((p) => range.has(p.code)).map((p) => p.rank);
      ladder = { scope, ranks, low: Math.min(...ranks), high: Math.max(...ranks) };
      ladders.set(id, ladder);
    }
    return ladder;
  };
  // Positions above the range that no condition of the grid reaches (1431 santé: H, I, J come
  // with their emplois-repères only): the facts can neither reach nor exclude them.
  const open = (job: Job, { scope, high }: Ladder) => {
    const lowest = Math.min(...job.positions.map(rank));
    return lowest > high && scope.every((p) => p.rank <= high || p.rank > lowest || !conditioned.has(p.code));
  };
  return (job) => {
    if (track !== null && !grid.trackPath(job.track).some((t) => t.id === track)) return -1;
    if (named.has(job.id)) return 1;
    const ladder = ladderOf(job);
    // The facts leave the job's track out (no position of the range on its ladder).
    if (codes.length > 0 && ladder.ranks.length === 0) return -1;
    if (ladder.ranks.length === 0 || ladder.ranks.length === ladder.scope.length) return 0;
    if (job.positions.some((p) => range.has(p))) return !choose ? 0 : met === undefined || job.positions.includes(met) ? 1 : 0.5;
    const above = Math.max(...job.positions.map(rank)) >= ladder.low;
    return !above ? -0.5 : choose && open(job, ladder) ? 0.5 : 0;
  };
}

/** The positions open to a job's track, and the ranks of those the facts' range holds. */
interface Ladder {
  scope: readonly Position[];
  ranks: number[];
  low: number;
  high: number;
}

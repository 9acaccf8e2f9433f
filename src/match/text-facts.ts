/**
 * Facts read in a job description (a diploma, years of practice, referent domains…), then put
 * through the grid's own rules: the positions those facts lead to are what a description-matching
 * result should agree with.
 *
 * A fact is read with the cues the grid declares for it (`cues` on the fact or its values, `read`
 * for numbers). Where a grid declares a fact without cues, the readers of `CODE_CUES` below may
 * read it: they are keyed by fact id and by the value ids they return, and run only when the grid
 * declares that fact with those values, so they never invent a fact or a value. They are written
 * for the questionnaire of IDCC 1431 (diploma, years of practice, parcours de compétences, role);
 * a grid that later declares its own cues for a fact takes precedence.
 */
import { classify, trackPositions } from '../classify/classify.js';
import type { FactValue } from '../classify/conditions.js';
import type { ClassifyResult } from '../classify/types.js';
import type { Grid } from '../grids/grid.js';
import type { Condition } from '../model/condition.js';
import type { Fact, Job } from '../model/schema.js';
import { foldAccents, normalizeText } from '../text/normalize.js';
import { levelCues, maskNegations, type LevelCues } from './cues.js';

export interface TextFacts {
  /** The facts read (absent ones included), and the track and positions the rules give them. */
  summary: { facts: Record<string, FactValue>; track: string | null; positions: string[] };
  /** How a job agrees with those positions, -1 … 1 (see `fitOf`). */
  fit(job: Job): number;
}

/** A description as the readers see it. */
interface Reading {
  /** Folded (lower case, no accents). */
  folded: string;
  /** Folded, with denied spans blanked ("pas d'examens de vue" says nothing of examens de vue). */
  masked: string;
  level: LevelCues;
}

const compiled = new Map<string, RegExp>();
function cue(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) compiled.set(pattern, (re = new RegExp(pattern)));
  return re;
}

// ---------------------------------------------------------------------------------------------
// Readers in code, for facts a grid declares without cues
// ---------------------------------------------------------------------------------------------

interface CodeCue {
  /** Value ids the reader may return: it runs only if the grid's fact declares them all. */
  values?: string[];
  read(t: Reading): FactValue | undefined;
  /**
   * The value when the text says nothing: a description that does not mention a referent domain
   * or a management role is read as having none (as the cosine counts what a text does not say).
   */
  absent?: (t: Reading) => FactValue | undefined;
}

/** Who the description is about is an opticien: by diploma, title, or acts only an opticien may do. */
const OPTICIAN = {
  licence: /\blicence (?:pro(?:fessionnelle)? )?(?:d'|en )?(?:optique|optometrie)|\blicence pro(?:fessionnelle)? optique|\bmaster (?:d'|en )?optometrie|\boptometriste/,
  cqp: /\bcqp\b/,
  bts: /\bbts\b(?! ?(?:comptab|sio\b|mco\b|ndrc\b|nrc\b|muc\b|commerc|gestion|assistant|support|banque|transport|logistique|informatique|cg\b|ci\b|pme\b|sp3s\b|communication|design|tourisme|electro|maintenance|photo))|opticien(?:ne)?s? diplome|opticien(?:ne)? de formation|diplome (?:d'|de l')?opticien|\bopticien(?:ne)?[- ]lunetier|titulaire du bts|\bdiplome(?:e)? bts|\b(?:mon|ma|notre|un|une|votre|son|sa) opticien(?:ne)?\b|^\W*(?:intitule ?: ?)?opticien(?:ne)?\b|\bopticien(?:ne)?\(?(?:ne)?\)? (?:h\/f|expert|referent|senior|confirme)|\b(?:examens? de vue|refractions?|contactologie|adaptation (?:des |de )?lentilles)\b/,
};
/** Said of the person: no opticien diploma. Read on the original text (these are denials). */
const NOT_OPTICIAN = /\bnon[- ](?:diplome(?:e)? )?opticien|\bnon[- ]diplome|\bpas (?:d'|de |du |le |la )?(?:bts|opticien|diplome)|n'(?:est|a) pas (?:le |la |de |d')?(?:bts|opticien|diplome)|\bsans (?:le |aucun )?(?:bts|diplome)|pas besoin qu'(?:il|elle) soit opticien|\baucun diplome/;

const DOMAINS: Record<string, RegExp> = {
  atelier: /\batelier|\bmontages?\b|\btaillage|\bmeuleuse|\bsav\b/,
  'examen-de-vue': /examens? de vue|\brefractions?\b|renouvellements? d'ordonnance|\bacuite|\bbilans? visuels?|\bexamens\b/,
  contactologie: /\blentilles|\bcontactologie/,
};
const ADVANCED: Record<string, RegExp> = {
  'refraction-complexe': /refraction complexe|\bprism|\bphories?\b|filtres? d'absorption|\bfiltres\b|vision binoculaire|\bstrabisme/,
  'contactologie-avancee': /contactologie avancee|lentilles (?:rigides|sclerales|speciales)|orthokeratologie|ortho-k\b|keratocone|adaptations? (?:de lentilles )?(?:compliquees|complexes|difficiles)/,
  'basse-vision': /basse vision|malvoyan|aides? visuelles?|systemes? grossissants?|\bloupes?\b/,
  'publics-particuliers': /publics? particuliers?|\bdmla\b|retinopathie|glaucome|diabet/,
  'personne-agee': /personnes? agees?|\behpad|maison de retraite|vision de la personne agee/,
  enfant: /vision de l'enfant|bilans? (?:des |d')?enfants|examens? (?:de vue )?(?:des |d')?enfants|pediatri|\borthoptiste/,
};
/** The person is the reference of the shop on what the text lists. */
const REFERENT = /\breferente?s?\b|\bpilier\b|en (?:totale |complete )?autonomie|autonomie (?:complete|totale)|gere toute seule?|toute? seule?\b|c'est (?:elle|lui) qui|cas difficiles?|tout le monde va (?:la|le) voir/;
/** "toutes nos spécialités": every advanced practice of the site. */
const ALL_ADVANCED = /tou(?:te)?s (?:nos|les|ses) (?:specialites|pratiques avancees)|expert(?:e)?(?:\(e\))? (?:reconnue? )?de tou(?:te)?s les (?:domaines et )?pratiques avancees|tous les domaines et pratiques avancees/;
const MANAGES = /\bencadre|\bmanage|\bdirige|responsable d'(?:une |l')equipe|\brecrute|compte d'exploitation|\ba la tete/;
const BEGINNER = /premier (?:poste|emploi)|jeune diplome|vient d'obtenir|fraichement diplome|sortie? d'ecole|obtenu en (?:juin|juillet|septembre) dernier|debutante?\b/;

const ROLES: [string, RegExp][] = [
  ['cadre-dirigeant', /directeur general\b(?! adjoint)|directrice generale\b(?! adjointe)|\bpdg\b|\bpresident(?:e)?\b|dirige l'ensemble|autorite sur tous les salaries|chef d'entreprise salarie/],
  ['cadre-superieur', /directeur general adjoint|directrice generale adjointe|\bdga\b|comite de direction|\bcodir\b|emploi du temps (?:librement|comme (?:il|elle) l'entend)|organise (?:librement )?son (?:emploi du )?temps/],
  ['directeur-adjoint', /directeur adjoint|directrice adjointe|adjointe? (?:au|du|de la) direct|manager adjoint|second(?:e)? de magasin|seconde(?:z)? (?:le|la) direct|binome avec (?:le|la) direct|\bmon adjointe?\b/],
  ['directeur', /directeur regional|directrice regionale|directeur (?:de|du) reseau|directrice (?:de|du) reseau|directeur des operations|directrice des operations|responsable (?:de |d')?(?:zone|region|secteur)|area manager|directeur (?:de|d') ?(?:l'expertise|secteur)|plusieurs magasins|multi-?sites/],
  ['directeur-magasin', /(?:directeur|directrice|responsable|gerant|gerante|manager|chef) (?:de|du|d'un|d'une) (?:magasin|boutique|point de vente|centre optique)|store manager|confie (?:mon|le|son|ma|un) (?:\d+e |deuxieme |second )?(?:magasin|boutique)|tete (?:du|d'un) (?:magasin|point de vente)|dirige (?:le|un|son) (?:magasin|point de vente)|gere (?:le|un|son) magasin/],
];

/** The person is referent on domains of the trade, which only an opticien can be. */
const isReferent = (t: Reading) => REFERENT.test(t.masked) && matching(DOMAINS, t.masked).length > 0;

/**
 * Months or years of practice: "18 mois d'expérience" is 1.5; a beginner 0. A referent with no
 * figure is taken to have the two years the parcours asks before its referent levels.
 */
function yearsOfPractice(t: Reading): number | undefined {
  const months = /(\d+) mois d'(?:experience|exercice)/.exec(t.masked);
  if (months) return Math.round((Number(months[1]) / 12) * 10) / 10;
  if (t.level.years !== undefined) return t.level.years;
  if (BEGINNER.test(t.folded)) return 0;
  return isReferent(t) ? 2 : undefined;
}

function matching(table: Record<string, RegExp>, text: string): string[] {
  return Object.entries(table)
    .filter(([, re]) => re.test(text))
    .map(([id]) => id);
}

const CODE_CUES: Record<string, CodeCue> = {
  diploma: {
    values: ['none', 'bts', 'licence', 'cqp'],
    read: (t) => {
      // A denial of the person's diploma wins over the diplomas of others ("non opticien, l'équipe
      // compte 3 opticiens diplômés"); then the highest diploma named ("licence, ou BTS avec 2 ans").
      if (NOT_OPTICIAN.test(t.folded)) return 'none';
      for (const id of ['licence', 'cqp', 'bts'] as const) if (OPTICIAN[id].test(t.masked)) return id;
      return isReferent(t) ? 'bts' : undefined;
    },
    // A description of an opticien says so (the diploma is the criterion of the santé track).
    absent: () => 'none',
  },
  yearsOfPractice: { read: yearsOfPractice },
  referentDomains: {
    values: Object.keys(DOMAINS),
    read: (t) => {
      if (!REFERENT.test(t.masked)) return undefined;
      const found = matching(DOMAINS, t.masked);
      return found.length > 0 ? found : undefined;
    },
    absent: () => [],
  },
  // Every domain of the trade is taken as practised in the shop unless the text says otherwise:
  // it is the common case, and the labels of eval/ read "all three domains" that way.
  practicedDomains: { values: Object.keys(DOMAINS), read: (t) => (REFERENT.test(t.masked) ? Object.keys(DOMAINS) : undefined) },
  advancedPractices: {
    values: Object.keys(ADVANCED),
    read: (t) => {
      if (ALL_ADVANCED.test(t.masked)) return Object.keys(ADVANCED);
      const found = matching(ADVANCED, t.masked);
      return found.length > 0 ? found : undefined;
    },
    absent: () => [],
  },
  // "Toutes nos spécialités": the person is referent on every practice the site offers.
  practicedAdvancedPractices: { values: Object.keys(ADVANCED), read: (t) => (ALL_ADVANCED.test(t.masked) ? Object.keys(ADVANCED) : undefined) },
  role: {
    values: ROLES.map(([id]) => id),
    read: (t) => ROLES.find(([, re]) => re.test(t.masked))?.[0],
    // No role named and nothing of management said: the employee has none. Management said
    // without a role the readers know leaves the role unknown.
    absent: (t) => (MANAGES.test(t.masked) || t.level.managedStaff ? undefined : 'aucun'),
  },
  managedStaff: { read: (t) => t.level.managedStaff },
};

function codeCue(f: Fact): CodeCue | undefined {
  const c = CODE_CUES[f.id];
  if (!c) return undefined;
  const declared = new Set(f.values?.map((v) => v.id));
  return (c.values ?? []).every((v) => declared.has(v)) ? c : undefined;
}

/** True when the grid gives cues for the fact or a way to read it. */
function hasOwnCues(f: Fact): boolean {
  return f.cues !== undefined || f.read !== undefined || (f.values ?? []).some((v) => v.cues);
}

// ---------------------------------------------------------------------------------------------
// Reading, then the rules
// ---------------------------------------------------------------------------------------------

function readDeclared(f: Fact, t: Reading): FactValue | undefined {
  if (f.type === 'enum') return f.values?.find((x) => x.cues?.some((c) => cue(c).test(t.masked)))?.id;
  if (f.type === 'enum-list') {
    const vs = (f.values ?? []).filter((x) => x.cues?.some((c) => cue(c).test(t.masked))).map((x) => x.id);
    return vs.length ? vs : undefined;
  }
  if (f.type === 'boolean') return f.cues?.some((c) => cue(c).test(t.masked)) ? true : undefined;
  if (f.read === 'years') return t.level.years;
  if (f.read === 'people-managed') return t.level.managedStaff;
  return undefined;
}

/** The facts a text gives, with the ids of those it states (the others are `absent` defaults). */
export function readFacts(grid: Grid, text: string, level: LevelCues = levelCues(text)): { facts: Record<string, FactValue>; stated: Set<string> } {
  const folded = foldAccents(text);
  const t: Reading = { folded, masked: maskNegations(folded), level };
  const facts: Record<string, FactValue> = {};
  const stated = new Set<string>();
  for (const f of grid.facts) {
    const code = hasOwnCues(f) ? undefined : codeCue(f);
    const value = code ? code.read(t) : readDeclared(f, t);
    if (value !== undefined) stated.add(f.id);
    const v = value ?? code?.absent?.(t);
    if (v !== undefined) facts[f.id] = v;
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
 * The jobs of the track such a value names: its label is the job's title, or is part of it
 * ("Directeur de magasin" names "Opticien directeur de magasin 1"); an exact title wins.
 */
function namedJobs(grid: Grid, track: string | null, untested: { fact: Fact; value: string }[]): Set<string> {
  const named = new Set<string>();
  const candidates = bareTitles(grid).filter(({ job }) => track === null || grid.trackPath(job.track).some((t) => t.id === track));
  for (const { fact, value } of untested) {
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
  return grid.facts.some((f) => hasOwnCues(f) || codeCue(f) !== undefined);
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
  const fit = fitOf(grid, result.track, result.positions, {
    choose: untested.length === 0,
    met: metPosition(grid, result),
    named: namedJobs(grid, result.track, untested),
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
    .filter((r) => r.code === 'condition-met' && typeof r.params?.position === 'string')
    .map((r) => r.params!.position as string)
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
 * whose conditions are met); -0.5 below the range (the facts say "at least"); 0 above it (a fact
 * the text leaves unsaid may lift the position), or when the facts decide nothing in the track.
 */
function fitOf(grid: Grid, track: string | null, codes: string[], { choose, met, named }: FitOptions): (job: Job) => number {
  const rank = (code: string) => grid.position(code)?.rank ?? 0;
  const range = new Set(codes);
  const ranks = codes.map(rank);
  const low = Math.min(...ranks);
  const decided = codes.length > 0 && codes.length < trackPositions(grid, track).length;
  return (job) => {
    if (track !== null && !grid.trackPath(job.track).some((t) => t.id === track)) return -1;
    if (named.has(job.id)) return 1;
    if (!decided) return 0;
    if (job.positions.some((p) => range.has(p))) return !choose ? 0 : met === undefined || job.positions.includes(met) ? 1 : 0.5;
    return Math.max(...job.positions.map(rank)) < low ? -0.5 : 0;
  };
}

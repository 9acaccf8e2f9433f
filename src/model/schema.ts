/**
 * Schemas of the grid files (grids/<idcc>-<slug>/*.yaml).
 *
 * The files are the law as data: a lawyer reviews them line by line, so every item that states
 * something carries a `source` whose `quote` is verbatim from a document of `texts/`
 * (tests check that each quote is really there). Field names follow the glossary of DESIGN.md;
 * legal terms stay French in values, never in keys.
 */
import { z } from 'zod';
import { condition } from './condition.js';
import { STATUSES } from './status.js';

/** ISO calendar date, kept as a string so that YAML never turns it into a Date with a time zone. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'date inexistante');

/** ISO 8601 duration limited to what the texts use: years, months, days (P6M, P1Y, P18M). */
export const isoDuration = z.string().regex(/^P(?:\d+Y)?(?:\d+M)?(?:\d+D)?$/, 'durée ISO 8601 attendue (ex. P6M)');

export const slug = z.string().regex(/^[a-z0-9]+(?:[-/.][a-z0-9]+)*$/, 'identifiant en minuscules, chiffres et tirets');

export { STATUSES, type Status } from './status.js';
export const status = z.enum(STATUSES);

/** Where a statement comes from. `doc` names a document declared in convention.yaml. */
export const source = z.strictObject({
  doc: slug,
  /** KALI article id, when the document is a KALI extract. */
  article: z.string().regex(/^KALIARTI\d{12}$/).optional(),
  /** A short verbatim quote (line breaks and hyphenation of the PDF may be folded). */
  quote: z.string().min(3),
});
export type Source = z.infer<typeof source>;

/**
 * An editor's remark: why the data says what it says where the text is ambiguous. Not law and
 * not checked against the texts; shown as such, never as a citation.
 */
const comment = z.string().min(1).optional();

export const note = z.strictObject({
  id: slug.optional(),
  text: z.string().min(1),
  comment,
  source,
});
export type Note = z.infer<typeof note>;

/** Text of a job or position under each critère classant, keyed by criterion id. */
const criteriaTexts = z.record(slug, z.array(z.string().min(1)).min(1));

export const document = z.strictObject({
  id: slug,
  title: z.string().min(1),
  /** Path from the repository root, under texts/. */
  file: z.string().regex(/^texts\/.+\.txt$/),
  /** KALI id of the text (KALITEXT…) or the convention (KALICONT…), when known. */
  kali: z.string().regex(/^KALI(?:TEXT|CONT)\d{12}$/).optional(),
  url: z.url().optional(),
  /**
   * How the text names each cited article (KALI id → « Article 2 » or its section), and the title
   * of the accord it belongs to when the document gathers several: what a citation shows instead
   * of the id. Checked against the extract's own headings (src/grids/articles.ts).
   */
  articles: z
    .record(z.string().regex(/^KALIARTI\d{12}$/), z.strictObject({ number: z.string().min(1).optional(), text: z.string().min(1).optional() }))
    .optional(),
});

export const convention = z.strictObject({
  idcc: z.string().regex(/^\d{4}$/, 'IDCC à 4 chiffres'),
  title: z.string().min(1),
  shortTitle: z.string().min(1),
  kali: z.string().regex(/^KALICONT\d{12}$/),
  /** NAF codes of the champ d'application, for a "which convention am I under?" helper. */
  naf: z.array(z.string().regex(/^\d{2}\.\d{2}[A-Z]$/)).default([]),
  nafSource: source.optional(),
  /**
   * Where a text of the branch asks for the place of women and men in the grid to be followed:
   * audit reports then show women and men by position, citing it.
   */
  sexSpreadSource: source.optional(),
  /**
   * One row of the staff-list template for this convention, by column (`emploi`, `position`,
   * `niveau`…): the template shows a row per convention of the catalogue. Columns checked against
   * the audit's by test/audit-template.test.ts.
   */
  auditSample: z.record(z.string().regex(/^[a-z_]+$/), z.string()).optional(),
  documents: z.array(document).min(1),
  /** Grid files of this folder, oldest first. */
  grids: z.array(z.string().regex(/^[\w.-]+\.ya?ml$/)).min(1),
  /** Minimum wage scales of the branch (src/model/wages.ts). */
  wages: z.string().regex(/^[\w.-]+\.ya?ml$/).optional(),
  /** The branch's working vocabulary for matching descriptions (not law): see `lexicon`. */
  lexicon: z.string().regex(/^[\w.-]+\.ya?ml$/).optional(),
});
export type ConventionFile = z.infer<typeof convention>;

export const track = z.strictObject({
  id: slug,
  title: z.string().min(1),
  /** Sub-family of another track (Studios hors grand public › Postproduction). */
  parent: slug.optional(),
  notes: z.array(note).default([]),
  source,
});
export type Track = z.infer<typeof track>;

export const position = z.strictObject({
  /** As the text writes it: `195`, `1.3`, `E`, or a group letter and class number (`B4`). */
  code: z.string().regex(/^[A-Z]$|^\d{1,3}(?:\.\d)?$|^[A-Z]\d{1,2}$/),
  /** Other label the text gives (santé track of 1431: `O1-A`). */
  label: z.string().optional(),
  title: z.string().optional(),
  status: status,
  /**
   * Where the text says, in words, which status the position has (a sentence or a heading, never
   * a code or a pasted table row): what the status explanation cites; `source` when absent.
   */
  statusSource: source.extend({ comment }).optional(),
  /** The track this position belongs to, when positions are per track (1431); absent when shared (3168). */
  track: slug.optional(),
  /** Position order in the grid, lowest first; used to compare positions (floors, ranges). */
  rank: z.number().int().nonnegative(),
  criteria: criteriaTexts.optional(),
  /** Conditions for holding the position, verbatim (1431 santé track). */
  conditions: z.array(z.string().min(1)).optional(),
  /** Levels a holder of this position may have (2198: no débutant in H); all levels when absent. */
  levels: z.array(slug).optional(),
  /** A position a later text removed from the grid (1431: coefficients 100 and 120 in 2011): holding it since is a finding. */
  abolished: z
    .strictObject({
      from: isoDate,
      /** Why this date (the text's own rule for its entry into force). */
      fromReason: z.string().min(1),
      /** The position its holders were requalified to. */
      replacedBy: z.string().min(1),
      source,
    })
    .optional(),
  notes: z.array(note).default([]),
  comment,
  source,
});
export type Position = z.infer<typeof position>;

export const criterion = z.strictObject({
  id: slug,
  title: z.string().min(1),
  definition: z.array(z.string().min(1)).min(1),
  source,
});
export type Criterion = z.infer<typeof criterion>;

/** A level inside a position (2198: débutant / maîtrisant / référent-polyvalent). */
export const level = z.strictObject({
  id: slug,
  title: z.string().min(1),
  definition: z.array(z.string().min(1)).default([]),
  source,
});

/** Items of a competence path (1431: domaines de référence, pratiques avancées). */
export const competence = z.strictObject({
  id: slug,
  group: slug,
  title: z.string().min(1),
  definition: z.array(z.string().min(1)).default([]),
  source,
});

export const job = z.strictObject({
  id: slug,
  /** Exactly as written in the text. */
  title: z.string().min(1),
  track: slug,
  /** Every position the job may take; a range in the text ("1.1 à 1.2") lists each. */
  positions: z.array(z.string()).min(1),
  /** "Mêmes fonctions que précédent": the job whose duties this one includes. */
  inherits: slug.optional(),
  /** The job's own duties, verbatim; inherited ones are resolved by the loader. */
  duties: z.array(z.string().min(1)).default([]),
  mission: z.string().optional(),
  activities: z.array(z.string().min(1)).optional(),
  variationFactors: z.array(z.string().min(1)).optional(),
  interfaces: z.array(z.string().min(1)).optional(),
  /** Texts under each criterion (1431 Initiative/Expertise/Responsabilité). */
  criteria: criteriaTexts.optional(),
  /** Other names for matching (feminine or older titles found in the texts), never invented law. */
  aliases: z.array(z.string().min(1)).default([]),
  notes: z.array(note).default([]),
  comment,
  source,
});
export type Job = z.infer<typeof job>;

/** Id of a fact of the questionnaire (camelCase). */
const factId = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'identifiant de fait en camelCase');

/**
 * A rule's `params` hold only what the engine reads; what the rule's `when:`, `appliesTo` or the
 * positions already say is not repeated there. A key a kind does not know is refused at load (a
 * misspelt `minPositon` would otherwise be ignored and the floor silently lost).
 */
function params<S extends z.ZodRawShape>(kind: string, shape: S) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `paramètre inconnu ${issue.keys.map((k) => `« ${k} »`).join(', ')} pour une règle ${kind} (${known.length ? `paramètres admis : ${known.join(', ')}` : 'aucun paramètre admis'})`
        : undefined,
  });
}

/** A floor: at least this position, or at least the first position of the track with this status. */
const floorParams = (kind: string) =>
  params(kind, {
    minPosition: z.string().min(1).optional(),
    minStatus: status.optional(),
  }).refine((p) => (p.minPosition === undefined) !== (p.minStatus === undefined), 'un plancher donne minPosition ou minStatus, un seul des deux');

/** What the text names as decisive, criterion by criterion, for a choice within a range (verbatim). */
const determinant = z
  .strictObject({
    /** A criterion of the grid (`criteria:`). */
    criterion: slug,
    /** The words that introduce the list, when the text has some. */
    lead: z.string().min(1).optional(),
    /** Every item is required… */
    allOf: z.array(z.string().min(1)).min(1).optional(),
    /** …or any one of them is enough. */
    anyOf: z.array(z.string().min(1)).min(1).optional(),
  })
  .refine((d) => (d.allOf === undefined) !== (d.anyOf === undefined), 'un déterminant donne allOf ou anyOf, un seul des deux');

/**
 * Parameters of each rule kind (docs/rules-engine.md says what the engine does with them).
 * A kind that takes none accepts an empty or absent `params`.
 */
export const RULE_PARAMS = {
  /** Maximum time in an entry position or level; for a level, the level that follows it. */
  'entry-period': params('entry-period', { max: isoDuration, nextLevel: slug.optional() }),
  /** A diploma gives at least a position. */
  'diploma-floor': floorParams('diploma-floor'),
  /** Who may or may not be placed in a track; where the others go. */
  'track-eligibility': params('track-eligibility', { otherwiseTrack: slug.optional() }).default({}),
  /** A fact imposes at least a status or a position. */
  'status-floor': floorParams('status-floor'),
  /** A fact imposes at least a level (2198: CQP → maîtrisant). */
  'level-floor': params('level-floor', { minLevel: slug }),
  /** A job equal to a benchmark job is not classed below it: the floor is the job's lowest position. */
  'benchmark-floor': params('benchmark-floor', {}).default({}),
  /** Conditions of access to a position (its `when:`). */
  'position-condition': params('position-condition', {}).default({}),
  /**
   * Deadline to apply a new grid: the date (`deadline`), and the time the text gives counted from the
   * publication of the extension order (`within`, ISO 8601).
   */
  transition: params('transition', { deadline: isoDate.optional(), within: isoDuration.optional() }).default({}),
  /** Conditions of access to a level (its `when:`). */
  'level-condition': params('level-condition', {}).default({}),
  /** The facts (one per critère classant, valued with position codes) whose lowest answer places the job. */
  'criteria-minimum': params('criteria-minimum', { criteria: z.array(factId).min(1) }),
  /** The text leaves the choice within a range to the employer: what it names as decisive. */
  'range-choice': params('range-choice', { determinants: z.array(determinant).min(1).optional() }).default({}),
} as const;

export type RuleKind = keyof typeof RULE_PARAMS;
export const RULE_KINDS = Object.keys(RULE_PARAMS) as RuleKind[];

const ruleFields = {
  id: slug,
  /** The rule in the text's words. */
  text: z.string().min(1),
  appliesTo: z
    .strictObject({
      tracks: z.array(slug).optional(),
      positions: z.array(z.string()).optional(),
      jobs: z.array(slug).optional(),
      levels: z.array(slug).optional(),
    })
    .default({}),
  /** When the rule applies, in terms of facts (see src/model/condition.ts); always when absent. */
  when: condition.optional(),
  comment,
  source,
};

function ruleOf<K extends RuleKind>(kind: K) {
  return z.strictObject({ ...ruleFields, kind: z.literal(kind), params: RULE_PARAMS[kind] });
}

/** One schema per rule kind, chosen by `kind`. */
export const rule = z.discriminatedUnion(
  'kind',
  [
    ruleOf('entry-period'),
    ruleOf('diploma-floor'),
    ruleOf('track-eligibility'),
    ruleOf('status-floor'),
    ruleOf('level-floor'),
    ruleOf('benchmark-floor'),
    ruleOf('position-condition'),
    ruleOf('transition'),
    ruleOf('level-condition'),
    ruleOf('criteria-minimum'),
    ruleOf('range-choice'),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? `genre de règle inconnu (kind : ${RULE_KINDS.join(', ')})` : undefined) },
);
export type Rule = z.infer<typeof rule>;
/** The rules of one kind, with their typed `params`. */
export type RuleOfKind<K extends RuleKind> = Extract<Rule, { kind: K }>;

export const transpositionRow = z.strictObject({
  /** Old positions (coefficients) this row covers; empty when the text says "Pas de correspondance". */
  from: z.array(z.string()),
  to: z.array(z.string()).min(1),
  status: status.optional(),
  /** Matching benchmark jobs as the table names them. */
  jobs: z.array(z.string()).default([]),
  condition: z.string().optional(),
  /** The row's condition in terms of facts, when it has one. */
  when: condition.optional(),
  comment,
  source,
});

export const transposition = z.strictObject({
  id: slug,
  title: z.string().min(1),
  fromGrid: slug,
  track: slug,
  condition: z.string().optional(),
  rows: z.array(transpositionRow).min(1),
  source,
});
export type Transposition = z.infer<typeof transposition>;
export type TranspositionRow = z.infer<typeof transpositionRow>;

/**
 * A fact the questionnaire may ask, with its question in French. Conditions of rules name facts
 * by id; a fact's values are the only ones accepted from users.
 */
export const FACT_TYPES = ['enum', 'enum-list', 'integer', 'number', 'boolean', 'date', 'job'] as const;

/**
 * The columns of a staff list that can carry a fact, and the fact types each can feed: the
 * diploma as payroll writes it (read against an enum's values), years and head counts as numbers.
 */
export const FACT_COLUMNS = {
  diplome: ['enum'],
  annees_exercice: ['integer', 'number'],
  encadrement: ['integer', 'number'],
} as const satisfies Record<string, readonly (typeof FACT_TYPES)[number][]>;
export type FactColumn = keyof typeof FACT_COLUMNS;

export const fact = z.strictObject({
  id: factId,
  type: z.enum(FACT_TYPES),
  question: z.string().min(1),
  /** Why the question matters, for the person answering. */
  help: z.string().optional(),
  values: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        label: z.string().min(1),
        /**
         * Patterns (regular expressions on lower-case text without accents, in which what a
         * sentence denies is blanked: "pas d'examens de vue") that show this value in a job
         * description.
         */
        cues: z.array(z.string().min(2)).optional(),
        /**
         * Patterns read on the text before denials are blanked, that give this value by denying
         * the others ("non opticien", "pas de BTS" → no diploma). They win over the cues of the
         * other values: a denial of the person's diploma is not undone by the diplomas of others.
         */
        denials: z.array(z.string().min(2)).optional(),
        /**
         * Levels of the national nomenclature (grids/french.yaml, `diplomas`) whose general
         * diplomas, written in a staff list's diploma column (« CAP vente », « bac pro commerce »),
         * are this value: the highest level the cell names counts. Read after the cues.
         */
        levels: z.array(z.number().int().min(1).max(8)).optional(),
      }),
    )
    .optional(),
  /**
   * Patterns that show, in a job description, that a boolean fact is true, or that an enum-list
   * fact holds every one of its values ("toutes nos spécialités").
   */
  cues: z.array(z.string().min(2)).optional(),
  /**
   * Patterns of the sentences where the values' cues are read ("référent(e)…" for the domains
   * the employee is référent on). A sentence that points back ("sur ces deux sujets") takes in
   * the one before; when none names a value but the first line says it (a title), the whole
   * description is read.
   */
  within: z.array(z.string().min(2)).optional(),
  /**
   * Patterns of the sentences where the values' cues are not read, because they speak of the
   * site or of someone else ("le magasin propose aussi la basse vision", "c'est ma collègue qui
   * s'en charge", "assurées par deux collègues"). Read like `within`, before it.
   */
  outside: z.array(z.string().min(2)).optional(),
  /** When the cues of several values of an enum are found: the order in which they win. */
  prefer: z.array(z.string().min(1)).optional(),
  /**
   * Value read when a description says nothing of the fact (as a bag of words counts what a text
   * does not say): no diploma named, no référent domain, no management role. Not a stated fact.
   */
  unsaid: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]).optional(),
  /** Patterns that leave the fact unknown rather than `unsaid` (management said in other words). */
  unsaidUnless: z.array(z.string().min(2)).optional(),
  /**
   * For a number fact, values given by words rather than figures, tried in order when the text
   * gives no figure: "jeune diplômé" → 0 years.
   */
  textValues: z.array(z.strictObject({ value: z.number(), cues: z.array(z.string().min(2)) })).optional(),
  /**
   * Value taken when the fact is unknown, because it is the usual case (nobody is a cadre
   * dirigeant unless said so). The answer states the assumption and still asks the question.
   */
  assume: z.union([z.string(), z.number(), z.boolean()]).optional(),
  /** How to read a number fact in a job description. */
  read: z.enum(['years', 'people-managed']).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  unit: z.string().optional(),
  /**
   * The staff-list column the audit reads this fact from. The audit reads no fact a grid does not
   * map, and the checks tied to the diploma (a track reserved to its holders) look at the rules
   * that read the facts mapped to `diplome`.
   */
  column: z.enum(Object.keys(FACT_COLUMNS) as [FactColumn, ...FactColumn[]]).optional(),
}).superRefine((f, ctx) => {
  if (f.column !== undefined && !(FACT_COLUMNS[f.column] as readonly string[]).includes(f.type)) {
    ctx.addIssue({ code: 'custom', path: ['column'], message: `la colonne ${f.column} ne peut porter qu'un fait de type ${FACT_COLUMNS[f.column].join(' ou ')} (ici ${f.type})` });
  }
});
export type Fact = z.infer<typeof fact>;

/**
 * A cotation (job evaluation by points): each criterion is rated on a scale of degrees, the degree
 * is worth its number of points, the points add up, and a table of ranges turns the sum into a
 * position. Each criterion is a fact of the grid (an `enum` whose values the loader fills with the
 * degrees when the fact declares none), so the questionnaire asks the criteria like any fact.
 */
export const cotationDegree = z.strictObject({
  degree: z.number().int(),
  /** The degree's definition, verbatim. */
  text: z.string().min(1),
  /** Patterns that show this degree in a job description (see `fact.values[].cues`). */
  cues: z.array(z.string().min(2)).optional(),
  source,
});

export const cotation = z
  .strictObject({
    /** How the text names the total ("cotation"). */
    title: z.string().min(1),
    criteria: z
      .array(
        z.strictObject({
          /** The fact that holds the degree chosen for this criterion. */
          fact: z.string().regex(/^[a-z][A-Za-z0-9]*$/),
          title: z.string().min(1),
          degrees: z.array(cotationDegree).min(2),
          /** The text's definitions of the words its degrees use, shown with the question. */
          glossary: z.array(z.strictObject({ term: z.string().min(1), definition: z.string().min(1), source })).default([]),
        }),
      )
      .min(1),
    /** Sum of points → position; the ranges must not overlap and must cover every possible sum. */
    ranges: z.array(z.strictObject({ min: z.number().int(), max: z.number().int(), position: z.string().min(1), source })).min(1),
    source,
  })
  .superRefine((c, ctx) => {
    const sorted = [...c.ranges].sort((a, b) => a.min - b.min);
    const low = c.criteria.reduce((n, k) => n + Math.min(...k.degrees.map((d) => d.degree)), 0);
    const high = c.criteria.reduce((n, k) => n + Math.max(...k.degrees.map((d) => d.degree)), 0);
    let next = low;
    for (const r of sorted) {
      if (r.min !== next || r.max < r.min) ctx.addIssue({ code: 'custom', message: `tranche ${r.min}–${r.max} : attendue à partir de ${next} (ni trou ni chevauchement)`, path: ['ranges'] });
      next = r.max + 1;
    }
    if (next !== high + 1) ctx.addIssue({ code: 'custom', message: `les tranches s'arrêtent à ${next - 1}, la cotation va jusqu'à ${high}`, path: ['ranges'] });
  });
export type Cotation = z.infer<typeof cotation>;

export const grid = z.strictObject({
  id: slug,
  title: z.string().min(1),
  /** Date of signature of the accord or avenant. */
  signed: isoDate,
  /** The day this grid was last checked against the official texts (texts/). */
  lastVerified: isoDate,
  /** First day this grid is the one to apply (see `effectiveFromReason`). */
  effectiveFrom: isoDate,
  effectiveFromReason: z.string().min(1),
  /** Last day in force; absent while in force. Set by the loader from the next grid when omitted. */
  effectiveTo: isoDate.optional(),
  supersedes: slug.optional(),
  /** First day the grid is compulsory, when companies had a period of grace to apply it. */
  mandatoryFrom: isoDate.optional(),
  /**
   * When the text binds members of the signatory organisations from `effectiveFrom` and the others
   * only from its extension: that date, or null when it is not known.
   */
  nonMembersFrom: isoDate.nullable().optional(),
  nonMembersReason: z.string().min(1).optional(),
  extension: z
    .strictObject({ order: z.string().min(1), published: isoDate.optional(), source: source.optional() })
    .optional(),
  source,
  notes: z.array(note).default([]),
  criteria: z.array(criterion).default([]),
  levels: z.array(level).default([]),
  competences: z.array(competence).default([]),
  tracks: z.array(track).min(1),
  positions: z.array(position).min(1),
  jobs: z.array(job).default([]),
  rules: z.array(rule).default([]),
  transpositions: z.array(transposition).default([]),
  /** The questionnaire's facts, in the order they are best asked. */
  facts: z.array(fact).default([]),
  /** Criteria rated by degrees whose points add up to a position (see `cotation`). */
  cotation: cotation.optional(),
});
export type GridFile = z.infer<typeof grid>;

/**
 * How people of a trade name what the texts describe ("minilab" for "tirages photos sur machine
 * automatique"): each entry adds the texts' words to a description that uses the trade's words.
 * Matching aid only: it never changes a position, and every result still cites the text.
 */
/**
 * Shorthand of job titles as payroll software and staff lists write them ("VDS", "RESP", "N2"):
 * folded word → the words it stands for. A key ending in `{n}` matches the word followed by a
 * number ("n2", "ech3") and writes the number where the value has `{n}`.
 */
export const abbreviations = z.record(z.string().regex(/^[a-z][a-z0-9]*(?:\{n\})?$/), z.string().min(1));
export type Abbreviations = z.infer<typeof abbreviations>;

/** grids/abbreviations.yaml: the shorthand shared by every branch. */
export const abbreviationList = z.strictObject({ about: z.string().optional(), abbreviations });

/** A regular expression on folded text, checked to compile at load. */
const pattern = z.string().min(1).refine((s) => {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}, 'expression régulière invalide');

/**
 * The people a description names, as the matcher reads them (src/match/cues.ts): general words
 * in grids/french.yaml, a trade's in its lexicon (`people`), merged at load.
 */
export const peopleWords = z.strictObject({
  /** Someone other than the employee when named after "par", "au", "rattaché à"… (patterns). */
  others: z.array(pattern).default([]),
  /** Words that may follow such a person: "directeur régional" (patterns). */
  qualifiers: z.array(pattern).default([]),
  /** People counted in a team after a number: "encadre 4 salariés" (plural nouns, folded). */
  team: z.array(z.string().regex(/^[a-z' -]+$/)).default([]),
  /** People listed as the members of one's team: "avec lui un apprenti" (word starts, folded). */
  members: z.array(z.string().regex(/^[a-z' -]+$/)).default([]),
});
export type PeopleWords = z.infer<typeof peopleWords>;

/** A seniority cue: a pattern, its vote (-1 beginner … 1 directs) and its weight. */
const seniorityCue = z.strictObject({ vote: z.number().min(-1).max(1), weight: z.number().positive(), re: pattern });

/** The general French the description matcher reads (grids/french.yaml, `cues`), with every branch's people merged in. */
export const cueWords = peopleWords.extend({
  teamList: pattern,
  teamContext: pattern,
  /** Words before the people one has under one's orders: "avec lui 2 vendeurs", "a sa charge 3 personnes". */
  teamUnder: pattern,
  practice: pattern,
  shops: pattern,
  shopManagers: pattern,
  multiShop: pattern,
  beginner: z.array(seniorityCue),
  low: z.array(seniorityCue),
  high: z.array(seniorityCue),
  /** A diploma of higher education the job asks (« diplôme d'État », « master »…): not a card of a grid's first levels. */
  higherEducation: pattern.optional(),
  /** Whoever the employee works under, whatever the noun (« sous la responsabilité d'un vendeur qualifié »): its one group is the person. */
  underSomeone: pattern.optional(),
});
export type CueWords = z.infer<typeof cueWords>;

/** Level words of job titles ("débutant", "niveau"), and the height a title's own level word gives. */
export const levelWords = z.strictObject({
  words: z.array(z.string().regex(/^[a-z0-9]+$/)).min(1),
  heights: z.record(z.string().regex(/^[a-z]+$/), z.number().min(0).max(1)),
});
export type LevelWords = z.infer<typeof levelWords>;

/**
 * General French diplomas by their level in the national nomenclature (3: CAP, BEP … 8: doctorat),
 * as payroll writes them: patterns on the folded cell. A grid's diploma values say which levels
 * they take (`fact.values[].levels`).
 */
export const diplomaLevel = z.strictObject({ level: z.number().int().min(1).max(8), patterns: z.array(pattern).min(1) });
export type DiplomaLevel = z.infer<typeof diplomaLevel>;

/** grids/french.yaml: the general French of job descriptions, shared by every branch. */
export const frenchFile = z.strictObject({
  about: z.string().optional(),
  cues: cueWords,
  levels: levelWords,
  diplomas: z.array(diplomaLevel).default([]),
  /**
   * Words ending like an infinitive (-er, -ir, -ire, -ndre, -ttre, -ivre, -oudre) that are not
   * one (« atelier de… », « premier niveau »): the cotation reading leaves them as they are
   * (src/match/cotation-reading.ts). Folded.
   */
  notInfinitives: z.array(z.string().regex(/^[a-z]+$/)).default([]),
  /** Filled at load, never written in the file: every branch's `people` (lexicon), merged. */
  trades: peopleWords.optional(),
});
export type FrenchFile = z.infer<typeof frenchFile>;

/** A folded word as the text normalizer compares it: lower case, no accents, ASCII letters and digits. */
const foldedWord = z.string().regex(/^[a-z0-9]+$/, 'mot attendu en minuscules sans accents');

/**
 * grids/french-words.yaml: the words the text normalizer (src/text/normalize.ts) cannot derive from
 * its grammar rules, shared by every branch. Keys and values are folded words.
 */
export const frenchWordsFile = z
  .strictObject({
    about: z.string().optional(),
    /** Irregular plurals, feminines and ordinals: word → its canonical form. */
    irregular: z.record(foldedWord, foldedWord),
    /** Words that look plural or feminine but are lemmas, kept as they are. */
    keep: z.array(foldedWord),
    /** Shorthand of titles → the words it stands for. */
    abbreviations: z.record(foldedWord, z.array(foldedWord).min(1)),
    /** Shorthand expanded in titles only (ambiguous in running text). */
    titleOnlyAbbreviations: z.array(foldedWord),
    /** Spelling variants and split compounds: canonical token → the tokens it stands for. */
    synonyms: z.record(foldedWord, z.array(foldedWord).min(1)),
    /** Function words dropped from titles and texts. */
    stopWords: z.array(foldedWord),
    /** Dropped from running text only. */
    textOnlyStopWords: z.array(foldedWord),
    /** Canonical token → the stem of its family, where the suffix rules cannot see it. */
    stemIrregular: z.record(foldedWord, foldedWord),
  })
  .superRefine((f, ctx) => {
    for (const w of f.titleOnlyAbbreviations) {
      if (!(w in f.abbreviations)) ctx.addIssue({ code: 'custom', path: ['titleOnlyAbbreviations'], message: `« ${w} » n'est pas dans abbreviations` });
    }
  });
export type FrenchWordsFile = z.infer<typeof frenchWordsFile>;

/** One degree of a cotation criterion, or the lowest and highest of a span of degrees. */
export const degreeSpan = z.union([z.number().int(), z.tuple([z.number().int(), z.number().int()])]);
export type DegreeSpan = z.infer<typeof degreeSpan>;

/**
 * How a job description shows the degrees of a grid's cotation criteria (matching aid, not law):
 * per criterion, patterns (regular expressions on lower-case text without accents, denials
 * blanked) each giving the degree or span of degrees it shows, and the span to count when the
 * description says nothing of the criterion, with why. Read by src/match/cotation-reading.ts.
 */
export const cotationCues = z.strictObject({
  criteria: z
    .array(
      z.strictObject({
        /** The criterion's fact in the grid's `cotation`. */
        fact: z.string().min(1),
        cues: z
          .array(
            z.strictObject({
              degrees: degreeSpan,
              patterns: z.array(z.string().min(2)).min(1),
              /** The patterns are denials themselves ("sans diplôme"): read before denials are blanked. */
              negative: z.boolean().optional(),
              comment: z.string().optional(),
            }),
          )
          .min(1),
        unsaid: z.strictObject({ degrees: degreeSpan, comment: z.string().min(1) }).optional(),
      }),
    )
    .min(1),
  /**
   * A criterion neither read nor given an `unsaid` span counts within this many degrees of the
   * degrees read on the other criteria (rather than its whole scale), with why: for a referential
   * whose degrees climb together (the same number says a comparable demand on every criterion).
   */
  unreadNear: z.strictObject({ degrees: z.number().int().min(0), comment: z.string().min(1) }).optional(),
  /**
   * A criterion read more than this many degrees away from the middle of the degrees read on the
   * other criteria is counted from what it reads to within that many degrees of them, with why:
   * one cue read alone against all the others is more often a word out of context than the job
   * (a widened range rather than a narrow wrong one).
   */
  readApart: z.strictObject({ degrees: z.number().int().min(1), comment: z.string().min(1) }).optional(),
  /**
   * Patterns (on the folded text, like the cues) of what a description says of something else
   * than the job: the company ("usine de 150 personnes"), a greeting, the question asked. Blanked
   * before any cue is read.
   */
  outside: z.array(z.string().min(2)).optional(),
});
export type CotationCues = z.infer<typeof cotationCues>;

export const lexicon = z.strictObject({
  /** The degrees of the grid's cotation criteria as job descriptions show them. */
  cotation: cotationCues.optional(),
  /** The branch's own shorthand; the shared list (grids/abbreviations.yaml) is merged in at load. */
  abbreviations: abbreviations.default({}),
  /**
   * Names a trade gives a benchmark job ("opticienne" for the base job of the opticiens, not for
   * the managers whose title holds the word): read by the title search as the job's own names.
   */
  titles: z
    .array(
      z.strictObject({
        /** A title of the grid in force, as written there. */
        job: z.string().min(2),
        names: z.array(z.string().min(2)).min(1),
        comment: z.string().optional(),
      }),
    )
    .default([]),
  /** The trade's people (merged at load into the general French of grids/french.yaml). */
  people: peopleWords.optional(),
  /**
   * Filled at load, never written in a branch's file: grids/french.yaml, with every branch's
   * `people` as its `trades` (a description may name the people of another trade).
   */
  french: frenchFile.optional(),
  entries: z
    .array(
      z.strictObject({
        /** Words or phrases as people write them (matched after normalisation). */
        when: z.array(z.string().min(2)).min(1),
        /** Words of the texts they stand for. */
        add: z.array(z.string().min(2)).min(1),
        comment: z.string().optional(),
      }),
    )
    .default([]),
});
export type Lexicon = z.infer<typeof lexicon>;

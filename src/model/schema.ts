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

export const RULE_KINDS = [
  'entry-period', // maximum time in an entry position or level
  'diploma-floor', // a diploma gives at least a position
  'track-eligibility', // who may or may not be placed in a track
  'status-floor', // a fact imposes at least a status
  'level-floor', // a fact imposes at least a level (2198: CQP → maîtrisant)
  'benchmark-floor', // a job equal to a benchmark job is not classed below it
  'position-condition', // conditions of access to a position (1431 santé track)
  'transition', // deadline to apply a new grid
  'level-condition', // conditions of access to a level (2198: maîtrisant, référent)
  'criteria-minimum', // a job is placed at the lowest position its criteria reach (2198: catégorie)
  'range-choice', // the text leaves the choice within a range to the employer: what decides
] as const;

export const rule = z.strictObject({
  id: slug,
  kind: z.enum(RULE_KINDS),
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
  /** Kind-specific parameters, e.g. { max: "P6M" } or { minPosition: "175", diploma: "branche" }. */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])).default({}),
  /** When the rule applies, in terms of facts (see src/model/condition.ts); always when absent. */
  when: condition.optional(),
  comment,
  source,
});
export type Rule = z.infer<typeof rule>;

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
export const fact = z.strictObject({
  id: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'identifiant de fait en camelCase'),
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

/**
 * Minimum wages as dated data: the conventional scales of each branch (grille des salaires
 * minima) and the national minimum wage (SMIC). Each amount carries its source, like the grids.
 */
import { z } from 'zod';
import { isoDate, slug, source } from './schema.js';

export const wageRow = z.strictObject({
  /** Position as the grid writes it (`195`, `1.3`, `E`). */
  position: z.string().min(1),
  /** Level inside the position when the scale distinguishes them (2198: `debutant`). */
  level: slug.optional(),
  /** Gross minimum in euros for a full-time month (35 h, 151,67 h), or for a full-time year when the scale's basis is annual. */
  amount: z.number().positive(),
  source: source.optional(),
});

/**
 * Pay components a branch may leave out of the pay compared with its minimum, and that a staff list
 * may give in columns of their own (named alike in the roster's columns).
 */
export const EXCLUDABLE_PAY = ['heures_sup', 'prime_anciennete'] as const;
export type ExcludablePay = (typeof EXCLUDABLE_PAY)[number];

/** One component left out of the compared pay, with the words of the branch's text that leave it out. */
const excludedPay = z.strictObject({ component: z.enum(EXCLUDABLE_PAY), quote: z.string().min(1) });

export const wageScale = z.strictObject({
  id: slug,
  title: z.string().min(1),
  /** The grid whose positions the scale lists (an old grid's coefficients, for 1431). */
  grid: slug,
  effectiveFrom: isoDate,
  effectiveFromReason: z.string().min(1).optional(),
  /**
   * The day the scale was last checked against the official texts: required in the shipped files (see
   * `shippedScale`); absent on a scale a user loads, which nobody here has checked.
   */
  lastVerified: isoDate.optional(),
  /**
   * When the scale binds members of the signatory organisations before the others (`effectiveFrom`
   * is then the members' date): the date it binds every employer, or null when it never does or
   * the date is not known (never extended, or the extension's publication not in the texts).
   */
  nonMembersFrom: isoDate.nullable().optional(),
  nonMembersReason: z.string().min(1).optional(),
  /**
   * What the amounts are a minimum for: a month (absent: most scales) or a calendar year of full-time work
   * (an annual minimum is compared pro rata of the period paid: a month is a twelfth of it).
   */
  basis: z.enum(['monthly', 'annual']).optional(),
  /**
   * What pay the minimum is compared with, as the branch's text defines it (which bonuses count,
   * which do not), in words for the user, with its citation: the audit says it next to a pay found
   * under the minimum, since a staff list's pay column may include or leave out those items.
   * `excludes`: the components the text leaves out that a file may give apart (each quoted from the
   * same article): the audit takes them off the pay before comparing.
   */
  comparedPay: z.strictObject({ text: z.string().min(1), source, excludes: z.array(excludedPay).optional() }).optional(),
  rows: z.array(wageRow).min(1),
  /** Levels whose minimum is another level's times a factor (2198: maîtrisant = débutant × 1,02). */
  levelFactors: z
    .array(z.strictObject({ level: slug, base: slug, factor: z.number().positive(), source }))
    .default([]),
  comment: z.string().optional(),
  source,
});
export type WageScale = z.infer<typeof wageScale>;

/** A scale of a convention's wages.yaml: its check against the texts is dated. */
const shippedScale = wageScale.extend({ lastVerified: isoDate });

/** A file's scales run oldest first, one per date: what is in force at a date is then never a tie. */
const oldestFirst = <T>(dateOf: (item: T) => string) => (items: T[], ctx: z.RefinementCtx) => {
  items.forEach((item, i) => {
    if (i > 0 && dateOf(item) <= dateOf(items[i - 1]!)) ctx.addIssue({ code: 'custom', path: [i], message: `date ${dateOf(item)} : attendue après ${dateOf(items[i - 1]!)} (du plus ancien au plus récent, une seule entrée par date)` });
  });
};

export const wagesFile = z.strictObject({ scales: z.array(shippedScale).min(1).superRefine(oldestFirst((s) => s.effectiveFrom)) });
export type WagesFile = z.infer<typeof wagesFile>;

export const smicRate = z.strictObject({
  from: isoDate,
  /** Gross hourly rate in euros. */
  hourly: z.number().positive(),
  /** Gross monthly amount for 35 hours a week (hourly × 35 × 52 / 12, rounded to the cent). */
  monthly: z.number().positive(),
  /** The act that set it: "Décret n° 2025-1228 du 17 décembre 2025". */
  act: z.string().min(1),
  comment: z.string().optional(),
});

export const smicFile = z.strictObject({
  title: z.string().min(1),
  /** The day the whole table was last checked against the acts that set its rates. */
  lastVerified: isoDate,
  rates: z.array(smicRate).min(1).superRefine(oldestFirst((r) => r.from)),
});
/** The SMIC table; `lastVerified` is absent only from the empty table of a root without law/smic.yaml. */
export type SmicFile = Omit<z.infer<typeof smicFile>, 'lastVerified'> & { lastVerified?: string };

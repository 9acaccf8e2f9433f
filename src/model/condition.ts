/**
 * Conditions of the rules, as data: a small, closed language so that a grid file can say
 * "licence, CQP or 2 years of practice" or "referent on every domain present on the site"
 * without code naming a convention. Evaluated in three values by src/classify/conditions.ts.
 */
import { z } from 'zod';

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const factTest = z.strictObject({
  fact: z.string().min(1),
  /** The fact equals this value. */
  eq: scalar.optional(),
  /** The fact is one of these values. */
  in: z.array(scalar).optional(),
  gte: z.number().optional(),
  gt: z.number().optional(),
  lte: z.number().optional(),
  lt: z.number().optional(),
  /** A list fact has at least this many items. */
  countGte: z.number().int().nonnegative().optional(),
  /** A list fact contains every one of these values. */
  includesAll: z.array(z.string()).optional(),
  /** A list fact contains every item of another list fact. */
  coversFact: z.string().optional(),
  /** The fact is known (answered), whatever its value. */
  known: z.boolean().optional(),
});
export type FactTest = z.infer<typeof factTest>;

export type Condition = FactTest | { all: Condition[] } | { any: Condition[] } | { not: Condition };

export const condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    factTest,
    z.strictObject({ all: z.array(condition).min(1) }),
    z.strictObject({ any: z.array(condition).min(1) }),
    z.strictObject({ not: condition }),
  ]),
);

/**
 * Facts every grid can use without declaring them: the benchmark job, and the time spent in the
 * position, which the engine derives from `positionSince` and the date of the computation.
 */
export const ENGINE_FACTS = ['jobId', 'positionSince', 'monthsInPosition', 'track', 'fromPosition', 'fromStatus'] as const;

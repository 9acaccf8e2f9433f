/**
 * Worked legal examples as data (grids/<folder>/examples.yaml): facts at a date, the answer the
 * text gives, and the words of the text it rests on. One generic test runs every file through the
 * engine (test/grid-examples.test.ts); a misspelt key is refused, like in the grids.
 */
import { z } from 'zod';
import { isoDate, slug, source, status } from './schema.js';

const factName = z.string().min(1);

export const workedExample = z.strictObject({
  id: slug,
  /** What the example shows, in French: the facts and the answer. */
  title: z.string().min(1),
  at: isoDate,
  /** The grid version the date selects, when the example is about which one applies. */
  grid: slug.optional(),
  facts: z.record(z.string(), z.unknown()),
  outcome: z.enum(['result', 'unknown', 'not-applicable']).optional(),
  /** The positions of the answer, in grid order (several when the text leaves the choice or facts are missing). */
  positions: z.array(z.string()),
  statuses: z.array(status),
  /** Levels inside the position, where the grid has them. */
  levels: z.array(slug).optional(),
  /** null: the facts leave several parallel tracks open (the answer gives each one's positions). */
  track: z.string().min(1).nullable().optional(),
  /** The emploi-repère of the answer; null when none applies (any longer). */
  job: slug.nullable().optional(),
  /** Facts the answer asks for (among others); `asksFirst` is the first question. */
  asks: z.array(factName).optional(),
  asksFirst: factName.optional(),
  /** Facts the answer must not ask for: the text makes them irrelevant here. */
  doesNotAsk: z.array(factName).optional(),
  /** Warnings the answer gives (by code, with the due date when the text sets one), and those it must not give. */
  warnings: z.array(z.strictObject({ code: z.string().min(1), dueDate: isoDate.optional() })).optional(),
  noWarnings: z.array(z.string().min(1)).optional(),
  /**
   * The text the answer rests on: each quote must stand verbatim in its document; `cited: true` when the answer
   * itself (its explanation or a warning) must cite it: one of its citations contains the quote.
   */
  sources: z.array(source.extend({ cited: z.boolean().optional() })).min(1),
});
export type WorkedExample = z.infer<typeof workedExample>;

export const workedExamplesFile = z.strictObject({
  examples: z.array(workedExample).min(1),
});

/**
 * The labelled descriptions the matcher learns from (the `examples` signal, src/match/examples.ts):
 * the tuning sets that eval/training.json declares, kept by the build in dist/examples.json and
 * read on the first description matched (src/grids/snapshot.ts, learnFromBuild). Only
 * the sets listed there are opened; a held-out set named there is an error.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { ExampleSet } from '../model/examples.js';
import { GridFileError } from './errors.js';
import { readYaml } from './read-yaml.js';

export const TRAINING_FILE = 'eval/training.json';

/**
 * Sets kept for measuring only: the matcher never learns from them, nor from any set named `*-test`
 * or `*-fresh*` (the sets written by authors who never saw the matcher, issue 11: others-fresh,
 * titles-fresh, others-fresh2…). The older `fresh`, `fresh2`, `fresh3` became tuning sets once run.
 */
export const HELD_OUT_SETS: readonly string[] = ['test', 'fresh4'];

export function isHeldOut(set: string): boolean {
  return HELD_OUT_SETS.includes(set) || set.endsWith('-test') || /-fresh\d*$/.test(set);
}

const training = z.object({
  about: z.string().optional(),
  /** The labels name the jobs of the grid in force at this date. */
  at: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  sets: z.array(z.string().regex(/^[\w-]+$/)).min(1),
});

const cases = z.array(
  z.object({
    id: z.string(),
    idcc: z.string(),
    text: z.string(),
    expect: z.object({ job: z.string(), positions: z.array(z.string()) }),
    style: z.string().optional(),
  }),
);

/** The training declaration of `root`, when there is one (a checkout; not an installed package). */
export function readTraining(root: string): z.infer<typeof training> | undefined {
  const file = join(root, TRAINING_FILE);
  if (!existsSync(file)) return undefined;
  const data = readYaml(file, training, TRAINING_FILE).data;
  const heldOut = data.sets.filter(isHeldOut);
  if (heldOut.length > 0) throw new GridFileError(TRAINING_FILE, [{ path: 'sets', message: `jeu réservé à la mesure, jamais à l'apprentissage : ${heldOut.join(', ')}` }]);
  return data;
}

/** The examples of each convention (by IDCC), from the sets eval/training.json declares; empty without it. */
export function readExamples(root: string): Map<string, ExampleSet> {
  const byIdcc = new Map<string, ExampleSet>();
  const decl = readTraining(root);
  if (!decl) return byIdcc;
  for (const set of decl.sets) {
    const rel = `eval/${set}.yaml`;
    for (const c of readYaml(join(root, rel), cases, rel).data) {
      const entry = byIdcc.get(c.idcc) ?? { at: decl.at, sets: decl.sets, cases: [] };
      entry.cases.push({ id: c.id, text: c.text, job: c.expect.job });
      byIdcc.set(c.idcc, entry);
    }
  }
  return byIdcc;
}

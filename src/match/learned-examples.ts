/**
 * The learned signal's side of a grid: which jobs an example's label names, and the index of the
 * labelled descriptions (the build's, or built here for a given list: cross-validation).
 */
import type { Grid } from '../grids/grid.js';
import { foldAccents } from '../text/normalize.js';
import { readTerms } from './description-query.js';
import { buildExampleIndex, type Example, type ExampleIndex } from './examples.js';
import { prebuiltOf } from './prebuilt.js';

/** A label's title as eval/ and the grid write it, folded. */
const labelKey = (title: string) => foldAccents(title).replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * The jobs (by index) a label names: by its title, or by the first of the job's titles
 * ("Opticien diplômé 1" for "Opticien diplômé 1/Professionnel de santé 1"), or a line of the
 * text the grid splits into one job per title ("Chauffeur-livreur. Magasinier cariste"). A title
 * the grid lists in two filières names both.
 */
export function labelledJobs(grid: Grid, label: string): number[] {
  const wanted = new Set([label, ...label.split('. ')].map(labelKey));
  const at: number[] = [];
  grid.jobs.forEach((j, i) => {
    if (wanted.has(labelKey(j.title)) || wanted.has(labelKey(j.title.split('/')[0]!))) at.push(i);
  });
  return at;
}

const exampleIndexes = new WeakMap<Grid, WeakMap<readonly Example[], ExampleIndex>>();

/** The index of `examples` for `grid` (built once per grid and list of examples); undefined without examples. */
export function examplesOf(grid: Grid, given?: readonly Example[]): ExampleIndex | undefined {
  // The grid's own examples: the build's index, when there is one, spares reading them.
  if (given === undefined) {
    const prebuilt = prebuiltOf(grid);
    if (prebuilt) return prebuilt.examples;
  }
  const examples = given ?? grid.examples;
  if (examples.length === 0) return undefined;
  let byList = exampleIndexes.get(grid);
  if (!byList) exampleIndexes.set(grid, (byList = new WeakMap()));
  let index = byList.get(examples);
  if (!index) {
    const read = examples.map((e) => ({ tf: readTerms(grid, e.text).tf, jobs: labelledJobs(grid, e.job) })).filter((e) => e.jobs.length > 0);
    byList.set(examples, (index = buildExampleIndex(read, grid.jobs.length)));
  }
  return index;
}

/**
 * Every text of the development sets through `searchGrid` (and the matcher's full answer), as
 * JSON (with a digest of every job's signals and unrounded score), from the built code of a tree: to check that a change of speed changes no answer, byte
 * for byte (jobs, order, scores, confidences, evidence, criteria read).
 *   node bench/search-snapshot.mjs <tree root> > before.json   # e.g. a copy of main's dist/
 *   node bench/search-snapshot.mjs . > after.json && cmp before.json after.json
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(process.argv[2] ?? '.');
const load = (p) => import(pathToFileURL(resolve(root, p)).href);
const { loadCatalogue } = await load('dist/grids/catalogue.js');
const { searchGrid } = await load('dist/match/grid-search.js');
const { matchDescription, scoreJobs } = await load('dist/match/describe.js');
const { createHash } = await import('node:crypto');
const { parse } = await import('yaml');

const SETS = ['dev', 'dev2', 'fresh3', 'others-dev', 'others-dev2', 'others-dev3', 'train-1431', 'train-2198', 'train-3168', 'titles-dev'];
const catalogue = loadCatalogue();
const out = [];
for (const set of SETS) {
  const cases = parse(readFileSync(resolve(root, 'eval', `${set}.yaml`), 'utf8'));
  for (const c of cases) {
    const grid = catalogue.convention(c.idcc).gridAt('2025-06-01');
    const answer = searchGrid(grid, c.text, { limit: 10 });
    const matches = matchDescription(grid, c.text, { limit: 10, at: '2025-06-01' });
    out.push({
      id: c.id,
      answer: { ...answer, results: answer.results.map(({ job, ...r }) => ({ job: job.id, ...r })) },
      matches: matches.map(({ job, ...m }) => ({ job: job.id, ...m })),
      // Every job's signals and unrounded score, as a digest (the whole would be 200 MB).
      signals: createHash('sha256').update(JSON.stringify(scoreJobs(grid, c.text, { at: '2025-06-01' }).map((s) => [s.job.id, s.signals, s.score]))).digest('hex'),
    });
  }
}
process.stdout.write(JSON.stringify(out, null, 1) + '\n');

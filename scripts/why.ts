/**
 * Why a development case gets its first answer, out of fold: the top jobs with their weighted
 * signals, the lexicon entries the text fires, the level cues and the heading.
 *   npx tsx scripts/why.ts others-dev2 2198-6009 [more ids…]
 */
import { loadCatalogue, PACKAGE_ROOT } from '../src/grids/catalogue.js';
import { isHeldOut, readTraining } from '../src/grids/examples.js';
import { scoreJobs } from '../src/match/describe.js';
import { readTerms } from '../src/match/description-query.js';
import type { Example } from '../src/match/examples.js';
import { WEIGHTS } from '../src/match/score-weights.js';
import type { Signals } from '../src/match/signals.js';
import { readSet } from './eval-sets.js';

const [set, ...ids] = process.argv.slice(2);
if (!set || isHeldOut(set)) throw new Error('un jeu de développement');
const training = readTraining(PACKAGE_ROOT)!;
const catalogue = loadCatalogue();
const train = new Map<string, Example[]>();
for (const name of training.sets) if (name !== set) for (const c of readSet(name)) train.set(c.idcc, [...(train.get(c.idcc) ?? []), { id: c.id, text: c.text, job: c.expect.job }]);
for (const c of readSet(set)) {
  if (ids.length > 0 && !ids.includes(c.id)) continue;
  const grid = catalogue.convention(c.idcc)!.gridAt(training.at)!;
  console.log(`\n## ${c.id} (${c.idcc}) attendu ${c.expect.job}\n${c.text.trim()}`);
  const t = readTerms(grid, c.text);
  console.log('lexique:', t.lexicon.map((e) => `${e.when.map((w) => w.join(' ')).join('|')} → ${e.words.join(' ')}`).join(' ; '));
  const all = scoreJobs(grid, c.text, { at: '2026-11-15', examples: train.get(c.idcc) ?? [] });
  for (const x of all.slice(0, 5)) {
    const parts = (Object.keys(x.signals) as (keyof Signals)[]).filter((k) => x.signals[k] !== 0).map((k) => `${k} ${(WEIGHTS[k] * x.signals[k]).toFixed(3)}`);
    console.log(`  ${x.score.toFixed(3)} ${x.job.title} [${x.job.positions.join(',')}] — ${parts.join(', ')}`);
  }
  const right = all.findIndex((x) => x.job.title.startsWith(c.expect.job));
  if (right >= 5) { const x = all[right]!; console.log(`  #${right + 1} ${x.score.toFixed(3)} ${x.job.title} — ${(Object.keys(x.signals) as (keyof Signals)[]).filter((k) => x.signals[k] !== 0).map((k) => `${k} ${(WEIGHTS[k] * x.signals[k]).toFixed(3)}`).join(', ')}`); }
}

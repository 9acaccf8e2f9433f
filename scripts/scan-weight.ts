/**
 * Top-1 of the development sets for a few values of one weight of the matcher (WEIGHTS):
 *   npx tsx scripts/scan-weight.ts --weight heading --values 0,0.3,0.6,1 --sets others-dev,titles-dev,dev
 * Held-out sets (test, fresh4, *-test) are refused: never choose a weight on them.
 */
import { parseArgs } from 'node:util';
import { searchGrid } from '../src/match/grid-search.js';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { isHeldOut } from '../src/grids/examples.js';
import { WEIGHTS } from '../src/match/score-weights.js';
import { readSet, rightAnswer } from './eval-sets.js';

const { values } = parseArgs({ options: { weight: { type: 'string' }, values: { type: 'string' }, sets: { type: 'string', default: 'dev,dev2,others-dev,titles-dev' } } });
const name = values.weight as keyof typeof WEIGHTS;
if (typeof WEIGHTS[name] !== 'number') throw new Error(`poids inconnu : ${values.weight}`);
const sets = values.sets!.split(',');
if (sets.some(isHeldOut)) throw new Error('jeu réservé à la mesure');
const catalogue = loadCatalogue();
const weights = WEIGHTS as unknown as Record<string, number>;
for (const v of values.values!.split(',').map(Number)) {
  weights[name] = v;
  const row = sets.map((set) => {
    const cases = readSet(set);
    const right = cases.filter((c) => {
      const first = searchGrid(catalogue.convention(c.idcc)!.gridAt('2025-06-01')!, c.text, { limit: 1 }).results[0];
      return first !== undefined && rightAnswer(c)(first.job.title);
    }).length;
    return `${set} ${((100 * right) / cases.length).toFixed(1)} %`;
  });
  console.log(`${name} = ${v}: ${row.join(' ; ')}`);
}

/**
 * Jobs that no emploi-repère describes (eval/criteria-only/*.yaml: `expect.job` null, the range of
 * positions the grid's criteria allow). Issue 11: "never a lower card with certainty" — each text
 * goes through `searchGrid` as a user's, and its answer is sorted into one of four outcomes:
 *   - a range read from the criteria (`withoutCard`): does it contain the expected positions,
 *     overlap them, or miss them;
 *   - declined (the criteria answer is empty and sends the user to the questionnaire): acceptable;
 *   - a card, uncertain: acceptable only as a hint, counted apart;
 *   - a card given as certain (not uncertain): never right, since no card describes the job, and
 *     counted apart when its position is below the range the criteria allow (the case the issue
 *     forbids: "never a lower card with certainty") or inside it (an analogous card: the grid
 *     makes an emploi-repère the minimum of analogous jobs).
 *   npx tsx scripts/eval-nocard.ts [eval/criteria-only/others-dev-nocard.yaml …] [-v]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { searchGrid } from '../src/match/grid-search.js';

interface NoCardCase {
  id: string;
  idcc: string;
  text: string;
  expect: { job: null; positions: string[] };
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { verbose: { type: 'boolean', short: 'v' } } });
const files = positionals.length ? positionals : ['eval/criteria-only/others-dev-nocard.yaml'];
const catalogue = loadCatalogue();
const outcomes = { contains: 0, overlaps: 0, misses: 0, declined: 0, uncertainCard: 0, certainCard: 0, certainLower: 0 };
let n = 0;
let width = 0;
for (const file of files) {
  for (const c of parse(readFileSync(file, 'utf8')) as NoCardCase[]) {
    n++;
    const grid = catalogue.convention(c.idcc)!.gridAt('2025-06-01')!;
    const answer = searchGrid(grid, c.text, { limit: 3 });
    const range = answer.withoutCard?.positions;
    let outcome: keyof typeof outcomes;
    if (range && range.length > 0) {
      width += range.length;
      const inside = c.expect.positions.filter((p) => range.includes(p)).length;
      outcome = inside === c.expect.positions.length ? 'contains' : inside > 0 ? 'overlaps' : 'misses';
    } else if (range) outcome = 'declined';
    else if (answer.uncertain) outcome = 'uncertainCard';
    else {
      const rank = (code: string) => grid.positions.findIndex((p) => p.code === code);
      const lowest = Math.min(...c.expect.positions.map(rank));
      outcome = Math.max(...(answer.results[0]?.positions ?? []).map(rank)) < lowest ? 'certainLower' : 'certainCard';
    }
    outcomes[outcome]++;
    if (values.verbose) {
      const first = answer.results[0];
      console.log(`${c.id} attendu ${c.expect.positions.join('/')} → ${outcome} ${range?.length ? range.join('/') : first ? `« ${first.job.title} » ${first.positions.join('/')} (${(first.confidence ?? 0).toFixed(2)})` : ''}`);
    }
  }
}
const pct = (a: number) => `${((100 * a) / (n || 1)).toFixed(1)} %`;
const ranges = outcomes.contains + outcomes.overlaps + outcomes.misses;
console.log(`${n} emplois sans emploi-repère (${files.join(', ')})`);
console.log(`plage lue dans les critères : ${ranges} (${pct(ranges)}) — contient l'attendu ${outcomes.contains}, le recoupe ${outcomes.overlaps}, le manque ${outcomes.misses} ; largeur moyenne ${(width / (ranges || 1)).toFixed(2)}`);
console.log(`refus renvoyant au questionnaire : ${outcomes.declined} (${pct(outcomes.declined)})`);
console.log(`emploi-repère donné comme incertain : ${outcomes.uncertainCard} (${pct(outcomes.uncertainCard)})`);
console.log(`emploi-repère voisin donné comme certain, position dans la plage ou au-dessus : ${outcomes.certainCard} (${pct(outcomes.certainCard)})`);
console.log(`emploi-repère inférieur donné comme certain (ce qu'interdit l'issue 11) : ${outcomes.certainLower} (${pct(outcomes.certainLower)})`);

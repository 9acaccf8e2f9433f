/**
 * Description matching by cotation against a held-out set of labelled descriptions:
 * `npx tsx scripts/eval-cotation.ts eval/metallurgy-fresh.yaml` (the « author » helper's set, merged
 * into eval/). A case gives `idcc`, `text`, `classes: [lowest, highest]` and `degrees` (per
 * criterion fact, [lowest, highest]). Prints how many the reader answers, how many answers contain
 * the label's classes or only overlap them, the mean width, and how many criteria read agree.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { readCotation } from '../src/match/cotation-reading.js';

interface Case {
  id: string;
  idcc: string;
  text: string;
  classes: [string, string];
  degrees: Record<string, [string | number, string | number]>;
}

const file = process.argv[2];
if (!file) throw new Error('usage: npx tsx scripts/eval-cotation.ts <set.yaml>');
const cases = parse(readFileSync(file, 'utf8')) as Case[];
const catalogue = loadCatalogue();
const tally = { cases: cases.length, answered: 0, contained: 0, overlapping: 0, disjoint: 0, widths: 0, read: 0, readAgreeing: 0 };
for (const c of cases) {
  const grid = catalogue.convention(c.idcc)?.grids.at(-1);
  const r = grid ? readCotation(grid, c.text) : undefined;
  if (!grid?.cotation || !r) continue;
  const order = [...grid.cotation.ranges].sort((a, b) => a.min - b.min).map((x) => x.position);
  const label = order.slice(order.indexOf(c.classes[0]), order.indexOf(c.classes[1]) + 1);
  for (const k of r.criteria) {
    const l = c.degrees[k.fact];
    if (!k.read || !l) continue;
    tally.read++;
    if (k.read.max >= Number(l[0]) && k.read.min <= Number(l[1])) tally.readAgreeing++;
  }
  if (r.positions.length === 0) continue;
  tally.answered++;
  tally.widths += r.positions.length;
  const outcome = label.every((p) => r.positions.includes(p)) ? 'contained' : label.some((p) => r.positions.includes(p)) ? 'overlapping' : 'disjoint';
  tally[outcome]++;
  console.log(`${c.id}\t${outcome}\tlabel ${label.join(',')}\tanswer ${r.positions.join(',')}`);
}
const { widths, ...shown } = tally;
console.log({ ...shown, meanWidth: tally.answered ? Number((widths / tally.answered).toFixed(2)) : null });

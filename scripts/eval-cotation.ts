/**
 * Description matching by cotation against a set of labelled descriptions:
 * `npx tsx scripts/eval-cotation.ts eval/metallurgy-fresh.yaml [--verbose]`. Two formats: a list of
 * cases with `idcc`, `text`, `classes: [lowest, highest]` and `degrees` (per criterion fact,
 * [lowest, highest]) — the « author » helper's sets; or `descriptions:` with `label` (per
 * criterion, a degree or [lowest, highest]) — test/fixtures/cotation-descriptions-*.yaml, whose
 * classes are those of the label's sums. Prints how many the reader answers, how many answers
 * contain the label's classes or only overlap them, the mean width, and how many criteria read
 * agree; `--verbose` prints each case's criteria, read against the label, and the floors applied.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { positionsBetween } from '../src/classify/cotation.js';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { readCotation } from '../src/match/cotation-reading.js';

type Span = [string | number, string | number];
interface Case {
  id: string;
  idcc: string;
  text: string;
  classes?: [string, string];
  degrees: Record<string, Span>;
}
interface FixtureCase {
  id: string;
  text: string;
  label: Record<string, number | [number, number]>;
}

const file = process.argv[2];
const verbose = process.argv.includes('--verbose');
if (!file) throw new Error('usage: npx tsx scripts/eval-cotation.ts <set.yaml> [--verbose]');
const raw = parse(readFileSync(file, 'utf8')) as Case[] | { descriptions: FixtureCase[] };
// A fixture names no convention: its idcc is given by its file name (cotation-descriptions-<idcc>.yaml).
const cases: Case[] = Array.isArray(raw)
  ? raw
  : raw.descriptions.map((d) => ({
      id: d.id,
      idcc: /-(\d{4})\.yaml$/.exec(file)?.[1] ?? '',
      text: d.text,
      degrees: Object.fromEntries(Object.entries(d.label).map(([k, v]) => [k, (typeof v === 'number' ? [v, v] : v) as Span])),
    }));
const catalogue = loadCatalogue();
const tally = { cases: cases.length, answered: 0, contained: 0, overlapping: 0, disjoint: 0, widths: 0, read: 0, readAgreeing: 0 };
for (const c of cases) {
  const grid = catalogue.convention(c.idcc)?.grids.at(-1);
  const r = grid ? readCotation(grid, c.text) : undefined;
  if (!grid?.cotation || !r) continue;
  const order = [...grid.cotation.ranges].sort((a, b) => a.min - b.min).map((x) => x.position);
  const sums = Object.values(c.degrees).reduce((s, [lo, hi]) => ({ min: s.min + Number(lo), max: s.max + Number(hi) }), { min: 0, max: 0 });
  const label = c.classes ? order.slice(order.indexOf(c.classes[0]), order.indexOf(c.classes[1]) + 1) : positionsBetween(grid.cotation, sums.min, sums.max);
  for (const k of r.criteria) {
    const l = c.degrees[k.fact];
    if (!k.read || !l) continue;
    tally.read++;
    if (k.read.max >= Number(l[0]) && k.read.min <= Number(l[1])) tally.readAgreeing++;
  }
  const answered = r.positions.length > 0;
  const outcome = !answered ? 'declined' : label.every((p) => r.positions.includes(p)) ? 'contained' : label.some((p) => r.positions.includes(p)) ? 'overlapping' : 'disjoint';
  if (answered) {
    tally.answered++;
    tally.widths += r.positions.length;
    tally[outcome as 'contained' | 'overlapping' | 'disjoint']++;
  }
  console.log(`${c.id}\t${outcome}\tlabel ${label.join(',')}\tanswer ${r.positions.join(',') || '—'}\tpoints ${r.points.min}–${r.points.max}`);
  if (verbose) {
    for (const k of r.criteria) {
      const l = c.degrees[k.fact];
      const agrees = k.read && l ? (k.read.max >= Number(l[0]) && k.read.min <= Number(l[1]) ? 'ok' : 'WRONG') : '';
      const shown = k.read ? `${k.read.min}-${k.read.max}${k.widened ? `→${k.counted.min}-${k.counted.max}` : ""}` : `(${k.counted.min}-${k.counted.max})`;
      console.log(`    ${k.fact.padEnd(14)} ${shown.padEnd(8)} label ${l ? `${l[0]}-${l[1]}` : '?'} ${agrees}\t${k.evidence.join(' | ').slice(0, 160)}`);
    }
    for (const f of r.floors ?? []) console.log(`    floor ${f.position}: ${f.evidence.join(' | ')}`);
  }
}
const { widths, ...shown } = tally;
console.log({ ...shown, meanWidth: tally.answered ? Number((widths / tally.answered).toFixed(2)) : null });

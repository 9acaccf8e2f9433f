// Checks payroll-title sets (style `paie`, format of eval/README-issue11-sets.md) against the grids in force.
// Run from the repository root:  node eval/check-paie.mjs eval/titles-dev2.yaml [more files…]
// - every case: id <idcc>-NNNN, unique across every eval/**/*.yaml (other files are parsed for their ids only)
// - idcc one of 1431, 2198, 3168; style `paie`; text upper case (accents allowed), at most 30 characters
// - expect.job is the `title` of a job of the grid in force; expect.positions are exactly that job's positions
//   (union over the tracks that carry the same title); every accept title is a job of the same grid, not the job
// - no text twice within one convention
// - the file is not listed in eval/training.json
// - prints counts per convention (cases, with accept, with note), distinct jobs covered and the titles not covered
import fs from 'node:fs';
import path from 'node:path';
import { GRIDS, root, YAML } from './grids-in-force.mjs';

const jobs = {};
for (const [idcc, f] of Object.entries(GRIDS)) {
  const g = YAML.parse(fs.readFileSync(path.join(root, f), 'utf8'));
  jobs[idcc] = new Map();
  for (const j of g.jobs) {
    if (!jobs[idcc].has(j.title)) jobs[idcc].set(j.title, new Set());
    for (const p of j.positions) jobs[idcc].get(j.title).add(String(p));
  }
}

const files = process.argv.slice(2).map(f => path.resolve(f));
if (!files.length) { console.error('usage: node eval/check-paie.mjs <file.yaml>…'); process.exit(2); }
const errors = [];

// ids of every other eval file (ids only)
const walk = d => fs.readdirSync(d, { withFileTypes: true }).flatMap(e => e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.yaml') ? [path.join(d, e.name)] : []);
const otherIds = new Map();
for (const f of walk(path.join(root, 'eval'))) {
  if (files.includes(f)) continue;
  let doc; try { doc = YAML.parse(fs.readFileSync(f, 'utf8')); } catch { continue; }
  for (const c of Array.isArray(doc) ? doc : doc?.cases ?? []) if (c?.id) otherIds.set(String(c.id), path.relative(root, f));
}
const training = JSON.parse(fs.readFileSync(path.join(root, 'eval/training.json'), 'utf8')).sets ?? [];

for (const f of files) {
  const rel = path.relative(root, f);
  if (training.includes(path.basename(f, '.yaml'))) errors.push(`${rel}: listed in eval/training.json`);
  const cases = YAML.parse(fs.readFileSync(f, 'utf8'));
  const seen = new Set(), texts = new Set();
  const count = {}, covered = { '1431': new Set(), '2198': new Set(), '3168': new Set() };
  for (const c of cases) {
    const where = `${rel} ${c.id}`;
    if (!/^(1431|2198|3168)-\d{4}$/.test(String(c.id)) || String(c.id).slice(0, 4) !== c.idcc) errors.push(`${where}: bad id or idcc`);
    if (seen.has(c.id)) errors.push(`${where}: id twice in the file`);
    if (otherIds.has(c.id)) errors.push(`${where}: id also in ${otherIds.get(c.id)}`);
    seen.add(c.id);
    if (c.style !== 'paie') errors.push(`${where}: style ${c.style}`);
    const t = String(c.text ?? '');
    if (!t || t !== t.toUpperCase()) errors.push(`${where}: text not upper case`);
    if (t.length > 30) errors.push(`${where}: text longer than 30 characters`);
    if (texts.has(c.idcc + t)) errors.push(`${where}: text twice in ${c.idcc}`);
    texts.add(c.idcc + t);
    const m = jobs[c.idcc];
    if (!m) { errors.push(`${where}: unknown idcc`); continue; }
    const pos = m.get(c.expect?.job);
    if (!pos) errors.push(`${where}: job « ${c.expect?.job} » is not a title of the grid in force`);
    else {
      const want = [...pos].sort().join(','), got = [...(c.expect.positions ?? [])].map(String).sort().join(',');
      if (want !== got) errors.push(`${where}: positions ${got} ≠ ${want}`);
      covered[c.idcc].add(c.expect.job);
    }
    for (const a of c.accept ?? []) {
      if (!m.has(a)) errors.push(`${where}: accept « ${a} » is not a title of the grid in force`);
      if (a === c.expect?.job) errors.push(`${where}: accept repeats the job`);
    }
    const k = (count[c.idcc] ??= { cases: 0, accept: 0, note: 0 });
    k.cases++; if (c.accept?.length) k.accept++; if (c.note) k.note++;
  }
  console.log(`${rel}: ${cases.length} cases`);
  for (const [idcc, k] of Object.entries(count)) {
    const missing = [...jobs[idcc].keys()].filter(j => !covered[idcc].has(j));
    console.log(`  ${idcc}: ${k.cases} cases, ${k.accept} with accept, ${k.note} with note; jobs covered ${covered[idcc].size}/${jobs[idcc].size}`);
    if (missing.length) console.log(`    not covered: ${missing.join(' | ')}`);
  }
}
if (errors.length) { console.log(errors.join('\n')); console.log(`${errors.length} error(s)`); process.exit(1); }
console.log('OK');

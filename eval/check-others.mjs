// Checks the held-out sets of session s6 (eval/README-s6-sets.md) against the grids in force and the official texts.
// Run from the repository root:  node eval/check-others.mjs [files…]
//   default files: eval/others-dev4.yaml and eval/criteria-only/others-dev4-nocard.yaml
// - ids <idcc>-NNNN, unique across every eval/**/*.yaml
// - expect.job (when not null) and every accept title is the `title` of a job of the grid in force; expect.positions
//   are positions of that job (union over the tracks that carry the same title); for expect.job null (no card) the
//   positions are positions of the grid, and every case has a note
// - quoted definitions carry a source with a KALIARTI article id
// - no case shares 12 consecutive words with texts/sources/* or shared/sources/* (after folding spaces and apostrophes)
// - prints counts per convention and style
// It reads no case of any other set: other files are parsed for their ids only.
import fs from 'node:fs';
import path from 'node:path';
import { GRIDS, root, YAML } from './grids-in-force.mjs';

const STYLES = new Set(['definition-autre-branche', 'fiche-formelle', 'annonce', 'courriel', 'une-ligne', 'paragraphe']);
const fold = s => s.replace(/[\u00a0\u202f\u2005\t\r\n ]+/g, ' ').replace(/[’‘]/g, "'").trim();

// jobs of each grid: title → set of positions (a title may be carried by several tracks)
const jobs = {}, gridPositions = {};
for (const [idcc, f] of Object.entries(GRIDS)) {
  const g = YAML.parse(fs.readFileSync(path.join(root, f), 'utf8'));
  jobs[idcc] = new Map();
  gridPositions[idcc] = new Set((g.positions ?? []).map(p => String(p.code ?? p.id ?? p)));
  for (const j of g.jobs) {
    if (!jobs[idcc].has(j.title)) jobs[idcc].set(j.title, new Set());
    for (const p of j.positions) { jobs[idcc].get(j.title).add(String(p)); gridPositions[idcc].add(String(p)); }
  }
}

// official texts, for the 12-word test
const textDirs = [path.join(root, 'texts/sources'), path.join(root, 'shared/sources'), path.join(root, '..', 'shared/sources')];
const official = [];
for (const d of textDirs) {
  if (!fs.existsSync(d)) continue;
  for (const f of fs.readdirSync(d)) official.push([path.join(d, f), fold(fs.readFileSync(path.join(d, f), 'utf8'))]);
}

const args = process.argv.slice(2);
const files = args.length ? args.map(a => path.resolve(a)) : ['eval/others-dev4.yaml', 'eval/criteria-only/others-dev4-nocard.yaml'].map(f => path.join(root, f)).filter(f => fs.existsSync(f));
const errors = [];

// ids of every other eval file (ids only)
const walk = d => fs.readdirSync(d, { withFileTypes: true }).flatMap(e => e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.yaml') ? [path.join(d, e.name)] : []);
const otherIds = new Map();
for (const f of walk(path.join(root, 'eval'))) {
  if (files.includes(f)) continue;
  try { for (const c of YAML.parse(fs.readFileSync(f, 'utf8')) ?? []) if (c && c.id) otherIds.set(String(c.id), path.relative(root, f)); } catch { /* not a case list */ }
}

const seen = new Map();
for (const file of files) {
  const rel = path.relative(root, file);
  const list = YAML.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(list)) { errors.push(`${rel}: not a list`); continue; }
  const counts = {};
  for (const c of list) {
    const where = `${rel} ${c.id}`;
    if (!/^\d{4}-\d{4}$/.test(String(c.id)) || !String(c.id).startsWith(`${c.idcc}-`)) errors.push(`${where}: bad id`);
    if (seen.has(c.id)) errors.push(`${where}: duplicate id (also in ${seen.get(c.id)})`); else seen.set(c.id, rel);
    if (otherIds.has(String(c.id))) errors.push(`${where}: id also used in ${otherIds.get(String(c.id))}`);
    if (!jobs[c.idcc]) { errors.push(`${where}: bad idcc ${c.idcc}`); continue; }
    if (typeof c.text !== 'string' || c.text.trim().length < 20) errors.push(`${where}: text missing or too short`);
    if (!STYLES.has(c.style)) errors.push(`${where}: bad style ${c.style}`);
    const { job, positions } = c.expect ?? {};
    if (!Array.isArray(positions) || positions.length === 0) errors.push(`${where}: no positions`);
    else if (new Set(positions).size !== positions.length) errors.push(`${where}: duplicate positions`);
    if (job === null) {
      for (const p of positions ?? []) if (!gridPositions[c.idcc].has(String(p))) errors.push(`${where}: position ${p} is not a position of the grid`);
      if (!c.note) errors.push(`${where}: a no-card case needs a note`);
    } else {
      const ok = jobs[c.idcc].get(job);
      if (!ok) errors.push(`${where}: job "${job}" is not a title of ${GRIDS[c.idcc]}`);
      else for (const p of positions ?? []) if (!ok.has(String(p))) errors.push(`${where}: position ${p} not a position of "${job}" (${[...ok].join(', ')})`);
    }
    for (const a of c.accept ?? []) {
      if (!jobs[c.idcc].has(a)) errors.push(`${where}: accept "${a}" is not a title of ${GRIDS[c.idcc]}`);
      if (a === job) errors.push(`${where}: accept repeats expect.job`);
    }
    if (c.style === 'definition-autre-branche' && !/IDCC \d+.*KALIARTI\d{12}/.test(String(c.source ?? ''))) errors.push(`${where}: quoted definition without IDCC and article id`);
    const words = fold(c.text).split(' ');
    outer: for (let i = 0; i + 12 <= words.length; i++) {
      const chunk = words.slice(i, i + 12).join(' ');
      for (const [f, t] of official) if (t.includes(chunk)) { errors.push(`${where}: shares 12 words with ${path.relative(root, f)}: "${chunk}"`); break outer; }
    }
    const k = `${c.idcc} ${c.style}`;
    counts[k] = (counts[k] ?? 0) + 1;
  }
  console.log(`${rel}: ${list.length} cases`);
  for (const idcc of Object.keys(GRIDS)) {
    const l = list.filter(c => c.idcc === idcc);
    if (!l.length) continue;
    const st = Object.entries(counts).filter(([k]) => k.startsWith(idcc)).map(([k, n]) => `${k.slice(5)} ${n}`).join(', ');
    console.log(`  ${idcc}: ${l.length} (${st}); with accept ${l.filter(c => c.accept?.length).length}; distinct jobs ${new Set(l.map(c => c.expect?.job)).size}`);
  }
}
console.log(`official texts compared: ${official.length} files`);
if (errors.length) { console.error(errors.join('\n')); console.error(`${errors.length} problem(s)`); process.exit(1); }
console.log('OK');

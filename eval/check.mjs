// Checks eval/dev.yaml, eval/test.yaml and any other eval/*.yaml (e.g. fresh.yaml) against the official texts.
// Run from the repository root:  node eval/check.mjs            (every eval/*.yaml)
//                                node eval/check.mjs fresh.yaml (only the files named; ids still compared with all files)
// - every file parses, ids unique across all files, fields present and well-formed
// - expect.job appears verbatim in the convention's text (after folding NBSP / runs of spaces)
// - expect.positions are positions that job can take according to the text
// - prints counts per convention, per style, distinct jobs, and dev/test overlap (and the same counts for each other file)
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const YAML = require('yaml');

const TEXTS = {
  '3168': 'texts/seeds/000_cf39432f65990045.txt',
  '1431': 'texts/seeds/001_248f83c96df83934.txt',
  '2198': 'texts/sources/2198_classification_avenant_2011_consolide_2021_avec_43_fiches.txt',
};
const STYLES = ['annonce', 'fiche-de-poste', 'note-patron', 'courriel', 'liste'];
const ws = s => s.replace(/[\u00a0\u202f\t ]+/g, ' ').trim();
const text = Object.fromEntries(Object.entries(TEXTS).map(([k, f]) => [k, fs.readFileSync(path.join(root, f), 'utf8')]));
const flat = Object.fromEntries(Object.entries(text).map(([k, t]) => [k, ws(t)]));

// 3168: every "NNN. Title" line of the avenant; a title may occur in several filières.
const allowed = { '3168': new Map(), '1431': new Map(), '2198': new Map() };
const add = (idcc, job, pos) => { const m = allowed[idcc]; if (!m.has(job)) m.set(job, new Set()); pos.forEach(p => m.get(job).add(p)); };
for (const line of text['3168'].split('\n')) {
  const m = ws(line).match(/^(\d{3})\. (.+?)(?: \(période maximale de 6 mois\))?$/);
  if (m) add('3168', m[2], [m[1]]);
}
// 2198: the 43 cards (title line before "Mission |", first "Catégorie X" of the card, plus any
// other category a card's "Facteurs de variation" names, e.g. Modéliste → E).
{
  const lines = text['2198'].split('\n');
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i].startsWith('Mission |')) continue;
    const title = ws(lines[i - 1]);
    let j = i, block = '';
    while (j < lines.length && !/^(Niveau classification\/ coefficient|Classification) \| Catégorie/.test(lines[j])) block += lines[j++] + '\n';
    const cat = lines[j].match(/Catégorie ([A-H])/)[1];
    const extra = [...block.matchAll(/classement en catégorie ([A-H])/g)].map(m => m[1]);
    add('2198', title, [cat, ...extra]);
  }
}
// 1431: flattened tables, so the emplois-repères and their ranges are written out here (6.1 / 6.2 of the avenant).
const R = (a, b) => { const L = ['1.1','1.2','1.3','1.4','1.5','1.6','2.1','2.2','2.3','2.4','3.1','3.2','3.3','3.4','3.5','3.6']; return L.slice(L.indexOf(a), L.indexOf(b) + 1); };
[
  ['Monteur 1', R('1.1', '1.2')], ['Vendeur 1', R('1.1', '1.2')], ['Employé des fonctions support', R('1.1', '1.6')],
  ['Monteur 2', R('1.3', '1.5')], ['Vendeur 2', R('1.3', '1.5')], ['Monteur-vendeur débutant', R('1.3', '1.4')],
  ['Monteur-vendeur 1', R('1.5', '1.6')], ['Monteur-vendeur 2', R('2.1', '2.3')],
  ['Technicien/Agent de maîtrise des fonctions support', R('2.1', '2.4')], ['Directeur adjoint de magasin', R('2.4', '3.1')],
  ['Cadre des fonctions support', R('3.1', '3.5')], ['Directeur de magasin 1', R('3.2', '3.3')], ['Directeur de magasin 2', ['3.4']],
  ['Directeur', ['3.5', 'J']], ['Cadre supérieur ou cadre dirigeant', ['3.6', 'K']],
  ['Opticien diplômé 1', ['A', 'B']], ['Opticien diplômé 2', ['C', 'D']], ['Opticien diplômé 3', ['E', 'F']],
  ['Opticien diplômé 4', ['G', 'H']], ['Opticien diplômé 5', ['I', 'J']],
  ['Opticien directeur adjoint de magasin', ['E', 'F']], ['Opticien directeur de magasin 1', ['G', 'H']],
  ['Opticien directeur de magasin 2', ['I']],
].forEach(([j, p]) => add('1431', j, p));

const errors = [];
const seen = new Map();
const data = {};
// dev and test first, then the other eval/*.yaml files (independent sets such as fresh.yaml)
const others = fs.readdirSync(path.join(root, 'eval')).filter(f => f.endsWith('.yaml')).map(f => f.slice(0, -5))
  .filter(f => f !== 'dev' && f !== 'test').sort();
const allFiles = ['dev', 'test', ...others];
const named = process.argv.slice(2).map(a => path.basename(a).replace(/\.yaml$/, ''));
for (const f of named) if (!allFiles.includes(f)) errors.push(`${f}.yaml: no such file in eval/`);
const checked = named.length ? allFiles.filter(f => named.includes(f)) : allFiles;
// ids of the files not checked still count for uniqueness
for (const f of allFiles.filter(f => !checked.includes(f))) {
  try { for (const c of YAML.parse(fs.readFileSync(path.join(root, 'eval', `${f}.yaml`), 'utf8')) ?? []) if (!seen.has(c.id)) seen.set(c.id, f); } catch { /* reported when that file is checked */ }
}
for (const f of checked) {
  const file = path.join(root, 'eval', `${f}.yaml`);
  let list;
  try { list = YAML.parse(fs.readFileSync(file, 'utf8')); } catch (e) { errors.push(`${f}.yaml: ${e.message}`); continue; }
  if (!Array.isArray(list)) { errors.push(`${f}.yaml: not a list of cases`); continue; }
  data[f] = list;
  for (const c of list) {
    const where = `${f}.yaml ${c.id}`;
    if (seen.has(c.id)) errors.push(`${where}: duplicate id (also in ${seen.get(c.id)})`); else seen.set(c.id, f);
    if (!TEXTS[c.idcc]) { errors.push(`${where}: bad idcc ${c.idcc}`); continue; }
    if (!String(c.id).startsWith(c.idcc + '-')) errors.push(`${where}: id does not start with idcc`);
    if (typeof c.text !== 'string' || c.text.trim().length < 20) errors.push(`${where}: text missing or too short`);
    if (!STYLES.includes(c.style)) errors.push(`${where}: bad style ${c.style}`);
    const job = c.expect?.job, pos = c.expect?.positions;
    if (typeof job !== 'string' || !Array.isArray(pos) || pos.length === 0) { errors.push(`${where}: bad expect`); continue; }
    if (!flat[c.idcc].includes(ws(job))) errors.push(`${where}: job "${job}" not found verbatim in ${TEXTS[c.idcc]}`);
    const ok = allowed[c.idcc].get(ws(job));
    if (!ok) errors.push(`${where}: job "${job}" is not an emploi-repère of ${c.idcc}`);
    else for (const p of pos) if (!ok.has(p)) errors.push(`${where}: position ${p} not allowed for "${job}" (allowed: ${[...ok].join(', ')})`);
    if (new Set(pos).size !== pos.length) errors.push(`${where}: duplicate positions`);
    // no long verbatim borrowing from the official text (12+ consecutive words)
    const words = ws(c.text).split(' ');
    for (let i = 0; i + 12 <= words.length; i++) {
      const chunk = words.slice(i, i + 12).join(' ');
      if (flat[c.idcc].includes(chunk)) { errors.push(`${where}: copies the text: "${chunk}"`); break; }
    }
  }
}

if (data.dev && data.test) {
  const all = [...data.dev, ...data.test];
  const key = c => `${c.idcc}|${c.expect.job}|${c.expect.positions.join(',')}`;
  const jobKey = c => `${c.idcc}|${c.expect.job}`;
  console.log('cases: dev', data.dev.length, 'test', data.test.length, 'total', all.length);
  for (const idcc of Object.keys(TEXTS)) {
    const d = data.dev.filter(c => c.idcc === idcc), t = data.test.filter(c => c.idcc === idcc);
    const dj = new Set(d.map(jobKey)), tj = new Set(t.map(jobKey));
    const styles = Object.fromEntries(STYLES.map(s => [s, [...d, ...t].filter(c => c.style === s).length]));
    const distinct = new Set([...d, ...t].map(jobKey)).size;
    const distinctPos = new Set([...d, ...t].map(key)).size;
    const inBoth = [...tj].filter(j => dj.has(j)).length;
    console.log(`${idcc}: ${d.length + t.length} cases (dev ${d.length}, test ${t.length}); ${distinct} distinct jobs (${distinctPos} job+positions labels) of ${allowed[idcc].size} in the grid; test jobs also in dev: ${inBoth}, only in test: ${tj.size - inBoth}; styles ${JSON.stringify(styles)}`);
    if (tj.size - inBoth === 0 || inBoth === 0) errors.push(`${idcc}: test should hold both jobs seen in dev and unseen jobs`);
  }
  const st = Object.fromEntries(STYLES.map(s => [s, all.filter(c => c.style === s).length]));
  console.log('styles overall', JSON.stringify(st));
  const missing = idcc => [...allowed[idcc].keys()].filter(j => !all.some(c => c.idcc === idcc && ws(c.expect.job) === j));
  for (const idcc of Object.keys(TEXTS)) console.log(`${idcc} jobs never used:`, missing(idcc).join(' | ') || '(none)');
}
// other sets (e.g. fresh.yaml): counts per convention, style and job
for (const f of others.filter(f => data[f])) {
  const list = data[f].filter(c => TEXTS[c.idcc] && typeof c.expect?.job === 'string' && Array.isArray(c.expect.positions));
  const jobKey = c => `${c.idcc}|${ws(c.expect.job)}`;
  console.log(`${f}: ${list.length} cases; ${list.filter(c => c.expect.positions?.length > 1).length} accept more than one position`);
  for (const idcc of Object.keys(TEXTS)) {
    const d = list.filter(c => c.idcc === idcc);
    const styles = Object.fromEntries(STYLES.map(s => [s, d.filter(c => c.style === s).length]));
    const distinct = new Set(d.map(jobKey)).size;
    const distinctPos = new Set(d.map(c => `${jobKey(c)}|${c.expect.positions.join(',')}`)).size;
    console.log(`  ${idcc}: ${d.length} cases; ${distinct} distinct jobs (${distinctPos} job+positions labels) of ${allowed[idcc].size} in the grid; styles ${JSON.stringify(styles)}`);
  }
  console.log(`  styles overall ${JSON.stringify(Object.fromEntries(STYLES.map(s => [s, list.filter(c => c.style === s).length])))}`);
}
if (errors.length) { console.error(errors.join('\n')); console.error(`${errors.length} problem(s)`); process.exit(1); }
console.log('OK');

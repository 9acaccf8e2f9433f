/**
 * The confidence read on first contacts only (eval/first-contacts/*.json, written by
 * scripts/first-contact.ts): each held-out set as it was answered the one time it was run, on the
 * tree of that run, then pooled. One set of a hundred-odd answers cannot show an ECE under 0.05
 * even for a calibrated matcher (its chance ECE is printed beside it); the pool of every first
 * contact can (docs/matching.md, « What an ECE on one set can show »).
 * Without files, the sets of others' words (others-*.json): own-style ones are given by name.
 *   npx tsx scripts/pool-reliability.ts [eval/first-contacts/own-fresh.json …]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { confidentOf, eceByChance, reliability } from './eval-sets.js';

interface FirstContact {
  set: string;
  commit: string;
  answers: { id: string; mode: string; confidence: number; uncertain: boolean; right: boolean }[];
}

const dir = new URL('../eval/first-contacts/', import.meta.url).pathname;
const files = process.argv.length > 2 ? process.argv.slice(2) : readdirSync(dir).filter((f) => f.startsWith('others-') && f.endsWith('.json')).sort().map((f) => join(dir, f));
const contacts = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as FirstContact);
const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)} %`);

function report(label: string, answers: FirstContact['answers']): void {
  const rel = reliability(answers);
  const chance = eceByChance(answers.map((a) => a.confidence));
  const sure = confidentOf(answers);
  console.log(`${label} : n ${answers.length}, top-1 ${pct(answers.filter((a) => a.right).length, answers.length)}, ECE ${rel.ece.toFixed(3)} (calibré, par hasard : ${chance.mean.toFixed(3)} en moyenne, ≤ 0,05 dans ${pct(chance.atMost(0.05), 1)} des tirages), confiance ≥ 0,9 non incertaine ${sure.length}, justes ${pct(sure.filter((a) => a.right).length, sure.length)}`);
  console.log('   ' + rel.bins.filter((b) => b.n > 0).map((b) => `[${b.lo}, ${b.hi}) n ${b.n} moy ${b.mean.toFixed(2)} justes ${pct(b.right * b.n, b.n)}`).join(' | '));
}

for (const c of contacts) report(`${c.set} (arbre ${c.commit.slice(0, 7)})`, c.answers);
if (contacts.length > 1) report(`ensemble (${contacts.map((c) => c.set).join(', ')})`, contacts.flatMap((c) => c.answers));

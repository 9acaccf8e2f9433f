/**
 * The answers a held-out set got when it was run once, on the tree of that run (its « first
 * contact »), kept in eval/first-contacts/<set>.json so that the confidence can be read on every
 * text the matcher was not tuned on, pooled over sets (scripts/pool-reliability.ts). Each answer:
 * the case id, how it was answered (title or description), the first answer's confidence, whether
 * it was flagged uncertain, whether it was right (label or `accept`).
 * To record the first contact of a set run on an older tree, copy this file into that tree:
 *   git worktree add --detach /tmp/old <commit> && ln -s $PWD/node_modules /tmp/old/
 *   cp scripts/first-contact.ts /tmp/old/scripts/ && (cd /tmp/old && npx tsx scripts/first-contact.ts others-fresh4 $PWD/eval/first-contacts/others-fresh4.json)
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { searchGrid } from '../src/match/grid-search.js';
import { readSet, rightAnswer } from './eval-sets.js';

const [set, out, at = '2025-06-01'] = process.argv.slice(2);
if (!set || !out) throw new Error('usage : npx tsx scripts/first-contact.ts <jeu> <sortie.json> [date]');
const catalogue = loadCatalogue();
const answers = readSet(set).map((c) => {
  const answer = searchGrid(catalogue.convention(c.idcc)!.gridAt(at)!, c.text, { limit: 3 });
  const first = answer.results[0];
  return { id: c.id, mode: answer.mode, confidence: first?.confidence ?? 0, uncertain: answer.uncertain, right: first !== undefined && rightAnswer(c)(first.job.title) };
});
const commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
writeFileSync(out, `${JSON.stringify({ set, commit, answers }, null, 0).replace(/\},\{/g, '},\n{')}\n`);
console.log(`${set} : ${answers.length} réponses, ${answers.filter((a) => a.right).length} justes (arbre ${commit.slice(0, 7)})`);

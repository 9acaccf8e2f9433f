/**
 * Validates every grid folder on its own: schema, cross-references, and that each citation is
 * found in its document. Prints every problem and exits 1 when there is one.
 *   npx tsx scripts/check-grids.ts [idcc…]
 */
import { compileConvention } from '../src/grids/compile.js';
import { Catalogue, conventionFolders, PACKAGE_ROOT } from '../src/grids/catalogue.js';
import { verifyCitations } from '../src/grids/citations.js';
import { GridFileError } from '../src/grids/errors.js';

const wanted = process.argv.slice(2);
let failed = false;
for (const folder of conventionFolders()) {
  if (wanted.length > 0 && !wanted.some((idcc) => folder.startsWith(`${idcc}-`))) continue;
  try {
    const data = compileConvention(PACKAGE_ROOT, folder);
    const conv = new Catalogue({ fingerprint: '', conventions: [data], smic: { title: '', rates: [] } }, PACKAGE_ROOT).conventions[0]!;
    const problems = verifyCitations(conv);
    for (const p of problems) console.log(`${conv.idcc} ${p.grid} ${p.item} [${p.doc}] introuvable : « ${p.text.slice(0, 160)} »`);
    failed ||= problems.length > 0;
    const counts = conv.grids.map((g) => `${g.id} (${g.effectiveFrom} → ${g.effectiveTo ?? '…'}) : ${g.jobs.length} emplois, ${g.positions.length} positions, ${g.rules.length} règles, ${g.transpositions.length} tableaux`);
    console.log(`${folder} — ${problems.length} citation(s) introuvable(s)\n  ${counts.join('\n  ')}`);
  } catch (e) {
    if (!(e instanceof GridFileError)) throw e;
    console.log(e.message);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);

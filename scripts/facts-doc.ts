/**
 * Writes docs/facts.md: the facts the questionnaire and `classif classify` accept, per grid, from
 * the grid files themselves (a test checks the page is up to date).
 *   npx tsx scripts/facts-doc.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalogue, PACKAGE_ROOT } from '../src/grids/catalogue.js';

export function factsPage(): string {
  const lines = [
    '# Facts accepted by `classif classify` and the questionnaire',
    '',
    'Generated from the grid files by `npx tsx scripts/facts-doc.ts`; do not edit by hand.',
    'Facts are given as JSON (`classif classify <idcc> --facts faits.json`), in the order the questionnaire asks them.',
    'Every grid also accepts `jobId` (an emploi-repère id, see `classif grid <idcc> --json`), `positionSince` (AAAA-MM-JJ) and `track` (a filière id).',
    '',
  ];
  for (const conv of loadCatalogue().conventions) {
    for (const grid of conv.grids) {
      if (grid.facts.length === 0) continue;
      lines.push(`## IDCC ${conv.idcc} — ${grid.id} (${grid.title})`, '', '| fait | type | valeurs | question |', '|---|---|---|---|');
      for (const f of grid.facts) {
        const values = f.values ? f.values.map((v) => `\`${v.id}\``).join(', ') : f.type === 'boolean' ? '`true`, `false`' : [f.min !== undefined ? `≥ ${f.min}` : '', f.max !== undefined ? `≤ ${f.max}` : '', f.unit ?? ''].filter(Boolean).join(' ');
        lines.push(`| \`${f.id}\` | ${f.type} | ${values} | ${f.question.replace(/\|/g, '\\|')} |`);
      }
      lines.push('');
    }
  }
  return `${lines.join('\n')}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = join(PACKAGE_ROOT, 'docs', 'facts.md');
  const page = factsPage();
  if (process.argv.includes('--check')) {
    if (readFileSync(path, 'utf8') !== page) {
      console.error('docs/facts.md is out of date: run npx tsx scripts/facts-doc.ts');
      process.exit(1);
    }
  } else writeFileSync(path, page);
}

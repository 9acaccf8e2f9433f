import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKED_TREES, checkTrees, conventionTerms, mentionsIn } from '../scripts/check-no-convention.js';

const root = join(import.meta.dirname, '..');

describe('no convention, trade or IDCC named in src/ and web/src/', () => {
  const terms = conventionTerms(join(root, 'grids'));

  it('reads its words from every folder of grids/', () => {
    const words = terms.map((t) => t.words.join(' '));
    for (const idcc of ['3168', '1431', '2198', '3248']) expect(words).toContain(idcc);
    expect(words).toContain('opticien');
    expect(words).toContain('photographe');
  });

  it('finds names in strings, templates, regexes, JSX text and identifiers, never in comments', () => {
    const source = [
      '// IDCC 1431: the opticien grid (a comment may cite it)',
      "const a = 'IDCC 1431';",
      'const b = `Un ${a} photographe`;',
      'const c = /opticien(?:ne)?s?/;',
      '/* vendeur */ const d = <p>Nos vendeurs</p>;',
      'const opticienCount = 0;',
    ].join('\n');
    const found = mentionsIn('x.tsx', source, terms).map((m) => `${m.line}:${m.term}`);
    expect(found).toEqual(expect.arrayContaining(['2:1431', '3:photographe', '4:opticien', '5:vendeur', '6:opticien']));
    expect(found.filter((f) => f.startsWith('1:'))).toEqual([]);
  });

  const mentions = checkTrees(root, CHECKED_TREES);

  it('src/ and web/src/ name none (file:line listed otherwise)', () => {
    const unexpected = mentions.map((m) => `${m.file}:${m.line}: « ${m.term} » (${m.origin}) dans « ${m.text} »`);
    expect(unexpected).toEqual([]);
  });
});

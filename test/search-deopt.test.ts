/**
 * A warm description search is not thrown back to unoptimised code (docs/performance.md, « Slow
 * warm searches »): arrays of two elements kinds reaching the same optimised code (an empty list
 * of lexicon entries, scores mapped in one tier and read in another) had V8 deoptimise the
 * description reader or the calibration on every such text, and a search that met it stalled
 * 4–6 ms. Run on the built code, in a child Node with V8's deoptimisation trace.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/grids/catalogue.js';

const SCRIPT = `
const { readFileSync } = await import('node:fs');
const { parse } = await import('yaml');
const { loadCatalogue } = await import('./dist/grids/catalogue.js');
const { searchGrid } = await import('./dist/match/grid-search.js');
const catalogue = loadCatalogue();
const texts = parse(readFileSync('eval/dev.yaml', 'utf8')).map((c) => [catalogue.convention(c.idcc).gridAt('2025-06-01'), c.text]);
const rounds = (n) => { for (let r = 0; r < n; r++) for (const [grid, text] of texts) searchGrid(grid, text, { mode: 'description' }); };
rounds(2);
console.log('--- warm');
rounds(2);
`;

describe('warm description searches', () => {
  it('never deoptimise at the description reader, the lexicon or the calibration once warm', () => {
    const out = execFileSync(process.execPath, ['--trace-deopt-verbose', '--input-type=module', '-e', SCRIPT], { cwd: PACKAGE_ROOT, encoding: 'utf8', maxBuffer: 256 << 20 });
    const [, warm] = out.split('--- warm');
    expect(warm).toBeDefined();
    // Where V8 bailed out (the innermost source position): the sites the elements kinds were fixed
    // at. V8 may still, now and then, throw away other code it optimised early; that is not this.
    const deopts = warm!.split('\n').filter((l) => /;;; deoptimize at <[^>]*\/match\/(?:description-query|branch-lexicon|calibration)\.js:/.test(l));
    expect(deopts).toEqual([]);
  }, 60_000);
});

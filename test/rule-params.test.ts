/**
 * Rule parameters are typed per rule kind: a misspelt or unknown key in a shipped grid is refused
 * at load with the file, the path in the file and the line, instead of being silently ignored.
 */
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify } from '../src/classify/index.js';
import { loadCatalogue, PACKAGE_ROOT } from '../src/grids/catalogue.js';
import { GridFileError } from '../src/grids/errors.js';

const FOLDER = '3168-photographie';
const FILE = '2024-03-11.yaml';

/** A copy of the shipped 3168 folder (texts linked), its 2024 grid rewritten by `edit`. */
function copyWith(edit: (yaml: string) => string): string {
  const root = mkdtempSync(join(tmpdir(), 'classif-params-'));
  cpSync(join(PACKAGE_ROOT, 'grids', FOLDER), join(root, 'grids', FOLDER), { recursive: true });
  cpSync(join(PACKAGE_ROOT, 'grids', 'abbreviations.yaml'), join(root, 'grids', 'abbreviations.yaml'));
  symlinkSync(join(PACKAGE_ROOT, 'texts'), join(root, 'texts'));
  const file = join(root, 'grids', FOLDER, FILE);
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return root;
}

describe('typed rule parameters', () => {
  it('the 3168 diploma floor gives 175–450 to a holder of a diploma recognised by the branch', () => {
    const grid = loadCatalogue().convention('3168')!.grid('3168-2024')!;
    const r = classify(grid, { track: 'photographie-professionnelle', diploma: 'diplome-branche' }, { at: '2025-01-01' });
    expect([r.positions[0], r.positions.at(-1)]).toEqual(['175', '450']);
  });

  it('refuses a misspelt parameter (minPositon) with the file, the path and the line', () => {
    const original = readFileSync(join(PACKAGE_ROOT, 'grids', FOLDER, FILE), 'utf8');
    const line = original.split('\n').findIndex((l) => /^\s+minPosition: "175"/.test(l)) + 1;
    expect(line).toBeGreaterThan(0);
    const root = copyWith((yaml) => yaml.replace(/^(\s+)minPosition: "175"/m, '$1minPositon: "175"'));
    let error: unknown;
    try {
      loadCatalogue({ root, only: ['3168'] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GridFileError);
    const err = error as GridFileError;
    expect(err.file).toBe(`grids/${FOLDER}/${FILE}`);
    const problem = err.problems.find((p) => p.path.endsWith('params.minPositon'));
    expect(problem, err.message).toMatchObject({ path: expect.stringMatching(/^rules\.\d+\.params\.minPositon$/), line });
    expect(problem!.message).toMatch(/paramètre inconnu « minPositon »/);
    expect(err.message).toContain(`(ligne ${line})`);
  });
});

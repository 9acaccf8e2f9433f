/**
 * The layer rule of eslint.config.js (lint/layers.js): an import up the layers is an error, one
 * down or within a folder is not, whatever the depth of the file.
 */
import { join } from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import layers from '../lint/layers.js';

const root = join(import.meta.dirname, '..');
const lint = (file: string, code: string) =>
  new Linter({ configType: 'flat' }).verify(
    code,
    [{ files: ['**/*.ts', '**/*.tsx'], plugins: { classif: layers }, rules: { 'classif/layers': ['error', { root }] }, languageOptions: { sourceType: 'module' } }],
    join(root, file),
  );

describe('layers lint rule', () => {
  it('refuses an import up the layers, naming both layers and the path', () => {
    const [m] = lint('src/grids/grid.ts', "import { x } from '../match/examples.js';");
    expect(m?.ruleId).toBe('classif/layers');
    expect(m?.message).toContain("grids may not import match ('../match/examples.js')");
  });
  it('refuses peers in the wrong direction and re-exports too', () => {
    expect(lint('src/roster/dsn/rows.ts', "export { y } from '../../report/writers.js';")).toHaveLength(1);
    expect(lint('src/classify/classify.ts', "import '../match/title-search.js';")).toHaveLength(1);
    expect(lint('src/model/schema.ts', "const m = await import('../grids/grid.js');")).toHaveLength(1);
  });
  it('lets imports go down, within a folder, and from faces to anything', () => {
    expect(lint('src/report/html.ts', "import { a } from '../roster/audit.js';\nimport { b } from './labels.js';")).toEqual([]);
    expect(lint('src/server/routes/audits.ts', "import { c } from '../../service/views.js';\nimport { d } from '../app.js';")).toEqual([]);
    expect(lint('web/src/components/ui.tsx', "import { e } from '../../../src/report/citation.js';")).toEqual([]);
  });
  it('leaves tests, scripts and packages alone', () => {
    expect(lint('test/x.test.ts', "import { f } from '../src/server/app.js';")).toEqual([]);
    expect(lint('src/model/schema.ts', "import { z } from 'zod';")).toEqual([]);
  });
});

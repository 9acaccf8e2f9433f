/**
 * Worked legal examples as data: every grids/<folder>/examples.yaml (facts → positions and statuses at a date, with the
 * text they rest on) is run through the engine, and each cited quote must stand in its document.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { classify } from '../src/classify/index.js';
import { isInDocument } from '../src/grids/citations.js';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { conventionFolders, PACKAGE_ROOT } from '../src/grids/folders.js';
import { gridAt } from '../src/grids/lookup.js';

interface Example {
  id: string;
  title: string;
  at: string;
  facts: Record<string, unknown>;
  positions: string[];
  statuses: string[];
  sources: { doc: string; article?: string; quote: string }[];
}

const catalogue = loadCatalogue();
for (const folder of conventionFolders()) {
  const file = join(PACKAGE_ROOT, 'grids', folder, 'examples.yaml');
  if (!existsSync(file)) continue;
  const { examples } = parse(readFileSync(file, 'utf8')) as { examples: Example[] };
  const conv = catalogue.conventions.find((c) => folder.startsWith(`${c.idcc}-`))!;
  describe(`${folder}: examples.yaml`, () => {
    it('has examples, with distinct ids, each citing the text', () => {
      expect(examples.length).toBeGreaterThan(0);
      expect(new Set(examples.map((e) => e.id)).size).toBe(examples.length);
      for (const e of examples) expect(e.sources.length, e.id).toBeGreaterThan(0);
    });
    for (const e of examples) {
      it(`${e.id}: ${e.title}`, () => {
        const r = classify(gridAt(conv, e.at), e.facts, { at: e.at });
        expect(r.positions).toEqual(e.positions);
        expect(r.statuses).toEqual(e.statuses);
        for (const s of e.sources) expect(isInDocument(conv, s.doc, s.quote), s.quote).toBe(true);
      });
    }
  });
}

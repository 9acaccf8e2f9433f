/**
 * Worked legal examples as data: every grids/<folder>/examples.yaml (facts → positions and statuses at a date, with the
 * text they rest on) is validated by its schema (src/model/worked-example.ts), run through the engine, and each cited
 * quote must stand in its document; a quote marked `cited` must be cited by the answer itself (within one of its citations).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify } from '../src/classify/index.js';
import type { ClassifyResult } from '../src/classify/types.js';
import { isInDocument } from '../src/grids/citations.js';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { conventionFolders, PACKAGE_ROOT } from '../src/grids/folders.js';
import { gridAt } from '../src/grids/lookup.js';
import { readYaml } from '../src/grids/read-yaml.js';
import { workedExamplesFile, type WorkedExample } from '../src/model/worked-example.js';

/** Every source the answer cites: its reasons, and its warnings when they carry one. */
const citedSources = (r: ClassifyResult) => [...r.explanation.map((e) => e.source), ...r.warnings.flatMap((w) => (w.source ? [w.source] : []))];

function expectAnswer(r: ClassifyResult, e: WorkedExample): void {
  expect(r.positions).toEqual(e.positions);
  expect(r.statuses).toEqual(e.statuses);
  if (e.grid !== undefined) expect(r.grid.id).toBe(e.grid);
  if (e.outcome !== undefined) expect(r.outcome).toBe(e.outcome);
  if (e.levels !== undefined) expect(r.level).toEqual(e.levels);
  if (e.track !== undefined) expect(r.track).toBe(e.track);
  if (e.job !== undefined) expect(r.job?.id ?? null).toBe(e.job);
  const asked = r.missing.map((m) => m.fact);
  for (const fact of e.asks ?? []) expect(asked, `fait demandé : ${fact}`).toContain(fact);
  if (e.asksFirst !== undefined) expect(asked[0]).toBe(e.asksFirst);
  for (const fact of e.doesNotAsk ?? []) expect(asked, `fait à ne pas demander : ${fact}`).not.toContain(fact);
  for (const w of e.warnings ?? []) {
    const found = r.warnings.find((x) => x.code === w.code);
    expect(found, `avertissement attendu : ${w.code}`).toBeDefined();
    if (w.dueDate !== undefined) expect(found!.dueDate).toBe(w.dueDate);
  }
  for (const code of e.noWarnings ?? []) expect(r.warnings.map((w) => w.code)).not.toContain(code);
  const cited = citedSources(r).map((s) => s.quote);
  for (const s of e.sources.filter((x) => x.cited)) {
    expect(cited.some((c) => c.includes(s.quote)), `citation attendue dans la réponse : « ${s.quote} » ; citées : ${cited.map((c) => `« ${c} »`).join(', ')}`).toBe(true);
  }
}

const catalogue = loadCatalogue();
for (const folder of conventionFolders()) {
  const rel = join('grids', folder, 'examples.yaml');
  if (!existsSync(join(PACKAGE_ROOT, rel))) continue;
  const { examples } = readYaml(join(PACKAGE_ROOT, rel), workedExamplesFile, rel).data;
  const conv = catalogue.conventions.find((c) => folder.startsWith(`${c.idcc}-`))!;
  describe(`${folder}: examples.yaml`, () => {
    it('has examples with distinct ids', () => {
      expect(new Set(examples.map((e) => e.id)).size).toBe(examples.length);
    });
    for (const e of examples) {
      it(`${e.id}: ${e.title}`, () => {
        for (const s of e.sources) expect(isInDocument(conv, s.doc, s.quote), `${s.doc} : « ${s.quote} »`).toBe(true);
        const r = classify(gridAt(conv, e.at), e.facts, { at: e.at });
        expectAnswer(r, e);
        // An answer without a citation is a bug; and what it cites stands in its document.
        expect(r.explanation.length).toBeGreaterThan(0);
        for (const s of citedSources(r)) expect(isInDocument(conv, s.doc, s.quote), `${s.doc} : « ${s.quote} »`).toBe(true);
      });
    }
  });
}

describe('examples.yaml schema', () => {
  it('refuses a misspelt key, with its path', () => {
    const parsed = workedExamplesFile.safeParse({ examples: [{ id: 'x', title: 'x', at: '2025-01-01', facts: {}, positions: [], statuses: [], sources: [{ doc: 'd', quote: 'abc' }], warning: [] }] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['examples', 0]);
  });
});

/**
 * One YAML test per rule kind (test/fixtures/rule-kinds/<kind>.yaml) on a tiny synthetic grid
 * (base.yaml): what the engine does with each kind — positions, status, level, missing facts in
 * the order the questionnaire asks them, warnings, the reasons given — and what the loader
 * refuses in its params (an unknown key, a wrong type), with the path and the line.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { classify } from '../src/classify/index.js';
import { GridFileError } from '../src/grids/errors.js';
import { Grid } from '../src/grids/grid.js';
import { readYaml } from '../src/grids/read-yaml.js';
import { grid as gridSchema, RULE_KINDS } from '../src/model/schema.js';

interface Case {
  name: string;
  at?: string;
  facts: Record<string, unknown>;
  expect: {
    outcome?: string;
    track?: string | null;
    positions?: string[];
    status?: string | null;
    level?: string[];
    missing?: string[];
    warnings?: Record<string, unknown>[];
    reasons?: string[];
  };
}
interface Refusal {
  name: string;
  /** Index of the rule whose params are replaced (0 when absent). */
  rule?: number;
  params: unknown;
  problem: { path: string; message: string };
}
interface KindFile {
  grid: Record<string, unknown>;
  cases: Case[];
  refused: Refusal[];
}

const DIR = new URL('./fixtures/rule-kinds/', import.meta.url);
const read = (name: string): unknown => parse(readFileSync(new URL(name, DIR), 'utf8'));
const base = read('base.yaml') as Record<string, unknown>;
const kinds = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml') && f !== 'base.yaml')
  .map((f) => ({ kind: f.replace(/\.yaml$/, ''), file: read(f) as KindFile }));

/** Classifies a case's facts on `grid` and checks what the case expects. */
function runCase(grid: Grid, c: Case): void {
  const r = classify(grid, c.facts, { at: c.at ?? '2024-06-01' });
  const { expect: want } = c;
  if (want.outcome !== undefined) expect(r.outcome).toBe(want.outcome);
  if (want.track !== undefined) expect(r.track).toBe(want.track);
  if (want.positions) expect(r.positions).toEqual(want.positions);
  if (want.status !== undefined) expect(r.status).toBe(want.status);
  if (want.level) expect(r.level).toEqual(want.level);
  if (want.missing) expect(r.missing.map((m) => m.fact)).toEqual(want.missing);
  if (want.warnings) {
    expect(r.warnings).toHaveLength(want.warnings.length);
    want.warnings.forEach((w, i) => expect(r.warnings[i]).toMatchObject(w));
  }
  if (want.reasons) expect(r.explanation.map((e) => e.code)).toEqual(want.reasons);
  // Every reason cites its text.
  for (const e of r.explanation) expect(e.source.quote.length, e.code).toBeGreaterThan(0);
}

describe('rule kinds on a synthetic grid', () => {
  it('every rule kind has its test file', () => {
    expect(kinds.map((k) => k.kind).sort()).toEqual([...RULE_KINDS].sort());
  });

  for (const { kind, file } of kinds) {
    describe(kind, () => {
      const data = { ...base, ...file.grid };
      const grid = new Grid(gridSchema.parse(data), '0000', null);

      it('its rules are of that kind', () => {
        expect(grid.rules.some((r) => r.kind === kind)).toBe(true);
      });

      for (const c of file.cases) it(c.name, () => runCase(grid, c));

      for (const refusal of file.refused) {
        it(`refuses ${refusal.name}, with the path and the line`, () => {
          const bad = structuredClone(data) as { rules: Record<string, unknown>[] };
          bad.rules[refusal.rule ?? 0]!.params = refusal.params;
          const yaml = stringify(bad);
          const path = join(mkdtempSync(join(tmpdir(), 'classif-kind-')), `${kind}.yaml`);
          writeFileSync(path, yaml);
          let error: unknown;
          try {
            readYaml(path, gridSchema, `${kind}.yaml`);
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(GridFileError);
          const problems = (error as GridFileError).problems;
          const problem = problems.find((p) => p.path === refusal.problem.path);
          expect(problem, JSON.stringify(problems)).toBeDefined();
          expect(problem!.message).toContain(refusal.problem.message);
          // A key that is there is reported at its own line; a missing one at its parent's.
          const key = refusal.problem.path.split('.').at(-1)!;
          expect(problem!.line).toBeGreaterThan(0);
          if (typeof refusal.params === 'object' && refusal.params !== null && key in refusal.params) {
            expect(yaml.split('\n')[problem!.line! - 1]).toContain(`${key}:`);
          }
        });
      }
    });
  }
});

/** Grids of several kinds at once, over base.yaml: parallel tracks (fixtures/rule-kinds/parallel-tracks). */
describe('parallel tracks on a synthetic grid', () => {
  const dir = new URL('./parallel-tracks/', DIR);
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml'))) {
    const file = parse(readFileSync(new URL(f, dir), 'utf8')) as Pick<KindFile, 'grid' | 'cases'>;
    describe(f, () => {
      const grid = new Grid(gridSchema.parse({ ...base, ...file.grid }), '0000', null);
      for (const c of file.cases) it(c.name, () => runCase(grid, c));
    });
  }
});

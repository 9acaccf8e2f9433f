/**
 * The `cotation:` mechanism on a tiny synthetic grid (test/fixtures/cotation.yaml): degrees → points → position
 * through a table of ranges, partial sums giving a range of positions, unanswered criteria asked.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { classify } from '../src/classify/index.js';
import { Grid } from '../src/grids/grid.js';
import { grid as gridSchema } from '../src/model/schema.js';

interface Case {
  name: string;
  facts: Record<string, string>;
  outcome: string;
  positions: string[];
  points?: number | { min: number; max: number };
  missing: string[];
}

const fixture = parse(readFileSync(new URL('./fixtures/cotation.yaml', import.meta.url), 'utf8')) as { grid: unknown; cases: Case[] };
const grid = new Grid(gridSchema.parse(fixture.grid), '0000', null);

describe('cotation: degrees → points → position through a table of ranges', () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      const r = classify(grid, c.facts, { at: '2024-01-01' });
      expect(r.outcome).toBe(c.outcome);
      expect(r.positions).toEqual(c.positions);
      expect(r.missing.map((m) => m.fact)).toEqual(c.missing);
      const reason = r.explanation.find((e) => e.code === 'cotation' || e.code === 'cotation-partial');
      if (c.points === undefined) expect(reason).toBeUndefined();
      else expect(reason?.params.points).toEqual(c.points);
    });
  }

  it('a complete cotation cites the row of its range', () => {
    const r = classify(grid, { savoir: '3', initiative: '2' }, { at: '2024-01-01' });
    expect(r.explanation.find((e) => e.code === 'cotation')?.source.quote).toBe('5 à 6');
    expect(r.statuses).toEqual(['cadre']);
  });

  it('the criteria are asked with their degrees as values and the glossary as help', () => {
    const q = classify(grid, {}, { at: '2024-01-01' }).missing[0]!;
    expect(q.values).toEqual([
      { id: '1', label: 'Degré 1 : Savoir simple', cues: ['notions'] },
      { id: '2', label: 'Degré 2 : Savoir technique' },
      { id: '3', label: 'Degré 3 : Savoir expert' },
    ]);
    expect(grid.facts[0]!.help).toBe('Glossaire du texte — Expert : Qui fait référence');
  });

  it('a degree outside the scale is refused with the allowed values', () => {
    expect(() => classify(grid, { savoir: '4' })).toThrow(/Valeurs acceptées : 1, 2, 3/);
  });

  it('ranges with a gap or an overlap, or that stop short of the highest sum, are refused at load', () => {
    const bad = structuredClone(fixture.grid) as { cotation: { ranges: { min: number; max: number }[] } };
    bad.cotation.ranges[1]!.min = 5;
    expect(gridSchema.safeParse(bad).error?.issues[0]?.message).toMatch(/ni trou ni chevauchement/);
    const short = structuredClone(fixture.grid) as { cotation: { ranges: unknown[] } };
    short.cotation.ranges.pop();
    expect(gridSchema.safeParse(short).error?.issues[0]?.message).toMatch(/s'arrêtent à 4/);
  });
});

/**
 * The one value-at-date lookup (src/grids/in-force.ts) at its boundaries, and through each of its users: grids,
 * wage scales (members and non-members) and the SMIC.
 */
import { describe, expect, it } from 'vitest';
import { inForceAt, isOutdated } from '../src/grids/in-force.js';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { classify } from '../src/classify/index.js';
import { conventionalMinimum, smicAt } from '../src/roster/minimum.js';

interface Item {
  id: string;
  start: string | null;
  end?: string;
}
const start = (i: Item) => i.start;
const end = (i: Item) => i.end ?? null;
const idAt = (items: Item[], at: string) => inForceAt(items, at, start, end)?.id;

describe('inForceAt', () => {
  const items: Item[] = [
    { id: 'a', start: '2020-01-01' },
    { id: 'b', start: '2021-07-01' },
  ];

  it('is undefined before the first start, and the first item from its first day', () => {
    expect(idAt(items, '2019-12-31')).toBeUndefined();
    expect(idAt(items, '2020-01-01')).toBe('a');
  });

  it('keeps an item up to the day before the next starts, the next from its first day', () => {
    expect(idAt(items, '2021-06-30')).toBe('a');
    expect(idAt(items, '2021-07-01')).toBe('b');
    expect(idAt(items, '2099-01-01')).toBe('b');
  });

  it('does not depend on the order of the list when the dates differ', () => {
    expect(idAt([...items].reverse(), '2021-06-30')).toBe('a');
    expect(idAt([...items].reverse(), '2021-07-01')).toBe('b');
  });

  it('applies an item on its last day, and nothing in a gap after it', () => {
    const ended: Item[] = [
      { id: 'a', start: '2020-01-01', end: '2020-12-31' },
      { id: 'b', start: '2021-03-01' },
    ];
    expect(idAt(ended, '2020-12-31')).toBe('a');
    expect(idAt(ended, '2021-01-01')).toBeUndefined();
    expect(idAt(ended, '2021-02-28')).toBeUndefined();
    expect(idAt(ended, '2021-03-01')).toBe('b');
  });

  it('between two items starting the same day, takes the one listed last', () => {
    const same: Item[] = [
      { id: 'first', start: '2022-01-01' },
      { id: 'second', start: '2022-01-01' },
    ];
    expect(idAt(same, '2022-01-01')).toBe('second');
  });

  it('never applies an item without a start, and falls back to the one before', () => {
    const pending: Item[] = [
      { id: 'a', start: '2020-01-01' },
      { id: 'b', start: null },
    ];
    expect(idAt(pending, '2030-01-01')).toBe('a');
    expect(idAt([{ id: 'b', start: null }], '2030-01-01')).toBeUndefined();
  });
});

describe('isOutdated', () => {
  const items = [{ id: 'a', start: '2024-07-01' }];
  const at = (date: string) => isOutdated(items, items[0]!, date, (i) => i.start);

  it('trusts the latest known item for exactly a year, not a day more', () => {
    expect(at('2025-06-30')).toBe(false);
    expect(at('2025-07-01')).toBe(false);
    expect(at('2025-07-02')).toBe(true);
    expect(at('2026-12-01')).toBe(true);
  });

  it('says nothing when a newer item is known, even one that starts after the date', () => {
    const two = [...items, { id: 'b', start: '2027-01-01' }];
    expect(isOutdated(two, two[0]!, '2026-12-01', (i) => i.start)).toBe(false);
  });

  it('counts a year from 29 February to 28 February', () => {
    const leap = [{ start: '2024-02-29' }];
    expect(isOutdated(leap, leap[0]!, '2025-02-28', (i) => i.start)).toBe(false);
    expect(isOutdated(leap, leap[0]!, '2025-03-01', (i) => i.start)).toBe(true);
  });
});

describe('the lookup through grids, scales and the SMIC', () => {
  const catalogue = loadCatalogue({ only: ['3168'] });
  const conv = catalogue.convention('3168')!;

  it('grids: the 2009 accord up to the day before the 2024 avenant, none before its first day', () => {
    expect(conv.gridAt('2010-07-27')).toBeUndefined();
    expect(conv.gridAt('2010-07-28')?.id).toBe('3168-2009');
    expect(conv.gridAt('2024-03-10')?.id).toBe('3168-2009');
    expect(conv.gridAt('2024-03-11')?.id).toBe('3168-2024');
  });

  it('SMIC: a rate from its first day, the previous one the day before', () => {
    const [previous, next] = catalogue.smic.rates.slice(-2);
    expect(smicAt(catalogue.smic, next!.from)?.amount).toBe(next!.monthly);
    const dayBefore = new Date(Date.parse(`${next!.from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(smicAt(catalogue.smic, dayBefore)?.amount).toBe(previous!.monthly);
    expect(smicAt(catalogue.smic, '2009-12-31')).toBeUndefined();
  });

  // Avenant du 10 février 2021: in force on 1 March 2021 for members; the extension excluded that date for the others,
  // whose extension date is not known (nonMembersFrom: null): they keep the scale of 20 March 2019… which binds only
  // members too, so the 11 April 2018 scale is theirs.
  it('scales: members get the 2021 avenant from its first day, the others keep the last scale that binds them', () => {
    const members = conventionalMinimum(conv.wageScales, '150', undefined, '2021-03-01', 'member');
    expect(members?.scale.id).toBe('3168-2021-02-10');
    expect(conventionalMinimum(conv.wageScales, '150', undefined, '2021-02-28', 'member')?.scale.id).toBe('3168-2019-03-20');
    expect(conventionalMinimum(conv.wageScales, '150', undefined, '2021-03-01', 'non-member')?.scale.id).toBe('3168-2018-04-11');
    expect(conventionalMinimum(conv.wageScales, '150', undefined, '2021-03-01', 'unknown')?.scale.id).toBe('3168-2018-04-11');
  });

  it('scales: none before the first known one', () => {
    expect(conventionalMinimum(conv.wageScales, '150', undefined, '2014-04-30', 'member')).toBeUndefined();
    expect(conventionalMinimum(conv.wageScales, '150', undefined, '2014-05-01', 'member')?.scale.id).toBe('3168-2014-04-02');
  });
});

describe('lastVerified', () => {
  const all = loadCatalogue();

  it('every grid version and every shipped scale says when it was last checked against the texts', () => {
    for (const conv of all.conventions) {
      for (const g of conv.grids) expect(g.lastVerified, g.id).toMatch(/^2026-\d{2}-\d{2}$/);
      for (const s of conv.wageScales) expect(s.lastVerified, s.id).toMatch(/^2026-\d{2}-\d{2}$/);
    }
    expect(all.smic.lastVerified).toBe('2026-12-07');
  });

  it('a classification names the grid it used with that date', () => {
    const conv = all.convention('3168')!;
    const r = classify(conv.gridAt('2025-01-01')!, { jobId: 'retoucheur-2' }, { at: '2025-01-01' });
    expect(r.grid).toMatchObject({ id: '3168-2024', lastVerified: '2026-12-07' });
  });
});

import { describe, expect, it } from 'vitest';
import { eceByChance, reliability } from '../scripts/eval-sets.js';

describe('eceByChance: the ECE of a calibrated matcher by sampling alone', () => {
  it('is zero when every confidence is certain either way', () => {
    expect(eceByChance([1, 1, 0, 0], 200).mean).toBe(0);
  });

  it('shrinks as the set grows, and matches the binomial spread on one bin', () => {
    // One bin at 0.75: the ECE is |share right − 0.75|, whose mean for n answers is about
    // sqrt(2/π) · sqrt(0.75 · 0.25 / n): 0.069 for 25 answers, 0.017 for 400.
    const small = eceByChance(Array(25).fill(0.75));
    const large = eceByChance(Array(400).fill(0.75));
    expect(small.mean).toBeGreaterThan(0.055);
    expect(small.mean).toBeLessThan(0.085);
    expect(large.mean).toBeGreaterThan(0.012);
    expect(large.mean).toBeLessThan(0.022);
    expect(large.atMost(0.05)).toBeGreaterThan(0.95);
    expect(small.atMost(0.05)).toBeLessThan(0.6);
    expect(small.p90).toBeGreaterThan(small.mean);
  });

  it('is reproducible: the same seed gives the same figures', () => {
    const c = [0.4, 0.7, 0.75, 0.9, 0.97, 0.99, 0.6];
    expect(eceByChance(c, 300, 7).mean).toBe(eceByChance(c, 300, 7).mean);
    expect(eceByChance(c, 300, 7).mean).not.toBe(eceByChance(c, 300, 8).mean);
  });

  it('reads the bins as reliability does', () => {
    expect(reliability([{ confidence: 0.75, right: true }, { confidence: 0.75, right: false }]).ece).toBeCloseTo(0.25);
  });
});

import { describe, expect, it } from 'vitest';
import { calibratedShares, calibrationOf, evidenceOf } from '../src/match/calibration.js';

describe('calibration of a description answer', () => {
  it('reads the lead and the first score: a text that says little the grid knows is less sure at the same lead', () => {
    const c = calibrationOf('description');
    expect(c.scoreWeight).toBeGreaterThan(0);
    expect(evidenceOf(c, [1.4, 1.1])).toBeCloseTo(0.3 + c.scoreWeight! * 1.4, 6);
    // Same lead (0.3), a short generic definition (first score 0.6) against a full description (1.4).
    const [generic] = calibratedShares(c, [0.6, 0.3], [0.9, 0.1]);
    const [concrete] = calibratedShares(c, [1.4, 1.1], [0.9, 0.1]);
    expect(generic!).toBeLessThan(concrete!);
  });

  it('titles read the lead alone', () => {
    const c = calibrationOf('title');
    expect(evidenceOf(c, [1, 0.5])).toBe(0.5);
  });
});

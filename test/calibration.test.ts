import { describe, expect, it } from 'vitest';
import { calibratedShares, calibrationOf, evidenceOf } from '../src/match/calibration.js';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { matchDescription } from '../src/match/describe.js';

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

  it('shares what the first leaves among the others, whatever the rounding of their softmax shares', () => {
    const c = { points: [[0, 0.4], [1, 0.4]] as [number, number][], uncertainBelow: 0.8 };
    // Shares rounded to the thousandth: 1 − 0.995 is less than what the four others add up to.
    const shares = calibratedShares(c, [0.3, 0.14, 0.06, 0.06, 0.06], [0.995, 0.005, 0.001, 0.001, 0.001]);
    expect(shares[0]).toBe(0.4);
    expect(shares.reduce((s, x) => s + x, 0)).toBeLessThanOrEqual(1.001);
  });

  it('is less sure when the learned examples rank another job first', () => {
    const c = calibrationOf('description');
    expect(c.disagreeWeight).toBeGreaterThan(0);
    expect(evidenceOf(c, [1.2, 0.7], true)).toBeCloseTo(evidenceOf(c, [1.2, 0.7]) - c.disagreeWeight!, 6);
    const [agrees] = calibratedShares(c, [1.2, 0.7], [0.9, 0.1]);
    const [disagrees] = calibratedShares(c, [1.2, 0.7], [0.9, 0.1], true);
    expect(disagrees!).toBeLessThan(agrees!);
  });

  it('the matcher says whether the learned signal agrees with its first answer, and reads it in the confidence', () => {
    const grid = loadCatalogue().convention('1431')!.gridAt('2025-06-01')!;
    const text = 'Monteur en atelier : réalise le montage des verres sur les montures, le centrage et le contrôle final des équipements.';
    const [plain] = matchDescription(grid, text, { at: '2026-11-15', examples: [] });
    // One example of another job that shares a few of its words: the learned signal alone ranks
    // that job first, too weakly to move the answer.
    const misleading = [{ id: 'x1', text: "Directeur de magasin : encadre l'équipe, gère le budget, le stock et le chiffre d'affaires, supervise l'atelier où se fait le montage des verres.", job: 'Directeur de magasin 1' }];
    const [misled] = matchDescription(grid, text, { at: '2026-11-15', examples: misleading });
    expect(plain!.learnedAgrees).toBe(true);
    expect(misled!.job.title).toBe(plain!.job.title);
    expect(misled!.learnedAgrees).toBe(false);
    expect(misled!.confidence).toBeLessThan(plain!.confidence);
  });

  it('titles read the lead alone', () => {
    const c = calibrationOf('title');
    expect(evidenceOf(c, [1, 0.5])).toBe(0.5);
  });
});

/** Written by scripts/calibrate.ts (do not edit by hand): see docs/matching.md, "Confidence". */
import type { AnswerMode, Calibration } from './calibration.js';

export const CALIBRATION_TABLE: Record<AnswerMode, Calibration> = {
  title: {
    // 246 answers (leave one training set out; titles-own, titles-dev)
    points: [[0.298,0.982]],
    uncertainBelow: 0.982,
  },
  description: {
    // 3038 answers (leave one training set out; titles-own, titles-dev)
    points: [[-0.19,0.077],[-0.138,0.238],[-0.095,0.291],[-0.044,0.371],[-0.004,0.522],[0.022,0.531],[0.067,0.587],[0.086,0.6],[0.205,0.78],[0.321,0.839],[0.375,0.855],[0.42,0.88],[0.456,0.88],[0.479,0.919],[0.523,0.949],[0.572,0.952],[0.622,0.956],[0.683,0.976],[0.787,0.982],[1.068,0.993],[1.572,0.994]],
    uncertainBelow: 0.9,
    scoreWeight: 0.3,
    disagreeWeight: 0.3,
  },
};

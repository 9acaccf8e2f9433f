/** Written by scripts/calibrate.ts (do not edit by hand): see docs/matching.md, "Confidence". */
import type { AnswerMode, Calibration } from './calibration.js';

export const CALIBRATION_TABLE: Record<AnswerMode, Calibration> = {
  title: {
    // 246 answers (leave one training set out; titles-own, titles-dev)
    points: [[0.299,0.982]],
    uncertainBelow: 0.982,
  },
  description: {
    // 2538 answers (leave one training set out; titles-own, titles-dev)
    points: [[-0.206,0.2],[-0.162,0.2],[-0.11,0.224],[-0.07,0.278],[-0.044,0.3],[-0.019,0.375],[0.03,0.493],[0.07,0.636],[0.191,0.687],[0.289,0.717],[0.321,0.737],[0.344,0.769],[0.384,0.832],[0.457,0.884],[0.49,0.884],[0.532,0.903],[0.575,0.903],[0.589,0.929],[0.614,0.941],[0.667,0.955],[0.781,0.973],[1.032,0.989],[1.455,0.996]],
    uncertainBelow: 0.769,
    scoreWeight: 0.3,
    disagreeWeight: 0.3,
  },
};

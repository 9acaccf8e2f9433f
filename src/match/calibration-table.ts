/** Written by scripts/calibrate.ts (do not edit by hand): see docs/matching.md, "Confidence". */
import type { AnswerMode, Calibration } from './calibration.js';

export const CALIBRATION_TABLE: Record<AnswerMode, Calibration> = {
  title: {
    // 245 answers (leave one training set out; titles-own, titles-dev)
    points: [[0.296,0.982]],
    uncertainBelow: 0.982,
  },
  description: {
    // 2539 answers (leave one training set out; titles-own, titles-dev)
    points: [[-0.215,0.333],[-0.161,0.333],[-0.125,0.333],[-0.103,0.333],[-0.07,0.333],[-0.044,0.333],[-0.019,0.333],[0.029,0.5],[0.07,0.636],[0.19,0.693],[0.31,0.725],[0.345,0.75],[0.384,0.821],[0.456,0.884],[0.53,0.903],[0.575,0.903],[0.589,0.929],[0.656,0.955],[0.781,0.973],[1.031,0.989],[1.455,0.996]],
    uncertainBelow: 0.75,
    scoreWeight: 0.3,
    disagreeWeight: 0.3,
  },
};

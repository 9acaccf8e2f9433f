/** Written by scripts/calibrate.ts (do not edit by hand): see docs/matching.md, "Confidence". */
import type { AnswerMode, Calibration } from './calibration.js';

export const CALIBRATION_TABLE: Record<AnswerMode, Calibration> = {
  title: {
    // 246 answers (leave one training set out; titles-own, titles-dev)
    points: [[0.299,0.982]],
    uncertainBelow: 0.982,
  },
  description: {
    // 2807 answers (leave one training set out; titles-own, titles-dev)
    points: [[-0.224,0.333],[-0.176,0.333],[-0.131,0.333],[-0.087,0.343],[-0.041,0.394],[-0.013,0.433],[0.013,0.457],[0.035,0.5],[0.06,0.558],[0.079,0.558],[0.082,0.6],[0.205,0.723],[0.287,0.723],[0.319,0.812],[0.356,0.814],[0.413,0.869],[0.473,0.875],[0.497,0.875],[0.505,0.875],[0.523,0.913],[0.567,0.915],[0.658,0.964],[0.79,0.968],[1.015,0.993],[1.417,0.997]],
    uncertainBelow: 0.812,
    scoreWeight: 0.3,
    disagreeWeight: 0.3,
  },
};

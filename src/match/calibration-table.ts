/** Written by scripts/calibrate.ts (do not edit by hand): see docs/matching.md, "Confidence". */
import type { AnswerMode, Calibration } from './calibration.js';

export const CALIBRATION_TABLE: Record<AnswerMode, Calibration> = {
  title: {
    // 246 answers (leave one training set out; titles-own, titles-dev)
    points: [[0.299,0.982]],
    uncertainBelow: 0.982,
  },
  description: {
    // 3038 answers (leave one training set out; titles-own, titles-dev)
    points: [[-0.185,0.056],[-0.143,0.167],[-0.131,0.273],[-0.123,0.333],[-0.099,0.356],[-0.052,0.358],[-0.014,0.389],[0.023,0.526],[0.071,0.604],[0.097,0.688],[0.109,0.692],[0.219,0.735],[0.288,0.769],[0.307,0.839],[0.333,0.839],[0.381,0.849],[0.424,0.849],[0.464,0.878],[0.507,0.913],[0.532,0.927],[0.573,0.947],[0.624,0.948],[0.676,0.964],[0.778,0.97],[1.069,0.993],[1.562,0.994]],
    uncertainBelow: 0.9,
    scoreWeight: 0.3,
    disagreeWeight: 0.3,
  },
};

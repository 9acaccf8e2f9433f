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
    points: [[-0.215,0.333],[-0.162,0.333],[-0.126,0.333],[-0.103,0.333],[-0.07,0.333],[-0.03,0.333],[0.028,0.486],[0.188,0.685],[0.31,0.734],[0.381,0.796],[0.456,0.873],[0.529,0.905],[0.609,0.952],[0.676,0.955],[0.779,0.973],[1.032,0.989],[1.452,0.996]],
    uncertainBelow: 0.796,
    scoreWeight: 0.3,
    disagreeWeight: 0.3,
  },
};

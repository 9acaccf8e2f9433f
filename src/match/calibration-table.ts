/** Written by scripts/calibrate.ts (do not edit by hand): see docs/matching.md, "Confidence". */
import type { AnswerMode, Calibration } from './calibration.js';

export const CALIBRATION_TABLE: Record<AnswerMode, Calibration> = {
  title: {
    // 245 answers (leave one training set out; titles-own, titles-dev)
    points: [[0.296,0.982]],
    uncertainBelow: 0.982,
  },
  description: {
    // 1966 answers (leave one training set out; titles-own, titles-dev)
    points: [[-0.146,0.16],[-0.098,0.211],[-0.055,0.25],[0.007,0.462],[0.063,0.5],[0.14,0.654],[0.231,0.7],[0.274,0.72],[0.337,0.728],[0.43,0.845],[0.482,0.845],[0.517,0.884],[0.616,0.939],[0.69,0.939],[0.777,0.975],[1.012,0.988],[1.406,0.996]],
    uncertainBelow: 0.845,
    scoreWeight: 0.3,
    disagreeWeight: 0.3,
  },
};

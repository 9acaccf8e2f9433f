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
    points: [[-0.163,0.154],[-0.132,0.2],[-0.124,0.286],[-0.086,0.286],[-0.047,0.286],[-0.03,0.4],[-0.028,0.4],[-0.013,0.457],[0.034,0.465],[0.065,0.556],[0.144,0.663],[0.248,0.682],[0.33,0.73],[0.418,0.827],[0.49,0.897],[0.517,0.897],[0.532,0.9],[0.626,0.93],[0.776,0.98],[1.011,0.988],[1.407,0.996]],
    uncertainBelow: 0.827,
    scoreWeight: 0.3,
    disagreeWeight: 0.3,
  },
};

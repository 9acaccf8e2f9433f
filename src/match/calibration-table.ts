/** Written by scripts/calibrate.ts (do not edit by hand): see docs/matching.md, "Confidence". */
import type { AnswerMode, Calibration } from './calibration.js';

export const CALIBRATION_TABLE: Record<AnswerMode, Calibration> = {
  title: {
    // 246 answers (leave one training set out; titles-own, titles-dev)
    points: [[0.299,0.982]],
    uncertainBelow: 0.982,
  },
  description: {
    // 2545 answers (leave one training set out; titles-own, titles-dev)
    points: [[-0.211,0.167],[-0.16,0.167],[-0.109,0.25],[-0.07,0.278],[-0.044,0.295],[-0.019,0.37],[0.031,0.5],[0.071,0.625],[0.192,0.69],[0.283,0.7],[0.314,0.738],[0.341,0.738],[0.382,0.845],[0.454,0.884],[0.488,0.884],[0.532,0.91],[0.586,0.928],[0.656,0.955],[0.78,0.973],[1.009,0.992],[1.413,0.997]],
    uncertainBelow: 0.845,
    scoreWeight: 0.3,
    disagreeWeight: 0.3,
  },
};

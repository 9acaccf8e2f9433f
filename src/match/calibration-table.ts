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
    points: [[-0.211,0.167],[-0.161,0.167],[-0.11,0.229],[-0.07,0.278],[-0.044,0.302],[-0.019,0.37],[0.031,0.5],[0.189,0.693],[0.283,0.693],[0.314,0.738],[0.341,0.738],[0.382,0.846],[0.455,0.884],[0.488,0.884],[0.533,0.91],[0.586,0.928],[0.656,0.955],[0.78,0.973],[1.03,0.991],[1.457,0.996]],
    uncertainBelow: 0.846,
    scoreWeight: 0.3,
    disagreeWeight: 0.3,
  },
};

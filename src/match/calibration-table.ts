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
    points: [[-0.211,0.167],[-0.162,0.167],[-0.11,0.224],[-0.07,0.278],[-0.044,0.293],[-0.02,0.362],[0.03,0.486],[0.068,0.5],[0.189,0.692],[0.292,0.729],[0.323,0.738],[0.341,0.738],[0.381,0.832],[0.455,0.884],[0.488,0.884],[0.533,0.904],[0.586,0.929],[0.656,0.956],[0.781,0.973],[1.031,0.991],[1.456,0.996]],
    uncertainBelow: 0.832,
    scoreWeight: 0.3,
    disagreeWeight: 0.3,
  },
};

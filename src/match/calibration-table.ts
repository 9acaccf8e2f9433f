/** Written by scripts/calibrate.ts (do not edit by hand): see docs/matching.md, "Confidence". */
import type { AnswerMode, Calibration } from './calibration.js';

export const CALIBRATION_TABLE: Record<AnswerMode, Calibration> = {
  title: {
    // 246 answers (leave one training set out; titles-own, titles-dev)
    points: [[0.298,0.982]],
    uncertainBelow: 0.982,
  },
  description: {
    // 3038 answers (leave one training set out; titles-own, titles-dev)
    points: [[-0.184,0.067],[-0.144,0.25],[-0.129,0.25],[-0.096,0.296],[-0.044,0.367],[-0.004,0.524],[0.022,0.529],[0.067,0.587],[0.086,0.6],[0.205,0.779],[0.32,0.842],[0.375,0.848],[0.42,0.874],[0.455,0.88],[0.479,0.919],[0.524,0.949],[0.572,0.952],[0.622,0.956],[0.683,0.977],[0.788,0.982],[1.069,0.993],[1.572,0.994]],
    uncertainBelow: 0.9,
    scoreWeight: 0.3,
    disagreeWeight: 0.3,
  },
};

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
    points: [[-0.184,0.056],[-0.134,0.192],[-0.097,0.34],[-0.05,0.34],[-0.018,0.36],[-0.008,0.417],[0.012,0.49],[0.038,0.563],[0.05,0.571],[0.072,0.59],[0.096,0.688],[0.11,0.722],[0.215,0.751],[0.282,0.751],[0.313,0.818],[0.351,0.847],[0.407,0.859],[0.476,0.874],[0.511,0.936],[0.537,0.936],[0.572,0.952],[0.623,0.956],[0.748,0.977],[1.069,0.993],[1.561,0.994]],
    uncertainBelow: 0.9,
    scoreWeight: 0.3,
    disagreeWeight: 0.3,
  },
};

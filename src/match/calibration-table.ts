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
    points: [[-0.182,0.053],[-0.136,0.167],[-0.123,0.286],[-0.066,0.357],[-0.018,0.37],[-0.007,0.4],[0.013,0.51],[0.04,0.533],[0.063,0.581],[0.083,0.583],[0.096,0.684],[0.109,0.692],[0.215,0.739],[0.283,0.75],[0.313,0.819],[0.381,0.857],[0.424,0.857],[0.44,0.867],[0.476,0.878],[0.506,0.912],[0.533,0.929],[0.575,0.937],[0.605,0.937],[0.63,0.951],[0.749,0.974],[1.07,0.993],[1.561,0.994]],
    uncertainBelow: 0.9,
    scoreWeight: 0.3,
    disagreeWeight: 0.3,
  },
};

/** Written by scripts/calibrate.ts (do not edit by hand): see docs/matching.md, "Confidence". */
import type { AnswerMode, Calibration } from './calibration.js';

export const CALIBRATION_TABLE: Record<AnswerMode, Calibration> = {
  title: {
    // 445 answers (leave one training set out; titles-own, titles-dev, titles-dev2)
    points: [[0,0.965],[0.343,0.986]],
    uncertainBelow: 0.965,
  },
  description: {
    // 3325 answers (leave one training set out; titles-own, titles-dev, titles-dev2)
    points: [[-0.215,0.167],[-0.166,0.167],[-0.131,0.294],[-0.12,0.333],[-0.089,0.333],[-0.039,0.398],[-0.001,0.5],[0.024,0.534],[0.055,0.542],[0.078,0.559],[0.207,0.786],[0.284,0.786],[0.302,0.837],[0.342,0.857],[0.375,0.86],[0.402,0.873],[0.438,0.908],[0.478,0.929],[0.518,0.931],[0.576,0.95],[0.635,0.961],[0.688,0.966],[0.775,0.983],[0.845,0.983],[1.068,0.992],[1.569,0.995]],
    uncertainBelow: 0.9,
    scoreWeight: 0.3,
    disagreeWeight: 0.3,
  },
};

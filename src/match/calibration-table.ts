/** Written by scripts/calibrate.ts (do not edit by hand): see docs/matching.md, "Confidence". */
import type { AnswerMode, Calibration } from './calibration.js';

export const CALIBRATION_TABLE: Record<AnswerMode, Calibration> = {
  title: {
    // 246 answers (leave one training set out; titles-own, titles-dev)
    points: [[0.299,0.982]],
    uncertainBelow: 0.982,
  },
  description: {
    // 2688 answers (leave one training set out; titles-own, titles-dev)
    points: [[-0.224,0.333],[-0.189,0.333],[-0.15,0.333],[-0.132,0.333],[-0.088,0.333],[-0.045,0.333],[-0.032,0.357],[-0.017,0.405],[0.016,0.429],[0.05,0.564],[0.076,0.68],[0.2,0.695],[0.294,0.761],[0.322,0.766],[0.338,0.766],[0.346,0.766],[0.358,0.778],[0.384,0.83],[0.412,0.848],[0.442,0.867],[0.478,0.882],[0.544,0.922],[0.593,0.922],[0.66,0.963],[0.787,0.97],[1.011,0.992],[1.419,0.997]],
    uncertainBelow: 0.766,
    scoreWeight: 0.3,
    disagreeWeight: 0.3,
  },
};

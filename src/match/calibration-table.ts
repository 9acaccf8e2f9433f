/** Written by scripts/calibrate.ts (do not edit by hand): see docs/matching.md, "Confidence". */
import type { AnswerMode, Calibration } from './calibration.js';

export const CALIBRATION_TABLE: Record<AnswerMode, Calibration> = {
  title: {
    // 74 answers (title answers; titles-own)
    points: [[0.303,0.987]],
    uncertainBelow: 0.987,
  },
  description: {
    // 1259 answers (leave one training set out; titles-own)
    points: [[0.009,0.542],[0.035,0.579],[0.064,0.667],[0.111,0.697],[0.15,0.706],[0.189,0.902],[0.222,0.902],[0.246,0.929],[0.32,0.966],[0.466,0.971],[0.636,0.987],[0.909,0.995]],
    uncertainBelow: 0.667,
  },
};

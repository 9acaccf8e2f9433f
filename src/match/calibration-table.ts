/** Written by scripts/calibrate.ts (do not edit by hand): see docs/matching.md, "Confidence". */
import type { AnswerMode, Calibration } from './calibration.js';

export const CALIBRATION_TABLE: Record<AnswerMode, Calibration> = {
  title: {
    // 245 answers (leave one training set out; titles-dev, titles-own)
    points: [[0.296,0.982]],
    uncertainBelow: 0.982,
  },
  description: {
    // 1429 answers (leave one training set out; titles-dev, titles-own)
    points: [[0.001,0.4],[0.002,0.5],[0.005,0.545],[0.013,0.567],[0.042,0.593],[0.075,0.614],[0.111,0.708],[0.15,0.735],[0.174,0.85],[0.2,0.864],[0.222,0.864],[0.302,0.969],[0.399,0.969],[0.482,0.974],[0.571,0.974],[0.647,0.976],[0.935,0.996]],
    uncertainBelow: 0.708,
  },
};

/** Written by scripts/calibrate.ts (do not edit by hand): see docs/matching.md, "Confidence". */
import type { AnswerMode, Calibration } from './calibration.js';

export const CALIBRATION_TABLE: Record<AnswerMode, Calibration> = {
  title: {
    // 245 answers (leave one training set out; titles-own, titles-dev)
    points: [[0.296,0.982]],
    uncertainBelow: 0.982,
  },
  description: {
    // 1548 answers (leave one training set out; titles-own, titles-dev)
    points: [[0.097,0.333],[0.132,0.333],[0.171,0.333],[0.21,0.435],[0.23,0.571],[0.275,0.614],[0.34,0.635],[0.375,0.714],[0.402,0.781],[0.435,0.804],[0.459,0.804],[0.488,0.914],[0.537,0.915],[0.56,0.915],[0.63,0.942],[0.724,0.965],[0.941,0.974],[1.186,0.974],[1.451,0.996]],
    uncertainBelow: 0.714,
    scoreWeight: 0.3,
  },
};

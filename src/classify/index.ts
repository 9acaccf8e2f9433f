export { classify, type ClassifyOptions } from './classify.js';
export { transpose, type TransposeInput } from './transpose.js';
export { evaluate, factsOf, type Facts, type FactValue, type Verdict } from './conditions.js';
export { validateFacts, factDefinitions, monthsBetween } from './facts.js';
export type { ClassifyResult, TransposeResult, Reason, ReasonCode, Warning, MissingFact, Outcome } from './types.js';

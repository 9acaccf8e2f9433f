/**
 * The order of the questionnaire. Each step of the engine that cannot decide adds its weight to
 * every fact it lacks; the missing facts are asked heaviest first, ties in the order of the grid's
 * `facts:` (Collector.missing). The weights live here, in one table, so that the order can be read
 * and changed in one place (docs/rules-engine.md, « Order of the questions »).
 */
export const QUESTION_WEIGHTS = {
  /** A track's eligibility rule is undecided (also a correspondence table's track): everything else depends on it. */
  track: 10,
  /** A criterion of the cotation is unanswered: the criteria decide the class, a floor only raises it. */
  cotation: 10,
  /** A floor (diploma, status, benchmark job) could raise the answer; several floors add up. */
  floor: 4,
  /** A critère classant (criteria-minimum rule) is unanswered. */
  criteria: 3,
  /** A conditional row of a correspondence table could raise the answer. */
  correspondence: 3,
  /** A position of the ladder (position-condition rules) is undecided within the range. */
  ladder: 2,
  /** A level's condition or floor is undecided, in a single position. */
  level: 2,
  /**
   * The same while the answer is still a range of positions: the level is given within a position
   * once the position is known (2198 art. 1: « 2 étapes successives : le classement de l'emploi par
   * catégorie ; l'attribution d'un niveau au titulaire de cet emploi »). Summed over the level rules
   * of every position of the range (one per group of positions), it stays below one critère classant.
   */
  levelInRange: 0.5,
  /** A rule that excludes jobs from the whole grid is undecided. */
  exclusion: 1,
  /** An entry period needs the date the position was taken. */
  entryPeriod: 1,
  /** Nothing else decided the answer: the benchmark job. */
  job: 1,
  /** A fact taken at its usual value: still asked, last. */
  assumption: 0.5,
} as const;

/** The step of the engine that asks for a fact. */
export type QuestionAsker = keyof typeof QUESTION_WEIGHTS;

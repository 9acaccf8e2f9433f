/** Labelled descriptions the build reads from eval/ into the catalogue, for the matcher to learn from. */

/** A labelled description: the job is the emploi-repère title as eval/ labels it. */
export interface Example {
  id: string;
  text: string;
  job: string;
}

/** Examples of a convention, and the date of the grid their labels name (the grid in force then). */
export interface ExampleSet {
  at: string;
  /** The tuning sets they come from (eval/<name>.yaml), as eval/training.json lists them. */
  sets: string[];
  cases: Example[];
}

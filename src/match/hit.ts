import type { Job, Source, Status } from '../model/schema.js';

/** What every job search answers with: the job, where it sits in the grid, why it matched. */
export interface JobHit {
  job: Job;
  track: string;
  trackTitle: string;
  positions: string[];
  statuses: Status[];
  /** Relevance, comparable within one query only. */
  score: number;
  /** Matched words and the job's text lines they come from (a title, a duty…). */
  evidence: { field: string; terms: string[]; text: string }[];
  source: Source;
}

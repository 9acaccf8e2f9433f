/**
 * An engine answer as the API and `--json` give it: each reason and warning keeps its code, params
 * and source, and gains `text`, its French sentence (the one renderer's), for clients that show it
 * as is. The engine's own answers carry no sentence.
 */
import type { Reason, Warning } from '../model/reason.js';
import { reasonText, warningText } from '../model/reasons-fr.js';

export type Explained<T extends { explanation: Reason[]; warnings: Warning[] }> = Omit<T, 'explanation' | 'warnings'> & {
  explanation: (Reason & { text: string })[];
  warnings: (Warning & { text: string })[];
};

export function explained<T extends { explanation: Reason[]; warnings: Warning[] }>(answer: T): Explained<T> {
  return {
    ...answer,
    explanation: answer.explanation.map((r) => ({ ...r, text: reasonText(r) })),
    warnings: answer.warnings.map((w) => ({ ...w, text: warningText(w) })),
  };
}

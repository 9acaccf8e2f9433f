/**
 * Checks a lexicon's `cotation` cues against the grid in force: each names a criterion of the
 * grid's cotation, each degree span lies within that criterion's degrees, each pattern compiles.
 * A cue outside the scale would read a degree the text does not have.
 */
import type { CotationCues, DegreeSpan, GridFile } from '../model/schema.js';
import type { GridProblem } from './errors.js';

/** The lowest and highest degree of a span. */
export function spanBounds(span: DegreeSpan): { min: number; max: number } {
  return typeof span === 'number' ? { min: span, max: span } : { min: span[0], max: span[1] };
}

export function checkCotationCues(cues: CotationCues, grid: GridFile | undefined, locate: (path: (string | number)[]) => number | undefined): GridProblem[] {
  const problems: GridProblem[] = [];
  const add = (path: (string | number)[], message: string) => problems.push({ path: path.join('.'), line: locate(path), message });
  const criteria = new Map((grid?.cotation?.criteria ?? []).map((c) => [c.fact, c]));
  const seen = new Set<string>();
  cues.criteria.forEach((entry, i) => {
    const criterion = criteria.get(entry.fact);
    if (!criterion) return add(['cotation', 'criteria', i, 'fact'], `critère inconnu de la cotation de la grille en vigueur : ${entry.fact}`);
    if (seen.has(entry.fact)) add(['cotation', 'criteria', i, 'fact'], `critère déjà décrit plus haut : ${entry.fact}`);
    seen.add(entry.fact);
    const degrees = new Set(criterion.degrees.map((d) => d.degree));
    const checkSpan = (span: DegreeSpan, path: (string | number)[]) => {
      const { min, max } = spanBounds(span);
      if (!degrees.has(min) || !degrees.has(max) || min > max) add(path, `degrés ${min}–${max} hors de l'échelle du critère ${criterion.title}`);
    };
    entry.cues.forEach((cue, k) => {
      checkSpan(cue.degrees, ['cotation', 'criteria', i, 'cues', k, 'degrees']);
      cue.patterns.forEach((pattern, n) => {
        try {
          new RegExp(pattern);
        } catch (e) {
          add(['cotation', 'criteria', i, 'cues', k, 'patterns', n], `expression régulière invalide : ${(e as Error).message}`);
        }
      });
    });
    if (entry.unsaid) checkSpan(entry.unsaid.degrees, ['cotation', 'criteria', i, 'unsaid', 'degrees']);
  });
  (cues.outside ?? []).forEach((pattern, n) => {
    try {
      new RegExp(pattern);
    } catch (e) {
      add(['cotation', 'outside', n], `expression régulière invalide : ${(e as Error).message}`);
    }
  });
  return problems;
}

/**
 * A position as payroll writes it in free text — the DSN's `S21.G00.40.041` « Positionnement dans
 * la convention collective » has no structure (CT2025.1, p. 198-199), and exports' columns are
 * no tidier: "Coef. 155", "Coefficient 195 échelon 2", "Niveau 1.3", "Position B", "Catégorie C -
 * maîtrisant", "C maîtrisant", "O2-C", "niv. B". It is read against the positions of the
 * employee's convention — their codes, the other labels the texts give them, the levels inside
 * a position — so that nothing here names a convention: what is a position comes from grids/.
 */
import type { Convention } from '../../grids/convention.js';
import { foldAccents } from '../../text/normalize.js';

export interface PositionChoice {
  code: string;
  /** The level inside the position, when the text names one (a level id of the grid). */
  level?: string;
}

/** What a convention's grids call positions and levels, folded for comparison. */
export interface PositionVocabulary {
  codes: ReadonlySet<string>;
  /** Folded other label ("o2-c") → code. */
  labels: ReadonlyMap<string, string>;
  /** Folded level words ("maitrisant", "debutant") → level id. */
  levels: ReadonlyMap<string, string>;
}

export function vocabularyOf(conv: Convention): PositionVocabulary {
  const codes = new Set<string>();
  const labels = new Map<string, string>();
  const levels = new Map<string, string>();
  for (const grid of conv.grids) {
    for (const p of grid.positions) {
      codes.add(p.code);
      if (p.label) labels.set(foldAccents(p.label).replace(/\s+/g, ''), p.code);
    }
    for (const l of grid.levels) {
      levels.set(foldAccents(l.id), l.id);
      // The first word of the title ("référent" for "référent / polyvalent").
      const word = foldAccents(l.title).split(/[^a-z]+/)[0];
      if (word && word.length > 3) levels.set(word, l.id);
    }
  }
  return { codes, labels, levels };
}

/** Words that introduce a position and say nothing of which one. */
const LEAD_WORDS = new Set(['coefficient', 'coeff', 'coef', 'co', 'niveau', 'niv', 'position', 'pos', 'categorie', 'cat', 'classe', 'classification', 'echelon', 'ech', 'groupe', 'grp', 'indice', 'palier', 'qualification', 'statut', 'emploi', 'n', 'no']);

/** The position a free text names, or undefined when it names none of the convention's. */
export function parsePositionText(raw: string, vocabulary: PositionVocabulary): PositionChoice | undefined {
  const folded = foldAccents(raw).trim();
  if (folded === '') return undefined;
  // Elisions ("d'entrée", "l'échelon") would leave a one-letter word that reads as a position.
  const text = folded.replace(/\b[a-z]'/g, ' ').replace(/[’`]/g, ' ');
  let level: string | undefined;
  const words = text
    // A decimal comma or point between digits is kept ("1,3" → "1.3"); other punctuation separates.
    .replace(/(\d)[.,](\d)/g, '$1\u2024$2')
    .split(/[^a-z0-9\u2024-]+/)
    .flatMap((w) => (vocabulary.labels.has(w.replace(/-/g, '')) || vocabulary.labels.has(w) ? [w] : w.split('-')))
    .map((w) => w.replace(/\u2024/g, '.'))
    .filter((w) => {
      if (w === '') return false;
      const l = vocabulary.levels.get(w);
      if (l) level ??= l;
      return !l && !LEAD_WORDS.has(w);
    });
  const withLevel = (code: string): PositionChoice => (level ? { code, level } : { code });
  for (const w of words) {
    const label = vocabulary.labels.get(w) ?? vocabulary.labels.get(w.replace(/-/g, ''));
    if (label) return withLevel(label);
  }
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    // "Niveau 1 échelon 3" where the grid numbers its levels 1.3.
    const next = words[i + 1];
    if (/^\d$/.test(w) && next !== undefined && /^\d$/.test(next) && vocabulary.codes.has(`${w}.${next}`)) return withLevel(`${w}.${next}`);
    const code = /^[a-z]$/.test(w) ? w.toUpperCase() : /^0*\d{1,3}(?:\.\d)?$/.test(w) ? w.replace(/^0+(?=\d)/, '') : undefined;
    if (code !== undefined && vocabulary.codes.has(code)) return withLevel(code);
  }
  return undefined;
}

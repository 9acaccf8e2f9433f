/**
 * Working time of a row, as a share of full time: from hours per month (against the file's
 * reference, else the legal 151,67 h), else from a share ("80 %", "0,8"). A forfait-jours
 * contract has no hours: it is read as full time.
 */
import { parseFrenchNumber, parseShare } from './row.js';

/** The legal full-time month: 35 h × 52 / 12. */
export const LEGAL_MONTH_HOURS = 151.67;

export type WorkingTime =
  | { kind: 'share'; share: number; hours?: number; reference?: number }
  | { kind: 'forfait-jours' }
  | { kind: 'unknown' }
  /** `cell`: which of the cells could not be read (the audit points at its column). */
  | { kind: 'unreadable'; cell: 'hours' | 'reference' | 'share'; message: string };

/** "Forfait jours", "forfait 218 jours", "218 j": a contract counted in days. */
const FORFAIT_JOURS = /jour|^\d+\s*j$/i;

/** "104", "104,00 h", "151h67" → hours; undefined when no hours can be read. */
export function parseHours(raw: string): number | undefined {
  const s = raw.trim().toLowerCase();
  const hm = /^(\d{1,3})\s*h\s*(\d{2})$/.exec(s);
  if (hm) return Number(hm[1]) + Number(hm[2]) / 60;
  const n = parseFrenchNumber(s.replace(/\s*(?:h|heures?|hrs?)\.?$/, ''));
  return n !== undefined && n > 0 && n <= 400 ? n : undefined;
}

/**
 * The working time of a row from its cells (empty strings when absent). Hours win over a share;
 * above the reference, the share is capped at full time (overtime is paid apart from the base pay).
 */
export function workingTime(hoursCell: string, referenceCell: string, shareCell: string, modalityCell: string): WorkingTime {
  for (const cell of [modalityCell, hoursCell, shareCell]) {
    if (cell !== '' && FORFAIT_JOURS.test(cell)) return { kind: 'forfait-jours' };
  }
  if (hoursCell !== '') {
    const hours = parseHours(hoursCell);
    if (hours === undefined) return { kind: 'unreadable', cell: 'hours', message: "nombre d'heures par mois attendu (ex. 151,67 ; 104)" };
    let reference = LEGAL_MONTH_HOURS;
    if (referenceCell !== '') {
      const r = parseHours(referenceCell);
      if (r === undefined) return { kind: 'unreadable', cell: 'reference', message: "horaire de référence attendu (ex. 151,67)" };
      reference = r;
    }
    return { kind: 'share', share: Math.min(1, hours / reference), hours, reference };
  }
  if (shareCell !== '') {
    if (shareCell === '1') return { kind: 'share', share: 1 };
    const share = parseShare(shareCell);
    return share === undefined ? { kind: 'unreadable', cell: 'share', message: 'part du temps plein attendue (ex. 1 ; 0,8 ; 80 %)' } : { kind: 'share', share };
  }
  if (modalityCell !== '' && /plein/i.test(modalityCell)) return { kind: 'share', share: 1 };
  return { kind: 'unknown' };
}

/**
 * Cues of seniority in French job texts: who controls the work, who the person manages, how
 * much experience is asked. Read the same way from a user's description and from the grids' own
 * duties, so that the two can be compared.
 */
import { foldAccents } from '../text/normalize.js';

export interface LevelCues {
  /** -1 (beginner, under control) … 1 (manages, directs); 0 when nothing is said. */
  seniority: number;
  /** People managed, when a number is given. */
  managedStaff?: number;
  /** Years of experience asked or held, when given. */
  years?: number;
  /** The phrases that gave the cues. */
  found: string[];
}

const LOW: [RegExp, number][] = [
  [/\bdebutant|\bjunior\b|sans experience|premiere experience|formation (?:assuree|en interne)|apprenti|stagiaire/, -1],
  [/sous (?:le )?controle|sous la (?:responsabilite|supervision|direction|conduite)|sous l'autorite|selon les (?:directives|consignes|instructions)|verifie par|controle par|supervise par/, -0.6],
  [/\bassiste\b|\baide\b|\baider\b|seconde? (?:le|la)\b/, -0.4],
  [/taches simples|operations simples|elementaires?/, -0.6],
];

const HIGH: [RegExp, number][] = [
  [/\bencadre|\bmanage|\bmanagement\b|animer? (?:une |l'|son |d'une )?equipe|anime (?:une |l'|son )?equipe|responsable d'une equipe|chef d'equipe|dirige|direction de/, 0.8],
  [/\bbudget|compte de resultat|\bp&l\b|chiffre d'affaires|strategie|politique commerciale|recrute/, 0.7],
  [/plusieurs (?:magasins|sites|boutiques|points de vente)|multi-?sites|multimagasin|reseau de/, 0.9],
  [/\bautonom|en autonomie|de maniere autonome|independant/, 0.4],
  [/\bexpert|\bsenior\b|confirme|experimente|referent/, 0.5],
  [/\bcoordonne|organise (?:le|les) travail|supervise\b|planning de l'equipe/, 0.5],
];

const NUM_WORDS: Record<string, number> = { un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10, douze: 12, quinze: 15, vingt: 20 };
const num = (s: string) => (/^\d+$/.test(s) ? Number(s) : (NUM_WORDS[s] ?? NaN));

export function levelCues(text: string): LevelCues {
  const t = foldAccents(text);
  const found: string[] = [];
  let sum = 0;
  let count = 0;
  for (const [re, weight] of [...LOW, ...HIGH]) {
    const m = re.exec(t);
    if (m) {
      found.push(m[0]);
      sum += weight;
      count++;
    }
  }
  const cues: LevelCues = { seniority: count === 0 ? 0 : Math.max(-1, Math.min(1, sum / Math.sqrt(count))), found };
  const team = /(?:equipe|team) (?:de|d') ?(\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|quinze|vingt)\b|(?:encadre|manage|anime|dirige)[a-z]* (?:une equipe de )?(\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|quinze|vingt) (?:personnes|salaries|collaborateurs|vendeurs|opticiens|personnes)/.exec(t);
  if (team) {
    const n = num(team[1] ?? team[2] ?? '');
    if (Number.isFinite(n)) cues.managedStaff = n;
  }
  const years = /(\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix) ?(?:ans|annees)(?: d'experience| d'exercice| de pratique| minimum| d'anciennete)?/.exec(t);
  if (years) {
    const n = num(years[1]!);
    if (Number.isFinite(n)) cues.years = n;
  }
  return cues;
}

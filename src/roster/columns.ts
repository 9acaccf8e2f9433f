/**
 * Columns of a staff list: French headers as payroll exports write them, matched without case,
 * accents or punctuation, with the usual aliases.
 */
import { foldAccents } from '../text/normalize.js';

export const COLUMNS = [
  'matricule',
  'idcc',
  'emploi',
  'position',
  'niveau',
  'statut',
  'date_entree',
  'date_position',
  'diplome',
  'annees_exercice',
  'encadrement',
  'salaire_mensuel_brut',
  'temps_travail',
  'sexe',
  'nom',
  'prenom',
] as const;
export type Column = (typeof COLUMNS)[number];

/** The columns without which no row can be audited. */
export const REQUIRED: readonly Column[] = ['matricule', 'idcc', 'position'];

/** What each column holds, for the template and the error messages. */
export const COLUMN_HELP: Record<Column, string> = {
  matricule: 'identifiant du salarié dans la paie',
  idcc: 'IDCC de la convention collective (3168, 1431, 2198)',
  emploi: "intitulé de l'emploi dans l'entreprise",
  position: 'coefficient, niveau ou catégorie tenu par la paie (ancienne ou nouvelle grille)',
  niveau: 'IDCC 2198 : débutant, maîtrisant ou référent',
  statut: 'employé, agent de maîtrise, cadre',
  date_entree: "date d'entrée dans l'entreprise (JJ/MM/AAAA ou AAAA-MM-JJ)",
  date_position: 'date depuis laquelle le salarié occupe cette position',
  diplome: 'diplôme (ex. BTS OL, licence, CQP, aucun)',
  annees_exercice: "années d'exercice effectif du métier",
  encadrement: 'nombre de personnes encadrées',
  salaire_mensuel_brut: 'salaire mensuel brut de base, en euros',
  temps_travail: 'part du temps plein (1 ; 0,8 ; 80 %)',
  sexe: 'F ou H (facultatif, pour le suivi de la répartition femmes-hommes)',
  nom: 'nom du salarié (facultatif)',
  prenom: 'prénom(s) du salarié (facultatif)',
};

const ALIASES: Record<Column, string[]> = {
  matricule: ['matricule', 'mat', 'id salarie', 'numero salarie', 'n salarie', 'code salarie', 'identifiant', 'salarie id'],
  idcc: ['idcc', 'convention', 'code idcc', 'convention collective', 'ccn'],
  emploi: ['emploi', 'intitule', 'intitule emploi', 'intitule du poste', 'poste', 'fonction', 'libelle emploi', 'metier'],
  position: ['position', 'coefficient', 'coef', 'coeff', 'classification', 'niveau classification', 'categorie', 'echelon', 'niveau conventionnel'],
  niveau: ['niveau', 'niveau 2198', 'niveau de maitrise'],
  statut: ['statut', 'categorie socio professionnelle', 'csp', 'college'],
  date_entree: ['date entree', 'date d entree', 'entree', 'date embauche', 'date d embauche', 'anciennete depuis'],
  date_position: ['date position', 'date de position', 'date coefficient', 'depuis', 'date classification', 'date du coefficient'],
  diplome: ['diplome', 'diplomes', 'qualification'],
  annees_exercice: ['annees exercice', 'annees d exercice', 'experience', 'annees experience', 'annees de pratique'],
  encadrement: ['encadrement', 'personnes encadrees', 'nb encadres', 'effectif encadre', 'managees'],
  salaire_mensuel_brut: ['salaire mensuel brut', 'salaire brut', 'salaire', 'brut mensuel', 'salaire de base', 'remuneration mensuelle brute'],
  temps_travail: ['temps travail', 'temps de travail', 'taux activite', 'taux d activite', 'temps partiel', 'quotite'],
  sexe: ['sexe', 'genre', 'h f'],
  nom: ['nom', 'nom de famille', 'nom d usage', 'nom salarie'],
  prenom: ['prenom', 'prenoms', 'prenom salarie'],
};

export function headerKey(header: string): string {
  return foldAccents(header)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const BY_KEY = new Map<string, Column>();
for (const col of COLUMNS) for (const alias of [col.replace(/_/g, ' '), ...ALIASES[col]]) BY_KEY.set(headerKey(alias), col);

export interface HeaderMap {
  /** Index of each recognised column in the record. */
  index: Partial<Record<Column, number>>;
  /** Headers that matched nothing (kept, reported once). */
  unknown: string[];
  /** Columns named twice. */
  duplicated: Column[];
}

export function mapHeaders(headers: readonly string[]): HeaderMap {
  const index: Partial<Record<Column, number>> = {};
  const unknown: string[] = [];
  const duplicated: Column[] = [];
  headers.forEach((h, i) => {
    const col = BY_KEY.get(headerKey(h));
    if (!col) {
      if (h.trim() !== '') unknown.push(h);
      return;
    }
    if (index[col] !== undefined) duplicated.push(col);
    else index[col] = i;
  });
  return { index, unknown, duplicated };
}

/**
 * Columns of a staff list: French headers as payroll exports write them, matched without case,
 * accents or punctuation. The single place where columns are defined: every reader (CSV, XLSX,
 * DSN) feeds the audit rows whose cells are named by these columns.
 */
import { foldAccents } from '../text/fold.js';

export const COLUMNS = [
  'matricule',
  'nom',
  'prenom',
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
  'heures_sup',
  'prime_anciennete',
  'temps_travail',
  'horaire_mensuel',
  'horaire_reference',
  'modalite_temps',
  'sexe',
  'nom',
  'prenom',
] as const;
export type Column = (typeof COLUMNS)[number];

/** The columns without which no row can be audited. */
export const REQUIRED: readonly Column[] = ['matricule', 'idcc', 'position'];

/** What each column holds, for the template, the mapping choices and the error messages. */
export const COLUMN_HELP: Record<Column, string> = {
  matricule: 'identifiant du salarié dans la paie',
  nom: 'nom du salarié (ou « nom prénom » dans une seule colonne)',
  prenom: 'prénom du salarié',
  idcc: 'IDCC de la convention collective (4 chiffres)',
  emploi: "intitulé de l'emploi dans l'entreprise",
  position: 'coefficient, niveau ou catégorie tenu par la paie (ancienne ou nouvelle grille)',
  niveau: 'niveau dans la position, pour les grilles qui en distinguent',
  statut: 'employé, agent de maîtrise, cadre',
  date_entree: "date d'entrée dans l'entreprise (JJ/MM/AAAA ou AAAA-MM-JJ)",
  date_position: 'date depuis laquelle le salarié occupe cette position',
  diplome: 'diplôme (ex. BTS OL, licence, CQP, aucun)',
  annees_exercice: "années d'exercice effectif du métier",
  encadrement: 'nombre de personnes encadrées',
  salaire_mensuel_brut: 'salaire mensuel brut de base, en euros',
  heures_sup: 'montant brut des heures supplémentaires et de leurs majorations compris dans le salaire, en euros (facultatif)',
  prime_anciennete: "montant de la prime d'ancienneté comprise dans le salaire, en euros (facultatif)",
  temps_travail: 'part du temps plein (1 ; 0,8 ; 80 %)',
  horaire_mensuel: 'heures de travail par mois (ex. 151,67 ; 104)',
  horaire_reference: "horaire mensuel d'un temps plein dans l'entreprise (151,67 h par défaut)",
  modalite_temps: 'temps plein, temps partiel ou forfait jours',
  sexe: 'F ou H (facultatif, pour le suivi de la répartition femmes-hommes)',
};

/**
 * Headers as payroll software writes them (compared after headerKey). Data, not code: a header
 * met in a new export is added here. A header listed under several columns is shared: see SHARED.
 */
export const HEADER_SYNONYMS: Record<Column, readonly string[]> = {
  matricule: ['matricule', 'mat', 'id salarie', 'numero salarie', 'n salarie', 'no salarie', 'code salarie', 'identifiant', 'salarie id', 'matricule salarie'],
  nom: ['nom', 'nom de famille', 'nom salarie', 'nom du salarie', 'nom usuel', 'nom d usage', 'nom patronymique', 'nom prenom', 'nom et prenom', 'nom complet', 'salarie', 'identite'],
  prenom: ['prenom', 'prenoms', 'prenom salarie', 'prenom du salarie'],
  idcc: ['idcc', 'convention', 'code idcc', 'convention collective', 'ccn', 'idcc convention'],
  emploi: ['emploi', 'libelle emploi', 'libelle de l emploi', 'intitule', 'intitule emploi', 'intitule du poste', 'intitule de poste', 'poste', 'libelle poste', 'fonction', 'metier', 'emploi occupe'],
  position: ['position', 'coefficient', 'coef', 'coeff', 'classification', 'niveau classification', 'niveau conventionnel', 'position conventionnelle', 'coefficient hierarchique', 'categorie', 'niveau', 'echelon'],
  niveau: ['niveau', 'niveau de maitrise'],
  statut: ['statut', 'statut categoriel', 'statut professionnel', 'categorie socio professionnelle', 'csp', 'college', 'categorie'],
  date_entree: ['date entree', 'date d entree', 'entree', 'date embauche', 'date d embauche', 'date anciennete', 'date d anciennete', 'anciennete depuis', 'date d entree dans l entreprise'],
  date_position: ['date position', 'date de position', 'date coefficient', 'date du coefficient', 'date classification', 'date de classification', 'date niveau', 'date du niveau', 'depuis'],
  diplome: ['diplome', 'diplomes', 'qualification'],
  annees_exercice: ['annees exercice', 'annees d exercice', 'experience', 'annees experience', 'annees d experience', 'annees de pratique'],
  encadrement: ['encadrement', 'personnes encadrees', 'nb encadres', 'effectif encadre', 'managees'],
  salaire_mensuel_brut: ['salaire mensuel brut', 'salaire brut', 'salaire', 'brut mensuel', 'salaire de base', 'brut de base', 'salaire de base mensuel', 'salaire mensuel', 'remuneration mensuelle brute'],
  // One column per rate is common (« HS 25 % », « HS 50 % »): every one is read (SUMMED_COLUMNS).
  heures_sup: [
    'heures supplementaires', 'heures sup', 'montant heures supplementaires', 'majoration heures sup', 'majoration heures supplementaires', 'majorations heures supplementaires', 'hs', 'remuneration heures supplementaires',
    'hs 10', 'hs 20', 'hs 25', 'hs 50', 'hs 100', 'heures supplementaires 10', 'heures supplementaires 20', 'heures supplementaires 25', 'heures supplementaires 50', 'heures supplementaires 100',
    'heures sup 25', 'heures sup 50', 'majoration hs 25', 'majoration hs 50', 'majoration heures sup 25', 'majoration heures sup 50', 'heures supplementaires majorees 25', 'heures supplementaires majorees 50',
  ],
  prime_anciennete: ['prime d anciennete', 'prime anciennete', 'montant prime anciennete', 'montant prime d anciennete'],
  temps_travail: ['temps travail', 'temps de travail', 'taux activite', 'taux d activite', 'temps', 'pourcentage temps', 'temps partiel', 'taux temps partiel', 'taux de temps partiel', 'quotite'],
  horaire_mensuel: ['horaire mensuel', 'heures mensuelles', 'nb heures', 'nombre d heures', 'nombre heures', 'base horaire', 'horaire contractuel', 'heures contractuelles', 'horaire', 'duree mensuelle', 'duree du travail'],
  horaire_reference: ['horaire de reference', 'horaire reference', 'duree de reference', 'heures de reference', 'quotite de reference', 'horaire collectif', 'horaire temps plein'],
  modalite_temps: ['modalite', 'modalite temps de travail', 'modalite d exercice', 'type horaire', 'regime horaire', 'forfait', 'type de temps de travail'],
  sexe: ['sexe', 'genre', 'h f'],
};

/**
 * Amounts a payroll export may split over several columns (« HS 25 % » and « HS 50 % »): every
 * column of such a kind is kept (HeaderMap.summed) and the amounts add up; for other columns a
 * second header naming the column is a duplicate, and the first one is read.
 */
export const SUMMED_COLUMNS: readonly Column[] = ['heures_sup', 'prime_anciennete'];

/**
 * Headers that mean one column or another depending on the file ("Catégorie" is the position in
 * one branch and the statut in another): each takes the first of its columns that no other
 * header of the file names, in this order of headers.
 */
const SHARED: readonly [string, readonly Column[]][] = [
  ['categorie', ['position', 'statut']],
  ['niveau', ['position', 'niveau']],
  ['echelon', ['position']],
];

export function headerKey(header: string): string {
  return foldAccents(header)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const SHARED_KEYS = new Map(SHARED.map(([k, cols]) => [headerKey(k), cols]));
const BY_KEY = new Map<string, Column>();
for (const col of COLUMNS) {
  for (const alias of [col.replace(/_/g, ' '), ...HEADER_SYNONYMS[col]]) {
    const key = headerKey(alias);
    if (!SHARED_KEYS.has(key)) BY_KEY.set(key, col);
  }
}

/** A user's choice for a header of their file: a column, or `ignorer`. */
export type ColumnChoice = Column | 'ignorer';
/** The user's choices, by header as the file writes it. */
export type ColumnMapping = Readonly<Record<string, ColumnChoice>>;

export function isColumnChoice(value: string): value is ColumnChoice {
  return value === 'ignorer' || (COLUMNS as readonly string[]).includes(value);
}

export interface HeaderMap {
  /** Index of each recognised column in the record. */
  index: Partial<Record<Column, number>>;
  /** The header of the file behind each column, for messages in the user's words. */
  names: Partial<Record<Column, string>>;
  /** Headers that matched nothing (kept, reported once). */
  unknown: string[];
  /** Columns named twice (not those of SUMMED_COLUMNS). */
  duplicated: Column[];
  /** Every column of a SUMMED_COLUMNS kind, in file order (the first is also in index and names). */
  summed: Partial<Record<Column, { index: number; name: string }[]>>;
}

/** The columns of a header row; `mapping` (the user's choices) wins over the synonyms. */
export function mapHeaders(headers: readonly string[], mapping: ColumnMapping = {}): HeaderMap {
  const index: Partial<Record<Column, number>> = {};
  const names: Partial<Record<Column, string>> = {};
  const unknown: string[] = [];
  const duplicated: Column[] = [];
  const summed: Partial<Record<Column, { index: number; name: string }[]>> = {};
  const chosen = new Map(Object.entries(mapping).map(([h, c]) => [headerKey(h), c]));
  const take = (col: Column, i: number) => {
    if (SUMMED_COLUMNS.includes(col)) (summed[col] ??= []).push({ index: i, name: headers[i]! });
    if (index[col] !== undefined) {
      if (!SUMMED_COLUMNS.includes(col)) duplicated.push(col);
    }
    else {
      index[col] = i;
      names[col] = headers[i]!;
    }
  };
  const shared: [number, readonly Column[]][] = [];
  headers.forEach((h, i) => {
    const key = headerKey(h);
    const choice = chosen.get(key);
    if (choice === 'ignorer') return;
    if (choice) return take(choice, i);
    const col = BY_KEY.get(key);
    if (col) return take(col, i);
    const cols = SHARED_KEYS.get(key);
    if (cols) return void shared.push([i, cols]);
    if (h.trim() !== '') unknown.push(h);
  });
  // Shared headers last, so that a column named outright keeps its header.
  shared.sort((a, b) => order(headers[a[0]]!) - order(headers[b[0]]!));
  for (const [i, cols] of shared) {
    const free = cols.find((c) => index[c] === undefined);
    if (free) take(free, i);
    else unknown.push(headers[i]!);
  }
  return { index, names, unknown, duplicated, summed };
}

function order(header: string): number {
  return SHARED.findIndex(([k]) => k === headerKey(header));
}

/** A column as the user's file calls it: « Horaire mensuel », or the column's own name when absent. */
export function columnName(map: HeaderMap, column: Column): string {
  return map.names[column] ?? column;
}

/** How many rows are searched for the header row (title and period lines above it). */
export const HEADER_SEARCH_ROWS = 30;

/**
 * The header row among the first rows of a file: the first that names the required columns,
 * else the one that names most columns; 0 when none names two.
 */
export function findHeaderRow(rows: readonly (readonly string[])[], mapping: ColumnMapping = {}): number {
  let best = 0;
  let bestScore = 1;
  for (let r = 0; r < Math.min(rows.length, HEADER_SEARCH_ROWS); r++) {
    const map = mapHeaders(rows[r]!, mapping);
    const score = Object.keys(map.index).length;
    if (REQUIRED.every((c) => map.index[c] !== undefined)) return r;
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}

/** The shape of a file, to find the user's choices again for the next file like it. */
export function headerSignature(headers: readonly string[]): string {
  return headers
    .map(headerKey)
    .filter((k) => k !== '')
    .join('|');
}

/**
 * Reads the first rows of a sheet up to its header row (see findHeaderRow): the headers, their
 * line, and the rows read past them, which are data. Undefined when the sheet has no row.
 */
export async function takeHeaderRow<R extends { line: number; cells: string[] }>(
  next: () => Promise<R | undefined>,
  mapping: ColumnMapping = {},
): Promise<{ headers: string[]; headerLine: number; after: R[] } | undefined> {
  const top: R[] = [];
  for (let row = await next(); row; row = top.length < HEADER_SEARCH_ROWS ? await next() : undefined) top.push(row);
  if (top.length === 0) return undefined;
  const at = findHeaderRow(
    top.map((r) => r.cells),
    mapping,
  );
  return { headers: top[at]!.cells, headerLine: top[at]!.line, after: top.slice(at + 1) };
}

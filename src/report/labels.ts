/**
 * French words of the reports: what each rule of the audit is called and checks, the severities,
 * the conventions (named from the catalogue) and the documents that are not texts of a convention.
 */
import { STATUS_LABELS } from '../model/labels.js';
import type { Source } from '../model/schema.js';
import type { Finding, RuleId, Severity } from '../roster/audit.js';

export interface RuleLabel {
  /** Short French name, used as a heading. */
  title: string;
  /** One or two sentences for a reader who is not a lawyer: what the rule checks. */
  explanation: string;
}

export const RULE_LABELS: Record<RuleId, RuleLabel> = {
  'invalid-row': {
    title: 'Ligne illisible',
    explanation:
      "La ligne n'a pas pu être exploitée : une colonne obligatoire est vide, une valeur n'a pas le format attendu (date, nombre, code IDCC) ou la convention indiquée n'est pas connue. Les autres contrôles n'ont pas été faits sur cette ligne.",
  },
  'duplicate-matricule': {
    title: 'Matricule en double',
    explanation: 'Le même matricule apparaît sur plusieurs lignes d’une même convention : deux lignes pour un même salarié, ou une erreur de saisie.',
  },
  'unknown-position': {
    title: 'Position inconnue',
    explanation: "La position indiquée n'existe dans aucune grille de classification connue de la convention. La liste des positions existantes est rappelée.",
  },
  'grid-outdated': {
    title: 'Grille dépassée',
    explanation:
      "La position relève d'une grille de classification remplacée. Le constat indique la date à laquelle la nouvelle classification s'impose et, quand elle est connue, la position correspondante dans la nouvelle grille.",
  },
  'entry-period-exceeded': {
    title: "Période d'accueil dépassée",
    explanation:
      'Certaines positions (ou certains niveaux) ne peuvent être occupées que pendant une durée limitée. Cette durée est écoulée depuis la date d’entrée dans la position : le passage à la position suivante est dû.',
  },
  'below-diploma-minimum': {
    title: 'Sous le minimum du diplôme',
    explanation: 'Le diplôme déclaré donne droit, selon la convention, à une position minimale plus élevée que celle qui est attribuée.',
  },
  'status-below-required': {
    title: 'Statut insuffisant',
    explanation:
      'Les éléments de la ligne (diplôme, encadrement, expérience…) conduisent à un statut supérieur à celui de la position attribuée (par exemple agent de maîtrise ou cadre plutôt qu’employé).',
  },
  'track-requires-diploma': {
    title: 'Filière réservée aux diplômés',
    explanation: 'La position appartient à une filière que la convention réserve aux titulaires d’un diplôme, que la ligne ne mentionne pas.',
  },
  'job-position-mismatch': {
    title: 'Emploi et position discordants',
    explanation:
      "L'intitulé d'emploi ressemble à un emploi-repère de la grille classé à d'autres positions que celle qui est attribuée. C'est un indice à vérifier, pas une certitude : le degré de confiance de la correspondance est indiqué.",
  },
  'below-minimum-wage': {
    title: 'Salaire inférieur au minimum',
    explanation:
      'Le salaire, ramené à un temps plein, est inférieur au minimum conventionnel de la position ou au SMIC à la date de l’audit. Le montant attendu tient compte du temps de travail.',
  },
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  error: 'Erreur',
  warning: 'Avertissement',
  info: 'Information',
};

/** What a report says of a convention, from the catalogue: its short title, and the text that asks for women and men by position. */
export interface ReportConvention {
  shortTitle: string;
  sexSpreadSource?: Source;
}

/** The conventions of a report, by IDCC. */
export type ReportConventions = Readonly<Record<string, ReportConvention>>;

/** « IDCC 1431 — Optique-lunetterie de détail », or the IDCC alone for a convention the report does not know. */
export function conventionLabel(idcc: string, conventions?: ReportConventions): string {
  const name = conventions?.[idcc]?.shortTitle;
  return name ? `IDCC ${idcc} — ${name}` : `IDCC ${idcc}`;
}

/** French label of a head-count status (null: the position is not in any grid). */
export function statusLabel(status: string | null): string {
  if (status === null) return 'position inconnue';
  return (STATUS_LABELS as Record<string, string>)[status] ?? status;
}

// French formats, shared by the HTML and PDF reports.

/** JJ/MM/AAAA of an ISO date (or of the date part of an ISO date-time). */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** « JJ/MM/AAAA à HH:MM », Paris time, of an ISO date-time. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d);
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} à ${get('hour')} h ${get('minute')}`;
}

export function formatNumber(n: number): string {
  return n.toLocaleString('fr-FR');
}

export function formatEuro(n: number): string {
  return `${n.toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}\u00a0€`;
}

const EXPECTED_SHOWN = 8;

/** What a finding expects, in words: positions, an amount, and the date it was due. */
export function formatExpected(f: Pick<Finding, 'rule' | 'expected' | 'dueDate'>): string {
  const parts: string[] = [];
  const e = f.expected;
  if (Array.isArray(e)) {
    // A whole grid (unknown position) is listed in the message already.
    const shown = e.length > EXPECTED_SHOWN ? `${e.slice(0, EXPECTED_SHOWN - 1).join(', ')}… (${e.length} positions)` : e.join(', ');
    if (e.length > 0) parts.push(`${e.length > 1 ? 'Positions' : 'Position'} ${shown}`);
  } else if (typeof e === 'number') {
    parts.push(f.rule === 'below-minimum-wage' ? `Au moins ${formatEuro(e)}` : formatNumber(e));
  } else if (typeof e === 'string' && e !== '') {
    parts.push(e);
  }
  if (f.dueDate) parts.push(`Échéance : ${formatDate(f.dueDate)}`);
  return parts.join(' — ');
}

/** Counts with their noun: « 1 constat », « 2 constats ». */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n > 1 ? many : one}`;
}

/** Unknown columns named in a report; the others are counted. */
export const NAMED_COLUMNS = 30;

/**
 * « Colonnes non reconnues, ignorées : « a », « b » et 12 autres. », each name cut to 60
 * characters: a header of 100,003 columns was one paragraph that the PDF laid out for minutes.
 * `quote` escapes a name for its format.
 */
export function unknownColumnsNote(columns: readonly string[], quote: (name: string) => string): string {
  const named = columns.slice(0, NAMED_COLUMNS).map((c) => `« ${quote(c.length > 60 ? `${c.slice(0, 59)}…` : c)} »`);
  const rest = columns.length - named.length;
  return `Colonnes non reconnues, ignorées : ${named.join(', ')}${rest > 0 ? ` et ${formatNumber(rest)} ${rest > 1 ? 'autres' : 'autre'}` : ''}.`;
}

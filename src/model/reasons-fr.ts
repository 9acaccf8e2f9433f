/**
 * The French sentences of the engine's reasons and warnings: the one place they are written, used
 * by the CLI, the API's `text` fields, the web and the reports. In model so that every layer above
 * the engine reaches it (the audit quotes a reason in its findings); the engine itself never
 * imports it (ESLint forbids it in src/classify). A code without a sentence does not compile.
 */
import { formatDateFr, formatDuration } from './french-date.js';
import { STATUS_LABELS } from './labels.js';
import type { Reason, ReasonCode, ReasonParams, Warning, WarningCode, WarningParams } from './reason.js';

/** « 150 » or « 150 à 175 ». */
export function describeRange(codes: readonly string[]): string {
  return codes.length === 1 ? codes[0]! : `${codes[0]} à ${codes[codes.length - 1]}`;
}

const listedDegrees = (degrees: ReasonParams['cotation']['degrees']) => degrees.map((d) => `${d.title} ${d.degree ?? '?'}`).join(', ');
const listedCriteria = (criteria: Record<string, string>) =>
  Object.entries(criteria)
    .map(([c, v]) => `${c} ${v}`)
    .join(', ');
const periods = (durations: string[]) => (durations.length ? durations.map(formatDuration).join(', ') : 'aucune');

const REASON_SENTENCES: { [K in ReasonCode]: (p: ReasonParams[K]) => string } = {
  grid: (p) => `Grille appliquée : ${p.title}, en vigueur au ${formatDateFr(p.at)}.`,
  'transposition-grid': (p) => `Transposition de la grille « ${p.fromTitle} » vers la grille « ${p.toTitle} », au ${formatDateFr(p.at)}.`,
  job: (p) => `Emploi-repère « ${p.jobTitle} » (${p.trackTitle}) : ${p.positions.length > 1 ? 'positions' : 'position'} ${describeRange(p.positions)}.`,
  status: (p) => `Statut : ${p.statuses.map((s) => STATUS_LABELS[s]).join(' ou ')} (position ${describeRange(p.positions)}).`,
  track: (p) => `${p.trackTitle} : ${p.ruleText}`,
  'track-open': (p) =>
    `${p.trackTitle}, si l'emploi en relève : ${p.positions.length === 0 ? 'aucune position' : `${p.positions.length > 1 ? 'positions' : 'position'} ${describeRange(p.positions)}`}.`,
  'track-ineligible': (p) => (p.track === null ? `La grille ne s'applique pas : ${p.ruleText}` : `${p.trackTitle} : ne s'applique pas. ${p.ruleText}`),
  'condition-met': (p) => `Position ${p.position}${p.label ? ` (${p.label})` : ''} : ${p.ruleText}`,
  'level-condition-met': (p) => `Niveau ${p.levelTitle} : ${p.ruleText}`,
  'condition-not-met': (p) => `Position ${p.position} non atteinte, ses conditions ne sont pas remplies : ${p.ruleText}`,
  floor: (p) => `${p.ruleText} — au moins ${p.minPosition}.`,
  'benchmark-floor': (p) => `${p.ruleText} — les critères donneraient moins, l'emploi-repère « ${p.jobTitle} » reste le minimum.`,
  'level-floor': (p) => `${p.ruleText} — niveau au moins ${p.level}${p.after ? ` après ${formatDuration(p.after)}` : ''}.`,
  criteria: (p) =>
    p.complete
      ? `Critères classants : ${listedCriteria(p.criteria)} ; l'emploi se situe à la plus basse, ${p.position}. ${p.ruleText}`
      : `Critères connus : ${listedCriteria(p.criteria)} ; l'emploi ne peut dépasser ${p.position} tant que les autres critères ne sont pas connus. ${p.ruleText}`,
  cotation: (p) => `${p.title} : ${listedDegrees(p.degrees)} = ${p.points} points ; ${p.row.min} à ${p.row.max} points donnent ${p.position}.`,
  'cotation-partial': (p) =>
    `${p.title} partielle : ${listedDegrees(p.degrees)} ; entre ${p.points.min} et ${p.points.max} points selon les critères non renseignés, soit ${describeRange(p.positions)}.`,
  range: (p) => `Le texte laisse le choix entre ${describeRange(p.positions)} : ${p.ruleText}`,
  'entry-period': (p) =>
    'since' in p
      ? `Position d'accueil limitée à ${formatDuration(p.max)}, occupée depuis le ${formatDateFr(p.since)} : échéance le ${formatDateFr(p.dueDate)}. ${p.ruleText}`
      : `Position d'accueil limitée à ${formatDuration(p.max)} : ${p.ruleText}`,
  'level-entry-period': (p) =>
    `Niveau ${p.levels.join(', ')} pour au plus ${formatDuration(p.max)} depuis le ${formatDateFr(p.since)} : échéance le ${formatDateFr(p.dueDate)}. ${p.ruleText}`,
  'entry-period-changed': (p) => `« ${p.jobTitle} » : période maximale ${periods(p.before)} → ${periods(p.after)}. ${p.ruleText}`,
  transposition: (p) =>
    `${p.tableTitle} : ${p.from.length ? `ancien coefficient ${p.from.join('/')}` : (p.condition ?? 'ligne conditionnelle')} → ${p.to.join(', ')}${p.jobs.length ? ` (${p.jobs.join(', ')})` : ''}.${p.condition && p.from.length ? ` ${p.condition}` : ''}`,
  unchanged: (p) => `La grille « ${p.gridTitle} » conserve la position ${p.position}.`,
  assumption: (p) => `Supposé faute de réponse : ${p.question} → ${p.valueLabel}. Répondez à cette question si ce n'est pas le cas.`,
};

const WARNING_SENTENCES: { [K in WarningCode]: (p: WarningParams[K]) => string } = {
  'not-applicable': (p) =>
    'ruleText' in p
      ? `Les faits excluent cet emploi de la classification : ${p.ruleText}`
      : `Les faits excluent ${p.trackTitle}${p.jobTitle !== null ? ` et donc l'emploi-repère « ${p.jobTitle} »` : ''}.`,
  'track-changed': (p) =>
    `Classement en ${p.otherwiseTitle} au lieu de ${p.trackTitle}${p.jobTitle !== null ? ` : l'emploi-repère « ${p.jobTitle} » ne s'applique pas` : ''}.`,
  'job-range-overridden': (p) =>
    'position' in p
      ? `Les faits remplissent les conditions de la position ${p.position}, au-dessus de l'emploi-repère « ${p.jobTitle} » (${describeRange(p.jobPositions)}).`
      : `${p.jobTitle !== null && p.jobPositions ? `L'emploi-repère « ${p.jobTitle} » est classé ${describeRange(p.jobPositions)}, mais ` : ''}la règle impose au moins ${p.minPosition}.`,
  'conditions-not-met': (p) => `Les faits ne remplissent pas les conditions de la position ${p.position}, la plus basse de l'emploi-repère « ${p.jobTitle} ».`,
  'entry-period-exceeded': (p) =>
    'position' in p
      ? `Période maximale dépassée : en position ${p.position} depuis le ${formatDateFr(p.since)}, le salarié aurait dû évoluer le ${formatDateFr(p.dueDate)}${
          p.next ? ` : la position ${p.next.position}${p.next.jobTitle !== null ? ` (${p.next.jobTitle})` : ''} lui est due depuis cette date` : ''
        }.`
      : `Période maximale au niveau ${p.levels.join(', ')} dépassée depuis le ${formatDateFr(p.dueDate)} (en poste depuis le ${formatDateFr(p.since)}).`,
};

/** Every reason code, for those who must handle them all (the renderer's test, documentation). */
export const REASON_CODES = Object.keys(REASON_SENTENCES) as ReasonCode[];
export const WARNING_CODES = Object.keys(WARNING_SENTENCES) as WarningCode[];

/** The French sentence of a reason. */
export function reasonText(reason: Reason): string {
  return (REASON_SENTENCES[reason.code] as (p: Reason['params']) => string)(reason.params);
}

/** The French sentence of a warning. */
export function warningText(warning: Warning): string {
  return (WARNING_SENTENCES[warning.code] as (p: Warning['params']) => string)(warning.params);
}

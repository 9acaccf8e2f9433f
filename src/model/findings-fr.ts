/**
 * The French sentences of the audit's findings: the one place they are written. The audit renders
 * each finding once with it (a finding shared by many rows once for all of them), and every surface
 * (CLI, reports, API, web) shows that text. A code without a sentence does not compile.
 */
import { formatDateFr, formatDuration } from './french-date.js';
import type { ComparedPay, FindingCode, FindingParams, FindingReason } from './finding-reason.js';
import { STATUS_LABELS } from './labels.js';
import { reasonText } from './reasons-fr.js';
import type { ExcludablePay } from './wages.js';

/** "1 850,50 €" as French writes it; by hand because toLocaleString costs microseconds per call. */
export function euro(n: number): string {
  const fixed = Math.abs(n).toFixed(2);
  const int = fixed.length - 3;
  let grouped = fixed.slice(0, ((int - 1) % 3) + 1);
  for (let i = ((int - 1) % 3) + 1; i < int; i += 3) grouped += `\u202f${fixed.slice(i, i + 3)}`;
  return `${n < 0 ? '-' : ''}${grouped},${fixed.slice(int + 1)} €`;
}

/** Hours as French writes them: "104 h", "151,67 h". */
function hoursText(h: number): string {
  return `${String(Math.round(h * 100) / 100).replace('.', ',')} h`;
}

/** What a pay component is, in the words of a finding or a note. */
export const PAY_PART_WORDS: Record<ExcludablePay, string> = {
  heures_sup: 'heures supplémentaires',
  prime_anciennete: "prime d'ancienneté",
};

/** « Salaire … » up to the comparison: the pay, what was taken off it and why, the working time. */
function payText(p: ComparedPay): string {
  const t = p.time;
  const time =
    t === null
      ? ''
      : t.kind === 'forfait'
        ? ' en forfait jours (comparé à un temps plein)'
        : `${t.hours ? ` pour ${hoursText(t.hours.hours)} par mois sur ${hoursText(t.hours.reference)} à temps plein` : ` pour ${Math.round(t.share * 100)} % d'un temps plein`}, soit ${euro(t.fullTime)} à temps plein`;
  const d = p.deductions;
  if (!d) return `Salaire ${euro(p.compared)}${time}`;
  const said = d.taken.length > 0 ? `, dont ${d.taken.map((x) => `${x.amounts.map((a) => `${euro(a.amount)} de « ${a.header} »`).join(' et ')} (exclu${x.amounts.length > 1 ? 's' : ''} du salaire à comparer : « ${x.quote} »)`).join(' et ')} retirés` : '';
  const none =
    d.absent.length > 0
      ? ` (le fichier n'a pas de colonne ${d.absent.map((a) => `« ${PAY_PART_WORDS[a]} »`).join(' ni ')} : ${d.taken.length > 0 ? 'le reste est' : 'salaire'} comparé tel quel)`
      : '';
  return `Salaire ${euro(p.pay)}${said}${none}${d.total > 0 ? `, soit ${euro(p.compared)} comparé` : ''}${time}`;
}

const membersText = (p: ComparedPay) =>
  p.membersOnly
    ? ` Barème retenu pour une entreprise non adhérente (ou dont l'adhésion n'est pas indiquée) ; une entreprise adhérente d'une organisation signataire applique depuis le ${formatDateFr(p.membersOnly.from)} ${p.membersOnly.scaleTitle}.`
    : '';

const transposedText = (t: FindingParams['grid-outdated']['transposed']) =>
  t === null ? '' : ` Position transposée : ${t.positions.join(' ou ')}${t.trackTitle ? ` (${t.trackTitle})` : ''}${t.toSpecify.length ? ` — à préciser : ${t.toSpecify.join(' ; ')}` : ''}.`;

const FINDING_SENTENCES: { [K in FindingCode]: (p: FindingParams[K]) => string } = {
  'invalid-row.no-grid': (p) => `Aucune grille de l'IDCC ${p.idcc} n'est en vigueur au ${formatDateFr(p.at)}.`,
  'invalid-row.unreadable': (p) => `Ligne ${p.line} illisible : ${p.error}.`,
  'invalid-row.convention': (p) => `Ligne ${p.line}, colonne ${p.header} : ${p.error}`,
  'invalid-row.cell': (p) => `Ligne ${p.line}, colonne ${p.header} : ${p.error}${p.value ? ` (valeur lue : « ${p.value} »)` : ''}.`,
  'duplicate-matricule': (p) => `Matricule ${p.matricule} déjà présent ligne ${p.previousLine} : deux lignes pour un même salarié ?`,
  'unknown-position': (p) =>
    `Position « ${p.value} » (${p.header}) inconnue pour l'IDCC ${p.idcc}. Positions existantes — ${p.grids.map((g) => `${g.title} : ${g.positions.join(', ')}`).join(' ; ')}.`,
  'unknown-position.not-in-force': (p) =>
    `La position ${p.position} appartient à la grille « ${p.gridTitle} », qui ne s'impose qu'à partir du ${formatDateFr(p.from)} ; au ${formatDateFr(p.at)}, la grille en vigueur est « ${p.currentGridTitle} » (positions ${p.currentPositions.join(', ')}).`,
  'unknown-position.abolished': (p) => `La position ${p.position} n'existe plus depuis le ${formatDateFr(p.since)} : ses titulaires ont été requalifiés en ${p.replacedBy} (« ${p.quote} »).`,
  'grid-outdated': (p) =>
    `La position ${p.position} appartient à la grille remplacée « ${p.gridTitle} » ; la nouvelle classification (« ${p.newGridTitle} ») s'impose depuis le ${formatDateFr(p.deadline)}.${transposedText(p.transposed)}`,
  'grid-outdated.admitted': (p) =>
    `La position ${p.position} appartient à la grille « ${p.gridTitle} », encore admise jusqu'au ${formatDateFr(p.deadline)} : la nouvelle classification (« ${p.newGridTitle} ») devra être appliquée.${transposedText(p.transposed)}`,
  'entry-period-exceeded': (p) => {
    const a = p.assumedFromEntry;
    const assumed = a
      ? `Date de position absente${a.positionDateHeader === null ? '' : ` (${a.positionDateHeader} vide)`} : la position est supposée tenue depuis l'entrée (${a.entryDateHeader} : ${formatDateFr(p.since)}). `
      : '';
    return `${assumed}En position ${p.position}${p.level ? ` (niveau ${p.level})` : ''} depuis le ${formatDateFr(p.since)} : la période maximale de ${formatDuration(p.max)} a pris fin le ${formatDateFr(p.dueDate)}. ${p.ruleText}`;
  },
  'below-diploma-minimum': (p) => `Position ${p.position} inférieure au minimum ${p.minPosition} qu'impose le diplôme : ${p.ruleText}`,
  'status-below-required.declared': (p) =>
    `Statut déclaré « ${p.value} » (${p.header}) inférieur au statut ${STATUS_LABELS[p.status]} que la grille donne à la position ${p.position}.`,
  'status-below-required': (p) =>
    `Statut ${STATUS_LABELS[p.status]} (position ${p.position}) inférieur au statut ${STATUS_LABELS[p.required]} que donnent les faits${p.because ? ` : ${reasonText(p.because)}` : ''}`,
  'track-requires-diploma': (p) =>
    `Position ${p.position} de ${p.trackTitle} ${
      p.none ? `sans diplôme (« ${p.diploma} ») : la filière est réservée aux titulaires d'un diplôme` : `: le diplôme indiqué (« ${p.diploma} ») ne remplit pas la condition de la filière`
    }${p.otherwiseTrackTitle !== null ? ` ; classement attendu en ${p.otherwiseTrackTitle}` : ''}. ${p.ruleText}`,
  'job-position-mismatch': (p) =>
    `L'intitulé « ${p.jobTitle} » correspond à l'emploi-repère « ${p.job} » (${p.jobPositions.join(', ')}) : position ${p.position} ${
      p.placement === 'other-track'
        ? `dans une autre filière que l'emploi-repère (${p.jobTrackTitle})`
        : p.placement === 'above'
          ? "classée au-dessus de l'emploi-repère (plus favorable, licite)"
          : "classée en dessous de l'emploi-repère"
    } (confiance ${Math.round(p.confidence * 100)} %${p.uncertain ? ' ; correspondance incertaine, à vérifier' : ''}).`,
  'below-minimum-wage': (p) =>
    `${payText(p)} : inférieur au minimum conventionnel de la position ${p.position}${p.level ? ` (${p.level})` : ''} : ${euro(p.minimum)} selon ${p.scaleTitle} (depuis le ${formatDateFr(p.scaleFrom)}).${
      p.comparedPayText !== null ? ` Salaire à comparer : ${p.comparedPayText}` : ''
    }${membersText(p)}`,
  'below-minimum-wage.smic': (p) =>
    `${payText(p)} : inférieur au SMIC mensuel (${euro(p.smic.amount)} depuis le ${formatDateFr(p.smic.from)}, ${p.smic.act}), plancher qui s'applique ${
      p.conventional !== null
        ? `parce que le minimum conventionnel de la position ${p.position} (${euro(p.conventional)}) lui est inférieur`
        : `faute de barème conventionnel connu pour la position ${p.position} au ${formatDateFr(p.at)}`
    }.${membersText(p)}`,
};

/** The French sentence of a finding. */
export function findingText(r: FindingReason): string {
  return (FINDING_SENTENCES[r.code] as (p: FindingReason['params']) => string)(r.params);
}

/** Every finding code, for those who must handle them all (the renderer's test, documentation). */
export const FINDING_CODES = Object.keys(FINDING_SENTENCES) as FindingCode[];

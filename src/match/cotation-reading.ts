/**
 * A job placed by the grid's cotation when the grid has no emplois-repères to match: each
 * criterion's degree is read in the description through the cues the lexicon gives per degree
 * (`cotation.criteria[].cues`), the spans add up to a range of points, and the grid's table of
 * ranges (src/classify/cotation.ts) turns it into the positions it allows. Every criterion says
 * the lines it rests on and the definitions of the degrees it allows, verbatim; a criterion the
 * text does not show counts the lexicon's `unsaid` span, or its `unreadNear` span around the degrees
 * read on the others, each with its reason, else its whole scale. Too
 * little read, or a range too wide to help, and the answer declines and sends the user to the
 * questionnaire: never one class with a certainty the text does not give.
 */
import { positionsBetween } from '../classify/cotation.js';
import type { Grid } from '../grids/grid.js';
import { spanBounds } from '../grids/cotation-cues.js';
import type { CotationCues, Source } from '../model/schema.js';
import type { Status } from '../model/status.js';
import { cuesOf, foldText, maskBoilerplate, maskNegations, maskOthers, type Cues } from './cues.js';

export interface DegreeDefinition {
  degree: number;
  /** The degree's definition, verbatim. */
  text: string;
  source: Source;
}

export interface CriterionDegrees {
  fact: string;
  title: string;
  /** The degrees the text allows; null when it says nothing of the criterion. */
  read: { min: number; max: number } | null;
  /** The degrees counted in the sum: those read, else the lexicon's `unsaid` or `unreadNear` span, else the whole scale. */
  counted: { min: number; max: number };
  /** Why a criterion not read counts less than its whole scale (the lexicon's words). */
  assumed?: string;
  /** The lines of the description the degrees rest on. */
  evidence: string[];
  /** The definitions of the degrees counted. */
  definitions: DegreeDefinition[];
}

export interface CotationReading {
  /** Positions the sum of the counted degrees reaches, lowest first; empty when the answer declines. */
  positions: string[];
  statuses: Status[];
  /** Lowest and highest sums of the counted degrees. */
  points: { min: number; max: number };
  /** The whole scale of the cotation (6 to 60). */
  scale: { min: number; max: number };
  criteria: CriterionDegrees[];
  /** What to tell the user, in French. */
  message: string;
}

/**
 * Fewer criteria read in the text than this share of them, and the answer declines: the other
 * criteria would count their whole scale and the range say little.
 */
const MIN_READ_SHARE = 0.5;
/** An answer spanning more positions than this is too wide to help: the questionnaire is asked instead. */
const MAX_POSITIONS = 4;

interface Sentence {
  line: string;
  /** Lower case without accents, a job ad's boilerplate blanked. */
  folded: string;
  /** Folded, with what the sentence denies blanked and the people other than the employee written « autrui ». */
  masked: string;
}

/**
 * The description's sentences and list items. A line break ends a sentence when the next line
 * starts a new one (a capital, a bullet) or the line ends one; a line wrapped in the middle of a
 * sentence ("…selon les plans et les modes\nopératoires") is joined back.
 */
function sentencesOf(text: string, people: Cues): Sentence[] {
  return text
    .replace(/([^.;:!?\n])[ \t]*\n(?=[ \t]*[a-zà-ÿ(])/g, '$1 ')
    .split(/\n|(?<=[.;!?])\s+|\s+[-–•*]\s+/)
    .map((line) => line.replace(/^[-–•*]\s*/, '').trim())
    .filter((line) => line.length > 1)
    .map((line) => {
      const folded = asThirdPerson(maskBoilerplate(foldText(line)));
      return { line, folded, masked: maskOthers(maskNegations(folded), people) };
    });
}

/** Irregular second persons plural of job ads, and how the cues write them. */
const SECOND_PERSON: [RegExp, string][] = [
  [/\betes\b/g, 'est'],
  [/\bfaites\b/g, 'fait'],
  [/\b([a-z]+)issez\b/g, '$1it'],
  [/\b([a-z]+)uisez\b/g, '$1uit'],
  [/\b([a-z]+)ettez\b/g, '$1et'],
  [/\b([a-z]+)(?:endez|enez)\b/g, '$1end'],
  [/\b(?!(?:chez|assez)\b)([a-z]{2,})ez\b/g, '$1e'],
];

/**
 * A job ad's second person plural ("vous animez", "vous définissez", "vous êtes") read as the
 * third person singular the cues are written in ("anime", "definit", "est"), as `foldText` reads
 * the future as the present.
 */
function asThirdPerson(folded: string): string {
  return SECOND_PERSON.reduce((t, [re, to]) => t.replace(re, to), folded);
}

const compiled = new Map<string, RegExp>();
function pattern(source: string): RegExp {
  let re = compiled.get(source);
  if (!re) compiled.set(source, (re = new RegExp(source)));
  return re;
}

/**
 * The span a criterion's cues give: the highest requirement read sets it (a job is rated on what
 * it requires most; "travail en équipe" says nothing against "encadre une équipe"), widened by the
 * other cues read that overlap it, since each is only a sign of its degrees ("autonomie" says 4
 * or 5, "propose des améliorations" 5 or 6: the job is somewhere from 4 to 6).
 */
function spanRead(entry: CotationCues['criteria'][number], sentences: Sentence[]) {
  const found = entry.cues
    .map((cue) => ({ span: spanBounds(cue.degrees), lines: sentences.filter((s) => cue.patterns.some((p) => pattern(p).test(cue.negative ? s.folded : s.masked))).map((s) => s.line) }))
    .filter((f) => f.lines.length > 0);
  if (found.length === 0) return undefined;
  const top = found.reduce((a, b) => (b.span.min > a.span.min ? b : a));
  const kept = found.filter((f) => f.span.max >= top.span.min && f.span.min <= top.span.max);
  const span = { min: Math.min(...kept.map((f) => f.span.min)), max: Math.max(...kept.map((f) => f.span.max)) };
  return { span, evidence: [...new Set(kept.flatMap((f) => f.lines))] };
}

/** Whether the grid places jobs by a cotation whose degrees its lexicon says how to read. */
export function readsCotation(grid: Grid): boolean {
  return grid.cotation !== undefined && grid.lexicon.cotation !== undefined;
}

/** The positions a described job may hold by the grid's cotation; undefined when the grid cannot say. */
export function readCotation(grid: Grid, text: string): CotationReading | undefined {
  const cotation = grid.cotation;
  const cues = grid.lexicon.cotation;
  if (!cotation || !cues) return undefined;
  const sentences = sentencesOf(text, cuesOf(grid.lexicon));
  const found = cotation.criteria.map((criterion) => {
    const entry = cues.criteria.find((e) => e.fact === criterion.fact);
    const read = entry ? spanRead(entry, sentences) : undefined;
    const unsaid = !read && entry?.unsaid ? { span: spanBounds(entry.unsaid.degrees), why: entry.unsaid.comment } : undefined;
    return { criterion, read, unsaid };
  });
  const spans = found.flatMap((f) => (f.read ? [f.read.span] : []));
  const near = cues.unreadNear && spans.length > 0 ? { min: Math.min(...spans.map((s) => s.min)) - cues.unreadNear.degrees, max: Math.max(...spans.map((s) => s.max)) + cues.unreadNear.degrees, why: cues.unreadNear.comment } : undefined;
  const criteria: CriterionDegrees[] = found.map(({ criterion, read, unsaid }) => {
    const scale = { min: Math.min(...criterion.degrees.map((d) => d.degree)), max: Math.max(...criterion.degrees.map((d) => d.degree)) };
    const around = near ? { span: { min: Math.max(scale.min, near.min), max: Math.min(scale.max, near.max) }, why: near.why } : undefined;
    const assumed = read ? undefined : unsaid && around ? both(unsaid, around) : (unsaid ?? around);
    const counted = read?.span ?? assumed?.span ?? scale;
    return {
      fact: criterion.fact,
      title: criterion.title,
      read: read?.span ?? null,
      counted,
      ...(assumed ? { assumed: assumed.why } : {}),
      evidence: read?.evidence ?? [],
      definitions: criterion.degrees.filter((d) => d.degree >= counted.min && d.degree <= counted.max).map((d) => ({ degree: d.degree, text: d.text, source: d.source })),
    };
  });
  const points = { min: criteria.reduce((n, c) => n + c.counted.min, 0), max: criteria.reduce((n, c) => n + c.counted.max, 0) };
  const scale = {
    min: cotation.criteria.reduce((n, c) => n + Math.min(...c.degrees.map((d) => d.degree)), 0),
    max: cotation.criteria.reduce((n, c) => n + Math.max(...c.degrees.map((d) => d.degree)), 0),
  };
  const readCount = criteria.filter((c) => c.read).length;
  const reached = positionsBetween(cotation, points.min, points.max);
  const declines = readCount < Math.ceil(MIN_READ_SHARE * criteria.length) || reached.length > MAX_POSITIONS;
  const positions = declines ? [] : reached;
  const statuses = [...new Set(positions.map((p) => grid.position(p)?.status).filter((s): s is Status => s !== undefined))];
  return { positions, statuses, points, scale, criteria, message: declines ? declineMessage(criteria, readCount, reached) : answerMessage(cotation.title, criteria, points, positions) };
}

/**
 * Two assumptions on a criterion not read: what silence says of it (`unsaid`) and the degrees read
 * on the others (`unreadNear`). Where they agree, the degrees both allow; where they do not (a
 * senior job that names no interlocutor), the degrees between them.
 */
function both(unsaid: Assumed, around: Assumed): Assumed {
  const min = Math.max(unsaid.span.min, around.span.min);
  const max = Math.min(unsaid.span.max, around.span.max);
  const span = min <= max ? { min, max } : unsaid.span.max < around.span.min ? { min: unsaid.span.max, max: around.span.min } : { min: around.span.max, max: unsaid.span.min };
  return { span, why: `${unsaid.why} ${around.why}` };
}

interface Assumed {
  span: { min: number; max: number };
  why: string;
}

const degreesText = (d: { min: number; max: number }) => (d.min === d.max ? `degré ${d.min}` : `degrés ${d.min} à ${d.max}`);

function answerMessage(title: string, criteria: CriterionDegrees[], points: { min: number; max: number }, positions: string[]): string {
  const range = positions.length === 1 ? positions[0]! : `${positions[0]} à ${positions.at(-1)}`;
  const listed = criteria.map((c) => `${c.title.toLowerCase()} : ${c.read ? degreesText(c.read) : `non lu (${degreesText(c.counted)} comptés)`}`).join(' ; ');
  return (
    `D'après votre texte (${listed}), la ${title.toLowerCase()} se situe entre ${points.min} et ${points.max} points, soit ${range}. ` +
    `C'est une fourchette lue dans vos mots, pas un classement : l'employeur cote l'emploi critère par critère, sur la fiche descriptive du poste. Vérifiez chaque degré avec le questionnaire.`
  );
}

function declineMessage(criteria: CriterionDegrees[], readCount: number, reached: string[]): string {
  const names = criteria.map((c) => c.title.toLowerCase()).join(', ');
  const why =
    readCount < Math.ceil(MIN_READ_SHARE * criteria.length)
      ? `votre texte en dit trop peu sur les critères classants (${names} ; ${readCount} lu${readCount > 1 ? 's' : ''} sur ${criteria.length})`
      : `les critères lus dans votre texte laissent une fourchette trop large (${reached[0]} à ${reached.at(-1)}) pour être utile`;
  return `Cette grille n'a pas d'emplois-repères : un emploi se classe par la cotation de ses critères, et ${why}. Répondez au questionnaire de classement : il pose une question par critère, avec les définitions de ses degrés.`;
}

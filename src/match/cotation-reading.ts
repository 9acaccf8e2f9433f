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
import { factsOf } from '../classify/conditions.js';
import { positionsBetween } from '../classify/cotation.js';
import { rulesOfKind, verdictOf } from '../classify/rules.js';
import type { Grid } from '../grids/grid.js';
import { spanBounds } from '../grids/cotation-cues.js';
import type { CotationCues, Source } from '../model/schema.js';
import type { Status } from '../model/status.js';
import { cuesOf, foldText, maskBoilerplate, maskNegations, maskOthers, type Cues } from './cues.js';
import { readFacts } from './text-facts.js';

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
  /** Why a criterion read counts more degrees than it reads: it stands apart from the others read (the lexicon's words). */
  widened?: string;
  /** The lines of the description the degrees rest on. */
  evidence: string[];
  /** The definitions of the degrees counted. */
  definitions: DegreeDefinition[];
}

/** A floor of the grid (a rule with a minimum position) whose condition the text states. */
export interface FloorRead {
  rule: string;
  /** The rule as the text states it. */
  text: string;
  position: string;
  /** The lines of the description that state its condition. */
  evidence: string[];
  source: Source;
}

/** A class of the grid's table of ranges that the answer reaches, with its row of the table. */
export interface ClassRange {
  position: string;
  min: number;
  max: number;
  source: Source;
}

export interface CotationReading {
  /** Positions the sum of the counted degrees reaches (raised to the floors read), lowest first; empty when the answer declines. */
  positions: string[];
  /** The rows of the table of ranges behind `positions`, each cited. */
  classes: ClassRange[];
  /** Floors of the grid the text states (a diploma an offer requires…), each cited; they raise the lowest position. */
  floors: FloorRead[];
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
 * An answer spanning more positions than this is called wide in its message (it still answers:
 * a wide range is honest, a narrow wrong one is not).
 */
const NARROW_POSITIONS = 4;

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
function sentencesOf(text: string, people: Cues, outside: RegExp | undefined, nouns: ReadonlySet<string>): Sentence[] {
  return text
    .replace(/([^.;:!?\n])[ \t]*\n(?=[ \t]*[a-zà-ÿ(])/g, '$1 ')
    .split(/\n|(?<=[.;!?])\s+|\s+[-–•*]\s+/)
    .map((line) => line.replace(/^[-–•*]\s*/, '').trim())
    .filter((line) => line.length > 1)
    .map((line) => {
      let folded = asThirdPerson(maskBoilerplate(foldText(line)), nouns);
      if (outside) folded = folded.replace(outside, (m) => ' '.repeat(m.length));
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
 * A job ad's second person plural ("vous animez", "vous définissez", "vous êtes") and a fiche's
 * infinitives ("Activités : définir le plan…, encadrer…") read as the third person singular the
 * cues are written in ("anime", "definit", "est"), as `foldText` reads the future as the present.
 */
function asThirdPerson(folded: string, nouns: ReadonlySet<string>): string {
  return SECOND_PERSON.reduce((t, [re, to]) => t.replace(re, to), folded).replace(INFINITIVE, (_m, before: string, verb: string) => (nouns.has(verb) ? before + verb : before + thirdPerson(verb)));
}

/**
 * An infinitive opening a clause of a fiche (after its start, a colon, a comma, a bullet, « et »,
 * « pour » or « de »), followed by what it acts on.
 */
const INFINITIVE =
  /(^|[:;,(]\s*|\b(?:et|puis|ou|pour|de|d'|afin de|charge de|chargee? de|consiste a)\s*)([a-z]{2,}(?:er|ir|ire|ndre|ttre|ivre|oudre))\b(?=\s+(?:le|la|les|l'|un|une|des|du|de|d'|au|aux|a|en|et|son|sa|ses|leur|leurs|sur|avec|chaque|tous|toutes|tout|toute|compte|plusieurs|deux|trois)\b|\s*l'|\s+\d)/g;
/** Words of those endings that are not infinitives: grids/french.yaml, `notInfinitives`. */
const nounSets = new WeakMap<readonly string[], ReadonlySet<string>>();
function nounsOf(grid: Grid): ReadonlySet<string> {
  const words = grid.lexicon.french?.notInfinitives ?? [];
  let set = nounSets.get(words);
  if (!set) nounSets.set(words, (set = new Set(words)));
  return set;
}

const THIRD_GROUP: Record<string, string> = { sortir: 'sort', servir: 'sert', sentir: 'sent', mentir: 'ment', dormir: 'dort', courir: 'court' };

/** The third person singular present of a folded infinitive, the form the cues are written in. */
export function thirdPerson(verb: string): string {
  if (verb.endsWith('enir')) return `${verb.slice(0, -4)}ient`; // maintenir, intervenir
  if (/(?:vr|fr|ill)ir$/.test(verb)) return `${verb.slice(0, -2)}e`; // ouvrir, offrir, accueillir
  // The third group's sortir, servir, sentir, mentir, dormir, courir (sort, sert, sent, ment, dort,
  // court) and their compounds, and partir alone: « repartir » is also « répartir » once accents are
  // folded, and « assortir », « sertir » are of the second group.
  const third = /^(re|res|des|de|con|pres|dis|en|ac|par|se)?(sortir|servir|sentir|mentir|dormir|courir)$/.exec(verb);
  if (third) return `${third[1] ?? ''}${THIRD_GROUP[third[2]!]}`;
  if (verb === 'partir') return 'part';
  if (verb.endsWith('ire')) return `${verb.slice(0, -2)}t`; // conduire, produire, construire
  if (verb.endsWith('ir')) return `${verb.slice(0, -1)}t`; // definir, garantir, choisir
  if (verb.endsWith('er')) return verb.slice(0, -1); // encadrer, gerer, piloter
  if (verb.endsWith('ndre') || verb.endsWith('oudre')) return verb.slice(0, -2).replace(/oud$/, 'out'); // prendre, repondre, resoudre
  if (verb.endsWith('ttre')) return verb.slice(0, -3); // mettre, transmettre
  if (verb === 'suivre') return 'suit';
  return verb;
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
  const outside = cues.outside && cues.outside.length > 0 ? new RegExp(cues.outside.join('|'), 'g') : undefined;
  const sentences = sentencesOf(text, cuesOf(grid.lexicon), outside, nounsOf(grid));
  const found = cotation.criteria.map((criterion) => {
    const entry = cues.criteria.find((e) => e.fact === criterion.fact);
    const read = entry ? spanRead(entry, sentences) : undefined;
    const unsaid = !read && entry?.unsaid ? { span: spanBounds(entry.unsaid.degrees), why: entry.unsaid.comment } : undefined;
    return { criterion, read, unsaid };
  });
  const spans = found.flatMap((f) => (f.read ? [f.read.span] : []));
  const near = cues.unreadNear && spans.length > 0 ? { min: Math.min(...spans.map((s) => s.min)) - cues.unreadNear.degrees, max: Math.max(...spans.map((s) => s.max)) + cues.unreadNear.degrees, why: cues.unreadNear.comment } : undefined;
  const criteria: CriterionDegrees[] = found.map(({ criterion, read, unsaid }, i) => {
    const scale = { min: Math.min(...criterion.degrees.map((d) => d.degree)), max: Math.max(...criterion.degrees.map((d) => d.degree)) };
    const around = near ? { span: { min: Math.max(scale.min, near.min), max: Math.min(scale.max, near.max) }, why: near.why } : undefined;
    const assumed = read ? undefined : unsaid && around ? both(unsaid, around) : (unsaid ?? around);
    const others = found.flatMap((f, k) => (k !== i && f.read ? [f.read.span] : []));
    const widened = read && cues.readApart ? apart(read.span, others, cues.readApart.degrees, scale) : undefined;
    const counted = widened ?? read?.span ?? assumed?.span ?? scale;
    return {
      fact: criterion.fact,
      title: criterion.title,
      read: read?.span ?? null,
      counted,
      ...(assumed ? { assumed: assumed.why } : {}),
      ...(widened && cues.readApart ? { widened: cues.readApart.comment } : {}),
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
  const floors = floorsRead(grid, text, sentences);
  const declines = readCount === 0 && floors.length === 0;
  const positions = declines ? [] : raised(grid, positionsBetween(cotation, points.min, points.max), floors);
  const classes = cotation.ranges.filter((r) => positions.includes(r.position)).map((r) => ({ position: r.position, min: r.min, max: r.max, source: r.source }));
  const statuses = [...new Set(positions.map((p) => grid.position(p)?.status).filter((s): s is Status => s !== undefined))];
  return {
    positions,
    classes,
    floors,
    statuses,
    points,
    scale,
    criteria,
    message: declines ? declineMessage(criteria) : answerMessage(cotation.title, criteria, points, positions, floors, cotation.ranges.length),
  };
}

/**
 * The span a criterion read far from the others counts: from what it reads to within `degrees`
 * of the middle of the degrees read on the others (their median lowest and highest degrees);
 * undefined when it is not apart, or fewer than two others are read to say so.
 */
function apart(read: Span, others: Span[], degrees: number, scale: Span): Span | undefined {
  if (others.length < 2) return undefined;
  const low = median(others.map((s) => s.min));
  const high = median(others.map((s) => s.max));
  if (read.max < low - degrees) return { min: read.min, max: Math.max(scale.min, Math.floor(low - degrees)) };
  if (read.min > high + degrees) return { min: Math.min(scale.max, Math.ceil(high + degrees)), max: read.max };
  return undefined;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

type Span = { min: number; max: number };

/**
 * The grid's floors (rules giving a minimum position) whose condition the text states: the facts
 * are read with the cues the grid declares for them (src/match/text-facts.ts), as the
 * questionnaire would be answered; a fact the text does not state leaves the floor out.
 */
function floorsRead(grid: Grid, text: string, sentences: Sentence[]): FloorRead[] {
  const rules = [...rulesOfKind(grid.rules, 'diploma-floor'), ...rulesOfKind(grid.rules, 'status-floor')].filter((r) => r.params.minPosition !== undefined && r.when);
  if (rules.length === 0) return [];
  const { facts, stated } = readFacts(grid, text);
  const out: FloorRead[] = [];
  for (const rule of rules) {
    const needed = factsOf(rule.when!);
    if (!needed.every((f) => stated.has(f)) || verdictOf(rule, facts).value !== true) continue;
    const evidence = needed.flatMap((f) => {
      const value = grid.facts.find((d) => d.id === f)?.values?.find((v) => v.id === String(facts[f]));
      return sentences.filter((s) => (value?.cues ?? []).some((p) => pattern(p).test(s.masked))).map((s) => s.line);
    });
    out.push({ rule: rule.id, text: rule.text, position: rule.params.minPosition!, evidence: [...new Set(evidence)], source: rule.source });
  }
  return out;
}

/**
 * The positions no floor read is above (a floor binds the positions of its own ladder only: ranks do
 * not compare across parallel tracks, as in the engine's floors); when the cotation stays below
 * them all, the floors themselves, less those another floor of their ladder is above.
 */
function raised(grid: Grid, positions: string[], floors: FloorRead[]): string[] {
  if (floors.length === 0) return positions;
  const below = (a: string, b: string) => {
    const [pa, pb] = [grid.position(a), grid.position(b)];
    return pa !== undefined && pb !== undefined && grid.comparable(pa, pb) && pa.rank < pb.rank;
  };
  const kept = positions.filter((p) => !floors.some((f) => below(p, f.position)));
  if (kept.length > 0) return kept;
  return grid.sortPositions([...new Set(floors.map((f) => f.position))].filter((p) => !floors.some((f) => below(p, f.position))));
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

function answerMessage(title: string, criteria: CriterionDegrees[], points: Span, positions: string[], floors: FloorRead[], classCount: number): string {
  const range = positions.length === 1 ? positions[0]! : `${positions[0]} à ${positions.at(-1)}`;
  const listed = criteria.map((c) => `${c.title.toLowerCase()} : ${c.read ? degreesText(c.read) + (c.widened ? ` lu, ${degreesText(c.counted)} comptés` : '') : `non lu (${degreesText(c.counted)} comptés)`}`).join(' ; ');
  const readCount = criteria.filter((c) => c.read).length;
  const apartCount = criteria.filter((c) => c.widened).length;
  const floorText = floors.map((f) => `votre texte dit « ${f.evidence[0] ?? ''} » et la règle « ${f.text} » donne au moins ${f.position}`).join(' ; ');
  const width =
    positions.length > NARROW_POSITIONS
      ? ` La fourchette est large (${positions.length} classes sur ${classCount}) : ${readCount < criteria.length ? `${criteria.length - readCount} critère${criteria.length - readCount > 1 ? 's' : ''} sur ${criteria.length} non lu${criteria.length - readCount > 1 ? 's' : ''}` : 'les critères lus laissent plusieurs degrés'}${apartCount > 0 ? `, ${apartCount} lu${apartCount > 1 ? 's' : ''} loin des autres` : ''}.`
      : ` ${positions.length} classe${positions.length > 1 ? 's' : ''} sur ${classCount}.`;
  return (
    `D'après votre texte (${listed}), la ${title.toLowerCase()} se situe entre ${points.min} et ${points.max} points` +
    (floorText ? `, et ${floorText}` : '') +
    `, soit ${range}.${width} ` +
    `C'est une fourchette lue dans vos mots, pas un classement : l'employeur cote l'emploi critère par critère, sur la fiche descriptive du poste. Vérifiez chaque degré avec le questionnaire.`
  );
}

function declineMessage(criteria: CriterionDegrees[]): string {
  const names = criteria.map((c) => c.title.toLowerCase()).join(', ');
  return `Cette grille n'a pas d'emplois-repères : un emploi se classe par la cotation de ses critères, et votre texte ne dit rien qui se lise sur les critères classants (${names} ; 0 lu sur ${criteria.length}). Répondez au questionnaire de classement : il pose une question par critère, avec les définitions de ses degrés.`;
}

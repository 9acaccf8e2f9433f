/**
 * A job no emploi-repère describes, placed by the grid's own criteria. Grids that class every job
 * by criteria (the criteria and, per position, what each criterion asks) say how: "pour qu'un
 * emploi soit situé à une catégorie donnée, il faut impérativement qu'il réponde aux exigences
 * requises par les critères classants". For each criterion, the lines of the description closest
 * to what a position asks of it (TF-IDF cosine over the texts of the grid) name a position; the
 * answer is the range these positions span, each criterion cited with the lines it rests on. When
 * the text says too little of the criteria, the answer declines and sends the user to the
 * questionnaire. Nothing here knows a trade or a grid: the criteria and their texts are data.
 */
import type { Grid } from '../grids/grid.js';
import type { Source } from '../model/schema.js';
import { foldText, maskBoilerplate, maskNegations } from './cues.js';
import { stems } from './term-vectors.js';

export interface CriterionReading {
  criterion: string;
  title: string;
  /** The grid's definition of the criterion, verbatim. */
  definition: string[];
  source: Source;
  /** The position whose text for this criterion the description comes closest to. */
  position: string;
  /** What that position asks of this criterion, verbatim. */
  asks: string[];
  /** The lines of the description this reading rests on. */
  evidence: string[];
  /** Cosine of those lines with what the position asks (0–1). */
  score: number;
}

export interface CriteriaAnswer {
  /** Positions the criteria read allow, lowest first; empty when the answer declines. */
  positions: string[];
  criteria: CriterionReading[];
  /** What to tell the user, in French. */
  message: string;
}

/** A criterion read with less than this cosine says nothing. */
const MIN_SCORE = 0.1;
/** Fewer criteria read than this, and the answer declines. */
const MIN_CRITERIA = 2;

type Vector = Map<string, number>;

interface CriteriaIndex {
  idf: Map<string, number>;
  /** Per criterion, the positions that describe it, with the vector of their text. */
  byCriterion: Map<string, { code: string; rank: number; track?: string; text: string[]; vector: Vector }[]>;
}

const indexes = new WeakMap<Grid, CriteriaIndex>();

function counts(terms: readonly string[]): Vector {
  const v: Vector = new Map();
  for (const t of terms) v.set(t, (v.get(t) ?? 0) + 1);
  return v;
}

function weighted(tf: Vector, idf: Map<string, number>): Vector {
  const v: Vector = new Map();
  let norm = 0;
  for (const [t, f] of tf) {
    const w = (1 + Math.log(f)) * (idf.get(t) ?? 0);
    if (w > 0) v.set(t, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [t, w] of v) v.set(t, w / norm);
  return v;
}

function cosine(a: Vector, b: Vector): number {
  let sum = 0;
  for (const [t, w] of a) sum += w * (b.get(t) ?? 0);
  return sum;
}

function indexOf(grid: Grid): CriteriaIndex {
  let index = indexes.get(grid);
  if (index) return index;
  const docs = grid.positions.flatMap((p) => Object.entries(p.criteria ?? {}).map(([criterion, text]) => ({ p, criterion, text, terms: stems(text.join(' ')) })));
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d.terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = new Map([...df].map(([t, n]) => [t, Math.log(1 + docs.length / n)]));
  const byCriterion: CriteriaIndex['byCriterion'] = new Map();
  for (const d of docs) {
    const list = byCriterion.get(d.criterion) ?? [];
    list.push({ code: d.p.code, rank: d.p.rank, ...(d.p.track ? { track: d.p.track } : {}), text: d.text, vector: weighted(counts(d.terms), idf) });
    byCriterion.set(d.criterion, list);
  }
  indexes.set(grid, (index = { idf, byCriterion }));
  return index;
}

/** The description's lines: its lines, sentences and list items. */
function linesOf(text: string): string[] {
  return text
    .split(/\n|(?<=[.;!?])\s+|\s+[-–•*]\s+/)
    .map((l) => l.trim())
    .filter((l) => l.split(/\s+/).length >= 3);
}

/** Whether the grid places jobs by criteria that each position describes. */
export function hasCriteria(grid: Grid): boolean {
  return grid.criteria.length > 0 && indexOf(grid).byCriterion.size > 0;
}

/**
 * The positions the grid's criteria allow for a described job, with the evidence of each
 * criterion; `track` keeps the reading to the positions of one track (1431: the collaborateurs).
 * Undefined when the grid has no criteria per position.
 */
export function readCriteria(grid: Grid, text: string, track?: string): CriteriaAnswer | undefined {
  if (!hasCriteria(grid)) return undefined;
  const index = indexOf(grid);
  const lines = linesOf(text).map((line) => ({ line, vector: weighted(counts(stems(maskNegations(maskBoilerplate(foldText(line))))), index.idf) }));
  const readings: (CriterionReading & { rank: number })[] = [];
  for (const criterion of grid.criteria) {
    const positions = (index.byCriterion.get(criterion.id) ?? []).filter((p) => !track || !p.track || p.track === track);
    let best: { p: (typeof positions)[number]; score: number; evidence: string[] } | undefined;
    for (const p of positions) {
      const scored = lines.map((l) => ({ line: l.line, score: cosine(l.vector, p.vector) })).sort((a, b) => b.score - a.score);
      // The two closest lines: one line rarely says all a criterion asks.
      const top = scored.slice(0, 2).filter((s) => s.score > 0);
      const score = top.reduce((s, x) => s + x.score, 0) / 2;
      if (!best || score > best.score) best = { p, score, evidence: top.map((s) => s.line) };
    }
    if (best && best.score >= MIN_SCORE) {
      readings.push({
        criterion: criterion.id,
        title: criterion.title,
        definition: criterion.definition,
        source: criterion.source,
        position: best.p.code,
        asks: best.p.text,
        evidence: best.evidence,
        score: Math.round(1000 * best.score) / 1000,
        rank: best.p.rank,
      });
    }
  }
  const criteria = readings.map(({ rank: _rank, ...r }) => r);
  if (readings.length < MIN_CRITERIA) {
    return { positions: [], criteria, message: declineMessage(grid, readings.length) };
  }
  const lo = Math.min(...readings.map((r) => r.rank));
  const hi = Math.max(...readings.map((r) => r.rank));
  const positions = grid.positions.filter((p) => p.rank >= lo && p.rank <= hi && (!track || !p.track || p.track === track) && p.criteria).map((p) => p.code);
  const range = positions.length === 1 ? positions[0]! : `${positions[0]} à ${positions.at(-1)}`;
  return {
    positions,
    criteria,
    message:
      `Aucun emploi-repère de la grille ne décrit ce poste avec certitude. D'après les critères classants lus dans votre texte (${readings.map((r) => `${r.title.toLowerCase()} : ${r.position}`).join(', ')}), ` +
      `il se situe en ${range}. Les emplois-repères ne donnent qu'un minimum pour les emplois analogues : vérifiez chaque critère avec le questionnaire avant de retenir une position.`,
  };
}

function declineMessage(grid: Grid, read: number): string {
  const names = grid.criteria.map((c) => c.title.toLowerCase()).join(', ');
  return (
    `Aucun emploi-repère de la grille ne décrit ce poste avec certitude, et votre texte en dit trop peu sur les critères classants (${names} ; ${read} lu${read > 1 ? 's' : ''}) pour le placer. ` +
    `Répondez au questionnaire de classement : il pose une question par critère.`
  );
}

/**
 * Charts of the reports as SVG strings, shared by the HTML page (inline) and the PDF (pdfmake's
 * `svg` node, drawn by its bundled svg-to-pdfkit).
 *
 * Hand-written rather than Observable Plot + linkedom: two horizontal bar charts need ~150 lines,
 * no DOM emulation and no dependency; and svg-to-pdfkit only understands plain presentation
 * attributes (no CSS classes or <style>), which is what this file writes and what Plot does not.
 * Horizontal bars because a convention may have 30 positions and a file may hold unknown
 * positions with long names: labels stay readable and the chart grows downwards.
 *
 * Each chart carries <title> and <desc> (text alternative); the reports put the same numbers in
 * a table next to it.
 */
import { STATUSES } from '../model/status.js';
import type { AuditSummary, HeadcountRow } from '../roster/audit.js';
import { conventionLabel, formatNumber, plural, statusLabel } from './labels.js';

/** One bar of a chart: a position, or several grouped when a file has too many. */
export interface ChartRow {
  position: string;
  /** A status id, null for a position of no grid, 'mixed' for a group of several statuses. */
  status: string | null;
  total: number;
  F: number;
  H: number;
  /** How many positions this row groups (only on the « Autres positions » row). */
  grouped?: number;
}

/** Most bars drawn in one chart; beyond, the smallest unknown positions are grouped. */
export const MAX_BARS = 60;

export const STATUS_COLORS: Record<string, string> = {
  'ouvrier-employe': '#1f5fa8',
  'agent-de-maitrise': '#a85400',
  'non-cadre': '#7a6a1f',
  cadre: '#2a7a4b',
  'cadre-superieur': '#6b3fa0',
  mixed: '#8a8a8a',
  unknown: '#5f5f5f',
};
export const SEX_COLORS = { F: '#a85400', H: '#1f5fa8' } as const;
export const SEX_LABELS = { F: 'Femmes', H: 'Hommes' } as const;
export const SEX_UNKNOWN_LABEL = 'Non renseigné (n.r.)';
export const SEX_UNKNOWN_COLOR = '#8a8a8a';

const FONT = 'Roboto, Helvetica, Arial, sans-serif';
const WIDTH = 520;
const SIZE = 13;
const TEXT = '#1a1a1a';
const GRID = '#d5d5d5';

export function chartStatusLabel(status: string | null): string {
  return status === 'mixed' ? 'plusieurs statuts' : statusLabel(status);
}

function colorOf(status: string | null): string {
  return STATUS_COLORS[status ?? 'unknown'] ?? STATUS_COLORS.unknown!;
}

/** The rows of a convention's charts and tables: grid positions in order, then unknown ones. */
export function headcountRows(summary: AuditSummary, idcc: string): ChartRow[] {
  const rows: HeadcountRow[] = summary.headcount.filter((h) => h.idcc === idcc);
  const known = rows.filter((r) => r.status !== null);
  const unknown = rows.filter((r) => r.status === null).sort((a, b) => b.total - a.total);
  const all: ChartRow[] = [...known, ...unknown].map(({ position, status, total, F, H }) => ({ position, status, total, F, H }));
  if (all.length <= MAX_BARS) return all;
  const kept = all.slice(0, MAX_BARS - 1);
  const rest = all.slice(MAX_BARS - 1);
  const statuses = new Set(rest.map((r) => r.status));
  kept.push({
    position: `Autres positions (${rest.length})`,
    status: statuses.size === 1 ? rest[0]!.status : 'mixed',
    total: rest.reduce((s, r) => s + r.total, 0),
    F: rest.reduce((s, r) => s + r.F, 0),
    H: rest.reduce((s, r) => s + r.H, 0),
    grouped: rest.length,
  });
  return kept;
}

/** XML text: what a staff list says may contain anything. */
export function escapeXml(s: string): string {
  // Control characters are not allowed in XML (the PDF's SVG parser would reject the chart).
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Rough width of a text in Roboto/Arial at a size: enough to lay labels out. */
function textWidth(s: string, size: number): number {
  return s.length * size * 0.56;
}

/** Round steps (1, 2, 5 × 10^k) for an axis of counts. */
function ticks(max: number): number[] {
  const target = Math.max(max, 1) / 5;
  const mag = 10 ** Math.floor(Math.log10(target));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= target) ?? 10 * mag);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const out: number[] = [];
  for (let v = 0; v <= top + 1e-9; v += step) out.push(v);
  return out;
}

interface Series {
  key: string;
  label: string;
  color: string;
}

interface Segment {
  value: number;
  color: string;
  /** Tooltip of the segment (a <title> inside its <rect>). */
  tip: string;
}

interface BarsSpec {
  id: string;
  title: string;
  desc: string;
  legend: Series[];
  rows: ChartRow[];
  /** The segments of a row's bar, left to right (one for a plain bar). */
  segments: (row: ChartRow) => Segment[];
  /** Text written after the bar. */
  valueLabel: (row: ChartRow) => string;
}

/** A horizontal bar chart, one (possibly stacked) bar per row, with legend, axis and values. */
function barChart(spec: BarsSpec): string {
  const labels = spec.rows.map((r) => truncate(r.position, 22));
  const values = spec.rows.map((r) => spec.valueLabel(r));
  const barH = 15;
  const rowH = 25;
  const labelW = Math.min(160, Math.max(40, ...labels.map((l) => textWidth(l, SIZE) + 12)));
  const max = Math.max(0, ...spec.rows.map((r) => spec.segments(r).reduce((a, b) => a + b.value, 0)));
  const axis = ticks(max);
  const axisMax = axis[axis.length - 1]!;
  const valueW = Math.max(30, ...values.map((v) => textWidth(v, SIZE - 1) + 10));
  const x0 = labelW;
  const x1 = WIDTH - valueW;
  const x = (v: number) => x0 + (axisMax === 0 ? 0 : (v / axisMax) * (x1 - x0));

  // Legend, wrapped on as many lines as needed.
  const legend: string[] = [];
  let lx = 0;
  let ly = 0;
  for (const s of spec.legend) {
    const w = 14 + 6 + textWidth(s.label, SIZE) + 18;
    if (lx > 0 && lx + w > WIDTH) {
      lx = 0;
      ly += 22;
    }
    legend.push(`<rect x="${fmt(lx)}" y="${ly + 2}" width="14" height="14" fill="${s.color}"/>`);
    legend.push(`<text x="${fmt(lx + 20)}" y="${ly + 14}" fill="${TEXT}">${escapeXml(s.label)}</text>`);
    lx += w;
  }
  const top = ly + 22 + 12;
  const plotH = spec.rows.length * rowH;
  const height = top + plotH + 26;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${fmt(height)}" viewBox="0 0 ${WIDTH} ${fmt(height)}" role="img" aria-labelledby="${spec.id}-t ${spec.id}-d" font-family="${FONT}" font-size="${SIZE}">`,
  );
  out.push(`<title id="${spec.id}-t">${escapeXml(spec.title)}</title>`);
  out.push(`<desc id="${spec.id}-d">${escapeXml(spec.desc)}</desc>`);
  out.push(...legend);
  // Grid lines and axis labels.
  for (const v of axis) {
    const gx = fmt(x(v));
    out.push(`<line x1="${gx}" y1="${top - 4}" x2="${gx}" y2="${top + plotH}" stroke="${v === 0 ? '#767676' : GRID}" stroke-width="1"/>`);
    out.push(`<text x="${gx}" y="${top + plotH + 16}" font-size="${SIZE - 1}" text-anchor="middle" fill="${TEXT}">${formatNumber(v)}</text>`);
  }
  spec.rows.forEach((row, i) => {
    const y = top + i * rowH;
    const by = y + (rowH - barH) / 2;
    out.push(`<text x="${fmt(x0 - 8)}" y="${fmt(by + barH - 3)}" text-anchor="end" fill="${TEXT}">${escapeXml(labels[i]!)}</text>`);
    let sum = 0;
    for (const seg of spec.segments(row)) {
      const from = x(sum);
      sum += seg.value;
      const w = x(sum) - from;
      if (w > 0) out.push(`<rect x="${fmt(from)}" y="${fmt(by)}" width="${fmt(w)}" height="${barH}" fill="${seg.color}"><title>${escapeXml(seg.tip)}</title></rect>`);
    }
    // A white ground under the value, so that grid lines do not cross it.
    out.push(`<rect x="${fmt(x(sum) + 2)}" y="${fmt(by)}" width="${fmt(textWidth(values[i]!, SIZE - 1) + 4)}" height="${barH}" fill="#ffffff"/>`);
    out.push(`<text x="${fmt(x(sum) + 4)}" y="${fmt(by + barH - 3)}" font-size="${SIZE - 1}" fill="${TEXT}">${escapeXml(values[i]!)}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}

function chartId(prefix: string, idcc: string): string {
  return `${prefix}-${idcc.replace(/[^A-Za-z0-9]/g, '-')}`;
}

/**
 * Head-count by position of one convention, each bar coloured by the position's status.
 * Empty string when the file has nobody under this convention.
 */
export function headcountChart(summary: AuditSummary, idcc: string, label = conventionLabel(idcc)): string {
  const rows = headcountRows(summary, idcc);
  if (rows.length === 0) return '';
  const present = new Set(rows.map((r) => r.status));
  const order: (string | null)[] = [...STATUSES, 'mixed', null];
  const legend = order.filter((s) => present.has(s)).map((s) => ({ key: String(s), label: chartStatusLabel(s), color: colorOf(s) }));
  const total = rows.reduce((s, r) => s + r.total, 0);
  const largest = rows.reduce((a, b) => (b.total > a.total ? b : a));
  return barChart({
    id: chartId('effectifs', idcc),
    title: `Effectifs par position et statut — ${label}`,
    desc: `Nombre de salariés par position, chaque barre colorée selon le statut de la position. ${plural(total, 'salarié')} sur ${plural(rows.length, 'position')} ; la plus nombreuse : ${largest.position} (${plural(largest.total, 'salarié')}). Le tableau qui suit le graphique donne toutes les valeurs.`,
    legend,
    rows,
    segments: (r) => [{ value: r.total, color: colorOf(r.status), tip: `${r.position} : ${plural(r.total, 'salarié')} (${chartStatusLabel(r.status)})` }],
    valueLabel: (r) => formatNumber(r.total),
  });
}

/**
 * Women and men by position of one convention: one bar per position, its women, men and
 * (when the column is blank) unknown parts stacked. Empty string when the file has no sex
 * column, or nobody under this convention with a sex given.
 */
export function sexChart(summary: AuditSummary, idcc: string, label = conventionLabel(idcc)): string {
  if (!summary.hasSex) return '';
  const rows = headcountRows(summary, idcc);
  const women = rows.reduce((s, r) => s + r.F, 0);
  const men = rows.reduce((s, r) => s + r.H, 0);
  if (women + men === 0) return '';
  const unknown = rows.reduce((s, r) => s + r.total - r.F - r.H, 0);
  const legend: Series[] = (['F', 'H'] as const).map((k) => ({ key: k, label: SEX_LABELS[k], color: SEX_COLORS[k] }));
  if (unknown > 0) legend.push({ key: 'U', label: SEX_UNKNOWN_LABEL, color: SEX_UNKNOWN_COLOR });
  return barChart({
    id: chartId('sexe', idcc),
    title: `Femmes et hommes par position — ${label}`,
    desc: `Nombre de femmes et d'hommes par position, en barres empilées : ${plural(women, 'femme')} et ${plural(men, 'homme')}${unknown > 0 ? ` (sexe non renseigné pour ${plural(unknown, 'salarié')})` : ''} sur ${plural(rows.length, 'position')}. Le tableau des effectifs donne toutes les valeurs.`,
    legend,
    rows,
    segments: (r) => [
      { value: r.F, color: SEX_COLORS.F, tip: `${r.position} : ${plural(r.F, 'femme')}` },
      { value: r.H, color: SEX_COLORS.H, tip: `${r.position} : ${plural(r.H, 'homme')}` },
      { value: r.total - r.F - r.H, color: SEX_UNKNOWN_COLOR, tip: `${r.position} : ${plural(r.total - r.F - r.H, 'salarié')} sans sexe renseigné` },
    ],
    valueLabel: (r) => `${formatNumber(r.F)} F · ${formatNumber(r.H)} H${r.total > r.F + r.H ? ` · ${formatNumber(r.total - r.F - r.H)} n.r.` : ''}`,
  });
}

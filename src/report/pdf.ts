/**
 * The audit as a PDF (A4, French): the content of the HTML page laid out by pdfmake 0.3, with the
 * same SVG charts, tables that break across pages with their header repeated, page numbers.
 *
 * Offline by construction: the fonts are the Roboto files pdfmake ships (they have the French
 * accents, « », € and ’), every URL fetch is refused and local reads are limited to those fonts.
 */
import { coverageLines } from './coverage-text.js';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import type { Content, ContentTable, CustomTableLayout, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { Source } from '../model/schema.js';
import type { Severity } from '../roster/audit.js';
import { SEVERITIES } from '../roster/audit.js';
import { chartStatusLabel, headcountChart, headcountRows, sexChart } from './charts.js';
import { closingNote, headcountConventions, omittedNote, REPORT_TITLE, reportedRules, severitiesOf, SUMMARY_NOTE } from './html.js';
import {
  conventionLabel,
  formatDate,
  formatDateTime,
  formatExpected,
  formatNumber,
  plural,
  RULE_LABELS,
  SEVERITY_LABELS,
  unknownColumnsNote,
} from './labels.js';
import type { ReportData } from './samples.js';
import { citationWhere, READ_ON_LEGIFRANCE } from './citation.js';
import { shippedCitation } from './cited-texts.js';

const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
const FONTS = {
  Roboto: {
    normal: join(FONT_DIR, 'Roboto-Regular.ttf'),
    bold: join(FONT_DIR, 'Roboto-Medium.ttf'),
    italics: join(FONT_DIR, 'Roboto-Italic.ttf'),
    bolditalics: join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
  },
};
const FONT_FILES = new Set(Object.values(FONTS.Roboto));

/** A4 width (595.28 pt) less the margins. */
const CONTENT_WIDTH = 595.28 - 2 * 40;
/** Charts are drawn 520 units wide: about 11 pt labels at this width. */
const CHART_MAX_WIDTH = 460;
const CHART_MAX_HEIGHT = 640;
const MUTED = '#555555';
const ACCENT = '#1f5fa8';
const LINK = '#0b57d0';
const SEVERITY_COLORS: Record<Severity, { color: string; background: string }> = {
  error: { color: '#8a1c1c', background: '#fdecea' },
  warning: { color: '#7a4500', background: '#fff4e0' },
  info: { color: '#174ea6', background: '#e8f0fe' },
};

/**
 * Text as Roboto can draw it: the narrow no-break space that French number formatting uses
 * (U+202F) has no glyph in Roboto, a no-break space looks the same; control characters go.
 */
export function pdfText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u202f/g, '\u00a0').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/** Light rules; the last header row shaded (a first one, if any, is the table's caption). */
const LINES: CustomTableLayout = {
  hLineWidth: (i, node) => {
    const head = node.table.headerRows ?? 0;
    if (i === 0 || i === node.table.body.length || i < head) return 0;
    return i === head ? 1 : 0.5;
  },
  vLineWidth: () => 0,
  hLineColor: (i, node) => (i === (node.table.headerRows ?? 0) ? '#8c96a3' : '#d0d4d9'),
  fillColor: (i, node) => (i === (node.table.headerRows ?? 0) - 1 ? '#eef1f5' : null),
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

function th(text: string, right = false): TableCell {
  return { text: pdfText(text), style: 'th', ...(right ? { alignment: 'right' as const } : {}) };
}

function num(n: number, bold = false): TableCell {
  return { text: pdfText(formatNumber(n)), alignment: 'right', ...(bold ? { bold } : {}) };
}

function badge(s: Severity): Content {
  return { text: ` ${SEVERITY_LABELS[s]} `, bold: true, ...SEVERITY_COLORS[s] };
}

/** The quote and where it comes from, as one text: a stack in each cell made the layout of 2,000 rows markedly slower. */
function sourceCell(source: Source, idcc: string | undefined): TableCell {
  const c = shippedCitation(source, idcc);
  const cite = { fontSize: 7.5, color: MUTED };
  const where: Content[] = [{ text: pdfText(`\n${citationWhere(c)}`), ...cite }];
  if (c.url) where.push({ text: ' — ', ...cite }, { text: READ_ON_LEGIFRANCE, link: c.url, ...cite, color: LINK, decoration: 'underline' });
  return { text: [pdfText(`« ${c.quote} »`), ...where] };
}

/**
 * A table that breaks between rows, its header repeated on each page; a caption, when given, is
 * a first header row, so that it never stays alone at the foot of a page and is repeated too.
 */
function table(headers: TableCell[], body: TableCell[][], widths: (number | string)[], caption?: string | Content[], extra: Partial<ContentTable> = {}): ContentTable {
  const cell: TableCell | undefined = typeof caption === 'string' ? { text: pdfText(caption), style: 'caption' } : caption ? { stack: caption } : undefined;
  const captionRow: TableCell[][] = cell ? [[{ ...(cell as object), colSpan: headers.length } as TableCell, ...headers.slice(1).map(() => ({}))]] : [];
  return {
    table: { headerRows: captionRow.length + 1, keepWithHeaderRows: 1, widths, body: [...captionRow, headers, ...body], dontBreakRows: true },
    layout: LINES,
    margin: [0, 4, 0, 10],
    ...extra,
  };
}

function chart(svg: string): Content[] {
  return svg ? [{ svg: pdfText(svg), fit: [CHART_MAX_WIDTH, CHART_MAX_HEIGHT], margin: [0, 4, 0, 6] }] : [];
}

function summaryContent(data: ReportData): Content[] {
  const s = data.summary;
  const kpi = (label: string, value: number): TableCell => ({
    stack: [
      { text: label, color: MUTED, fontSize: 9 },
      { text: pdfText(formatNumber(value)), fontSize: 18, bold: true },
    ],
  });
  const rules = reportedRules(data);
  const out: Content[] = [
    { text: 'Synthèse', style: 'h2' },
    {
      table: { widths: ['*', '*', '*', '*'], body: [[kpi('Lignes lues', s.rows), kpi('Lignes en erreur', s.rowsInError), kpi('Salariés concernés', s.employeesWithFindings), kpi('Constats', s.findings)]] },
      layout: { hLineWidth: () => 0, vLineWidth: (i) => (i === 0 || i === 4 ? 0 : 8), vLineColor: () => '#ffffff', fillColor: () => '#f4f6f9', paddingLeft: () => 8, paddingTop: () => 6, paddingBottom: () => 6 },
      margin: [0, 2, 0, 6],
    },
    { text: SUMMARY_NOTE, fontSize: 8.5, color: MUTED, margin: [0, 0, 0, 8] },
    {
      columns: [
        {
          width: '*',
          stack: [
            table(
              [th('Gravité'), th('Constats', true)],
              [...SEVERITIES.map((sev) => [{ text: [badge(sev)] }, num(s.bySeverity[sev] ?? 0)]), [{ text: 'Total', bold: true }, num(s.findings, true)]],
              ['*', 'auto'],
              'Constats par gravité',
            ),
          ],
        },
        {
          width: '*',
          stack: [
            table(
              [th('Règle'), th('Constats', true)],
              rules.length ? rules.map((r) => [{ text: RULE_LABELS[r.rule].title }, num(r.count)]) : [[{ text: 'Aucun constat.', colSpan: 2 }, {}]],
              ['*', 'auto'],
              'Constats par règle',
            ),
          ],
        },
      ],
      columnGap: 20,
    },
  ];
  const convs = Object.entries(s.byConvention).sort(([a], [b]) => a.localeCompare(b));
  if (convs.length > 0) {
    out.push(
      table(
        [th('Convention'), th('Lignes', true), th('Salariés concernés', true), th('Constats', true)],
        convs.map(([idcc, c]) => [{ text: pdfText(conventionLabel(idcc, data.conventions)) }, num(c.rows), num(c.withFindings), num(c.findings)]),
        ['*', 'auto', 'auto', 'auto'],
        'Par convention collective',
      ),
    );
  }
  const read = [`format ${s.format}`, `encodage ${s.encoding}`];
  if (s.delimiter) read.push(`séparateur « ${s.delimiter === '\t' ? 'tabulation' : s.delimiter} »`);
  out.push({ text: pdfText(`Fichier lu : ${read.join(', ')}.`) });
  if (s.unknownColumns.length > 0) out.push({ text: pdfText(unknownColumnsNote(s.unknownColumns, (c) => c)), margin: [0, 4, 0, 0] });
  return out;
}

/** Per rule, the rows checked and not checked, with why (see coverage-text.ts). */
function coverageContent(data: ReportData): Content[] {
  const lines = coverageLines(data.summary);
  if (lines.length === 0) return [];
  return [
    { text: 'Couverture des contrôles', style: 'h2' },
    table(
      [th('Contrôle'), th('Vérifiées', true), th('Non vérifiées', true), th('Hypothèses et raisons')],
      lines.map((l) => [
        { text: pdfText(l.title) },
        num(l.checked),
        num(l.notChecked),
        { text: pdfText([...l.assumptions, ...l.reasons.map((r) => `non vérifiées, ${r}`)].join('\n') || '—'), fontSize: 8.5 },
      ]),
      ['auto', 'auto', 'auto', '*'],
      'Lignes vérifiées et non vérifiées par contrôle',
    ),
  ];
}

function headcountContent(data: ReportData): Content[] {
  const s = data.summary;
  const convs = headcountConventions(data);
  if (convs.length === 0) return [];
  const out: Content[] = [
    { text: 'Effectifs par position', style: 'h2', pageBreak: 'before' },
    { text: 'Répartition des salariés de chaque convention entre les positions de la grille, selon le statut de la position.' },
  ];
  for (const idcc of convs) {
    const rows = headcountRows(s, idcc);
    const label = conventionLabel(idcc, data.conventions);
    // A heading stays with its chart.
    out.push({ stack: [{ text: pdfText(label), style: 'h3' }, ...chart(headcountChart(s, idcc, label))], unbreakable: true });
    const unknownSex = s.hasSex && rows.some((r) => r.total > r.F + r.H);
    const head = [th('Position'), th('Statut'), th('Effectif', true), ...(s.hasSex ? [th('Femmes', true), th('Hommes', true)] : []), ...(unknownSex ? [th('Non renseigné', true)] : [])];
    const line = (r: { total: number; F: number; H: number }, bold = false) => [num(r.total, bold), ...(s.hasSex ? [num(r.F, bold), num(r.H, bold)] : []), ...(unknownSex ? [num(r.total - r.F - r.H, bold)] : [])];
    const body: TableCell[][] = rows.map((r) => [{ text: pdfText(r.position) }, { text: pdfText(chartStatusLabel(r.status)) }, ...line(r)]);
    const sum = (k: 'total' | 'F' | 'H') => rows.reduce((a, r) => a + r[k], 0);
    body.push([{ text: 'Total', bold: true }, {}, ...line({ total: sum('total'), F: sum('F'), H: sum('H') }, true)]);
    out.push(table(head, body, ['*', '*', ...head.slice(2).map(() => 'auto')], `Effectifs par position — ${label}`));
    const sexSvg = sexChart(s, idcc, label);
    if (sexSvg) {
      const block: Content[] = [{ text: pdfText(`Femmes et hommes par position — ${label}`), style: 'h4' }];
      const why = data.conventions?.[idcc]?.sexSpreadSource;
      if (why) {
        block.push(
          { text: 'La classification de la branche prévoit un suivi de la place des femmes et des hommes dans la grille :' },
          { ...(sourceCell(why, idcc) as object), margin: [12, 4, 0, 6] } as Content,
        );
      }
      out.push({ stack: [...block, ...chart(sexSvg)], unbreakable: true });
    }
  }
  return out;
}

function findingsContent(data: ReportData): Content[] {
  const rules = reportedRules(data);
  const multiConv = Object.keys(data.summary.byConvention).length > 1;
  const out: Content[] = [{ text: 'Constats par règle', style: 'h2', pageBreak: 'before' }];
  if (rules.length === 0) out.push({ text: 'Aucun constat : toutes les lignes lues sont conformes aux contrôles effectués.' });
  for (const r of rules) {
    const label = RULE_LABELS[r.rule];
    const sevs = severitiesOf(r.samples);
    const mixed = sevs.length > 1;
    // The rule's heading and explanation head its table: repeated on each page, never left alone
    // at the foot of one. (pdfmake's pageBreakBefore would do it by laying the whole document
    // out again for each heading moved: seconds per heading on 2,000 findings.)
    const heading: Content[] = [
      { text: pdfText(`${label.title} (${plural(r.count, 'constat')})`), style: 'h3', margin: [-4, 6, 0, 2] },
      { text: label.explanation, fontSize: 8.5, color: MUTED, margin: [-4, 0, 0, 2] },
      ...(sevs.length === 1 ? [{ text: ['Gravité : ', badge(sevs[0]!)], fontSize: 8.5, margin: [-4, 0, 0, 2] } as Content] : []),
    ];
    if (r.samples.length > 0) {
      const head = [th('Ligne', true), ...(multiConv ? [th('IDCC')] : []), th('Matricule'), ...(mixed ? [th('Gravité')] : []), th('Message'), th('Attendu'), th('Source')];
      const widths = ['auto', ...(multiConv ? ['auto'] : []), 52, ...(mixed ? [50] : []), '*', 72, 140];
      const body = r.samples.map((f): TableCell[] => [
        num(f.line),
        ...(multiConv ? [{ text: pdfText(f.idcc ?? '') }] : []),
        { text: pdfText(f.name ? `${f.matricule}\n${f.name}` : f.matricule) },
        ...(mixed ? [{ text: [badge(f.severity)] }] : []),
        { text: pdfText(f.message) },
        { text: pdfText(formatExpected(f)) },
        sourceCell(f.source, f.idcc),
      ]);
      out.push(table(head, body, widths, heading, { style: 'findings' }));
    } else {
      out.push({ stack: heading, unbreakable: true });
    }
    if (r.omitted > 0) out.push({ text: pdfText(omittedNote(r.omitted)), italics: true, margin: [0, 0, 0, 6] });
  }
  return out;
}

/** The pdfmake document of the report (exported for tests). */
export function pdfDefinition(data: ReportData): TDocumentDefinitions {
  const s = data.summary;
  const content: Content[] = [
    { text: REPORT_TITLE, style: 'h1' },
    { text: ['Fichier : ', { text: pdfText(data.file), bold: true }], style: 'meta' },
    { text: ['Audit au ', { text: formatDate(s.at), bold: true }, pdfText(` · rapport généré le ${formatDateTime(data.generatedAt)}`)], style: 'meta' },
    { canvas: [{ type: 'line', x1: 0, y1: 4, x2: CONTENT_WIDTH, y2: 4, lineWidth: 2, lineColor: ACCENT }], margin: [0, 0, 0, 4] },
    ...summaryContent(data),
    ...coverageContent(data),
    ...headcountContent(data),
    ...findingsContent(data),
  ];
  if (s.notes.length > 0) {
    // The heading stays with the first notes.
    const notes = s.notes.map((n) => pdfText(n));
    content.push({ stack: [{ text: 'Remarques', style: 'h2' }, { ul: notes.slice(0, 2) }], unbreakable: true });
    if (notes.length > 2) content.push({ ul: notes.slice(2) });
  }
  content.push({ text: closingNote(data), fontSize: 8, color: MUTED, margin: [0, 20, 0, 0] });
  return {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 48],
    language: 'fr-FR',
    displayTitle: true,
    // Dated by the report's data, not by the clock: the same report has the same bytes whenever it is made.
    info: { title: REPORT_TITLE, subject: pdfText(`Audit de ${data.file} au ${formatDate(s.at)}`), author: 'classif', creator: 'classif', producer: 'classif (pdfmake)', creationDate: new Date(data.generatedAt) },
    content,
    footer: (currentPage, pageCount) => ({
      columns: [
        { text: pdfText(`${REPORT_TITLE} — ${data.file}`), width: '*' },
        { text: `Page ${currentPage} / ${pageCount}`, width: 'auto', alignment: 'right' },
      ],
      margin: [40, 16, 40, 0],
      fontSize: 8,
      color: MUTED,
    }),
    defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.15 },
    styles: {
      h1: { fontSize: 22, bold: true, margin: [0, 0, 0, 6] },
      h2: { fontSize: 15, bold: true, color: ACCENT, margin: [0, 16, 0, 6] },
      h3: { fontSize: 12, bold: true, margin: [0, 12, 0, 4] },
      h4: { fontSize: 10.5, bold: true, margin: [0, 10, 0, 4] },
      meta: { color: MUTED, margin: [0, 0, 0, 2] },
      caption: { bold: true, margin: [-4, 4, 0, 0] },
      th: { bold: true },
      findings: { fontSize: 8 },
    },
  };
}

/** The report as a PDF file's bytes. */
export async function renderPdf(data: ReportData): Promise<Buffer> {
  pdfmake.setFonts(FONTS);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => FONT_FILES.has(path));
  return pdfmake.createPdf(pdfDefinition(data)).getBuffer();
}

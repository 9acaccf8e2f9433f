/**
 * The audit as one self-contained HTML page in French: inline CSS, inline SVG charts, no script,
 * no external asset, readable on a phone and printable. Every text that comes from the audited
 * file (matricules, messages, positions, notes) is escaped.
 */
import { coverageLines } from './coverage-text.js';
import type { Finding, RuleId, Severity } from '../roster/audit.js';
import { RULE_IDS, SEVERITIES } from '../roster/audit.js';
import type { Source } from '../model/schema.js';
import { chartStatusLabel, escapeXml, headcountChart, headcountRows, sexChart } from './charts.js';
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

export const REPORT_TITLE = 'Audit des classifications';

/** What the key figures count. */
export const SUMMARY_NOTE =
  'Les salariés concernés sont les lignes qui ont au moins une erreur ou un avertissement ; les lignes en erreur sont celles qui n’ont pas pu être exploitées (règle « Ligne illisible »).';

/** Closing words of the report. */
export function closingNote(data: ReportData): string {
  const cut = [...data.omitted.values()].some((n) => n > 0);
  return `Rapport établi par classif. Chaque constat cite le texte sur lequel il repose (titre du texte, article et extrait entre guillemets), avec un lien vers l’article sur Légifrance.${cut ? ' Ce rapport ne montre que les premiers constats de chaque règle : l’export CSV les contient tous.' : ''}`;
}

/** HTML-escapes a text (also fit for attribute values). */
export const esc = escapeXml;

/** Rules to show, in the order of RULE_IDS, with their total count. */
export function reportedRules(data: ReportData): { rule: RuleId; count: number; samples: Finding[]; omitted: number }[] {
  return RULE_IDS.map((rule) => {
    const samples = data.samples.get(rule) ?? [];
    const omitted = data.omitted.get(rule) ?? 0;
    return { rule, count: data.summary.byRule[rule] ?? samples.length + omitted, samples, omitted };
  }).filter((r) => r.count > 0 || r.samples.length > 0);
}

/** Conventions of the head-count, in order of first appearance. */
export function headcountConventions(data: ReportData): string[] {
  return [...new Set(data.summary.headcount.map((h) => h.idcc))];
}

/** « … et N autres constats (voir l'export CSV) ». */
export function omittedNote(n: number): string {
  return `… et ${formatNumber(n)} ${n > 1 ? 'autres constats' : 'autre constat'} (voir l'export CSV)`;
}

/** Whether a rule's samples mix severities (then each row shows its own). */
export function severitiesOf(samples: Finding[]): Severity[] {
  return SEVERITIES.filter((s) => samples.some((f) => f.severity === s));
}

const CSS = `
:root{color-scheme:light;--text:#1a1a1a;--muted:#555;--line:#d0d4d9;--head:#eef1f5;--accent:#1f5fa8;--link:#0b57d0}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#fff;color:var(--text);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.page{max-width:72rem;margin:0 auto;padding:1.5rem 1rem 3rem}
header{border-bottom:4px solid var(--accent);padding-bottom:.75rem}
h1{font-size:1.9rem;line-height:1.2;margin:0 0 .5rem}
h2{font-size:1.45rem;line-height:1.25;margin:2.5rem 0 .75rem;padding-bottom:.25rem;border-bottom:2px solid var(--line)}
h3{font-size:1.2rem;line-height:1.3;margin:2rem 0 .5rem}
h4{font-size:1.05rem;margin:1.5rem 0 .5rem}
p{margin:.5rem 0}
.meta{margin:0;color:var(--muted)}
.meta strong{color:var(--text);overflow-wrap:anywhere}
nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;list-style:none;padding:0;margin:1rem 0 0}
a{color:var(--link)}
a:focus-visible,[tabindex]:focus-visible{outline:3px solid var(--link);outline-offset:2px}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:.75rem;margin:1rem 0;padding:0}
.kpi{border:1px solid var(--line);border-left:4px solid var(--accent);border-radius:.375rem;padding:.6rem .9rem;margin:0}
.kpi dt{color:var(--muted);font-size:.9rem}
.kpi dd{margin:0;font-size:1.7rem;font-weight:700;font-variant-numeric:tabular-nums}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(17rem,1fr));gap:1rem 2rem;align-items:start}
table{border-collapse:collapse;width:100%;font-size:.93rem;margin:.5rem 0 1rem}
caption{text-align:left;font-weight:600;padding:0 0 .4rem}
th,td{text-align:left;vertical-align:top;padding:.45rem .55rem;border-bottom:1px solid var(--line);overflow-wrap:break-word}
thead th{background:var(--head);border-bottom:2px solid #8c96a3}
tbody th{font-weight:normal}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tfoot td,tfoot th{font-weight:700;border-top:2px solid #8c96a3}
.badge{display:inline-block;padding:.05rem .45rem;border-radius:.25rem;font-size:.85rem;font-weight:600;white-space:nowrap}
.sev-error{background:#fdecea;color:#8a1c1c}
.sev-warning{background:#fff4e0;color:#7a4500}
.sev-info{background:#e8f0fe;color:#174ea6}
.swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.35rem;vertical-align:-.05rem}
figure{margin:1rem 0}
figure svg{display:block;width:100%;max-width:44rem;height:auto}
figcaption{color:var(--muted);font-size:.9rem;margin-top:.25rem}
.explain{max-width:52rem}
.quote{display:block}
.cite{display:block;color:var(--muted);font-size:.85rem;margin-top:.2rem}
blockquote{margin:.5rem 0 1rem;padding:.25rem 0 .25rem 1rem;border-left:4px solid var(--line)}
.findings .nowrap{white-space:nowrap}
.findings .mat{min-width:6rem;max-width:12rem}
.findings .msg{min-width:16rem}
.findings .exp{min-width:9rem}
.findings .src{min-width:14rem}
.counts{max-width:52rem}
.omitted{font-style:italic}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.scroll{overflow-x:auto}
footer{margin-top:3rem;padding-top:.75rem;border-top:1px solid var(--line);color:var(--muted);font-size:.9rem}
@media screen and (max-width:40rem){
 body{font-size:15px}
 .page{padding:1rem .75rem 2rem}
 h1{font-size:1.5rem}
 .kpi dd{font-size:1.4rem}
 table.findings thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
 table.findings,table.findings tbody,table.findings tr,table.findings td{display:block;width:100%}
 table.findings tr{border:1px solid var(--line);border-radius:.375rem;margin:0 0 .75rem;padding:.25rem .5rem}
 table.findings td,table.findings td[class]{border:0;padding:.3rem 0;min-width:0;max-width:none;white-space:normal}
 figure{overflow-x:auto}
 figure svg{min-width:26rem}
 table.findings td:empty{display:none}
 table.findings td.num{text-align:left}
 table.findings td.num::before,table.findings td.nowrap::before,table.findings td.mat::before{display:inline;margin-right:.5rem}
 table.findings td::before{content:attr(data-label);display:block;font-size:.8rem;font-weight:700;color:var(--muted);text-transform:uppercase;letter-spacing:.02em}
}
@media print{
 @page{size:A4;margin:14mm 12mm}
 body{font-size:9.5pt}
 .page{max-width:none;padding:0}
 nav{display:none}
 a{color:inherit;text-decoration:none}
 h2,h3,h4{break-after:avoid}
 #effectifs,#constats{break-before:page}
 figure,tr,.kpi,blockquote{break-inside:avoid}
 thead{display:table-header-group}
 .scroll{overflow:visible}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;

function badge(s: Severity): string {
  return `<span class="badge sev-${s}">${esc(SEVERITY_LABELS[s])}</span>`;
}

function sourceHtml(source: Source, idcc: string | undefined): string {
  const c = shippedCitation(source, idcc);
  const link = c.url ? ` — <a href="${esc(c.url)}" hreflang="fr">${READ_ON_LEGIFRANCE}</a>` : '';
  return `<span class="quote">« ${esc(c.quote)} »</span><span class="cite">${esc(citationWhere(c))}${link}</span>`;
}

function ruleAnchor(rule: RuleId): string {
  return `regle-${rule}`;
}

function summarySection(data: ReportData): string {
  const s = data.summary;
  const out: string[] = [];
  out.push('<section aria-labelledby="synthese"><h2 id="synthese">Synthèse</h2>');
  out.push('<dl class="kpis">');
  const kpi = (label: string, value: number) => out.push(`<div class="kpi"><dt>${label}</dt><dd>${formatNumber(value)}</dd></div>`);
  kpi('Lignes lues', s.rows);
  kpi('Lignes en erreur', s.rowsInError);
  kpi('Salariés concernés', s.employeesWithFindings);
  kpi('Constats', s.findings);
  out.push('</dl>');
  out.push(`<p>${SUMMARY_NOTE}</p>`);
  out.push('<div class="grid">');
  // By severity.
  out.push('<table><caption>Constats par gravité</caption><thead><tr><th scope="col">Gravité</th><th scope="col" class="num">Constats</th></tr></thead><tbody>');
  for (const sev of SEVERITIES) out.push(`<tr><th scope="row">${badge(sev)}</th><td class="num">${formatNumber(s.bySeverity[sev] ?? 0)}</td></tr>`);
  out.push(`</tbody><tfoot><tr><th scope="row">Total</th><td class="num">${formatNumber(s.findings)}</td></tr></tfoot></table>`);
  // By rule.
  const rules = reportedRules(data);
  out.push('<table><caption>Constats par règle</caption><thead><tr><th scope="col">Règle</th><th scope="col" class="num">Constats</th></tr></thead><tbody>');
  if (rules.length === 0) out.push('<tr><td colspan="2">Aucun constat.</td></tr>');
  for (const r of rules) out.push(`<tr><th scope="row"><a href="#${ruleAnchor(r.rule)}">${esc(RULE_LABELS[r.rule].title)}</a></th><td class="num">${formatNumber(r.count)}</td></tr>`);
  out.push('</tbody></table>');
  out.push('</div>');
  // By convention.
  const convs = Object.entries(s.byConvention).sort(([a], [b]) => a.localeCompare(b));
  if (convs.length > 0) {
    out.push('<div class="scroll" role="region" aria-label="Constats par convention" tabindex="0"><table><caption>Par convention collective</caption><thead><tr><th scope="col">Convention</th><th scope="col" class="num">Lignes</th><th scope="col" class="num">Salariés concernés</th><th scope="col" class="num">Constats</th></tr></thead><tbody>');
    for (const [idcc, c] of convs) out.push(`<tr><th scope="row">${esc(conventionLabel(idcc, data.conventions))}</th><td class="num">${formatNumber(c.rows)}</td><td class="num">${formatNumber(c.withFindings)}</td><td class="num">${formatNumber(c.findings)}</td></tr>`);
    out.push('</tbody></table></div>');
  }
  const read = [`format ${esc(s.format)}`, `encodage ${esc(s.encoding)}`];
  if (s.delimiter) read.push(`séparateur « ${s.delimiter === '\t' ? 'tabulation' : esc(s.delimiter)} »`);
  out.push(`<p>Fichier lu : ${read.join(', ')}.</p>`);
  if (s.unknownColumns.length > 0) out.push(`<p>${unknownColumnsNote(s.unknownColumns, esc)}</p>`);
  out.push('</section>');
  return out.join('\n');
}

/** Per rule, the rows checked and the rows not checked, with why: a row without a finding was checked, or is counted here. */
function coverageSection(data: ReportData): string {
  const lines = coverageLines(data.summary);
  if (lines.length === 0) return '';
  const out = ['<section aria-labelledby="couverture"><h2 id="couverture">Couverture des contrôles</h2>'];
  out.push('<p>Pour chaque contrôle, les lignes vérifiées (certaines sur une hypothèse indiquée) et celles qui n’ont pas pu l’être, avec la raison.</p>');
  out.push('<div class="scroll" role="region" aria-label="Couverture des contrôles" tabindex="0"><table><thead><tr><th scope="col">Contrôle</th><th scope="col" class="num">Lignes vérifiées</th><th scope="col" class="num">Non vérifiées</th><th scope="col">Hypothèses et raisons</th></tr></thead><tbody>');
  for (const l of lines) {
    const detail = [...l.assumptions, ...l.reasons.map((r) => `non vérifiées, ${r}`)];
    out.push(`<tr><th scope="row">${esc(l.title)}</th><td class="num">${formatNumber(l.checked)}</td><td class="num">${formatNumber(l.notChecked)}</td><td>${detail.length ? `<ul>${detail.map((d) => `<li>${esc(d)}</li>`).join('')}</ul>` : '—'}</td></tr>`);
  }
  out.push('</tbody></table></div></section>');
  return out.join('\n');
}

function headcountSection(data: ReportData): string {
  const s = data.summary;
  const convs = headcountConventions(data);
  if (convs.length === 0) return '';
  const out: string[] = [];
  out.push('<section aria-labelledby="effectifs"><h2 id="effectifs">Effectifs par position</h2>');
  out.push('<p>Répartition des salariés de chaque convention entre les positions de la grille, selon le statut de la position.</p>');
  for (const idcc of convs) {
    const rows = headcountRows(s, idcc);
    const label = conventionLabel(idcc, data.conventions);
    const hid = `effectifs-${idcc.replace(/[^A-Za-z0-9]/g, '-')}`;
    out.push(`<h3 id="${hid}">${esc(label)}</h3>`);
    out.push(`<figure tabindex="0">${headcountChart(s, idcc, label)}<figcaption>Effectifs par position et statut. Valeurs détaillées dans le tableau ci-dessous.</figcaption></figure>`);
    const withSex = s.hasSex;
    const unknownSex = withSex && rows.some((r) => r.total > r.F + r.H);
    out.push(`<div class="scroll" role="region" aria-label="Effectifs, ${esc(label)}" tabindex="0"><table class="counts"><caption>Effectifs par position — ${esc(label)}</caption><thead><tr><th scope="col">Position</th><th scope="col">Statut</th><th scope="col" class="num">Effectif</th>`);
    if (withSex) out.push(`<th scope="col" class="num">Femmes</th><th scope="col" class="num">Hommes</th>${unknownSex ? '<th scope="col" class="num">Non renseigné</th>' : ''}`);
    out.push('</tr></thead><tbody>');
    const counts = (r: { total: number; F: number; H: number }) =>
      [r.total, ...(withSex ? [r.F, r.H] : []), ...(unknownSex ? [r.total - r.F - r.H] : [])].map((n) => `<td class="num">${formatNumber(n)}</td>`).join('');
    for (const r of rows) out.push(`<tr><th scope="row">${esc(r.position)}</th><td>${esc(chartStatusLabel(r.status))}</td>${counts(r)}</tr>`);
    const sum = (k: 'total' | 'F' | 'H') => rows.reduce((a, r) => a + r[k], 0);
    out.push(`</tbody><tfoot><tr><th scope="row">Total</th><td></td>${counts({ total: sum('total'), F: sum('F'), H: sum('H') })}</tr></tfoot></table></div>`);
    const chart = sexChart(s, idcc, label);
    if (chart) {
      out.push(`<h4>Femmes et hommes par position — ${esc(label)}</h4>`);
      const why = data.conventions?.[idcc]?.sexSpreadSource;
      if (why) out.push(`<p>La classification de la branche prévoit un suivi de la place des femmes et des hommes dans la grille :</p><blockquote>${sourceHtml(why, idcc)}</blockquote>`);
      out.push(`<figure tabindex="0">${chart}<figcaption>Femmes et hommes par position. Valeurs dans le tableau des effectifs ci-dessus.</figcaption></figure>`);
    }
  }
  out.push('</section>');
  return out.join('\n');
}

function findingsSection(data: ReportData): string {
  const rules = reportedRules(data);
  const multiConv = Object.keys(data.summary.byConvention).length > 1;
  const out: string[] = [];
  out.push('<section aria-labelledby="constats"><h2 id="constats">Constats par règle</h2>');
  if (rules.length === 0) {
    out.push('<p>Aucun constat : toutes les lignes lues sont conformes aux contrôles effectués.</p>');
  }
  for (const r of rules) {
    const label = RULE_LABELS[r.rule];
    const sevs = severitiesOf(r.samples);
    const mixed = sevs.length > 1;
    out.push(`<section aria-labelledby="${ruleAnchor(r.rule)}"><h3 id="${ruleAnchor(r.rule)}">${esc(label.title)} <span class="count">(${esc(plural(r.count, 'constat'))})</span></h3>`);
    out.push(`<p class="explain">${esc(label.explanation)}</p>`);
    if (sevs.length === 1) out.push(`<p>Gravité : ${badge(sevs[0]!)}</p>`);
    if (r.samples.length > 0) {
      const head = ['Ligne', ...(multiConv ? ['IDCC'] : []), 'Matricule', ...(mixed ? ['Gravité'] : []), 'Message', 'Attendu', 'Source'];
      out.push(`<table class="findings" role="table"><caption class="visually-hidden">${esc(label.title)} : constats</caption><thead role="rowgroup"><tr role="row">${head.map((h) => `<th scope="col" role="columnheader">${h}</th>`).join('')}</tr></thead><tbody role="rowgroup">`);
      for (const f of r.samples) {
        const cells: [string, string, string?][] = [['Ligne', formatNumber(f.line), 'num']];
        if (multiConv) cells.push(['IDCC', esc(f.idcc ?? ''), 'nowrap']);
        cells.push(['Matricule', `${esc(f.matricule)}${f.name ? `<br>${esc(f.name)}` : ''}`, 'mat']);
        if (mixed) cells.push(['Gravité', badge(f.severity)]);
        cells.push(['Message', esc(f.message), 'msg'], ['Attendu', esc(formatExpected(f)), 'exp'], ['Source', sourceHtml(f.source, f.idcc), 'src']);
        out.push(`<tr role="row">${cells.map(([h, v, cls]) => `<td role="cell" data-label="${h}"${cls ? ` class="${cls}"` : ''}>${v}</td>`).join('')}</tr>`);
      }
      out.push('</tbody></table>');
    }
    if (r.omitted > 0) out.push(`<p class="omitted">${esc(omittedNote(r.omitted))}</p>`);
    out.push('</section>');
  }
  out.push('</section>');
  return out.join('\n');
}

function notesSection(data: ReportData): string {
  const notes = data.summary.notes;
  if (notes.length === 0) return '';
  return `<section aria-labelledby="remarques"><h2 id="remarques">Remarques</h2><ul>${notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul></section>`;
}

/** The whole report as one HTML document. */
export function renderHtml(data: ReportData): string {
  const s = data.summary;
  const notes = s.notes.length > 0;
  const hasHeadcount = s.headcount.length > 0;
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(REPORT_TITLE)} — ${esc(data.file)}</title>
<style>${CSS}</style>
</head>
<body>
<div class="page">
<header>
<h1>${esc(REPORT_TITLE)}</h1>
<p class="meta">Fichier : <strong>${esc(data.file)}</strong></p>
<p class="meta">Audit au <strong>${formatDate(s.at)}</strong> · rapport généré le ${esc(formatDateTime(data.generatedAt))}</p>
<nav aria-label="Sommaire"><ul><li><a href="#synthese">Synthèse</a></li><li><a href="#couverture">Couverture</a></li>${hasHeadcount ? '<li><a href="#effectifs">Effectifs</a></li>' : ''}<li><a href="#constats">Constats</a></li>${notes ? '<li><a href="#remarques">Remarques</a></li>' : ''}</ul></nav>
</header>
<main>
${summarySection(data)}
${coverageSection(data)}
${headcountSection(data)}
${findingsSection(data)}
${notesSection(data)}
</main>
<footer><p>${esc(closingNote(data))}</p></footer>
</div>
</body>
</html>
`;
}

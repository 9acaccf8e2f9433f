import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfStrings } from './support/pdf-text.js';
import { describe, expect, it } from 'vitest';
import { headcountChart, headcountRows, MAX_BARS, sexChart } from '../src/report/charts.js';
import { renderHtml } from '../src/report/html.js';
import { conventionLabel, formatExpected, RULE_LABELS, SEVERITY_LABELS } from '../src/report/labels.js';
import { pdfDefinition, renderPdf } from '../src/report/pdf.js';
import { reportConventions, type ReportData } from '../src/report/samples.js';
import { loadCatalogue } from '../src/grids/catalogue.js';
import type { AuditSummary, Finding, RuleId } from '../src/roster/audit.js';
import { RULE_IDS, SHARED_FINDING } from '../src/roster/audit.js';
import { CsvWriter, Output } from '../src/report/writers.js';

const EVIL = '<script>alert(1)</script>';

function summary(overrides: Partial<AuditSummary> = {}): AuditSummary {
  return {
    at: '2025-06-30',
    format: 'csv',
    encoding: 'utf-8',
    delimiter: ';',
    rows: 412,
    rowsInError: 3,
    employeesWithFindings: 57,
    findings: 246,
    byRule: { 'invalid-row': 3, 'grid-outdated': 40, 'entry-period-exceeded': 2, 'below-minimum-wage': 201 },
    bySeverity: { error: 238, warning: 0, info: 8 },
    byConvention: { '1431': { rows: 300, withFindings: 45, findings: 230 }, '3168': { rows: 109, withFindings: 12, findings: 13 } },
    headcount: [
      { idcc: '1431', position: '1.1', status: 'ouvrier-employe', total: 120, F: 80, H: 40 },
      { idcc: '1431', position: 'C', status: 'agent-de-maitrise', total: 150, F: 90, H: 55 },
      { idcc: '1431', position: 'H', status: 'cadre', total: 30, F: 10, H: 20 },
      { idcc: '3168', position: '150', status: 'ouvrier-employe', total: 100, F: 60, H: 40 },
      { idcc: '3168', position: 'Z<b>9', status: null, total: 9, F: 4, H: 5 },
    ],
    hasSex: true,
    unknownColumns: ['badge'],
    notes: ['IDCC 3168, position 150 : aucun barème conventionnel connu au 30/06/2025 ; salaires comparés au SMIC seul (chargez un barème avec --wages).'],
    coverage: {
      'entry-period-exceeded': { checked: 300, assumed: [{ reason: "position supposée tenue depuis la date d'entrée (« Date d'entrée »)", rows: 120 }], notChecked: [{ reason: '« Date coefficient » vide', rows: 112 }] },
    },
    ...overrides,
  };
}

/** A reason for findings whose message a test writes itself (writers read the message only). */
const ANY_REASON: Finding['reason'] = { code: 'invalid-row.unreadable', params: { line: 0, error: 'test' } };

const finding = (rule: RuleId, line: number, extra: Partial<Finding> = {}): Finding => ({
  line,
  matricule: `M${line}`,
  idcc: '1431',
  rule,
  severity: 'error',
  message: `Constat ${rule} ligne ${line}`,
  // The writers write the message; the reason it was rendered from is not theirs to read.
  reason: { code: 'invalid-row.unreadable', params: { line, error: 'test' } },
  source: { doc: 'annexe-i-2022', article: 'KALIARTI000046225787', quote: 'les entreprises de la branche auront 1 an pour mettre en œuvre la nouvelle classification' },
  ...extra,
});

/** The catalogue's conventions, as reports name them. */
const CONVENTIONS = reportConventions(loadCatalogue());

function data(overrides: Partial<ReportData> = {}): ReportData {
  const samples = new Map<RuleId, Finding[]>([
    ['invalid-row', [finding('invalid-row', 4, { matricule: EVIL, idcc: undefined, message: `Ligne 4, colonne idcc : IDCC invalide (valeur lue : « ${EVIL} »).`, source: { doc: 'fichier-importe', quote: `idcc = ${EVIL}` } })]],
    [
      'grid-outdated',
      [
        finding('grid-outdated', 10, { expected: ['1.4'], dueDate: '2024-06-10', message: 'La position 150 appartient à la grille remplacée 1431-1986 ; la nouvelle classification (1431-2022) s’impose depuis le 10/06/2024.' }),
        finding('grid-outdated', 11, { severity: 'info', expected: ['F', '3.1'] }),
      ],
    ],
    ['entry-period-exceeded', [finding('entry-period-exceeded', 20, { idcc: '3168', dueDate: '2025-01-01', source: { doc: 'accord-2009', article: 'KALIARTI000022759620', quote: 'la durée maximale de la période d’accueil est de 6 mois' } })]],
    ['below-minimum-wage', [finding('below-minimum-wage', 30, { expected: 1801.8, message: 'Salaire 1 739,00 € : inférieur au SMIC mensuel.', source: { doc: 'smic', quote: 'Décret n° 2024-951 du 23 octobre 2024' } })]],
  ]);
  return {
    file: 'personnel été 2025.csv',
    summary: summary(),
    samples,
    omitted: new Map<RuleId, number>([['below-minimum-wage', 200]]),
    generatedAt: '2025-07-01T08:30:00Z',
    conventions: CONVENTIONS,
    ...overrides,
  };
}

/** Text drawn in a PDF made by pdfkit: content streams decoded through each font's ToUnicode map. */
describe('labels', () => {
  it('names every rule and severity in French', () => {
    expect(Object.keys(RULE_LABELS).sort()).toEqual([...RULE_IDS].sort());
    expect(RULE_LABELS['invalid-row'].title).toBe('Ligne illisible');
    expect(RULE_LABELS['duplicate-matricule'].title).toBe('Matricule en double');
    expect(RULE_LABELS['unknown-position'].title).toBe('Position inconnue');
    expect(RULE_LABELS['grid-outdated'].title).toBe('Grille dépassée');
    expect(RULE_LABELS['entry-period-exceeded'].title).toBe("Période d'accueil dépassée");
    expect(RULE_LABELS['below-diploma-minimum'].title).toBe('Sous le minimum du diplôme');
    expect(RULE_LABELS['status-below-required'].title).toBe('Statut insuffisant');
    expect(RULE_LABELS['track-requires-diploma'].title).toBe('Filière réservée aux diplômés');
    expect(RULE_LABELS['job-position-mismatch'].title).toBe('Emploi et position discordants');
    expect(RULE_LABELS['below-minimum-wage'].title).toBe('Salaire inférieur au minimum');
    for (const id of RULE_IDS) expect(RULE_LABELS[id].explanation.length).toBeGreaterThan(40);
    expect(SEVERITY_LABELS).toEqual({ error: 'Erreur', warning: 'Avertissement', info: 'Information' });
    const conventions = CONVENTIONS;
    expect(conventionLabel('1431', conventions)).toBe('IDCC 1431 — Optique-lunetterie de détail');
    expect(conventionLabel('9999', conventions)).toBe('IDCC 9999');
    // Named from the catalogue, with the text that asks for women and men by position (annexe I, preamble).
    expect(conventions['1431']?.sexSpreadSource?.article).toBe('KALIARTI000046225784');
    expect(conventions['3168']?.sexSpreadSource).toBeUndefined();
  });

  it('words what a finding expects', () => {
    expect(formatExpected({ rule: 'below-minimum-wage', expected: 1801.8 })).toMatch(/^Au moins 1[\s\u202f\u00a0]801,80\u00a0€$/);
    expect(formatExpected({ rule: 'grid-outdated', expected: ['F', '3.1'], dueDate: '2024-06-10' })).toBe('Positions F, 3.1 — Échéance : 10/06/2024');
    expect(formatExpected({ rule: 'unknown-position', expected: Array.from({ length: 18 }, (_, i) => String(150 + i)) })).toContain('(18 positions)');
  });
});

describe('charts', () => {
  it('draws the head-count by position, coloured by status, with a text alternative', () => {
    const svg = headcountChart(summary(), '1431');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toMatch(/<title id="effectifs-1431-t">Effectifs par position et statut — IDCC 1431/);
    expect(svg).toContain('<desc');
    expect(svg).toContain('300 salariés sur 3 positions');
    for (const label of ['ouvrier/employé', 'technicien/agent de maîtrise', 'cadre']) expect(svg).toContain(`>${label}</text>`);
    expect(svg.match(/<rect [^>]*fill="#2a7a4b"/g)?.length).toBeGreaterThanOrEqual(2); // cadre: legend and bar
    expect(headcountChart(summary(), '2198')).toBe('');
  });

  it('escapes positions read from the file', () => {
    const svg = headcountChart(summary(), '3168');
    expect(svg).toContain('Z&lt;b&gt;9');
    expect(svg).not.toContain('Z<b>9');
    expect(svg).toContain('>position inconnue</text>');
  });

  it('draws women and men only when the file says who is who', () => {
    const svg = sexChart(summary(), '1431');
    expect(svg).toContain('>Femmes</text>');
    expect(svg).toContain('>Hommes</text>');
    expect(svg).toContain('180 femmes et 115 hommes');
    expect(svg).toContain('5 n.r.'); // C: 150 = 90 F + 55 H + 5 unknown
    expect(sexChart(summary({ hasSex: false }), '1431')).toBe('');
  });

  it('groups what is beyond the bars a chart can hold', () => {
    const headcount = Array.from({ length: MAX_BARS + 10 }, (_, i) => ({ idcc: '3168', position: `X${i}`, status: null, total: 1, F: 0, H: 1 }));
    const rows = headcountRows(summary({ headcount }), '3168');
    expect(rows).toHaveLength(MAX_BARS);
    expect(rows.at(-1)).toMatchObject({ position: 'Autres positions (11)', total: 11, grouped: 11 });
  });
});

describe('renderHtml', () => {
  const html = renderHtml(data());

  it('is one French page with no external asset and no script', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<meta name="viewport"');
    expect(html).toMatch(/<style>[\s\S]*@media print[\s\S]*<\/style>/);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=/i);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.filter((h) => !h.startsWith('#') && !h.startsWith('https://www.legifrance.gouv.fr/conv_coll/id/KALIARTI'))).toEqual([]);
  });

  it('names the file and dates the audit and the report', () => {
    expect(html).toContain('<h1>Audit des classifications</h1>');
    expect(html).toContain('personnel été 2025.csv');
    expect(html).toContain('Audit au <strong>30/06/2025</strong>');
    expect(html).toContain('généré le 01/07/2025 à 10 h 30'); // Paris time
  });

  it('summarises the counts', () => {
    for (const s of ['Lignes lues</dt><dd>412', 'Lignes en erreur</dt><dd>3', 'Salariés concernés</dt><dd>57', 'Constats</dt><dd>246']) expect(html).toContain(s);
    expect(html).toMatch(/Erreur<\/span><\/th><td class="num">238/);
    expect(html).toMatch(/Salaire inférieur au minimum<\/a><\/th><td class="num">201/);
    expect(html).toContain('IDCC 1431 — Optique-lunetterie de détail</th><td class="num">300</td><td class="num">45</td><td class="num">230');
    expect(html).toContain('« badge »');
  });

  it('has a coverage section: rows checked, on what assumption, and not checked with why', () => {
    expect(html).toContain('<h2 id="couverture">Couverture des contrôles</h2>');
    expect(html).toContain('Période d&#39;accueil dépassée</th><td class="num">300</td><td class="num">112</td>');
    expect(html).toContain('dont 120 : position supposée tenue depuis la date d&#39;entrée');
    expect(html).toContain('non vérifiées, 112 : « Date coefficient » vide');
  });

  it('charts the head-count with titles and data tables', () => {
    expect(html.match(/<svg /g)?.length).toBe(4); // 2 conventions × (head-count + sex)
    expect(html).toMatch(/<svg [^>]*role="img"[^>]*aria-labelledby="effectifs-1431-t effectifs-1431-d"/);
    expect(html).toContain('<title id="sexe-3168-t">');
    expect(html).toContain('<th scope="col" class="num">Femmes</th>');
    expect(html).toContain('<th scope="row">1.1</th><td>ouvrier/employé</td><td class="num">120</td><td class="num">80</td><td class="num">40</td><td class="num">0</td>');
    // The branch text that asks for the follow-up of women and men, for 1431 only.
    expect(html).toContain('emplois occupés par les hommes et les femmes');
    expect(html.match(/KALIARTI000046225784/g)?.length).toBe(1); // the link's href, once; its text names the article
    expect(html).toContain('Annexe I : Classification des emplois et des métiers (Avenant n° 8 du 7 avril 2022), 1. Préambule');
    expect(renderHtml(data({ summary: summary({ hasSex: false }) })).match(/<svg /g)?.length).toBe(2);
  });

  it('lists the findings by rule with explanation, counts and cited sources', () => {
    expect(html).toContain('<h3 id="regle-grid-outdated">Grille dépassée <span class="count">(40 constats)</span></h3>');
    expect(html).toContain('<h3 id="regle-entry-period-exceeded">Période d&#39;accueil dépassée <span class="count">(2 constats)</span></h3>');
    expect(html).toContain(RULE_LABELS['grid-outdated'].explanation.replace(/'/g, '&#39;'));
    expect(html).not.toContain('regle-duplicate-matricule');
    expect(html).toContain('<th scope="col" role="columnheader">Matricule</th>');
    expect(html).toContain('« les entreprises de la branche auront 1 an pour mettre en œuvre la nouvelle classification »');
    expect(html).toContain('<a href="https://www.legifrance.gouv.fr/conv_coll/id/KALIARTI000046225787" hreflang="fr">lire sur Légifrance</a>');
    // The reader sees titles and article numbers, never the ids of the data.
    expect(html.replace(/href="[^"]*"/g, '')).not.toMatch(/KALIARTI|annexe-i-2022|accord-2009/);
    expect(html).toContain('« Décret n° 2024-951 du 23 octobre 2024 »</span><span class="cite">SMIC (décret de revalorisation)</span>');
    expect(html).toContain('Positions F, 3.1');
    expect(html).toContain('Position 1.4 — Échéance : 10/06/2024');
    expect(html).toContain('Au moins 1');
    // grid-outdated mixes an error and an information: each row says which.
    expect(html).toMatch(/regle-grid-outdated[\s\S]*?<th scope="col" role="columnheader">Gravité<\/th>/);
    expect(html).toContain('<p class="omitted">… et 200 autres constats (voir l&#39;export CSV)</p>');
    expect(html).toContain('<h2 id="remarques">Remarques</h2><ul><li>IDCC 3168, position 150 : aucun barème conventionnel connu');
  });

  it('leaves what the file says inert', () => {
    expect(html).not.toContain(EVIL);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(renderHtml(data({ file: '"><img src=x onerror=alert(1)>.csv' }))).not.toMatch(/<img/);
  });

  it('says so when there is nothing to report', () => {
    const empty = renderHtml(
      data({ samples: new Map(), omitted: new Map(), summary: summary({ findings: 0, byRule: {}, bySeverity: {}, notes: [], headcount: [] }) }),
    );
    expect(empty).toContain('Aucun constat');
    expect(empty).not.toContain('<svg');
    expect(empty).not.toContain('id="remarques"');
  });
});

describe('renderPdf', () => {
  it('makes an A4 PDF with the title, the French labels, the charts and page numbers', async () => {
    const pdf = await renderPdf(data());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(20_000);
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    const text = pdfStrings(pdf);
    expect(text).toContain('Audit des classifications');
    expect(text).toContain('personnel été 2025.csv');
    expect(text).toContain('Grille dépassée (40 constats)');
    expect(text).toContain("Période d'accueil dépassée");
    expect(text).toContain('« les entreprises de la branche auront 1 an pour mettre en œuvre la nouvelle classification »');
    expect(text).toContain('1 739,00 €');
    expect(text.replace(/ /g, '')).toContain(EVIL); // drawn as text (wrapped), harmless in a PDF
    expect(text).toContain("… et 200 autres constats (voir l'export CSV)");
    expect(text).toContain('Femmes'); // legend of the SVG chart
    expect(text).toMatch(/Page 1 \/ \d+/);
    expect(text).not.toContain('\ufffd');
  });

  it('repeats table headers and links the articles', () => {
    const def = pdfDefinition(data());
    const tables: { headerRows?: number; dontBreakRows?: boolean; keepWithHeaderRows?: number; body?: unknown[][] }[] = [];
    const links: string[] = [];
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === 'object') {
        const o = n as Record<string, unknown>;
        if (o.table) tables.push(o.table as { headerRows?: number });
        if (typeof o.link === 'string') links.push(o.link);
        Object.values(o).forEach(walk);
      }
    };
    walk(def.content);
    expect(def.pageSize).toBe('A4');
    expect(def.language).toBe('fr-FR');
    // 3 summary tables, 2 head-count tables, 4 rules: all break between rows with their headers repeated.
    expect(tables.filter((t) => (t.headerRows ?? 0) >= 1 && t.dontBreakRows)).toHaveLength(10);
    // A rule's heading is its table's first header row: repeated, never alone at a page's foot.
    const rule = tables.find((t) => JSON.stringify(t).includes('Grille dépassée (40 constats)')) as { headerRows: number; keepWithHeaderRows: number; body: unknown[][] };
    expect(rule).toMatchObject({ headerRows: 2, keepWithHeaderRows: 1 });
    expect(JSON.stringify(rule.body[0])).toContain('Grille dépassée (40 constats)');
    expect(JSON.stringify(rule.body[1])).toContain('Matricule');
    expect(rule.body).toHaveLength(2 + 2);
    expect(links).toContain('https://www.legifrance.gouv.fr/conv_coll/id/KALIARTI000046225787');
    expect(def.content).toEqual(expect.arrayContaining([expect.objectContaining({ text: 'Audit des classifications', style: 'h1' })]));
  });
});

describe('large reports', () => {
  it('render 2,000 findings in a few seconds', async () => {
    const samples = new Map<RuleId, Finding[]>();
    let line = 2;
    for (const rule of RULE_IDS) {
      samples.set(
        rule,
        Array.from({ length: 200 }, () =>
          finding(rule, line++, {
            message: `La position 150 appartient à la grille remplacée 1431-1986 ; la nouvelle classification (1431-2022) s’impose depuis le 10/06/2024. Position transposée : 1.4 (Filière « collaborateurs de la branche optique lunetterie »).`,
            expected: ['1.4'],
            dueDate: '2024-06-10',
          }),
        ),
      );
    }
    const big = data({ samples, omitted: new Map(), summary: summary({ findings: 2000, byRule: Object.fromEntries(RULE_IDS.map((r) => [r, 200])) }) });
    let t = performance.now();
    const html = renderHtml(big);
    const htmlMs = performance.now() - t;
    t = performance.now();
    const cpu = process.cpuUsage();
    const pdf = await renderPdf(big);
    const pdfMs = performance.now() - t;
    const { user, system } = process.cpuUsage(cpu);
    console.log(`2 000 constats : HTML ${htmlMs.toFixed(0)} ms (${(html.length / 1e6).toFixed(2)} Mo), PDF ${pdfMs.toFixed(0)} ms, CPU ${((user + system) / 1000).toFixed(0)} ms (${(pdf.length / 1e6).toFixed(2)} Mo)`);
    expect(html.match(/<tr role="row"><td/g)?.length).toBe(2000);
    expect(pdfStrings(pdf)).toContain('M2001');
    expect(htmlMs).toBeLessThan(500);
    // About 3 s on one core; the bound leaves room for a loaded CI machine.
    expect(pdfMs).toBeLessThan(15_000);
  }, 60_000);
});

describe('CSV report writer', () => {
  it('writes each finding as French Excel reads it, shared endings included, whatever the matricule', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'classif-csv-')), 'rapport.csv');
    const out = new Output(path);
    const w = new CsvWriter(out);
    const source = { doc: 'avenant-2011', article: 'KALIARTI000044509137', quote: 'd\'au maximum 9 mois ; "débutant"' };
    const shared = { rule: 'grid-outdated' as const, severity: 'error' as const, message: 'Grille remplacée ; voir « 1.4 »', reason: ANY_REASON, expected: ['1.4', '1.5'], dueDate: '2024-06-10', source };
    const finding = (line: number, matricule: string): Finding => ({ line, matricule, idcc: '1431', ...shared, [SHARED_FINDING]: shared });
    w.add(finding(2, 'A1'));
    w.add(finding(3, 'Zoé-7'));
    w.add(finding(4, '=1+1'));
    w.add({ line: 5, matricule: 'B"2', idcc: '3168', name: 'Léa Durand', rule: 'below-minimum-wage', severity: 'error', message: 'Salaire 1 200,00 €', reason: ANY_REASON, expected: 1801.8, source: { doc: 'smic', quote: 'Décret' } });
    await w.finish();
    const tail = ';grid-outdated;Grille dépassée;error;"Grille remplacée ; voir « 1.4 »";1.4, 1.5;2024-06-10;avenant-2011;KALIARTI000044509137;"d\'au maximum 9 mois ; ""débutant"""\r\n';
    expect(readFileSync(path, 'utf8')).toBe(
      `\uFEFFligne;matricule;nom;idcc;regle;libelle_regle;gravite;message;attendu;echeance;source_document;source_article;source_citation\r\n` +
        `2;A1;;1431${tail}3;Zoé-7;;1431${tail}4;'=1+1;;1431${tail}` +
        `5;"B""2";Léa Durand;3168;below-minimum-wage;Salaire inférieur au minimum;error;Salaire 1 200,00 €;1801,8;;smic;;Décret\r\n`,
    );
  });
});

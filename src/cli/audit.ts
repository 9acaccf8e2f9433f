/**
 * `classif audit`: a staff list in, findings out — to the terminal in French, or as JSON,
 * NDJSON, CSV, HTML or PDF. Exits 0 when the audit ran, whatever it found, unless --fail-on.
 */
import { basename, extname } from 'node:path';
import { formatDateFr } from '../model/french-date.js';
import { InputError } from '../model/input-error.js';
import { auditTemplate, idccList } from '../service/audit-template.js';
import { parseTypedDate } from '../service/dates.js';
import type { Catalogue } from '../grids/convention.js';
import { COLUMN_HELP, COLUMNS } from '../roster/columns.js';
import { auditRoster, keepable, SEVERITIES, type AuditOptions, type AuditSummary, type AuditWording, type Finding, type Severity } from '../roster/audit.js';
import { parseColumnOptions, readMappingFile, writeMappingFile } from './column-mapping.js';
import { describeCoverage } from '../report/coverage-text.js';
import { readUserScales } from '../roster/minimum.js';
import { openRoster } from '../roster/read.js';
import { reportConventions, SampleCollector } from '../report/samples.js';
import { CsvWriter, JsonWriter, NdjsonWriter, Output, type FindingWriter } from '../report/writers.js';
import { auditInParallel, canSplit } from '../service/audit-parallel.js';
import { writeFromData } from '../service/report-data.js';
import { citationText } from '../report/citation.js';
import { shippedCitation } from '../report/cited-texts.js';

type Values = Record<string, string | boolean | string[] | undefined>;

/** How the messages of an audit point the CLI's user to what to do. */
export const CLI_WORDING: AuditWording = {
  template: 'voir « classif audit --template »',
  mapping: 'indiquez-le avec --column "En-tête=colonne" (et --mapping colonnes.json pour le garder)',
  wages: 'chargez un barème avec --wages',
};

const MEMBERSHIP: Record<string, NonNullable<AuditOptions['membership']>> = { oui: 'member', non: 'non-member', inconnu: 'unknown' };

const FORMATS = ['json', 'ndjson', 'csv', 'html', 'pdf'] as const;
type Format = (typeof FORMATS)[number];

const SEVERITY_FR: Record<Severity, string> = { error: 'erreur', warning: 'avertissement', info: 'information' };

/** The staff-list template: the columns, and a row per convention of the catalogue. */
export function template(catalogue: Catalogue): string {
  return auditTemplate(catalogue.conventions);
}

export function templateHelp(catalogue: Catalogue): string {
  return `Colonnes du modèle (en-têtes insensibles à la casse et aux accents) :\n${COLUMNS.map((c) => `  ${c.padEnd(22)} ${COLUMN_HELP[c]}${c === 'idcc' ? ` : ${idccList(catalogue.conventions)}` : ''}`).join('\n')}\n`;
}

function formatOf(path: string): Format {
  const ext = extname(path).slice(1).toLowerCase();
  if (!(FORMATS as readonly string[]).includes(ext)) throw new InputError(`--out : extension « .${ext} » non prise en charge. Formats : ${FORMATS.map((f) => `.${f}`).join(', ')}.`, 'invalid');
  return ext as Format;
}

/** `bytes`: what the threads of a split audit have read (the opened source is then not read). */
function progressBar(source: { progress(): { done: number; total: number } }): (rows: number, bytes?: number) => void {
  if (!process.stderr.isTTY) return () => undefined;
  let last = 0;
  return (rows, bytes) => {
    const now = Date.now();
    if (now - last < 200) return;
    last = now;
    const { done: read, total } = source.progress();
    const done = bytes ?? read;
    const pct = total > 0 ? Math.min(100, Math.round((100 * done) / total)) : 0;
    const bar = '█'.repeat(Math.round(pct / 4)).padEnd(25, '░');
    process.stderr.write(`\r${bar} ${String(pct).padStart(3)} %  ${rows.toLocaleString('fr-FR')} lignes`);
  };
}

function describeSummary(s: AuditSummary, file: string): string {
  const lines = [
    `Audit de « ${file} » au ${formatDateFr(s.at)}`,
    `${s.rows} ligne(s) lue(s), ${s.rowsInError} en erreur ; ${s.employeesWithFindings} salarié(s) concerné(s) par ${s.findings} constat(s).`,
  ];
  const byRule = Object.entries(s.byRule).sort((a, b) => b[1] - a[1]);
  if (byRule.length) lines.push('Par règle :', ...byRule.map(([r, n]) => `  ${r.padEnd(24)} ${n}`));
  const bySev = SEVERITIES.filter((v) => s.bySeverity[v]).map((v) => `${s.bySeverity[v]} ${SEVERITY_FR[v]}(s)`);
  if (bySev.length) lines.push(`Par gravité : ${bySev.join(', ')}`);
  const byConv = Object.entries(s.byConvention);
  if (byConv.length) lines.push('Par convention :', ...byConv.map(([idcc, c]) => `  IDCC ${idcc} : ${c.rows} ligne(s), ${c.withFindings} salarié(s) concerné(s)`));
  if (s.unknownColumns.length) lines.push(`Colonnes ignorées : ${s.unknownColumns.join(', ')}`);
  for (const n of s.notes) lines.push(`Note : ${n}`);
  lines.push(...describeCoverage(s));
  return `${lines.join('\n')}\n`;
}

export async function runAudit(catalogue: Catalogue, positionals: string[], values: Values): Promise<number> {
  if (values.template) {
    const out = new Output(typeof values.out === 'string' ? values.out : undefined);
    await out.write(`\uFEFF${template(catalogue)}\r\n`);
    await out.close();
    if (typeof values.out === 'string') process.stderr.write(templateHelp(catalogue));
    return 0;
  }
  const file = positionals[0];
  if (!file) throw new InputError('Fichier à auditer manquant. Usage : classif audit <fichier.csv|xlsx|dsn|zip> [autres DSN…] [--at AAAA-MM-JJ] [--json | --out rapport.(json|ndjson|csv|html|pdf)] (modèle : classif audit --template).', 'invalid');
  const at = parseTypedDate(values.at as string | undefined, '--at : date');
  const failOn = values['fail-on'];
  if (failOn !== undefined && !(SEVERITIES as readonly unknown[]).includes(failOn)) {
    throw new InputError(`--fail-on invalide : « ${String(failOn)} ». Valeurs : ${SEVERITIES.join(', ')}.`, 'invalid');
  }
  const userScales = typeof values.wages === 'string' ? readUserScales(values.wages, catalogue.conventions) : undefined;
  const membership = values.adherent === undefined ? 'unknown' : MEMBERSHIP[String(values.adherent)];
  if (!membership) throw new InputError(`--adherent invalide : « ${String(values.adherent)} ». Valeurs : oui, non, inconnu.`, 'invalid');
  // Column choices: those kept in the mapping file, then those given now (kept in it for next time).
  const mappingPath = typeof values.mapping === 'string' ? values.mapping : undefined;
  const given = parseColumnOptions(([] as unknown[]).concat(values.column ?? []).map(String));
  const mapping = { ...(mappingPath ? readMappingFile(mappingPath) : {}), ...given };
  if (mappingPath && Object.keys(given).length > 0) writeMappingFile(mappingPath, mapping);
  const audit = { mapping, membership, wording: CLI_WORDING };
  const outPath = typeof values.out === 'string' ? values.out : undefined;
  const format: Format | 'text' = outPath ? formatOf(outPath) : values.json ? 'json' : 'text';

  // Several files: DSN of several months or establishments, audited as one staff list.
  const source = positionals.length > 1 ? await (await import('../roster/dsn/source.js')).openDsn(positionals) : await openRoster(file, { mapping });
  const shown: Finding[] = [];
  const progress = format === 'text' || outPath ? progressBar(source) : () => undefined;
  const wages = typeof values.wages === 'string' ? values.wages : undefined;
  let result: { summary: AuditSummary; samples: SampleCollector } | undefined;
  // A large CSV is audited on two threads: same findings and summary, in about half the time.
  const total = source.progress().total;
  if (values.threads !== undefined && values.threads !== '1' && values.threads !== '2') throw new InputError(`--threads invalide : « ${String(values.threads)} ». Valeurs : 1 ou 2.`, 'invalid');
  if (canSplit(source, total) && values.threads !== '1') {
    const partFormat = format === 'json' || format === 'ndjson' || format === 'csv' ? format : 'none';
    const parallel = await auditInParallel(file, source, total, { at, catalogue, ...(wages ? { wagesPath: wages } : {}), audit, onProgress: progress }, partFormat, outPath);
    if (parallel) {
      result = parallel;
      shown.push(...parallel.first);
    }
  }
  if (!result) {
    const samples = new SampleCollector();
    let writer: FindingWriter | undefined;
    if (format === 'json') writer = new JsonWriter(new Output(outPath));
    else if (format === 'ndjson') writer = new NdjsonWriter(new Output(outPath));
    else if (format === 'csv') writer = new CsvWriter(new Output(outPath));
    try {
      const summary = await auditRoster(
        source,
        { at, catalogue, ...(userScales ? { userScales } : {}), ...audit, onProgress: progress },
        (f) => {
          samples.add(f);
          if (writer) writer.add(f);
          else if (format === 'text' && shown.length < 30) shown.push(keepable(f));
        },
        () => writer?.flush() ?? Promise.resolve(),
      );
      await writer?.finish(summary);
      result = { summary, samples };
    } catch (e) {
      writer?.abort();
      throw e;
    }
  }
  const { summary, samples } = result;
  if (process.stderr.isTTY && (format === 'text' || outPath)) process.stderr.write('\r\x1b[K');
  if (format === 'html' || format === 'pdf') {
    const data = { file: basename(file), summary, samples: samples.samples, omitted: samples.omitted, generatedAt: new Date().toISOString(), conventions: reportConventions(catalogue) };
    await writeFromData(data, format, new Output(outPath));
  }
  if (format === 'text') {
    process.stdout.write(describeSummary(summary, positionals.map((p) => basename(p)).join(', ')));
    if (shown.length) {
      process.stdout.write(`\nPremiers constats :\n${shown.map((f) => `  ligne ${f.line} (${f.matricule}${f.name ? `, ${f.name}` : ''}) [${SEVERITY_FR[f.severity]}] ${f.message}\n     source : ${citationText(shippedCitation(f.source, f.idcc))}`).join('\n')}\n`);
      if (summary.findings > shown.length) process.stdout.write(`… et ${summary.findings - shown.length} autre(s) : --out rapport.csv (ou .html, .pdf, .json, .ndjson) pour tout voir.\n`);
    }
  } else if (outPath) {
    process.stderr.write(describeSummary(summary, basename(file)) + `Rapport écrit : ${outPath}\n`);
  }
  if (failOn !== undefined) {
    const worst = SEVERITIES.slice(0, SEVERITIES.indexOf(failOn as Severity) + 1);
    if (worst.some((sev) => (summary.bySeverity[sev] ?? 0) > 0)) return 1;
  }
  return 0;
}

/**
 * What the reports for people (HTML, PDF) are made from, kept by the audit as one small JSON file
 * (the summary, the first findings of each rule, the conventions' names and the date of the
 * report): they are made from it at their first download, not by every audit, and the same data
 * gives the same bytes whenever they are made.
 */
import type { AuditSummary, Finding, RuleId } from '../roster/audit.js';
import type { ReportConventions } from '../report/labels.js';
import type { ReportData } from '../report/samples.js';
import type { Output } from '../report/writers.js';

/** The kept data's name, stored as `report.data.json` next to the reports; never served. */
export const REPORT_DATA = 'data.json';

/** The formats made from the kept report data. */
export const DATA_FORMATS = ['html', 'pdf'] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];

export function isMadeFromData(format: string): format is DataFormat {
  return (DATA_FORMATS as readonly string[]).includes(format);
}

interface StoredReportData {
  file: string;
  summary: AuditSummary;
  samples: [RuleId, Finding[]][];
  omitted: [RuleId, number][];
  generatedAt: string;
  conventions?: ReportConventions;
}

export function serializeReportData(data: ReportData): string {
  const stored: StoredReportData = { file: data.file, summary: data.summary, samples: [...data.samples], omitted: [...data.omitted], generatedAt: data.generatedAt, ...(data.conventions ? { conventions: data.conventions } : {}) };
  return JSON.stringify(stored);
}

export function parseReportData(text: string): ReportData {
  const s = JSON.parse(text) as StoredReportData;
  return { file: s.file, summary: s.summary, samples: new Map(s.samples), omitted: new Map(s.omitted), generatedAt: s.generatedAt, ...(s.conventions ? { conventions: s.conventions } : {}) };
}

/** Writes the report `format` of `data` into `out` (nothing left there when it fails). */
export async function writeFromData(data: ReportData, format: DataFormat, out: Output): Promise<void> {
  try {
    await out.write(await renderFromData(data, format));
    await out.close();
  } catch (e) {
    out.abort();
    throw e;
  }
}

/** The report `format` of `data`, as its bytes. */
export async function renderFromData(data: ReportData, format: DataFormat): Promise<Buffer> {
  if (format === 'html') {
    const { renderHtml } = await import('../report/html.js');
    return Buffer.from(renderHtml(data));
  }
  const { renderPdf } = await import('../report/pdf.js');
  return renderPdf(data);
}

/**
 * An audit's reports as downloaded. The audit writes its NDJSON report (and the small HTML and
 * PDF ones); the JSON and CSV reports are made from the NDJSON one at their first download,
 * streamed through a file of the data folder, then kept where the others are (audit-files.ts):
 * the audit does not pay for reports nobody asks for, and each is made once.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Output } from '../report/writers.js';
import { deriveReport, isDerived } from '../service/derived-report.js';
import type { AuditFiles, ReportFormat, StoredReport } from './audit-files.js';

/** The report `format` of audit `id`, made now if it is one made on demand; undefined when gone. */
export async function auditReport(files: AuditFiles, id: string, format: ReportFormat, scratch: string): Promise<StoredReport | undefined> {
  const stored = await files.report(id, format);
  if (stored || !isDerived(format)) return stored;
  const ndjson = await files.report(id, 'ndjson');
  if (!ndjson) return undefined;
  mkdirSync(scratch, { recursive: true });
  // A name of its own: two downloads at once each make theirs (the same bytes), the last kept.
  const path = join(scratch, `${id}-${randomBytes(6).toString('hex')}.${format}`);
  const out = new Output(path);
  try {
    await deriveReport(ndjson.stream, format, out);
    await files.keep(id, format, path);
  } catch (e) {
    out.abort();
    throw e;
  } finally {
    ndjson.stream.destroy();
    rmSync(path, { force: true });
  }
  return files.report(id, format);
}

/**
 * The audit of one part of a CSV file cut in two (src/roster/parallel.ts): a byte range that
 * starts on a record boundary, its findings written, already formatted, at the end of a part
 * file. The main thread audits the first part, a worker thread the second.
 */
import type { Catalogue } from '../grids/convention.js';
import { CsvWriter, JsonPartWriter, NdjsonWriter, SyncAppend, type FindingWriter } from '../report/writers.js';
import { StoredFindingsWriter } from '../report/stored-findings.js';
import { SampleCollector } from '../report/samples.js';
import { Auditor, keepable, type AuditOptions, type AuditSummary, type Finding } from '../roster/audit.js';
import { detach } from '../roster/cells.js';
import type { LineTable } from '../roster/line-index.js';
import { mergeScales, parseUserScales, readUserScales } from '../roster/minimum.js';
import { csvRange } from '../roster/read.js';
import type { PartFormat } from './audit-parallel.js';

export interface RangeJob {
  path: string;
  encoding: string;
  delimiter: string;
  headers: string[];
  at: string;
  format: PartFormat;
  /** The file the findings are appended to. */
  partPath?: string;
  wagesPath?: string;
  /** Wage scales as their CSV texts (an organisation's, kept in its records): plain data for a worker. */
  wageScales?: { fileName: string; csv: string }[];
  mapping?: AuditOptions['mapping'];
  membership?: AuditOptions['membership'];
  wording?: AuditOptions['wording'];
  /**
   * The first part keeps the matricules it saw; the second its own first occurrences, whose
   * texts are looked up only for the matricules both parts saw.
   */
  part: 'first' | 'second';
}

export interface RangeResult {
  summary: AuditSummary;
  samples: [string, Finding[]][];
  omitted: [string, number][];
  first: Finding[];
  /** First part: matricules seen (hashed) and their first line, as its index's table. */
  seen?: LineTable;
  /** Second part: its first occurrences (hash, line) and whether the row had an error or warning. */
  firsts?: { keys: Float64Array; lines: Int32Array; serious: Uint8Array };
}

/** A byte range of the file, starting on a record boundary. */
export interface RangeBounds {
  start: number;
  end: number;
  /** Line number of the row before the range. */
  firstLine: number;
}

/** A growable list of numbers in a typed array (a million JS numbers keep the collector busy). */
class NumberList<T extends Float64Array | Int32Array | Uint8Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const more = this.make(this.data.length * 2);
      more.set(this.data);
      this.data = more;
    }
    this.data[this.length++] = v;
  }
  done(): T {
    return this.data.slice(0, this.length) as T;
  }
}

function textScales(texts: NonNullable<RangeJob['wageScales']>, catalogue: Catalogue): ReturnType<typeof mergeScales> | undefined {
  const scales = mergeScales(texts.map((t) => parseUserScales(t.csv, t.fileName, catalogue.conventions)));
  return scales.size > 0 ? scales : undefined;
}

/** Audits one range and writes its findings at the end of `job.partPath`. */
export async function auditRange(job: RangeJob, where: RangeBounds, catalogue: Catalogue, onRows: (rows: number, bytes: number) => void): Promise<{ result: RangeResult; texts: string[] }> {
  const userScales = job.wagesPath ? readUserScales(job.wagesPath, catalogue.conventions) : textScales(job.wageScales ?? [], catalogue);
  const auditor = new Auditor({ at: job.at, catalogue, ...(userScales ? { userScales } : {}), mapping: job.mapping, membership: job.membership, wording: job.wording, deferMessages: job.format === 'stored' }, { format: 'csv', encoding: job.encoding, delimiter: job.delimiter, headers: job.headers });
  const out = job.partPath ? new SyncAppend(job.partPath) : undefined;
  const writer: FindingWriter | undefined =
    !out || job.format === 'none' ? undefined : job.format === 'csv' ? new CsvWriter(out, false) : job.format === 'ndjson' ? new NdjsonWriter(out) : job.format === 'json' ? new JsonPartWriter(out) : new StoredFindingsWriter(out, job.part === 'first' ? 'a' : 'b');
  const samples = new SampleCollector();
  const first: Finding[] = [];
  const second = job.part === 'second';
  const keys = new NumberList(new Float64Array(1024), (n) => new Float64Array(n));
  const lines = new NumberList(new Int32Array(1024), (n) => new Int32Array(n));
  const serious = new NumberList(new Uint8Array(1024), (n) => new Uint8Array(n));
  const texts: string[] = [];
  const range = csvRange(job.path, where.start, where.end, job.encoding, job.delimiter, where.firstLine);
  let rows = 0;
  let paused = Date.now();
  for await (const batch of range.rows) {
    const firstBatch = rows === 0;
    rows += batch.forEach((line, cells, error) => {
      const findings = auditor.row(line, cells, error);
      for (const f of findings) {
        samples.add(f);
        writer?.add(f);
        if (first.length < 30) first.push(keepable(f));
      }
      const m = auditor.lastMatricule;
      if (second && m.valid && m.first) {
        keys.push(m.key);
        lines.push(line);
        texts.push(`${m.idcc}|${detach(m.matricule)}`);
        serious.push(findings.some((f) => f.severity !== 'info') ? 1 : 0);
      }
    });
    if (firstBatch) auditor.expectRows(rows, range.progress(), where.end - where.start);
    onRows(rows, range.progress());
    await writer?.flush();
    // Reads and writes are synchronous: without a pause now and then, the thread's event loop
    // would not run until the end (the other thread's progress, a signal).
    if (Date.now() - paused > 100) {
      await new Promise((resolve) => setImmediate(resolve));
      paused = Date.now();
    }
  }
  await writer?.finish();
  const result: RangeResult = {
    summary: auditor.finish(),
    samples: [...samples.samples.entries()],
    omitted: [...samples.omitted.entries()],
    first,
    ...(second ? { firsts: { keys: keys.done(), lines: lines.done(), serious: serious.done() } } : { seen: auditor.seenMatricules() }),
  };
  return { result, texts };
}

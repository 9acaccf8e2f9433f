/**
 * A large CSV audited on two threads: the file is cut on a record boundary near its middle; the
 * main thread audits the first part, writing straight into the report, while a worker audits
 * the second into a part file; the report is then joined — first part, second part, then the
 * matricules found in both parts (the only findings that need both). Same findings and summary
 * as one thread, in little more than half the time.
 */
import { closeSync, createReadStream, openSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { InputError } from '../model/input-error.js';
import type { Catalogue } from '../grids/convention.js';
import { SampleCollector } from '../report/samples.js';
import { StoredFindingsWriter } from '../report/stored-findings.js';
import { CSV_PREFIX, csvCoverage, CsvWriter, NdjsonWriter, Output, replaceFile, SyncAppend, type ReportSink } from '../report/writers.js';
import { RULE_IDS, type AuditSummary, type Finding, type HeadcountRow, type RuleId } from '../roster/audit.js';
import { said } from '../roster/finding.js';
import type { TextsRequest } from './audit-worker.js';
import { mergeCoverage } from '../roster/coverage.js';
import { auditRange, type RangeBounds, type RangeJob, type RangeResult } from './audit-range.js';
import { LineIndex } from '../roster/line-index.js';
import type { RosterSource } from '../roster/read.js';
import { findSplit } from '../roster/split.js';

/** Below this size one thread is as fast (threads cost a start-up). */
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;

/** `stored`: the findings a queued audit keeps (report/stored-findings.ts). */
export type PartFormat = 'csv' | 'ndjson' | 'json' | 'stored' | 'none';

export interface ParallelResult {
  summary: AuditSummary;
  samples: SampleCollector;
  first: Finding[];
}

export function canSplit(source: RosterSource, total: number): boolean {
  // A file whose header row is not its first line is audited on one thread (the cut assumes it is).
  return source.format === 'csv' && (source.headerLine ?? 1) === 1 && (source.encoding === 'utf-8' || source.encoding === 'windows-1252') && total >= PARALLEL_MIN_BYTES;
}

/**
 * The first part's share of the file: the main thread starts on it at once, the worker only
 * once it has loaded its modules and catalogue (about a tenth of a second), so both end together.
 */
export const FIRST_SHARE = 0.53;

interface Running {
  worker: Worker;
  done: Promise<RangeResult>;
}

function startWorker(input: RangeJob, onRows: (rows: number, bytes: number) => void): Running {
  // Built code runs the built worker; tests and scripts run the TypeScript one, through tsx's
  // loader registered inside the worker (Node 20 does not pass loaders on to workers). Found from
  // the folder above: this code may run from the CLI's bundle in dist/cli/ (scripts/bundle-cli.mjs).
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? '../service/audit-worker.ts' : '../service/audit-worker.js', import.meta.url);
  const worker = fromSource
    ? new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`, { eval: true, workerData: input })
    : new Worker(url, { workerData: input });
  const done = new Promise<RangeResult>((resolve, reject) => {
    worker.on('message', (m: { type: string; rows?: number; bytes?: number; result?: RangeResult; message?: string; name?: string }) => {
      if (m.type === 'progress') onRows(m.rows!, m.bytes!);
      else if (m.type === 'done') resolve(m.result!);
      else if (m.type === 'error') reject(m.name === 'InputError' ? new InputError(m.message!, 'invalid') : new Error(m.message));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => code !== 0 && reject(new Error(`le fil d'audit s'est arrêté (code ${code})`)));
  });
  // A thread stopped before its result is awaited (no cut found, the main part failed) is no
  // unhandled rejection.
  done.catch(() => undefined);
  return { worker, done };
}

/** The "idcc|matricule" texts of some first occurrences of the second part. */
function askTexts(worker: Worker, indexes: number[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    worker.on('message', (m: { type: string; texts?: string[] }) => m.type === 'texts' && resolve(m.texts!));
    worker.once('error', reject);
    worker.once('exit', () => reject(new Error("le fil d'audit s'est arrêté avant la fin")));
    worker.postMessage({ indexes } satisfies TextsRequest);
  });
}

function add<K extends string>(into: Partial<Record<K, number>>, from: Partial<Record<K, number>>): void {
  for (const [k, v] of Object.entries(from) as [K, number][]) into[k] = (into[k] ?? 0) + v;
}

function mergeSummaries(a: AuditSummary, b: AuditSummary): AuditSummary {
  const s: AuditSummary = structuredClone(a);
  s.rows += b.rows;
  s.rowsInError += b.rowsInError;
  s.employeesWithFindings += b.employeesWithFindings;
  s.findings += b.findings;
  add(s.byRule, b.byRule);
  add(s.bySeverity, b.bySeverity);
  for (const [idcc, c] of Object.entries(b.byConvention)) {
    const into = (s.byConvention[idcc] ??= { rows: 0, withFindings: 0, findings: 0 });
    into.rows += c.rows;
    into.withFindings += c.withFindings;
    into.findings += c.findings;
  }
  const heads = new Map<string, HeadcountRow>(s.headcount.map((h) => [`${h.idcc}|${h.position}`, h]));
  for (const h of b.headcount) {
    const into = heads.get(`${h.idcc}|${h.position}`);
    if (into) {
      into.total += h.total;
      into.F += h.F;
      into.H += h.H;
    } else heads.set(`${h.idcc}|${h.position}`, { ...h });
  }
  s.headcount = [...heads.values()].sort((x, y) => x.idcc.localeCompare(y.idcc) || x.position.localeCompare(y.position, 'fr', { numeric: true }));
  s.notes = [...new Set([...a.notes, ...b.notes])];
  s.coverage = mergeCoverage(a.coverage, b.coverage);
  return s;
}

async function append(out: ReportSink, path: string): Promise<void> {
  for await (const chunk of createReadStream(path, { highWaterMark: 4 << 20 })) await out.write(chunk as Buffer);
}

/** What a report starts with, before its findings. */
function prefixOf(format: Exclude<PartFormat, 'none'>): string {
  return format === 'csv' ? CSV_PREFIX : format === 'json' ? '{\n"findings": [\n' : '';
}

/**
 * Audits `source` (already opened: header read) on two threads. With `outPath`, writes the
 * report in `format` atomically; returns the summary, samples for HTML/PDF and the first findings.
 * The main thread's part goes straight into the report's temporary file (after its prefix), the
 * worker's into a part file appended at the end: less than half the report is copied, once.
 */
export async function auditInParallel(
  path: string,
  source: RosterSource,
  total: number,
  options: { at: string; catalogue: Catalogue; wagesPath?: string; wageScales?: RangeJob['wageScales']; audit?: Pick<RangeJob, 'mapping' | 'membership' | 'wording'>; onProgress?: (rows: number, bytes: number) => void },
  format: PartFormat,
  outPath: string | undefined,
): Promise<ParallelResult | undefined> {
  // Parts go next to the report (or to the temporary folder when it goes to standard output).
  const base = outPath ?? join(tmpdir(), `classif-audit-${process.pid}-${Date.now()}`);
  const parts = format !== 'none' ? [`${base}.${process.pid}.1.partiel`, `${base}.${process.pid}.2.partiel`] : [];
  const rows = [0, 0];
  const bytes = [0, 0];
  const progress = () => options.onProgress?.(rows[0]! + rows[1]!, bytes[0]! + bytes[1]!);
  const common = { path, encoding: source.encoding, delimiter: source.delimiter ?? ';', headers: source.headers, at: options.at, format, ...(options.wagesPath ? { wagesPath: options.wagesPath } : {}), ...(options.wageScales?.length ? { wageScales: options.wageScales } : {}), ...options.audit };
  let worker: Running | undefined;
  try {
    if (format !== 'none') {
      try {
        // A file report starts in its final form; on standard output the prefix is written at the end.
        writeFileSync(parts[0]!, outPath ? prefixOf(format) : '');
        writeFileSync(parts[1]!, '');
      } catch (e) {
        throw new InputError(`Écriture du rapport impossible (${outPath ?? tmpdir()}) : ${(e as Error).message}.`, 'invalid');
      }
    }
    // The worker starts (modules, catalogue) while the cut is looked for.
    worker = startWorker({ ...common, part: 'second', ...(parts[1] ? { partPath: parts[1] } : {}) }, (n, b) => ((rows[1] = n), (bytes[1] = b), progress()));
    const split = findSplit(path, total, FIRST_SHARE);
    if (!split) return undefined;
    // The opened source will not be read: its stream is closed by ending the iteration.
    await source.rows[Symbol.asyncIterator]().return?.();
    worker.worker.postMessage({ start: split.middle, end: total, firstLine: 1 + split.recordsBefore } satisfies RangeBounds);
    const mine = auditRange({ ...common, part: 'first', ...(parts[0] ? { partPath: parts[0] } : {}) }, { start: split.dataStart, end: split.middle, firstLine: 1 }, options.catalogue, (n, b) => ((rows[0] = n), (bytes[0] = b), progress()));
    // Both parts end before anything is reported: the main part is never left writing alone.
    const [settledOne, settledTwo] = await Promise.allSettled([mine, worker.done]);
    if (settledOne.status === 'rejected') throw settledOne.reason;
    if (settledTwo.status === 'rejected') throw settledTwo.reason;
    const one = settledOne.value.result;
    const two = settledTwo.value;
    const summary = mergeSummaries(one.summary, two.summary);
    const samples = new SampleCollector();
    for (const r of [one, two]) {
      for (const [, list] of r.samples) for (const f of list) samples.add(f);
      for (const [rule, n] of r.omitted) samples.omitted.set(rule as RuleId, (samples.omitted.get(rule as RuleId) ?? 0) + n);
    }
    // Matricules of the second half already seen in the first.
    const firstHalf = LineIndex.adopt(one.seen!);
    const f2 = two.firsts!;
    const both: number[] = [];
    for (let i = 0; i < f2.keys.length; i++) if (firstHalf.get(f2.keys[i]!) !== undefined) both.push(i);
    const texts = await askTexts(worker.worker, both);
    const across: Finding[] = [];
    both.forEach((i, k) => {
      const previous = firstHalf.get(f2.keys[i]!)!;
      const [idcc, matricule] = texts[k]!.split('|') as [string, string];
      across.push({ line: f2.lines[i]!, matricule, idcc, rule: 'duplicate-matricule', severity: 'warning', ...said({ code: 'duplicate-matricule', params: { matricule, previousLine: previous } }), source: { doc: 'fichier-importe', quote: `matricule = ${matricule}` } });
      summary.findings++;
      summary.byRule['duplicate-matricule'] = (summary.byRule['duplicate-matricule'] ?? 0) + 1;
      summary.bySeverity.warning = (summary.bySeverity.warning ?? 0) + 1;
      const conv = summary.byConvention[idcc];
      if (conv) conv.findings++;
      if (!f2.serious[i]) {
        summary.employeesWithFindings++;
        if (conv) conv.withFindings++;
      }
    });
    for (const f of across) samples.add(f);
    const first = [...one.first, ...two.first].slice(0, 30);
    if (format !== 'none') await joinParts(outPath, format, parts, across, summary);
    // Keep the summary's rule order stable whatever the threads did.
    summary.byRule = Object.fromEntries(RULE_IDS.filter((r) => summary.byRule[r]).map((r) => [r, summary.byRule[r]!]));
    return { summary, samples, first };
  } finally {
    if (worker) void worker.worker.terminate();
    for (const p of parts) rmSync(p, { force: true });
  }
}

/** The report: the first part (already in place for a file), the second, the findings across parts, the end. */
async function joinParts(outPath: string | undefined, format: Exclude<PartFormat, 'none'>, parts: string[], across: Finding[], summary: AuditSummary): Promise<void> {
  const [one, two] = parts as [string, string];
  // In a file, the first part is in place and the second is copied behind it synchronously, in
  // large blocks (the main thread has nothing else to do: three times faster than a stream).
  const out: ReportSink = outPath ? new SyncAppend(one, outPath) : new Output(undefined);
  const copy = outPath ? appendFile : append;
  let empty = format === 'json' && statSync(one).size === Buffer.byteLength(outPath ? prefixOf(format) : '');
  try {
    if (!outPath) {
      await out.write(prefixOf(format));
      await copy(out, one);
    }
    if (statSync(two).size > 0) {
      if (format === 'json' && !empty) await out.write(',\n');
      await copy(out, two);
      empty = false;
    }
    if (format === 'csv') {
      const tail = new CsvWriter(out, false);
      for (const f of across) tail.add(f);
      await tail.flush();
      await out.write(csvCoverage(summary));
    } else if (format === 'ndjson' || format === 'stored') {
      const tail = format === 'ndjson' ? new NdjsonWriter(out) : new StoredFindingsWriter(out, 'c');
      for (const f of across) tail.add(f);
      await tail.flush();
      await out.write(`${JSON.stringify({ type: 'summary', ...summary })}\n`);
    } else {
      for (const f of across) {
        await out.write(`${empty ? '' : ',\n'}${JSON.stringify(f)}`);
        empty = false;
      }
      await out.write(`\n],\n"summary": ${JSON.stringify(summary, null, 2)}\n}\n`);
    }
    await out.close();
    if (outPath) replaceFile(one, outPath);
  } catch (e) {
    out.abort();
    throw e;
  }
}

/** Writes the file `from` to `out` in blocks of 8 MiB (the block is reused: `out` writes synchronously). */
async function appendFile(out: ReportSink, from: string): Promise<void> {
  const source = openSync(from, 'r');
  try {
    const block = Buffer.allocUnsafe(8 << 20);
    for (let n = readSync(source, block); n > 0; n = readSync(source, block)) await out.write(block.subarray(0, n));
  } finally {
    closeSync(source);
  }
}

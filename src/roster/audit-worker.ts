/**
 * One thread of a split audit: audits a byte range of a CSV file and writes its findings, already
 * formatted, to the end of a part file; the main thread joins the parts (src/roster/parallel.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openCatalogue } from '../grids/open.js';
import { CsvWriter, JsonPartWriter, NdjsonWriter, Output, type FindingWriter } from '../report/writers.js';
import { SampleCollector } from '../report/samples.js';
import { Auditor, keepable, type Finding } from './audit.js';
import { detach } from './cells.js';
import { readUserScales } from './minimum.js';
import type { LineTable } from './line-index.js';
import { csvRange } from './read.js';

export interface WorkerInput {
  path: string;
  encoding: string;
  delimiter: string;
  headers: string[];
  at: string;
  format: 'csv' | 'ndjson' | 'json' | 'none';
  /** The file the findings are appended to. */
  partPath?: string;
  wagesPath?: string;
  /**
   * The first part sends the matricules it saw; the second keeps its own first occurrences and,
   * once the main thread has found which of them the first part saw too, sends their texts.
   */
  part: 'first' | 'second';
}

export interface WorkerResult {
  summary: ReturnType<Auditor['finish']>;
  samples: [string, Finding[]][];
  omitted: [string, number][];
  first: Finding[];
  /** First part: matricules seen (hashed) and their first line, as its index's table. */
  seen?: LineTable;
  /** Second part: its first occurrences (hash, line) and whether the row had an error or warning. */
  firsts?: { keys: Float64Array; lines: Int32Array; serious: Uint8Array };
}

/**
 * The byte range to audit, sent once the main thread has found where to cut: the thread starts
 * (modules, catalogue) meanwhile.
 */
export interface WorkerRange {
  start: number;
  end: number;
  /** Line number of the row before the range. */
  firstLine: number;
}

/** What the main thread asks the second part once both are done: the "idcc|matricule" of some firsts. */
export interface TextsRequest {
  indexes: number[];
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

async function run(input: WorkerInput): Promise<{ result: WorkerResult; texts: string[] }> {
  const catalogue = await openCatalogue();
  const userScales = input.wagesPath ? readUserScales(input.wagesPath, catalogue.conventions) : undefined;
  const auditor = new Auditor({ at: input.at, catalogue, ...(userScales ? { userScales } : {}) }, { format: 'csv', encoding: input.encoding, delimiter: input.delimiter, headers: input.headers });
  const out = input.partPath ? new Output(input.partPath, { append: true }) : undefined;
  const writer: FindingWriter | undefined =
    out && input.format === 'csv' ? new CsvWriter(out, false) : out && input.format === 'ndjson' ? new NdjsonWriter(out) : out && input.format === 'json' ? new JsonPartWriter(out) : undefined;
  const samples = new SampleCollector();
  const first: Finding[] = [];
  const second = input.part === 'second';
  const keys = new NumberList(new Float64Array(1024), (n) => new Float64Array(n));
  const lines = new NumberList(new Int32Array(1024), (n) => new Int32Array(n));
  const serious = new NumberList(new Uint8Array(1024), (n) => new Uint8Array(n));
  const texts: string[] = [];
  const where = await new Promise<WorkerRange>((resolve) => parentPort!.once('message', resolve));
  const range = csvRange(input.path, where.start, where.end, input.encoding, input.delimiter, where.firstLine);
  let rows = 0;
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
    parentPort!.postMessage({ type: 'progress', rows, bytes: range.progress() });
    await writer?.flush();
  }
  await writer?.finish();
  const result: WorkerResult = {
    summary: auditor.finish(),
    samples: [...samples.samples.entries()],
    omitted: [...samples.omitted.entries()],
    first,
    ...(second ? { firsts: { keys: keys.done(), lines: lines.done(), serious: serious.done() } } : { seen: auditor.seenMatricules() }),
  };
  return { result, texts };
}

run(workerData as WorkerInput).then(
  ({ result, texts }) => {
    const arrays = result.seen ?? result.firsts!;
    const transfer = [arrays.keys.buffer, arrays.lines.buffer, ...(result.firsts ? [result.firsts.serious.buffer] : [])] as ArrayBuffer[];
    parentPort!.postMessage({ type: 'done', result }, transfer);
    if (!result.firsts) return;
    // Stays until asked for the texts of the matricules both parts saw.
    parentPort!.once('message', (m: TextsRequest) => {
      parentPort!.postMessage({ type: 'texts', texts: m.indexes.map((i) => texts[i]!) });
      parentPort!.close();
    });
  },
  (error: unknown) => parentPort!.postMessage({ type: 'error', message: (error as Error).message, name: (error as Error).name }),
);

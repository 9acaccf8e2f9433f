/**
 * One thread of a split audit: audits a byte range of a CSV file and writes its findings, already
 * formatted, to a part file; the main thread joins the parts (src/roster/parallel.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openCatalogue } from '../grids/open.js';
import { CsvWriter, JsonPartWriter, NdjsonWriter, Output, type FindingWriter } from '../report/writers.js';
import { SampleCollector } from '../report/samples.js';
import { Auditor, type Finding } from './audit.js';
import { readUserScales } from './minimum.js';
import { csvRange } from './read.js';

export interface WorkerInput {
  path: string;
  start: number;
  end: number;
  firstLine: number;
  encoding: string;
  delimiter: string;
  headers: string[];
  at: string;
  format: 'csv' | 'ndjson' | 'json' | 'none';
  partPath?: string;
  wagesPath?: string;
  /** Keep each first-seen matricule's text (the second part, for duplicates across parts). */
  keepMatricules: boolean;
}

export interface WorkerResult {
  summary: ReturnType<Auditor['finish']>;
  samples: [string, Finding[]][];
  omitted: [string, number][];
  first: Finding[];
  seen: { keys: Float64Array; lines: Int32Array };
  /** First occurrences: hash, line, "idcc|matricule" texts and whether the row had a serious finding. */
  firsts?: { keys: Float64Array; lines: Int32Array; texts: string[]; serious: Uint8Array };
}

async function run(input: WorkerInput): Promise<WorkerResult> {
  const catalogue = await openCatalogue();
  const userScales = input.wagesPath ? readUserScales(input.wagesPath, catalogue.conventions) : undefined;
  const auditor = new Auditor({ at: input.at, catalogue, ...(userScales ? { userScales } : {}) }, { format: 'csv', encoding: input.encoding, delimiter: input.delimiter, headers: input.headers });
  const out = input.partPath ? new Output(input.partPath) : undefined;
  const writer: FindingWriter | undefined =
    out && input.format === 'csv' ? new CsvWriter(out, false) : out && input.format === 'ndjson' ? new NdjsonWriter(out) : out && input.format === 'json' ? new JsonPartWriter(out) : undefined;
  const samples = new SampleCollector();
  const first: Finding[] = [];
  let keys: number[] = [];
  let lines: number[] = [];
  const texts: string[] = [];
  let serious: number[] = [];
  const range = csvRange(input.path, input.start, input.end, input.encoding, input.delimiter, input.firstLine);
  let rows = 0;
  for await (const batch of range.rows) {
    for (const row of batch) {
      const findings = auditor.row(row.line, row.cells, row.error);
      for (const f of findings) {
        samples.add(f);
        writer?.add(f);
        if (first.length < 30) first.push(f);
      }
      const m = auditor.lastMatricule;
      if (input.keepMatricules && m?.first) {
        keys.push(m.key);
        lines.push(row.line);
        texts.push(`${m.idcc}|${m.matricule}`);
        serious.push(findings.some((f) => f.severity !== 'info') ? 1 : 0);
      }
    }
    rows += batch.length;
    parentPort!.postMessage({ type: 'progress', rows, bytes: range.progress() });
    await writer?.flush();
  }
  await writer?.finish();
  const result: WorkerResult = {
    summary: auditor.finish(),
    samples: [...samples.samples.entries()],
    omitted: [...samples.omitted.entries()],
    first,
    seen: auditor.seenMatricules(),
    ...(input.keepMatricules ? { firsts: { keys: Float64Array.from(keys), lines: Int32Array.from(lines), texts, serious: Uint8Array.from(serious) } } : {}),
  };
  keys = lines = serious = [];
  return result;
}

run(workerData as WorkerInput).then(
  (result) => parentPort!.postMessage({ type: 'done', result }),
  (error: unknown) => parentPort!.postMessage({ type: 'error', message: (error as Error).message, name: (error as Error).name }),
);

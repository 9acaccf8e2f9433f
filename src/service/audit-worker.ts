/**
 * The worker thread of a split audit: audits the second part of the file (see range-audit.ts)
 * and reports to the main thread, which audits the first part meanwhile.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openCatalogue } from '../grids/open.js';
import { auditRange, type RangeBounds, type RangeJob } from './audit-range.js';

/** What the main thread asks once both parts are done: the "idcc|matricule" of some first occurrences. */
export interface TextsRequest {
  indexes: number[];
}

async function run(job: RangeJob) {
  // Modules and catalogue load while the main thread looks for the cut; then the range comes.
  const catalogue = await openCatalogue();
  const where = await new Promise<RangeBounds>((resolve) => parentPort!.once('message', resolve));
  return auditRange(job, where, catalogue, (rows, bytes) => parentPort!.postMessage({ type: 'progress', rows, bytes }));
}

run(workerData as RangeJob).then(
  ({ result, texts }) => {
    const f = result.firsts!;
    parentPort!.postMessage({ type: 'done', result }, [f.keys.buffer, f.lines.buffer, f.serious.buffer] as ArrayBuffer[]);
    // Stays until asked for the texts of the matricules both parts saw.
    parentPort!.once('message', (m: TextsRequest) => {
      parentPort!.postMessage({ type: 'texts', texts: m.indexes.map((i) => texts[i]!) });
      parentPort!.close();
    });
  },
  (error: unknown) => parentPort!.postMessage({ type: 'error', message: (error as Error).message, name: (error as Error).name }),
);

/**
 * Renders an audit's PDF on a worker thread: pdfmake works synchronously for up to a second or
 * two on a large report, which the server's event loop must not spend (other requests wait).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { renderPdf } from '../report/pdf.js';
import type { ReportData } from '../report/samples.js';

renderPdf(workerData as ReportData).then(
  (pdf) => {
    const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength).slice();
    parentPort!.postMessage({ ok: true, pdf: bytes }, [bytes.buffer]);
  },
  (e: unknown) => parentPort!.postMessage({ ok: false, message: (e as Error).message ?? String(e) }),
);

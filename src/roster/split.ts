/**
 * Where to cut a CSV file in two for an audit on two threads: on a record boundary (a newline
 * outside quotes) near a given share of the file, with the number of records before it so that
 * the second part numbers its lines as a spreadsheet would. Bytes only: valid for UTF-8 and Windows-1252, whose
 * newline and quote are single bytes.
 */
import { closeSync, openSync, readSync } from 'node:fs';

export interface SplitPoint {
  /** First byte after the header record. */
  dataStart: number;
  /** First byte of the second part. */
  middle: number;
  /** Records (rows of the spreadsheet, blank ones included) between dataStart and middle. */
  recordsBefore: number;
}

const QUOTE = 0x22;
const NEWLINE = 0x0a;

/** `share`: the first part's share of the file (a half by default). */
export function findSplit(path: string, total: number, share = 0.5): SplitPoint | undefined {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.alloc(1 << 20);
    const target = Math.floor(total * share);
    let offset = 0;
    let inQuotes = false;
    let dataStart = -1;
    let records = 0;
    while (offset < total) {
      const n = readSync(fd, chunk, 0, chunk.length, offset);
      if (n <= 0) break;
      const buf = chunk.subarray(0, n);
      let i = 0;
      // The next quote is searched once and reused until passed: searching it again at every
      // newline would rescan the chunk each time.
      let nextQuote = buf.indexOf(QUOTE, 0);
      while (i < n) {
        if (inQuotes) {
          const q = buf.indexOf(QUOTE, i);
          if (q < 0) break;
          inQuotes = false;
          i = q + 1;
          nextQuote = buf.indexOf(QUOTE, i);
          continue;
        }
        const nl = buf.indexOf(NEWLINE, i);
        if (nextQuote >= 0 && nextQuote < i) nextQuote = buf.indexOf(QUOTE, i);
        if (nextQuote >= 0 && (nl < 0 || nextQuote < nl)) {
          inQuotes = true;
          i = nextQuote + 1;
          continue;
        }
        if (nl < 0) break;
        const end = offset + nl + 1;
        if (dataStart < 0) dataStart = end;
        else {
          records++;
          if (end >= target) return end < total ? { dataStart, middle: end, recordsBefore: records } : undefined;
        }
        i = nl + 1;
      }
      offset += n;
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}

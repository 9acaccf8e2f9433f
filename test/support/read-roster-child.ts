/**
 * Reads a staff list to its end in a process of its own and prints what came of it as JSON —
 * rows, headers or the refusal, time, and the process's peak memory — so that a test can bound
 * the memory one hostile file takes. Usage: node --import tsx read-roster-child.ts <file>
 */
import { openRoster } from '../../src/roster/read.js';

const started = Date.now();
let result: { rows?: number; headers?: string[]; error?: string; errorName?: string; lineErrors?: string[] };
try {
  const source = await openRoster(process.argv[2]!);
  let rows = 0;
  const lineErrors: string[] = [];
  for await (const batch of source.rows) {
    rows += batch.forEach((_line, _cells, error) => {
      if (error) lineErrors.push(error);
    });
  }
  result = { rows, headers: source.headers.slice(0, 10), lineErrors };
} catch (e) {
  result = { error: (e as Error).message, errorName: (e as Error).name };
}
process.stdout.write(JSON.stringify({ ...result, ms: Date.now() - started, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));

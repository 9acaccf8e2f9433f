/**
 * Audit of a large XLSX staff list: writes a workbook of N rows (default 1,000,000) with a
 * streaming writer — text in shared strings stored after the sheet, as such writers do, dates
 * with a date format — then runs `classif audit` on it (CSV report) and prints the time and the
 * process's peak memory (maxRSS). Bound: peak memory < 768 MB, the budget of a whole server.
 *   npm run build && npx tsx bench/xlsx.ts [rows] [runs]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.argv[3] ?? 3);
const dir = join(import.meta.dirname, 'out');
mkdirSync(dir, { recursive: true });
const file = join(dir, `personnel-${ROWS}.xlsx`);

const JOBS = [
  ['3168', 'Retoucheuse', '195', 'employé'],
  ['3168', 'Photographe', '175', 'employé'],
  ['1431', 'Opticienne', 'B', 'agent de maîtrise'],
  ['1431', 'Monteur', '150', 'employé'],
  ['2198', 'Conseiller relation client', 'C', 'employé'],
] as const;

async function generate(): Promise<void> {
  if (existsSync(file)) return;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Personnel');
  ws.addRow(['matricule', 'idcc', 'emploi', 'position', 'statut', 'date_entree', 'salaire_mensuel_brut', 'temps_travail', 'sexe']).commit();
  for (let i = 0; i < ROWS; i++) {
    const [idcc, job, position, status] = JOBS[i % JOBS.length]!;
    const row = ws.addRow([`M${i}`, Number(idcc), job, position, status, new Date(Date.UTC(2000 + (i % 24), i % 12, 1 + (i % 28))), 1700 + (i % 900) + 0.5, 1, i % 2 ? 'F' : 'H']);
    row.getCell(6).numFmt = 'dd/mm/yyyy';
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

/** The CLI in a child that prints its own peak memory as it exits. */
function audit(): { ms: number; cpuMs: number; maxRssMb: number; stderr: string } {
  const report = `process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('\\nmaxRSS=' + u.maxRSS + ' cpu=' + (u.userCPUTime + u.systemCPUTime)); });`;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(report)}`, join(import.meta.dirname, '..', 'dist', 'cli', 'main.js'), 'audit', file, '--at', '2025-06-01', '--out', join(dir, 'rapport-xlsx.csv')], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`classif audit a échoué (${r.status}) : ${r.stderr}`);
  const maxRss = Number(/maxRSS=(\d+)/.exec(r.stderr)?.[1] ?? NaN);
  const cpuMs = Number(/cpu=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1000;
  return { ms, cpuMs, maxRssMb: maxRss / 1024, stderr: r.stderr };
}

const t0 = performance.now();
await generate();
const built = performance.now() - t0;
const runs = Array.from({ length: RUNS }, audit).sort((a, b) => a.ms - b.ms);
const median = runs[Math.floor(RUNS / 2)]!;
const peak = Math.max(...runs.map((r) => r.maxRssMb));
console.log(`xlsx audit: ${ROWS.toLocaleString('en')} rows, ${(statSync(file).size / 1e6).toFixed(1)} MB (${file}${built > 1000 ? `, written in ${(built / 1000).toFixed(0)} s` : ''})`);
console.log(`  classif audit --out .csv    ${median.ms.toFixed(0)} ms  (median of ${RUNS}, best ${runs[0]!.ms.toFixed(0)} ms; ${((ROWS / median.ms) * 1000).toFixed(0)} rows/s)`);
console.log(`  CPU time (user + system)    ${median.cpuMs.toFixed(0)} ms  (a loaded machine stretches the wall time, less the CPU time)`);
console.log(`  peak memory (maxRSS)        ${peak.toFixed(0)} MB  (highest of ${RUNS}; bound < 768 MB) ${peak < 768 ? 'OK' : 'OVER'}`);
console.log(`  ${median.stderr.split('\n')[1] ?? ''}`);

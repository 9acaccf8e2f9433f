/**
 * The audit on two threads says exactly what one thread says: same findings (a matricule seen in
 * both halves included), same summary, whatever the quotes around the cut.
 */
import { createReadStream, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { auditRoster, type Finding } from '../src/roster/audit.js';
import { auditInParallel } from '../src/service/audit-parallel.js';
import { deriveReport } from '../src/service/derived-report.js';
import { Output } from '../src/report/writers.js';
import { parseUserScales } from '../src/roster/minimum.js';
import { openRoster } from '../src/roster/read.js';
import { findSplit } from '../src/roster/split.js';

const catalogue = loadCatalogue();
const dir = mkdtempSync(join(tmpdir(), 'classif-parallel-'));
const HEADER = 'matricule;idcc;emploi;position;niveau;statut;date_entree;date_position;diplome;annees_exercice;encadrement;salaire_mensuel_brut;temps_travail;sexe';

function staffList(rows: number): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    // Quoted cells with a newline and a delimiter inside, all through the file.
    const job = i % 5 === 0 ? '"Retoucheur 2e niveau\n(studio ; nuit)"' : i % 3 === 0 ? 'Opérateur vendeur 1er niveau' : 'Retoucheur 2e niveau';
    const matricule = i === rows - 3 ? 'M7' : `M${i}`; // M7 again near the end: a duplicate across halves
    lines.push(`${matricule};3168;${job};${i % 3 === 0 ? '155' : '195'};;employé;;01/0${1 + (i % 9)}/2023;;;;${1500 + (i % 700)};1;${i % 2 ? 'F' : 'H'}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

describe('audit on two threads', () => {
  it('cuts the file on a record boundary and counts the records before it', () => {
    const path = join(dir, 'cut.csv');
    writeFileSync(path, `${HEADER}\n"a\nb";1\n"c";2\nd;3\ne;4\n`);
    const split = findSplit(path, statSync(path).size)!;
    const text = readFileSync(path, 'utf8');
    expect(text.slice(0, split.dataStart)).toBe(`${HEADER}\n`);
    expect(text[split.middle - 1]).toBe('\n');
    const before = text.slice(split.dataStart, split.middle);
    expect(split.recordsBefore).toBe(before.split('\n').length - 1 - (before.match(/"[^"]*\n[^"]*"/g)?.length ?? 0));
  });

  it('gives the same findings and summary as one thread', async () => {
    const path = join(dir, 'personnel.csv');
    writeFileSync(path, staffList(3000));
    const one: Finding[] = [];
    const single = await auditRoster(await openRoster(path), { at: '2024-06-01', catalogue }, (f) => void one.push(f));
    const out = join(dir, 'rapport.ndjson');
    const source = await openRoster(path);
    const seen: [number, number][] = [];
    const parallel = (await auditInParallel(path, source, statSync(path).size, { at: '2024-06-01', catalogue, onProgress: (rows, bytes) => void seen.push([rows, bytes]) }, 'ndjson', out))!;
    // Progress counts both threads' rows and bytes, up to the whole file (its header aside).
    expect(Math.max(...seen.map(([rows]) => rows))).toBe(single.rows);
    expect(Math.max(...seen.map(([, bytes]) => bytes))).toBe(statSync(path).size - HEADER.length - 2);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string } & Finding);
    const two = lines.filter((l) => l.type === 'finding').map(({ type: _t, ...f }) => f as Finding);
    const key = (f: Finding) => `${String(f.line).padStart(6, '0')} ${f.rule} ${f.message}`;
    expect(two.map(key).sort()).toEqual(one.map(key).sort());
    expect(one.some((f) => f.rule === 'duplicate-matricule' && f.matricule === 'M7')).toBe(true);
    expect(parallel.summary).toEqual(single);
    expect(lines.at(-1)!.type).toBe('summary');
  });

  it('writes the same CSV and JSON reports, with nothing left behind', async () => {
    const path = join(dir, 'personnel-2.csv');
    writeFileSync(path, staffList(2000));
    const one: Finding[] = [];
    await auditRoster(await openRoster(path), { at: '2024-06-01', catalogue }, (f) => void one.push(f));
    const key = (f: Pick<Finding, 'line' | 'rule' | 'message'>) => `${String(f.line).padStart(6, '0')} ${f.rule} ${f.message}`;

    const csvPath = join(dir, 'rapport.csv');
    writeFileSync(csvPath, 'un ancien rapport');
    await auditInParallel(path, await openRoster(path), statSync(path).size, { at: '2024-06-01', catalogue }, 'csv', csvPath);
    const csv = readFileSync(csvPath, 'utf8');
    expect(csv.startsWith('\uFEFFligne;matricule;nom;idcc;regle;libelle_regle;gravite;message')).toBe(true);
    // The findings, then a blank line and the coverage section.
    const [findingsPart, coveragePart] = csv.split('\r\n\r\n') as [string, string];
    expect(coveragePart.startsWith('couverture;regle;')).toBe(true);
    const rows = findingsPart.split('\r\n').slice(1);
    expect(rows).toHaveLength(one.length);
    expect(rows.map((r) => Number(r.split(';')[0])).sort((a, b) => a - b)).toEqual(one.map((f) => f.line).sort((a, b) => a - b));

    const jsonPath = join(dir, 'rapport.json');
    await auditInParallel(path, await openRoster(path), statSync(path).size, { at: '2024-06-01', catalogue }, 'json', jsonPath);
    const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as { findings: Finding[]; summary: { findings: number } };
    expect(json.findings.map(key).sort()).toEqual(one.map(key).sort());
    expect(json.summary.findings).toBe(one.length);

    // A queued audit's kept findings (each shared text once), joined from the two threads' parts:
    // the reports made from them are the ones the threads write directly.
    const keptPath = join(dir, 'rapport.findings.ndjson');
    await auditInParallel(path, await openRoster(path), statSync(path).size, { at: '2024-06-01', catalogue }, 'stored', keptPath);
    const ndjsonPath = join(dir, 'rapport.ndjson');
    await auditInParallel(path, await openRoster(path), statSync(path).size, { at: '2024-06-01', catalogue }, 'ndjson', ndjsonPath);
    for (const [format, direct] of [['ndjson', ndjsonPath], ['csv', csvPath]] as const) {
      const made = join(dir, `fait.${format}`);
      await deriveReport(createReadStream(keptPath), format, new Output(made));
      expect(readFileSync(made, 'utf8')).toBe(readFileSync(direct, 'utf8'));
    }
    expect(statSync(keptPath).size).toBeLessThan(0.8 * statSync(ndjsonPath).size);
    expect(readdirSync(dir).filter((f) => f.endsWith('.partiel'))).toEqual([]);
  });

  it('audits with wage scales given as their texts (those of an organisation, sent to the worker thread)', async () => {
    const path = join(dir, 'personnel-3.csv');
    writeFileSync(path, staffList(2000));
    // The company scale puts 155 and 195 above every salary of the file: each row is below it.
    const csv = 'idcc;position;niveau;date_effet;montant\r\n3168;155;;01/01/2024;2500\r\n3168;195;;01/01/2024;2600';
    const userScales = parseUserScales(csv, 'accord.csv', catalogue.conventions);
    const single = await auditRoster(await openRoster(path), { at: '2024-06-01', catalogue, userScales }, () => undefined);
    const parallel = (await auditInParallel(path, await openRoster(path), statSync(path).size, { at: '2024-06-01', catalogue, wageScales: [{ fileName: 'accord.csv', csv }] }, 'none', undefined))!;
    expect(single.byRule['below-minimum-wage']).toBe(2000);
    expect(parallel.summary).toEqual(single);
  });
});

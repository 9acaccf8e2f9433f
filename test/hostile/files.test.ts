/**
 * Each hostile file of issue 9, built here, read to its end in a process of its own: refused
 * with a French message that names the limit (or read correctly when harmless once streamed),
 * in bounded memory and time, and nothing left in the temporary folder — the former reader
 * inflated a sheet there, up to 1 GiB, and left it.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { classif } from '../support/cli.js';
import { HOSTILE, longLineCsv, put, wideCsv } from '../support/hostile-files.js';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'classif-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Far under the 768 MB the issue allows a whole server: the reader alone. */
const MAX_RSS_MB = 256;
/**
 * Each file takes 0.2 to 10 s at rest (the longest reads 5,000,001 real shared strings); the
 * bound leaves room for a machine loaded by the rest of the suite. The former reader never
 * finished the 60-million-string file.
 */
const MAX_MS = 120_000;

interface ChildResult {
  rows?: number;
  headers?: string[];
  error?: string;
  errorName?: string;
  lineErrors?: string[];
  ms: number;
  maxRssMb: number;
  /** What the child left in its own temporary folder. */
  leftInTmp: string[];
}

/**
 * The children's temporary folder, watched. tsx, which runs the child, keeps its compile cache
 * there (`tsx-<uid>`): that is the test's own, shared from child to child, and not looked at.
 */
const tmp = join(dir, 'tmp');
mkdirSync(tmp);
const leftInTmp = () => readdirSync(tmp).filter((f) => !/^tsx-\d+$/.test(f));

/** Reads `path` with openRoster in a child whose temporary folder is watched. */
function readInChild(path: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'support', 'read-roster-child.ts'), path], { cwd: ROOT, env: { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp } });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve({ ...(JSON.parse(out) as Omit<ChildResult, 'leftInTmp'>), leftInTmp: leftInTmp() });
      } catch {
        reject(new Error(`child exited ${code}: ${err.slice(-2000)}`));
      }
    });
  });
}

// Each child runs alone in its process: several at once only shorten the suite.
describe.concurrent('hostile workbooks', () => {
  for (const h of HOSTILE) {
    it(`${h.name}: ${h.refusal ? 'refused in French' : 'read'}, in bounded memory and time, nothing left behind`, async ({ expect }) => {
      const path = put(dir, h.file, h.bytes());
      const r = await readInChild(path);
      if (h.refusal) {
        expect(r.errorName, JSON.stringify(r)).toBe('InputError');
        expect(r.error).toMatch(h.refusal);
        // A zip that is no workbook may be a year of DSN files: the message says it is neither.
        expect(r.error).toMatch(/^(Le classeur « .* » (est refusé|ne peut pas être lu) : |L'archive « .* » n'est ni un classeur Excel)/);
        expect(r.error).not.toMatch(/\[object Object\]|Erreur interne/);
      } else {
        expect(r.error, r.error).toBeUndefined();
        expect(r.rows).toBe(h.rows);
      }
      expect(r.maxRssMb).toBeLessThan(MAX_RSS_MB);
      expect(r.ms).toBeLessThan(MAX_MS);
      expect(r.leftInTmp).toEqual([]);
      rmSync(path);
    }, MAX_MS + 60_000);
  }
});

describe('hostile CSV files', () => {
  it('refuses a header of 100,003 columns at once, in French', async () => {
    const r = await readInChild(put(dir, 'large.csv', wideCsv()));
    expect(r.error).toContain("sa ligne d'en-têtes compte 100 003 colonnes, au-delà de la limite de 2 000");
    expect(r.ms).toBeLessThan(10_000);
    expect(r.maxRssMb).toBeLessThan(MAX_RSS_MB);
  }, 30_000);

  it('ends the whole command-line audit in seconds, refused at 100,003 columns, done at 2,000 with a PDF', () => {
    let t = Date.now();
    const refused = classif('audit', put(dir, 'cli-large.csv', wideCsv()), '--out', join(dir, 'large.pdf'));
    expect(Date.now() - t).toBeLessThan(15_000);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('100 003 colonnes');
    t = Date.now();
    const done = classif('audit', put(dir, 'cli-ok.csv', wideCsv(2_000)), '--at', '2025-06-30', '--out', join(dir, 'ok.pdf'));
    expect(done.status, done.stderr).toBe(0);
    expect(Date.now() - t).toBeLessThan(20_000);
  }, 60_000);

  it('reads a header of 2,000 columns', async () => {
    const r = await readInChild(put(dir, 'ok.csv', wideCsv(2_000)));
    expect(r.error).toBeUndefined();
    expect(r.rows).toBe(1);
  }, 30_000);

  it('skips a line of 4 MiB with a French message and reads the lines around it', async () => {
    const r = await readInChild(put(dir, 'long.csv', longLineCsv()));
    expect(r.error).toBeUndefined();
    expect(r.rows).toBe(3);
    expect(r.lineErrors).toEqual(['ligne de plus de 1024 Kio, ignorée (guillemet non fermé ou fichier non tabulaire ?)']);
    expect(r.maxRssMb).toBeLessThan(MAX_RSS_MB);
  }, 30_000);

  it('refuses a header line of 3 MiB', async () => {
    const r = await readInChild(put(dir, 'head.csv', Buffer.from(`matricule;${'x'.repeat(3 << 20)}\nA1\n`)));
    expect(r.error).toContain('sa première ligne est trop longue (plus de 1024 Kio)');
  }, 30_000);
});

/**
 * The NDJSON report writer encodes the part of a finding shared by many rows once and copies it:
 * its lines must stay byte for byte what `JSON.stringify({ type: 'finding', ...f })` writes (same
 * key order, same escaping), for findings with and without a shared part, and whatever the texts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../src/grids/catalogue.js';
import type { FindingReason } from '../src/model/finding-reason.js';
import { CsvWriter, NdjsonWriter, type ReportSink } from '../src/report/writers.js';
import { StoredFindingsWriter } from '../src/report/stored-findings.js';
import { deriveReport } from '../src/service/derived-report.js';
import { Readable } from 'node:stream';
import { auditRoster, SHARED_FINDING, type AuditSummary, type Finding } from '../src/roster/audit.js';
import { located, messageOf, said, saidLater, type StaticFinding } from '../src/roster/finding.js';
import { openRoster } from '../src/roster/read.js';

/** A report kept in memory; `synchronous` as a file part's sink (the writer then reuses its buffer). */
class Memory implements ReportSink {
  readonly chunks: Buffer[] = [];
  constructor(readonly synchronous: boolean) {}
  write(text: string | Buffer): Promise<void> {
    // A synchronous sink's buffer is reused by the writer: copy it, as a file would.
    this.chunks.push(Buffer.from(typeof text === 'string' ? Buffer.from(text) : Buffer.from(text)));
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
  abort(): void {}
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

async function written(findings: Finding[], synchronous: boolean, every = 3, summary?: AuditSummary): Promise<string> {
  const out = new Memory(synchronous);
  const w = new NdjsonWriter(out);
  let n = 0;
  for (const f of findings) {
    w.add(f);
    if (++n % every === 0) await w.flush();
  }
  await w.finish(summary);
  return out.text();
}

const plain = (findings: Finding[]) => findings.map((f) => `${JSON.stringify({ type: 'finding', ...f })}\n`).join('');

const REASON = { code: 'grid-outdated', params: { position: 'B « 2 »', grid: 'avenant\\2011', note: 'tab\there "quoted" \u2028 𝄞' } } as unknown as FindingReason;
const SOURCE = { doc: 'avenant-2011', article: 'KALIARTI000044509137', quote: 'd\'au maximum 9 mois ; "débutant" \\ 😀' };
/** Texts a JSON encoder must escape: quotes, backslashes, control characters, line separators, lone surrogates; and non-BMP characters it must not. */
const NAMES = ['Léa Durand', 'O"Brien', 'back\\slash', 'ctl\u0000\u0001\u001f\n\r\t\b\f', '\u2028\u2029', 'Zoë 😀 𝄞', 'lone \ud800 \udc00', '', '\u007f\u0080\u00ff'];

describe('NDJSON report writer', () => {
  const withAll: StaticFinding = { rule: 'grid-outdated', severity: 'error', message: 'Grille remplacée ; voir « 1.4 » "x" \\ \u0007', reason: REASON, expected: ['1.4', 'B "5"'], dueDate: '2024-06-10', source: SOURCE };
  const bare: StaticFinding = { rule: 'entry-period-exceeded', severity: 'warning', message: 'Période dépassée', reason: REASON, source: SOURCE };
  const numeric: StaticFinding = { rule: 'below-minimum-wage', severity: 'error', message: 'Salaire 1 200,00 €', reason: REASON, expected: 1801.8, source: { doc: 'smic', quote: 'Décret' } };

  function rows(): Finding[] {
    const out: Finding[] = [];
    let line = 2;
    for (const name of [undefined, ...NAMES]) {
      for (const matricule of ['A1', 'M"2', 'é\\3', '😀\u0001', '']) {
        for (const [f, shared] of [
          [withAll, true],
          [bare, true],
          [numeric, false],
          [withAll, false],
        ] as const) {
          const finding = located(line++, matricule, name === undefined ? '1431' : `14"31${name.slice(0, 2)}`, f, shared);
          // As the audit does: the name is put on a row's findings after they are made.
          if (name !== undefined) finding.name = name;
          out.push(finding);
        }
      }
    }
    return out;
  }

  it.each([false, true])('writes what JSON.stringify writes, shared part or not (synchronous sink: %s)', async (synchronous) => {
    const findings = rows();
    expect(findings.filter((f) => f[SHARED_FINDING]).length).toBeGreaterThanOrEqual(100);
    const text = await written(findings, synchronous);
    expect(text).toBe(plain(findings));
    for (const line of text.split('\n').slice(0, -1)) expect(JSON.parse(line).type).toBe('finding');
  });

  it('writes a finding whose keys come in another order the plain way, and the summary last', async () => {
    const shared = { rule: 'grid-outdated' as const, severity: 'error' as const, message: 'm', reason: REASON, expected: ['1.4'], dueDate: '2024-06-10', source: SOURCE };
    // Spread: `expected` and `dueDate` before `source`, not the order `located` gives.
    const odd = (line: number, name?: string): Finding => ({ line, matricule: `X${line}`, ...(name ? { name } : {}), idcc: '1431', ...shared, [SHARED_FINDING]: shared });
    const findings = [odd(2), odd(3, 'N"ame'), odd(4), { line: 5, matricule: 'Y', rule: 'invalid-row', severity: 'error', message: 'sans idcc', reason: REASON, source: SOURCE } as Finding];
    const summary = { findings: 4, note: 'r"é' } as unknown as AuditSummary;
    expect(await written(findings, false, 2, summary)).toBe(`${plain(findings)}${JSON.stringify({ type: 'summary', ...summary })}\n`);
  });

  it('encodes the shared part once: later rows of a shared finding copy it', async () => {
    const first = located(2, 'A', '1431', withAll, true);
    // Not what the audit makes (a shared finding's rows carry its texts): here it shows which text is written.
    const second = located(3, 'B', '1431', { ...withAll, message: 'autre' }, true);
    second[SHARED_FINDING] = withAll;
    const [, line] = (await written([first, second], false)).split('\n');
    expect(JSON.parse(line!)).toMatchObject({ line: 3, matricule: 'B', message: withAll.message });
  });

  /** The file of a real audit: 600 rows of six jobs, names with every escape, some matricules twice, pay below the minima. */
  function staffFile(): string {
    const header = 'matricule;nom;prenom;idcc;emploi;position;niveau;statut;date_entree;date_position;diplome;annees_exercice;encadrement;salaire_mensuel_brut;temps_travail;sexe';
    const profiles = [
      '3168;Opérateur vendeur 1er niveau;155;;employé;',
      '3168;Photographe;175;;employé;diplôme reconnu par la branche',
      '1431;Opticienne;B;;agent de maîtrise;BTS OL',
      '1431;Vendeuse;1.3;;employé;aucun',
      '2198;Conseiller relation client;C;maîtrisant;employé;',
      '2198;Web designer;E;maîtrisant;agent de maîtrise;',
    ];
    const lines = [header];
    for (let i = 0; i < 600; i++) {
      const [idcc, ...rest] = profiles[i % profiles.length]!.split(';');
      const name = [...NAMES[i % NAMES.length]!].filter((c) => c !== ';' && c !== '"' && (c === '\t' || c >= ' ')).join('');
      const day = String(1 + (i % 28)).padStart(2, '0');
      const month = String(1 + (i % 12)).padStart(2, '0');
      // Every 50th matricule repeats an earlier one: a finding with no shared part.
      lines.push(`M${i % 50 === 49 ? i - 10 : i};${name};P${i % 3 ? '' : 'é'};${idcc};${rest.join(';')};${day}/${month}/${2015 + (i % 10)};${day}/${month}/${2016 + (i % 10)};${rest[4] ?? ''};${i % 6};0;${1500 + ((i * 37) % 2500)},00;1;${i % 2 ? 'F' : 'H'}`);
    }
    const path = join(mkdtempSync(join(tmpdir(), 'classif-ndjson-')), 'personnel.csv');
    writeFileSync(path, `${lines.join('\r\n')}\r\n`);
    return path;
  }

  it('writes the findings of a real audit as JSON.stringify does, names and duplicates included', async () => {
    const path = staffFile();
    const findings: Finding[] = [];
    const out = new Memory(false);
    const w = new NdjsonWriter(out);
    const summary = await auditRoster(await openRoster(path), { at: '2025-06-01', catalogue: loadCatalogue() }, (f) => {
      findings.push(f);
      w.add(f);
    }, () => w.flush());
    await w.finish(summary);
    expect(findings.filter((f) => f[SHARED_FINDING]).length).toBeGreaterThanOrEqual(300);
    expect(findings.filter((f) => !f[SHARED_FINDING]).length).toBeGreaterThan(5);
    expect(findings.filter((f) => f.name !== undefined).length).toBeGreaterThanOrEqual(300);
    expect(out.text()).toBe(`${plain(findings)}${JSON.stringify({ type: 'summary', ...summary })}\n`);
  });

  describe('kept findings of a queued audit (each shared text once)', () => {
    /** The findings kept by two writers (the two threads' parts), then the summary: one file. */
    async function kept(findings: Finding[], summary: AuditSummary): Promise<string> {
      const half = Math.floor(findings.length / 2);
      const parts = await Promise.all(
        [findings.slice(0, half), findings.slice(half)].map(async (list, i) => {
          const out = new Memory(i === 0);
          const w = new StoredFindingsWriter(out, i === 0 ? 'a' : 'b');
          let n = 0;
          for (const f of list) {
            w.add(f);
            if (++n % 7 === 0) await w.flush();
          }
          await w.finish();
          return out.text();
        }),
      );
      return `${parts.join('')}${JSON.stringify({ type: 'summary', ...summary })}\n`;
    }

    async function derived(text: string, format: 'ndjson' | 'csv'): Promise<string> {
      const out = new Memory(false);
      await deriveReport(Readable.from([Buffer.from(text)]), format, out);
      return out.text();
    }

    const summary = { findings: 1, coverage: [], note: 'r"é' } as unknown as AuditSummary;

    it('gives back, byte for byte, the NDJSON and CSV reports written from the findings themselves', async () => {
      const findings = rows();
      const text = await kept(findings, summary);
      expect(await derived(text, 'ndjson')).toBe(`${plain(findings)}${JSON.stringify({ type: 'summary', ...summary })}\n`);
      const csv = new Memory(false);
      const w = new CsvWriter(csv);
      for (const f of findings) w.add(f);
      await w.finish(summary);
      expect(await derived(text, 'csv')).toBe(csv.text());
      // Each shared text once per part, not once per row.
      expect(text.match(/"type":"shared"/g)).toHaveLength(4);
      expect(Buffer.byteLength(text)).toBeLessThan(0.6 * Buffer.byteLength(plain(findings)));
    });

    it('renders again the messages of findings of their own row, writes their long texts once, and gives back the reports byte for byte', async () => {
      const findings: Finding[] = [];
      const summary = await auditRoster(await openRoster(staffFile()), { at: '2025-06-01', catalogue: loadCatalogue() }, (f) => void findings.push(f));
      const own = findings.filter((f) => !f[SHARED_FINDING]);
      expect(own.filter((f) => f.rule === 'below-minimum-wage').length).toBeGreaterThan(50);
      const text = await kept(findings, summary);
      const wholeFinding = `${plain(findings)}${JSON.stringify({ type: 'summary', ...summary })}\n`;
      expect(await derived(text, 'ndjson')).toBe(wholeFinding);
      const csv = new Memory(false);
      const w = new CsvWriter(csv);
      for (const f of findings) w.add(f);
      await w.finish(summary);
      expect(await derived(text, 'csv')).toBe(csv.text());
      // Every finding of its own row is compact, its message left out; a scale's title is written once per part.
      const lines = text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { type?: string; message?: unknown; text?: string });
      expect(lines.filter((l) => l.type === 'finding')).toHaveLength(0);
      expect(lines.filter((l) => l.type === 'compact' && l.message === 0)).toHaveLength(own.length);
      const titles = new Set(own.map((f) => (f.reason.params as { scaleTitle?: string }).scaleTitle).filter((t) => t !== undefined));
      expect(titles.size).toBeGreaterThan(0);
      for (const title of titles) expect(lines.filter((l) => l.type === 'text' && l.text === title).length).toBeLessThanOrEqual(2);
      const compactBytes = text.split('\n').filter((l) => l.includes('"type":"compact"') || l.includes('"type":"text"')).reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
      expect(compactBytes).toBeLessThan(0.8 * Buffer.byteLength(plain(own)));
    });

    it('gives back the same reports from an audit that left its messages for later (the queued audit) as from one that rendered them', async () => {
      const path = staffFile();
      const rendered: Finding[] = [];
      const summary = await auditRoster(await openRoster(path), { at: '2025-06-01', catalogue: loadCatalogue() }, (f) => void rendered.push(f));
      const later: Finding[] = [];
      await auditRoster(await openRoster(path), { at: '2025-06-01', catalogue: loadCatalogue(), deferMessages: true }, (f) => void later.push(f));
      expect(later.filter((f) => f.message === '').length).toBeGreaterThan(50);
      expect(later.map(messageOf)).toEqual(rendered.map((f) => f.message));
      expect(await derived(await kept(later, summary), 'ndjson')).toBe(`${plain(rendered)}${JSON.stringify({ type: 'summary', ...summary })}\n`);
      // A reason that cannot be kept compact (a `$t` key of its own) is written whole, its message rendered then.
      const odd = later.find((f) => f.message === '')!;
      const hostile: Finding = { ...odd, ...saidLater({ ...odd.reason, params: { ...odd.reason.params, extra: { $t: 'a0' } } } as unknown as FindingReason) };
      expect(hostile.message).toBe('');
      const text = await kept([hostile], summary);
      expect(text).toContain('"type":"finding"');
      expect(JSON.parse(text.split('\n').find((l) => l.includes('"type":"finding"'))!).message).toBe(rendered.find((f) => f.line === odd.line && f.rule === odd.rule)!.message);
    });

    it('keeps a message it did not render and a reason holding a `$t` key as they are, whatever their texts, and refuses a text never written', async () => {
      const long = 'Matricule « long » "cité" \\ \u2028 \ud800 😀 \u0001'.repeat(2);
      const dup = (line: number, params: object, message?: string) => {
        const f = located(line, long, '3168', { rule: 'duplicate-matricule', severity: 'warning', ...said({ code: 'duplicate-matricule', params } as unknown as FindingReason), source: { doc: 'fichier-importe', quote: `matricule = ${long}` } });
        if (message !== undefined) f.message = message;
        return f;
      };
      const findings = [
        dup(2, { matricule: long, previousLine: 1 }),
        dup(3, { matricule: long, previousLine: 2 }),
        dup(4, { matricule: long, previousLine: 3, extra: { $t: 'a0' } }),
        dup(5, { matricule: long, previousLine: 4 }, 'un autre message'),
      ];
      const text = await kept(findings, summary);
      const lines = text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
      // Two parts (two writers): the second meets the texts anew.
      expect(lines.map((l) => l.type)).toEqual(['compact', 'text', 'text', 'compact', 'finding', 'text', 'compact', 'summary']);
      expect(lines[6]!.message).toBe('un autre message');
      expect(await derived(text, 'ndjson')).toBe(`${plain(findings)}${JSON.stringify({ type: 'summary', ...summary })}\n`);
      const missing = text.split('\n').filter((l) => !l.includes('"type":"text"')).join('\n');
      await expect(derived(missing, 'ndjson')).rejects.toThrow(/illisible/);
    });

    it('keeps whole a finding whose keys come in another order, and refuses a row whose shared text is missing or a file cut short', async () => {
      const shared = { rule: 'grid-outdated' as const, severity: 'error' as const, message: 'm', reason: REASON, expected: ['1.4'], dueDate: '2024-06-10', source: SOURCE };
      const odd: Finding = { line: 2, matricule: 'X', idcc: '1431', ...shared, [SHARED_FINDING]: shared };
      const text = await kept([odd, { ...odd, line: 3 }], summary);
      expect(text).not.toContain('"type":"shared"');
      expect(await derived(text, 'ndjson')).toBe(`${plain([odd, { ...odd, line: 3 }])}${JSON.stringify({ type: 'summary', ...summary })}\n`);
      const good = await kept(rows().slice(0, 8), summary);
      const lines = good.split('\n');
      lines.splice(lines.findIndex((l) => l.includes('"type":"shared"')), 1);
      await expect(derived(lines.join('\n'), 'csv')).rejects.toThrow(/illisible/);
      await expect(derived(good.split('\n').slice(0, -2).join('\n'), 'ndjson')).rejects.toThrow(/incomplet/);
    });
  });
});

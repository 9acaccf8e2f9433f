/**
 * Streaming writers of audit findings for programs and spreadsheets: JSON, NDJSON and CSV as
 * French Excel reads it (`;`, BOM, decimal commas). Findings are written as they come, so memory
 * does not grow with the file; a file is written under a temporary name and renamed when
 * complete, so an interrupted audit never leaves a half-written report.
 */
import { closeSync, createWriteStream, openSync, renameSync, rmSync, writeSync, type WriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { InputError } from '../model/input-error.js';
import { SHARED_FINDING, type AuditSummary, type Finding } from '../roster/audit.js';
import { coverageLines } from './coverage-text.js';
import { RULE_LABELS } from './labels.js';

export interface FindingWriter {
  /** Queues a finding; `flush` writes the queue (with the stream's back-pressure). */
  add(f: Finding): void;
  flush(): Promise<void>;
  /** Ends the report; a part of a report (joined later) has no summary. */
  finish(summary?: AuditSummary): Promise<void>;
  /** Drops a partial output (the audit failed). */
  abort(): void;
}

/** Where a writer puts a report. */
export interface ReportSink {
  write(text: string | Buffer): Promise<void>;
  close(): Promise<void>;
  abort(): void;
  /** Set when a write is complete once `write` returns: its buffer can be reused at once. */
  readonly synchronous?: boolean;
}

/**
 * The end of an unfinished file, written synchronously (a part of a report written by a thread
 * that does nothing else): no stream, no copy, the writer's buffer reused. Its owner puts the
 * file in place or removes it.
 */
export class SyncAppend implements ReportSink {
  readonly synchronous = true;
  private fd: number | undefined;

  constructor(
    private readonly path: string,
    private readonly reportPath = path,
  ) {}

  write(text: string | Buffer): Promise<void> {
    try {
      this.fd ??= openSync(this.path, 'a');
      const bytes = typeof text === 'string' ? Buffer.from(text) : text;
      for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done);
      return Promise.resolve();
    } catch (e) {
      this.abort();
      return Promise.reject(new InputError(`Écriture du rapport impossible (${this.reportPath}) : ${(e as Error).message}.`, 'invalid'));
    }
  }

  close(): Promise<void> {
    this.abort();
    return Promise.resolve();
  }

  abort(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** A destination: a file (atomic) or a stream such as stdout. */
export class Output implements ReportSink {
  private readonly stream: Writable;
  private readonly tmp: string | undefined;
  /** A write error (disk full, folder gone): kept and thrown at the next write, never a crash. */
  private failure: Error | undefined;

  constructor(private readonly path: string | undefined) {
    if (path) {
      this.tmp = `${path}.${process.pid}.partiel`;
      // A few megabytes of slack: with the default 16 KiB, every batch of findings waits for the disk.
      this.stream = createWriteStream(this.tmp, { highWaterMark: 4 << 20 });
      this.stream.on('error', (e: Error) => (this.failure = e));
    } else {
      this.stream = process.stdout;
    }
  }

  private check(): void {
    if (this.failure) throw new InputError(`Écriture du rapport impossible (${this.path}) : ${this.failure.message}.`, 'invalid');
  }

  write(text: string | Buffer): Promise<void> {
    this.check();
    if (this.stream.write(text)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onError = (e: Error) => reject(new InputError(`Écriture du rapport impossible (${this.path}) : ${e.message}.`, 'invalid'));
      this.stream.once('error', onError);
      this.stream.once('drain', () => {
        this.stream.off('error', onError);
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    if (!this.path) return;
    try {
      this.check();
      await new Promise<void>((resolve, reject) => (this.stream as WriteStream).end((err?: Error | null) => (err ? reject(err) : resolve())));
      this.check();
      if (this.tmp) replaceFile(this.tmp, this.path);
    } catch (e) {
      // The error may come from the stream before or after `end`: one message either way.
      this.abort();
      if (e instanceof InputError) throw e;
      this.failure ??= e as Error;
      this.check();
    }
  }

  abort(): void {
    if (!this.path) return;
    (this.stream as WriteStream).destroy();
    if (this.tmp) rmSync(this.tmp, { force: true });
  }
}

/**
 * Puts a finished file in place of `path`. The old file is removed first: on ext4, a rename over
 * an existing file makes the kernel write the new one to disk at once (auto_da_alloc), which
 * costs a large report a tenth of a second for nothing here. A reader finds the old report, none
 * or the new one: never half of one.
 */
export function replaceFile(tmp: string, path: string): void {
  rmSync(path, { force: true });
  renameSync(tmp, path);
}

/** Queues text and writes it in one go per batch of rows. */
abstract class Buffered implements FindingWriter {
  protected queue: string[] = [];
  constructor(protected readonly out: ReportSink) {}
  abstract add(f: Finding): void;
  abstract finish(summary?: AuditSummary): Promise<void>;
  async flush(): Promise<void> {
    if (this.queue.length === 0) return;
    const text = this.queue.join('');
    this.queue = [];
    await this.out.write(text);
  }
  abort(): void {
    this.out.abort();
  }
}

export class JsonWriter extends Buffered {
  private first = true;
  add(f: Finding): void {
    this.queue.push(`${this.first ? '{\n"findings": [\n' : ',\n'}${JSON.stringify(f)}`);
    this.first = false;
  }
  async finish(summary?: AuditSummary): Promise<void> {
    this.queue.push(`${this.first ? '{\n"findings": [' : ''}\n],\n"summary": ${JSON.stringify(summary ?? null, null, 2)}\n}\n`);
    await this.flush();
    await this.out.close();
  }
}

/** Findings as comma-separated JSON objects: a part of the `findings` array of a JSON report. */
export class JsonPartWriter extends Buffered {
  private first = true;
  add(f: Finding): void {
    this.queue.push(`${this.first ? '' : ',\n'}${JSON.stringify(f)}`);
    this.first = false;
  }
  async finish(): Promise<void> {
    await this.flush();
    await this.out.close();
  }
}

/**
 * A writer that encodes its lines straight into a byte buffer, handed to the sink in batches: far
 * cheaper than joining strings for the million-row reports (NDJSON, CSV).
 */
export abstract class ByteBatch implements FindingWriter {
  protected buf = Buffer.allocUnsafe(256 << 10);
  protected pos = 0;

  constructor(protected readonly out: ReportSink) {}

  abstract add(f: Finding): void;
  abstract finish(summary?: AuditSummary): Promise<void>;

  abort(): void {
    this.out.abort();
  }

  /** Makes room for `bytes` more (a batch larger than the buffer moves to a larger one). */
  protected room(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    const more = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(more, 0, 0, this.pos);
    this.buf = more;
  }

  async flush(): Promise<void> {
    if (this.pos === 0) return;
    const bytes = this.buf.subarray(0, this.pos);
    // A stream keeps the bytes until written: the next batch then goes to a new buffer.
    if (!this.out.synchronous) this.buf = Buffer.allocUnsafe(Math.max(64 << 10, 2 * this.pos));
    this.pos = 0;
    await this.out.write(bytes);
  }
}

/**
 * One JSON object per line, `{"type":"finding", …the finding}`, encoded straight into a byte
 * buffer, byte for byte what `JSON.stringify({ type: 'finding', ...f })` writes. As for the CSV,
 * the part of a finding shared by many rows (from the rule to the due date, `reason` included) is
 * serialised and encoded once per shared finding and copied; only the line, matricule, IDCC and
 * name are written each time. The key order is the one `located` gives a finding (then `name`,
 * put on a row's findings last): test/ndjson-writer.test.ts holds both to `JSON.stringify`.
 */
export class NdjsonWriter extends ByteBatch {
  private readonly tails = new WeakMap<object, Buffer>();

  add(f: Finding): void {
    const shared = f[SHARED_FINDING];
    let tail = shared && this.tails.get(shared);
    if (shared === undefined || tail === PLAIN) return this.plain(f);
    const matricule = JSON.stringify(f.matricule);
    const idcc = f.idcc === undefined ? undefined : JSON.stringify(f.idcc);
    const name = f.name === undefined ? undefined : JSON.stringify(f.name);
    if (tail === undefined) {
      const text = sharedText(f);
      tail = text === undefined ? PLAIN : Buffer.from(text);
      this.tails.set(shared, tail);
      if (tail === PLAIN) return this.plain(f);
    }
    this.room(64 + 3 * (matricule.length + (idcc?.length ?? 0) + (name?.length ?? 0)) + tail.length);
    const buf = this.buf;
    let pos = this.pos + FINDING_LINE.copy(buf, this.pos);
    pos = ascii(buf, pos, String(f.line));
    pos = ascii(buf, ascii(buf, pos, ',"matricule":'), matricule);
    if (idcc !== undefined) pos = ascii(buf, ascii(buf, pos, ',"idcc":'), idcc);
    buf[pos++] = 44;
    pos += tail.copy(buf, pos);
    if (name !== undefined) pos = ascii(buf, ascii(buf, pos, ',"name":'), name);
    buf[pos++] = 125;
    buf[pos++] = 10;
    this.pos = pos;
  }

/** A finding with no shared part, serialised whole. */
  protected plain(f: Finding): void {
    const text = JSON.stringify(f);
    this.room(FINDING_OPEN.length + 3 * text.length + 1);
    this.pos += FINDING_OPEN.copy(this.buf, this.pos);
    // `text` opens with `{`: the finding's keys follow `"type":"finding",`.
    this.pos += this.buf.write(text.slice(1), this.pos);
    this.buf[this.pos++] = 10;
  }

  /** Without a summary: a part of a report, to be joined with others. */
  async finish(summary?: AuditSummary): Promise<void> {
    await this.flush();
    if (summary) await this.out.write(`${JSON.stringify({ type: 'summary', ...summary })}\n`);
    await this.out.close();
  }

}

const FINDING_OPEN = Buffer.from('{"type":"finding",');
/** A shared finding whose rows are written the plain way. */
const PLAIN = Buffer.alloc(0);
const FINDING_LINE = Buffer.from('{"type":"finding","line":');

/**
 * The JSON of the part `f` shares with other rows (see `sharedJson`), or undefined when `f`'s keys
 * are not in `located`'s order: such a finding is written the plain way, never wrongly. Checked
 * once per shared finding against the plain serialisation.
 */
export function sharedText(f: Finding): string | undefined {
  const text = sharedJson(f);
  const matricule = JSON.stringify(f.matricule);
  const idcc = f.idcc === undefined ? '' : `,"idcc":${JSON.stringify(f.idcc)}`;
  const name = f.name === undefined ? '' : `,"name":${JSON.stringify(f.name)}`;
  const plain = `{"type":"finding","line":${f.line},"matricule":${matricule}${idcc},${text}${name}}`;
  return plain === JSON.stringify({ type: 'finding', ...f }) ? text : undefined;
}

/**
 * The keys a finding takes from its shared finding (`located`'s order, from `rule` to `dueDate`),
 * as JSON without braces: what `JSON.stringify` writes for them inside the finding.
 */
function sharedJson(f: Finding): string {
  const part: Partial<Finding> = { rule: f.rule, severity: f.severity, message: f.message, reason: f.reason, source: f.source };
  if (f.expected !== undefined) part.expected = f.expected;
  if (f.dueDate !== undefined) part.dueDate = f.dueDate;
  return JSON.stringify(part).slice(1, -1);
}

const CSV_HEADER = ['ligne', 'matricule', 'nom', 'idcc', 'regle', 'libelle_regle', 'gravite', 'message', 'attendu', 'echeance', 'source_document', 'source_article', 'source_citation'];
export const CSV_PREFIX = `\uFEFF${CSV_HEADER.join(';')}\r\n`;

/**
 * The coverage section of a CSV report: after the findings and a blank line, one line per rule
 * and reason (rows checked, checked on an assumption, not checked).
 */
export function csvCoverage(summary: Pick<AuditSummary, 'coverage'>): string {
  const rows = [['couverture', 'regle', 'libelle_regle', 'lignes_verifiees', 'lignes_non_verifiees', 'detail']];
  for (const l of coverageLines(summary)) {
    rows.push(['controle', l.rule, l.title, String(l.checked), String(l.notChecked), '']);
    for (const a of l.assumptions) rows.push(['hypothese', l.rule, l.title, '', '', a]);
    for (const r of l.reasons) rows.push(['non_verifie', l.rule, l.title, '', '', r]);
  }
  return `\r\n${rows.map((r) => r.map(csvText).join(';')).join('\r\n')}\r\n`;
}

function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  return csvText(Array.isArray(value) ? value.join(', ') : String(value));
}

function csvText(s: string): string {
  if (s === '') return s;
  const safe = neutraliseFormula(s);
  return /[;"\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** What a spreadsheet reads as the start of a formula: = + - @ and their full-width forms. */
const FORMULA_START = /^[ \u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/;
/** A plain number (`-12.50`, `-3`): a spreadsheet reads it as a number, never runs it. */
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;

/**
 * A text cell a spreadsheet would evaluate (CSV injection: `=cmd|…`, `-2+3+cmd|…`, `@SUM(…)`,
 * after leading blanks too) prefixed with an apostrophe, which shows it as text; plain numbers
 * are left as they are.
 */
export function neutraliseFormula(s: string): string {
  return FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
}
/** The French label of each rule, as a CSV cell (written on every line). */
const LABEL_CELLS = Object.fromEntries(Object.entries(RULE_LABELS).map(([rule, l]) => [rule, csvText(l.title)])) as Record<Finding['rule'], string>;

/**
 * One line per finding, encoded straight into a byte buffer. A million-row audit writes hundreds
 * of thousands of findings, most of them the same text for another line (a position's outdated
 * grid, an entry period ended on a given day): the end of such a line, from the rule to the
 * citation, is encoded once per shared finding and copied; only the line number, matricule and
 * IDCC are written each time. Shared parts are kept by identity, forgotten with the grid or rows.
 */
export class CsvWriter extends ByteBatch {
  private readonly sources = new WeakMap<Finding['source'], string>();
  private readonly lists = new WeakMap<readonly string[], string>();
  private readonly tails = new WeakMap<object, Buffer>();

  /** `header: false` writes a part of a report, to be joined after another. */
  constructor(out: ReportSink, header = true) {
    super(out);
    if (header) this.pos = this.buf.write(CSV_PREFIX, 0);
  }

  add(f: Finding): void {
    const shared = f[SHARED_FINDING];
    let tail = shared && this.tails.get(shared);
    const matricule = csvText(f.matricule);
    const idcc = f.name === undefined ? csvText(f.idcc ?? '') : `${csvText(f.name)};${csvText(f.idcc ?? '')}`;
    if (tail) {
      this.room(24 + 3 * (matricule.length + idcc.length) + tail.length);
      this.head(f.line, matricule, idcc);
      this.pos += tail.copy(this.buf, this.pos);
      return;
    }
    const text = this.tail(f);
    if (shared) {
      tail = Buffer.from(text);
      this.tails.set(shared, tail);
      this.add(f);
      return;
    }
    this.room(24 + 3 * (matricule.length + idcc.length + text.length));
    this.head(f.line, matricule, idcc);
    this.pos += this.buf.write(text, this.pos);
  }

  /** From the rule to the end of the line. */
  private tail(f: Finding): string {
    let source = this.sources.get(f.source);
    if (source === undefined) {
      source = `${csvCell(f.source.doc)};${csvCell(f.source.article)};${csvCell(f.source.quote)}`;
      this.sources.set(f.source, source);
    }
    return `;${f.rule};${LABEL_CELLS[f.rule]};${f.severity};${csvText(f.message)};${this.expected(f.expected)};${f.dueDate ?? ''};${source}\r\n`;
  }

  /** "line;matricule;name;idcc" (`idcc` carries the name before it), ASCII written byte by byte (a native call per cell costs more). */
  private head(line: number, matricule: string, idcc: string): void {
    const buf = this.buf;
    let pos = this.pos;
    pos = ascii(buf, pos, String(line));
    buf[pos++] = 59;
    pos = ascii(buf, pos, matricule);
    buf[pos++] = 59;
    if (idcc.indexOf(';') < 0) buf[pos++] = 59;
    pos = ascii(buf, pos, idcc);
    this.pos = pos;
  }

  private expected(value: Finding['expected']): string {
    if (!Array.isArray(value)) return csvCell(value);
    let cell = this.lists.get(value);
    if (cell === undefined) this.lists.set(value, (cell = csvCell(value)));
    return cell;
  }

  /** Ends the report; with the summary, its coverage section comes after the findings. */
  async finish(summary?: AuditSummary): Promise<void> {
    await this.flush();
    if (summary) await this.out.write(csvCoverage(summary));
    await this.out.close();
  }

}

/** Writes `text` at `pos`: ASCII by hand, anything else through the UTF-8 encoder. */
export function ascii(buf: Buffer, pos: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return pos + buf.write(text, pos);
    buf[pos + i] = c;
  }
  return pos + text.length;
}

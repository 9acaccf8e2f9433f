/**
 * Streaming writers of audit findings for programs and spreadsheets: JSON, NDJSON and CSV as
 * French Excel reads it (`;`, BOM, decimal commas). Findings are written as they come, so memory
 * does not grow with the file; a file is written under a temporary name and renamed when
 * complete, so an interrupted audit never leaves a half-written report.
 */
import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { InputError } from '../api/lookup.js';
import type { AuditSummary, Finding } from '../roster/audit.js';

export interface FindingWriter {
  /** Queues a finding; `flush` writes the queue (with the stream's back-pressure). */
  add(f: Finding): void;
  flush(): Promise<void>;
  /** Ends the report; a part of a report (joined later) has no summary. */
  finish(summary?: AuditSummary): Promise<void>;
  /** Drops a partial output (the audit failed). */
  abort(): void;
}

/** A destination: a file (atomic) or a stream such as stdout. */
export class Output {
  private readonly stream: Writable;
  private readonly tmp: string | undefined;
  /** A write error (disk full, folder gone): kept and thrown at the next write, never a crash. */
  private failure: Error | undefined;

  /**
   * `append`: adds to the end of an unfinished file that its owner will put in place (a report
   * written by several threads); nothing is renamed or removed here.
   */
  constructor(
    private readonly path: string | undefined,
    { append = false } = {},
  ) {
    if (path) {
      this.tmp = append ? undefined : `${path}.${process.pid}.partiel`;
      // A few megabytes of slack: with the default 16 KiB, every batch of findings waits for the disk.
      this.stream = createWriteStream(this.tmp ?? path, { highWaterMark: 4 << 20, flags: append ? 'a' : 'w' });
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
  constructor(protected readonly out: Output) {}
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

export class NdjsonWriter extends Buffered {
  add(f: Finding): void {
    this.queue.push(`${JSON.stringify({ type: 'finding', ...f })}\n`);
  }
  /** Without a summary: a part of a report, to be joined with others. */
  async finish(summary?: AuditSummary): Promise<void> {
    if (summary) this.queue.push(`${JSON.stringify({ type: 'summary', ...summary })}\n`);
    await this.flush();
    await this.out.close();
  }
}

const CSV_HEADER = ['ligne', 'matricule', 'idcc', 'regle', 'gravite', 'message', 'attendu', 'echeance', 'source_document', 'source_article', 'source_citation'];
export const CSV_PREFIX = `\uFEFF${CSV_HEADER.join(';')}\r\n`;

function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  return csvText(Array.isArray(value) ? value.join(', ') : String(value));
}

function csvText(s: string): string {
  if (s === '') return s;
  // Cells that a spreadsheet would run as a formula are prefixed (CSV injection).
  const c = s.charCodeAt(0);
  const formula = (c === 61 || c === 43 || c === 64 || c === 9 || c === 13 || c === 45) && !/^-?\d/.test(s);
  const safe = formula ? `'${s}` : s;
  return /[;"\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * One line per finding. A million-row audit writes hundreds of thousands of them: the cells of a
 * source and of an expected list, shared by every finding of the same rule and position, are
 * formatted once (kept by identity, so they are forgotten with the grid or the rows).
 */
export class CsvWriter implements FindingWriter {
  private text = '';
  private readonly sources = new WeakMap<Finding['source'], string>();
  private readonly lists = new WeakMap<readonly string[], string>();

  /** `header: false` writes a part of a report, to be joined after another. */
  constructor(
    private readonly out: Output,
    header = true,
  ) {
    if (header) this.text = CSV_PREFIX;
  }

  add(f: Finding): void {
    let source = this.sources.get(f.source);
    if (source === undefined) {
      source = `${csvCell(f.source.doc)};${csvCell(f.source.article)};${csvCell(f.source.quote)}`;
      this.sources.set(f.source, source);
    }
    // Built by concatenation: V8 joins the pieces once, when the batch is written.
    this.text += `${f.line};${csvText(f.matricule)};${f.idcc ?? ''};${f.rule};${f.severity};${csvText(f.message)};${this.expected(f.expected)};${f.dueDate ?? ''};${source}\r\n`;
  }

  private expected(value: Finding['expected']): string {
    if (!Array.isArray(value)) return csvCell(value);
    let cell = this.lists.get(value);
    if (cell === undefined) this.lists.set(value, (cell = csvCell(value)));
    return cell;
  }

  async flush(): Promise<void> {
    if (this.text === '') return;
    const text = this.text;
    this.text = '';
    await this.out.write(text);
  }

  async finish(): Promise<void> {
    await this.flush();
    await this.out.close();
  }

  abort(): void {
    this.out.abort();
  }
}

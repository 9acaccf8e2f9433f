/**
 * How a queued audit keeps its findings: NDJSON where the part of a finding shared by many rows
 * (rule, severity, message, reason, source, expected, due date) is written once, as a `shared`
 * line with an id, and each row that carries it as a short array:
 *
 *   {"type":"shared","id":"a7","rule":"grid-outdated",…}
 *   ["a7",12,"M0012","3168"]            (id, line, matricule, IDCC or null[, name])
 *   {"type":"finding",…}                a finding shared with no other row, written whole
 *   {"type":"summary",…}
 *
 * A million-row audit repeats the same few thousand texts hundreds of thousands of times: the
 * full NDJSON report is twice the CSV one, this a third of it, and the audit's time is mostly the
 * writing and storing of its report (issue 9: the queue within 1.2 × the CLI). Every report a user
 * downloads (NDJSON, JSON, CSV) is made from it (service/derived-report.ts), byte for byte what
 * the audit would have written; an NDJSON report is read the same way (its lines are a subset).
 * The ids carry a prefix per writer, so that parts written by two threads join by concatenation.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { SHARED_FINDING, type AuditSummary, type Finding } from '../roster/audit.js';
import { ascii, NdjsonWriter, sharedText, type ReportSink } from './writers.js';

/** A shared finding whose rows are written whole. */
const WHOLE = Buffer.alloc(0);

export class StoredFindingsWriter extends NdjsonWriter {
  /** `["<id>",` per shared finding. */
  private readonly heads = new WeakMap<object, Buffer>();
  private next = 0;

  /** `prefix`: unique to this writer among those whose parts are joined into one file. */
  constructor(
    out: ReportSink,
    private readonly prefix = 'a',
  ) {
    super(out);
  }

  override add(f: Finding): void {
    const shared = f[SHARED_FINDING];
    let head = shared && this.heads.get(shared);
    if (shared === undefined || head === WHOLE) return this.plain(f);
    if (head === undefined) {
      const text = sharedText(f);
      if (text === undefined) {
        this.heads.set(shared, WHOLE);
        return this.plain(f);
      }
      const id = JSON.stringify(`${this.prefix}${this.next++}`);
      const line = Buffer.from(`{"type":"shared","id":${id},${text}}\n`);
      this.room(line.length);
      this.pos += line.copy(this.buf, this.pos);
      head = Buffer.from(`[${id},`);
      this.heads.set(shared, head);
    }
    const matricule = JSON.stringify(f.matricule);
    const idcc = f.idcc === undefined ? 'null' : JSON.stringify(f.idcc);
    const name = f.name === undefined ? undefined : JSON.stringify(f.name);
    this.room(24 + head.length + 3 * (matricule.length + idcc.length + (name?.length ?? 0)));
    const buf = this.buf;
    let pos = this.pos + head.copy(buf, this.pos);
    pos = ascii(buf, pos, String(f.line));
    buf[pos++] = 44;
    pos = ascii(buf, pos, matricule);
    buf[pos++] = 44;
    pos = ascii(buf, pos, idcc);
    if (name !== undefined) {
      buf[pos++] = 44;
      pos = ascii(buf, pos, name);
    }
    buf[pos++] = 93;
    buf[pos++] = 10;
    this.pos = pos;
  }
}

type SharedPart = Omit<Finding, 'line' | 'matricule' | 'idcc' | 'name'>;

/**
 * The findings and summary of a stored report, one at a time. A row's finding is rebuilt with the
 * keys in the order the audit gave them and the shared part as its `SHARED_FINDING`, so that the
 * writers encode that part once per report again. A stored report cut short, or a row naming a
 * shared part never written, throws: better no report than a wrong one.
 */
export async function* readStoredFindings(input: Readable): AsyncGenerator<{ finding: Finding } | { summary: AuditSummary }> {
  const parts = new Map<string, SharedPart>();
  let summary = false;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (line === '') continue;
    if (line.charCodeAt(0) === 91) {
      const [id, at, matricule, idcc, name] = JSON.parse(line) as [string, number, string, string | null, string | undefined];
      const part = parts.get(id);
      if (!part) throw new Error(`rapport enregistré illisible (partie ${id} inconnue)`);
      const f = { line: at, matricule } as Finding;
      if (idcc !== null) f.idcc = idcc;
      Object.assign(f, part);
      if (name !== undefined) f.name = name;
      f[SHARED_FINDING] = part;
      yield { finding: f };
      continue;
    }
    // The key order of the rest is the finding's own: written again, it gives the same text.
    const { type, ...value } = JSON.parse(line) as { type: 'finding' | 'summary' | 'shared' } & Record<string, unknown>;
    if (type === 'shared') {
      const { id, ...part } = value;
      parts.set(id as string, part as unknown as SharedPart);
    } else if (type === 'summary') {
      summary = true;
      yield { summary: value as unknown as AuditSummary };
    } else yield { finding: value as unknown as Finding };
  }
  if (!summary) throw new Error('rapport enregistré incomplet (pas de résumé)');
}

/**
 * How a queued audit keeps its findings: NDJSON where the part of a finding shared by many rows
 * (rule, severity, message, reason, source, expected, due date) is written once, as a `shared`
 * line with an id, and each row that carries it as a short array:
 *
 *   {"type":"shared","id":"a7","rule":"grid-outdated",…}
 *   ["a7",12,"M0012","3168"]            (id, line, matricule, IDCC or null[, name])
 *   {"type":"text","id":"a8","text":"…"}   a long text of findings' reasons met before
 *   {"type":"compact",…,"message":0,…,"reason":{…,"params":{…,"scaleTitle":{"$t":"a8"}}}}
 *   {"type":"finding",…}                a finding shared with no other row, written whole
 *   {"type":"summary",…}
 *
 * A million-row audit repeats the same few thousand texts hundreds of thousands of times: the
 * full NDJSON report is twice the CSV one, this a third of it, and the audit's time is mostly the
 * writing and storing of its report (issue 9: the queue within 1.2 × the CLI). Every report a user
 * downloads (NDJSON, JSON, CSV) is made from it (service/derived-report.ts), byte for byte what
 * the audit would have written; an NDJSON report is read the same way (its lines are a subset).
 * The ids carry a prefix per writer, so that parts written by two threads join by concatenation.
 *
 * A finding of its own row (a pay below the minimum: a tenth of a million-row file) is `compact`
 * when it can be: its message left out (`0`) when it is the renderer's reading of its reason, which
 * the reader renders again; the long texts of its reason and source met a second time (a scale's
 * title, what its pay comparison includes, the act it cites) written once as a `text` line and
 * named by `{"$t":id}`. Its keys stay where they were. A finding is written whole when its reason
 * or source holds an object with a `$t` key of its own, which could not be told apart from a
 * reference. A million-row audit's findings: 146 MB with those findings whole, 66 MB compact.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { findingText } from '../model/findings-fr.js';
import type { FindingReason } from '../model/finding-reason.js';
import { SHARED_FINDING, type AuditSummary, type Finding } from '../roster/audit.js';
import { messageOf, renderedFromReason } from '../roster/finding.js';
import { ascii, NdjsonWriter, sharedText, type ReportSink } from './writers.js';

/** A shared finding whose rows are written whole. */
const WHOLE = Buffer.alloc(0);

/** Texts shorter than this are written where they are: a reference would save little. */
const TEXT_MIN = 40;
/** Long texts remembered per writer: a file of unique long texts (cells quoted) does not grow it further. */
const TEXTS_MAX = 4096;
/** The key of the object that stands for a text written before. */
const TEXT_REF = '$t';

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

  /** A long text's reference once written as a `text` line; null when met once. */
  private readonly texts = new Map<string, Record<string, string> | null>();

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
      this.line(`{"type":"shared","id":${id},${text}}`);
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

  /** A finding of its own row: `compact` when its message can be rendered again or a text was met before. */
  protected override plain(f: Finding): void {
    const rerender = renderedFromReason(f);
    const params = this.interned(f.reason.params);
    const source = params === undefined ? undefined : this.interned(f.source);
    // Whole: with its message, rendered now if it was left for later.
    if (params === undefined || source === undefined) return super.plain(f.message === '' ? { ...f, message: messageOf(f) } : f);
    if (!rerender && params === f.reason.params && source === f.source) return super.plain(f);
    // Spread keeps each key where it was: the reader puts the message back in its place.
    const compact: Record<string, unknown> = { type: 'compact', ...f, reason: params === f.reason.params ? f.reason : { ...f.reason, params }, source };
    if (rerender) compact.message = 0;
    this.line(JSON.stringify(compact));
  }

  /**
   * `value` with its long texts met before replaced by references (the same object when none
   * was); undefined when it holds an object keyed `$t`, which a reference could be taken for.
   */
  private interned(value: unknown): unknown {
    if (typeof value === 'string') return value.length < TEXT_MIN ? value : this.text(value);
    if (typeof value !== 'object' || value === null) return value;
    // Most values are numbers, dates and short words: passed over without a call.
    if (Array.isArray(value)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (!mayHoldText(item)) continue;
        const v = this.interned(item);
        if (v === undefined) return undefined;
        if (v !== item) (out ??= [...value])[i] = v;
      }
      return out ?? value;
    }
    const record = value as Record<string, unknown>;
    let out: Record<string, unknown> | undefined;
    for (const k in record) {
      if (k === TEXT_REF) return undefined;
      const item = record[k];
      if (!mayHoldText(item)) continue;
      const v = this.interned(item);
      if (v === undefined) return undefined;
      if (v !== item) (out ??= { ...record })[k] = v;
    }
    return out ?? value;
  }

  /** A long text: itself the first time, a reference once written as a `text` line. */
  private text(value: string): unknown {
    const ref = this.texts.get(value);
    if (ref) return ref;
    if (ref === undefined) {
      if (this.texts.size < TEXTS_MAX) this.texts.set(value, null);
      return value;
    }
    const id = `${this.prefix}${this.next++}`;
    const named = { [TEXT_REF]: id };
    this.texts.set(value, named);
    this.line(`{"type":"text","id":${JSON.stringify(id)},"text":${JSON.stringify(value)}}`);
    return named;
  }

  private line(text: string): void {
    this.room(3 * text.length + 1);
    this.pos += this.buf.write(text, this.pos);
    this.buf[this.pos++] = 10;
  }
}

/** Whether `value` is a long text or may hold one. */
function mayHoldText(value: unknown): boolean {
  return typeof value === 'string' ? value.length >= TEXT_MIN : typeof value === 'object' && value !== null;
}

/** `value` with each `{"$t":id}` replaced by its text. */
function resolved(value: unknown, texts: Map<string, string>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => resolved(v, texts));
  const ref = (value as Record<string, unknown>)[TEXT_REF];
  if (typeof ref === 'string' && Object.keys(value).length === 1) {
    const text = texts.get(ref);
    if (text === undefined) throw new Error(`rapport enregistré illisible (texte ${ref} inconnu)`);
    return text;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = resolved(v, texts);
  return out;
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
  const texts = new Map<string, string>();
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
    const { type, ...value } = JSON.parse(line) as { type: 'finding' | 'summary' | 'shared' | 'text' | 'compact' } & Record<string, unknown>;
    if (type === 'shared') {
      const { id, ...part } = value;
      parts.set(id as string, part as unknown as SharedPart);
    } else if (type === 'text') {
      texts.set(value.id as string, value.text as string);
    } else if (type === 'compact') {
      const reason = value.reason as FindingReason;
      // Assigned in place: the keys keep the order the audit gave them.
      value.reason = { ...reason, params: resolved(reason.params, texts) };
      value.source = resolved(value.source, texts);
      if (value.message === 0) value.message = findingText(value.reason as FindingReason);
      yield { finding: value as unknown as Finding };
    } else if (type === 'summary') {
      summary = true;
      yield { summary: value as unknown as AuditSummary };
    } else yield { finding: value as unknown as Finding };
  }
  if (!summary) throw new Error('rapport enregistré incomplet (pas de résumé)');
}

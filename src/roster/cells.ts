/**
 * The cells of one record as offsets into the text they were read from. A million-row CSV read
 * as arrays of strings makes fourteen million strings, most of them only looked at to find that
 * they repeat (the IDCC, the job, the position): here a cell becomes a string only when asked,
 * and the caches hash and compare cells where they lie.
 *
 * One instance is reused from row to row: a view is valid until the next row is read.
 */
export class RowCells {
  text = '';
  count = 0;
  /** Set when `text` holds bytes as characters (see read.ts): how to turn a cell into text. */
  decode: ((raw: string) => string) | undefined;
  private starts = new Int32Array(32);
  private ends = new Int32Array(32);

  /** Cells of `text[start, end)` separated by `delimiter` (no quotes inside), a final CR dropped. */
  splitLine(text: string, start: number, end: number, delimiter: string): this {
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    this.text = text;
    let n = 0;
    let from = start;
    for (;;) {
      if (n === this.starts.length) this.grow();
      this.starts[n] = from;
      let at = text.indexOf(delimiter, from);
      if (at < 0 || at > end) at = end;
      this.ends[n++] = at;
      if (at === end) break;
      from = at + delimiter.length;
    }
    this.count = n;
    return this;
  }

  /** Cells already separated (quoted CSV, XLSX). */
  setArray(cells: readonly string[]): this {
    while (cells.length > this.starts.length) this.grow();
    // A sheet row may have holes (cells never written): they read as empty.
    this.text = cells.join('');
    let at = 0;
    for (let i = 0; i < cells.length; i++) {
      this.starts[i] = at;
      at += cells[i]?.length ?? 0;
      this.ends[i] = at;
    }
    this.count = cells.length;
    return this;
  }

  /** Cell `i` as it lies in the record ('' past the last cell): bytes when the record is bytes. */
  raw(i: number): string {
    return i < this.count ? this.text.slice(this.starts[i], this.ends[i]) : '';
  }

  /** The text of cell `i` without surrounding blanks. */
  trimmed(i: number): string {
    if (i >= this.count) return '';
    const s = this.starts[i]!;
    const e = this.ends[i]!;
    if (s === e) return '';
    const t = this.text;
    if (this.decode && !isAscii(t, s, e)) return this.decode(t.slice(s, e)).trim();
    // Most cells have no blank at either end: one slice, no trim.
    if (solid(t.charCodeAt(s)) && solid(t.charCodeAt(e - 1))) return t.slice(s, e);
    return t.slice(s, e).trim();
  }

  /**
   * Cell `i` as an amount when it is plainly one — digits, one decimal comma or point, blanks
   * between thousands (space, no-break space, narrow no-break space as the encoding writes them)
   * — read from its bytes; NaN for anything else, which the caller then
   * reads the slow way (parseFrenchNumber decides for all). Hot: one per row.
   */
  plainNumber(i: number): number {
    if (i >= this.count) return NaN;
    const t = this.text;
    let k = this.starts[i]!;
    const end = this.ends[i]!;
    const bytes = this.decode !== undefined;
    const utf8 = this.decode === utf8FromBytes;
    let int = 0;
    let frac = 0;
    let scale = 1;
    let digits = 0;
    let separator = false;
    while (k < end && t.charCodeAt(k) === 32) k++;
    for (; k < end; k++) {
      const c = t.charCodeAt(k);
      if (c >= 48 && c <= 57) {
        digits++;
        if (separator) frac += (c - 48) / (scale *= 10);
        else int = int * 10 + (c - 48);
        continue;
      }
      if ((c === 44 || c === 46) && !separator && digits > 0) {
        separator = true;
        continue;
      }
      // Blanks inside the integer part only; trailing spaces end the number.
      let blank = 0;
      if (c === 32) blank = 1;
      else if (utf8 && c === 0xc2 && t.charCodeAt(k + 1) === 0xa0) blank = 2;
      else if (utf8 && c === 0xe2 && t.charCodeAt(k + 1) === 0x80 && t.charCodeAt(k + 2) === 0xaf) blank = 3;
      else if ((!bytes || !utf8) && c === 0xa0) blank = 1;
      if (blank === 0) return NaN;
      let rest = k + blank;
      while (rest < end && t.charCodeAt(rest) === 32) rest++;
      if (rest === end) break;
      if (separator || digits === 0) return NaN;
      k += blank - 1;
    }
    if (digits === 0 || (separator && scale === 1)) return NaN;
    return int + frac;
  }

  /** A row with one empty cell: a blank line of the file. */
  isBlank(): boolean {
    return this.count === 1 && this.starts[0] === this.ends[0];
  }

  length(i: number): number {
    return i < this.count ? this.ends[i]! - this.starts[i]! : 0;
  }

  /**
   * Cell `i` as the day number yyyymmdd when it is exactly JJ/MM/AAAA or AAAA-MM-JJ and a real
   * date; 0 otherwise (the caller then reads it the slow way). Hot: one per date per row.
   */
  plainDate(i: number): number {
    if (this.length(i) !== 10) return 0;
    const t = this.text;
    const s = this.starts[i]!;
    const d = (k: number) => t.charCodeAt(s + k) - 48;
    let y: number;
    let m: number;
    let day: number;
    if (d(2) === -1 && d(5) === -1) {
      // "/" is 47: d() gives -1.
      day = d(0) * 10 + d(1);
      m = d(3) * 10 + d(4);
      y = d(6) * 1000 + d(7) * 100 + d(8) * 10 + d(9);
      if (!(isDigit(d(0)) && isDigit(d(1)) && isDigit(d(3)) && isDigit(d(4)) && isDigit(d(6)) && isDigit(d(7)) && isDigit(d(8)) && isDigit(d(9)))) return 0;
    } else if (d(4) === -3 && d(7) === -3) {
      // "-" is 45.
      y = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3);
      m = d(5) * 10 + d(6);
      day = d(8) * 10 + d(9);
      if (!(isDigit(d(0)) && isDigit(d(1)) && isDigit(d(2)) && isDigit(d(3)) && isDigit(d(5)) && isDigit(d(6)) && isDigit(d(8)) && isDigit(d(9)))) return 0;
    } else return 0;
    if (m < 1 || m > 12 || day < 1) return 0;
    const last = m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
    return day <= last ? y * 10000 + m * 100 + day : 0;
  }

  /** Whether cell `i` is exactly `value`. */
  equals(i: number, value: string): boolean {
    const n = value.length;
    if (this.length(i) !== n) return false;
    // By hand: startsWith with a position costs several times more on these short cells.
    const t = this.text;
    const s = this.starts[i]!;
    for (let k = 0; k < n; k++) if (t.charCodeAt(s + k) !== value.charCodeAt(k)) return false;
    return true;
  }

  /**
   * Mixes cell `i` into the FNV-1a hash `h`. Short cells (dates, codes) are hashed whole; long ones
   * (job titles) by length and every fifth character, which is enough when entries are compared anyway.
   */
  hash(i: number, h: number): number {
    const n = this.length(i);
    h = Math.imul(h ^ n, 0x01000193);
    if (n === 0) return h;
    const t = this.text;
    const s = this.starts[i]!;
    if (n <= 16) {
      for (let k = s; k < s + n; k++) h = Math.imul(h ^ t.charCodeAt(k), 0x01000193);
    } else {
      for (let k = s; k < s + n; k += 5) h = Math.imul(h ^ t.charCodeAt(k), 0x01000193);
      h = Math.imul(h ^ t.charCodeAt(s + n - 1), 0x01000193);
    }
    return h;
  }

  private grow(): void {
    const starts = new Int32Array(this.starts.length * 2);
    const ends = new Int32Array(this.ends.length * 2);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }
}

function isAscii(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (text.charCodeAt(k) >= 128) return false;
  return true;
}

function isDigit(d: number): boolean {
  return d >= 0 && d <= 9;
}

/**
 * A copy of `s` that does not hold on to the text it was cut from: a cell kept in a cache would
 * otherwise keep its whole block (a megabyte) alive.
 */
export function detach(s: string): string {
  // V8 copies short slices anyway; longer ones share the parent's memory.
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/** Not a character that String#trim removes (white space and line ends, U+1680 and above aside). */
function solid(c: number): boolean {
  return c > 32 && c !== 0xa0 && c < 0x1680;
}

/** The rows of one block read from a staff list, visited through one reused view. */
export interface RowBatch {
  /** Calls `each` for every row, blank lines left out; returns how many it visited. */
  forEach(each: (line: number, cells: RowCells, error?: string) => void): number;
}

/** A row already cut into cells, or a record that could not be read (`error`). */
export interface ArrayRow {
  line: number;
  cells: readonly string[];
  error?: string;
}

export class ArrayBatch implements RowBatch {
  private static readonly view = new RowCells();
  constructor(
    private readonly rows: readonly ArrayRow[],
    private readonly decode?: (raw: string) => string,
  ) {}
  forEach(each: (line: number, cells: RowCells, error?: string) => void): number {
    const view = ArrayBatch.view;
    view.decode = this.decode;
    for (const r of this.rows) each(r.line, view.setArray(r.cells), r.error);
    return this.rows.length;
  }
}

/**
 * Records without quotes, one per line: the cells are found where they lie. `lineBefore` is the
 * line number of the row before the block; the block holds `lines` physical lines.
 */
export class PlainTextBatch implements RowBatch {
  private static readonly view = new RowCells();
  readonly lines: number;
  constructor(
    private readonly text: string,
    private readonly delimiter: string,
    private readonly lineBefore: number,
    private readonly decode?: (raw: string) => string,
  ) {
    let lines = 1;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
    this.lines = lines;
  }
  forEach(each: (line: number, cells: RowCells, error?: string) => void): number {
    const { text, delimiter } = this;
    const view = PlainTextBatch.view;
    view.decode = this.decode;
    let line = this.lineBefore;
    let visited = 0;
    for (let from = 0; from <= text.length; ) {
      let nl = text.indexOf('\n', from);
      if (nl < 0) nl = text.length;
      line++;
      view.splitLine(text, from, nl, delimiter);
      // A blank line is no employee; it still counts as a line of the file.
      if (!view.isBlank()) {
        visited++;
        each(line, view);
      }
      from = nl + 1;
    }
    return visited;
  }
}

/**
 * UTF-8 bytes held as characters (one per byte) → text. By hand: cells are short, and a round
 * trip through a Buffer costs several times more. Malformed bytes give U+FFFD exactly as
 * TextDecoder does (the WHATWG decoder: one per maximal invalid subpart).
 */
export function utf8FromBytes(raw: string): string {
  let out = '';
  let plainFrom = 0;
  for (let i = 0; i < raw.length; ) {
    const b = raw.charCodeAt(i);
    if (b < 0x80) {
      i++;
      continue;
    }
    out += raw.slice(plainFrom, i);
    let needed = 0;
    let code = 0;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      needed = 1;
      code = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      needed = 2;
      code = b & 0x0f;
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      needed = 3;
      code = b & 0x07;
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
    }
    let k = 1;
    for (; k <= needed; k++) {
      const c = i + k < raw.length ? raw.charCodeAt(i + k) : -1;
      if (c < lower || c > upper) break;
      code = (code << 6) | (c & 0x3f);
      lower = 0x80;
      upper = 0xbf;
    }
    if (needed > 0 && k > needed) {
      out += String.fromCodePoint(code);
      i += needed + 1;
    } else {
      // The lead byte and the continuation bytes that fitted are one error; the next byte is read anew.
      out += '\ufffd';
      i += needed > 0 ? k : 1;
    }
    plainFrom = i;
  }
  return plainFrom === 0 ? raw : out + raw.slice(plainFrom);
}

/** Windows-1252 differs from Latin-1 only between 0x80 and 0x9F. */
/** Bytes 0x80–0x9F; the five that Windows-1252 leaves undefined read as U+FFFD, as iconv-lite reads them. */
const WIN1252_HIGH = '€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffdŽ\ufffd\ufffd‘’“”•–—˜™š›œ\ufffdžŸ';

/** Windows-1252 bytes held as characters → text. */
export function win1252FromBytes(raw: string): string {
  let out: string | undefined;
  for (let i = 0; i < raw.length; i++) {
    const b = raw.charCodeAt(i);
    if (b >= 0x80 && b < 0xa0) {
      out ??= raw.slice(0, i);
      out += WIN1252_HIGH[b - 0x80];
    } else if (out !== undefined) out += raw[i];
  }
  return out ?? raw;
}

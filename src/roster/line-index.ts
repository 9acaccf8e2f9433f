/**
 * Which line each matricule was first seen on, for a million rows without a million objects: an
 * open-addressing table in typed arrays, keyed by a 53-bit hash of the matricule (two different
 * matricules sharing a hash is a chance of about 1 in 10⁴ over 10⁶ rows… squared: negligible).
 * Plain Maps of that size keep the garbage collector busy for seconds.
 */
import { detach, type RowCells } from './cells.js';

/** A LineIndex's open-addressing table: slots of keys (0 = empty) and lines. */
export interface LineTable {
  keys: Float64Array<ArrayBuffer>;
  lines: Int32Array<ArrayBuffer>;
  size: number;
}

export class LineIndex {
  private keys = new Float64Array(1 << 16);
  private lines = new Int32Array(1 << 16);
  private size = 0;

  /** The line stored for `key`, or stores `line` and returns undefined. */
  getOrSet(key: number, line: number): number | undefined {
    if (this.size * 2 >= this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    // Key 0 marks an empty slot; hashes are shifted to never be 0. The low 32 bits pick the slot
    // (`>>> 0` keeps them exactly: a float modulo would cost more).
    const k = key + 1;
    for (let i = (k >>> 0) & mask; ; i = (i + 1) & mask) {
      const slot = this.keys[i]!;
      if (slot === 0) {
        this.keys[i] = k;
        this.lines[i] = line;
        this.size++;
        return undefined;
      }
      if (slot === k) return this.lines[i];
    }
  }

  /** Makes room for `n` keys at once: growing step by step rehashes everything several times. */
  reserve(n: number): void {
    let capacity = this.keys.length;
    while (capacity < 2 * n && capacity < 1 << 26) capacity *= 2;
    if (capacity > this.keys.length) this.grow(capacity);
  }

  /** The line stored for `key`, without storing anything. */
  get(key: number): number | undefined {
    const mask = this.keys.length - 1;
    const k = key + 1;
    for (let i = (k >>> 0) & mask; ; i = (i + 1) & mask) {
      const slot = this.keys[i]!;
      if (slot === 0) return undefined;
      if (slot === k) return this.lines[i];
    }
  }

  /** The table itself, to hand to another thread (which adopts it as is); this index is spent. */
  table(): LineTable {
    const table = { keys: this.keys, lines: this.lines, size: this.size };
    this.keys = new Float64Array(1 << 4);
    this.lines = new Int32Array(1 << 4);
    this.size = 0;
    return table;
  }

  static adopt(table: LineTable): LineIndex {
    const index = new LineIndex();
    index.keys = table.keys;
    index.lines = table.lines;
    index.size = table.size;
    return index;
  }

  private grow(capacity = this.keys.length * 2): void {
    const { keys, lines } = this;
    this.keys = new Float64Array(capacity);
    this.lines = new Int32Array(capacity);
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.getOrSet(keys[i]! - 1, lines[i]!);
  }
}

/** Two 32-bit FNV-1a variants over `scope|text`, combined into one 53-bit number. */
export function hash53(scope: string, text: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < scope.length; i++) {
    const c = scope.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  a = Math.imul(a ^ 124, 0x01000193) >>> 0;
  b = Math.imul(b ^ 124, 0x5bd1e995) >>> 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return (a & 0x1fffff) * 0x100000000 + b;
}

/**
 * A cache keyed by some cells of a record, without building a key string per row: the cells are
 * hashed where they lie, then compared with the stored ones. Forgets everything past `max` entries.
 */
export class CellsCache<V> {
  private buckets = new Map<number, { cells: string[]; value: V }[]>();
  private count = 0;
  constructor(
    private readonly index: readonly number[],
    private readonly max = 50_000,
  ) {}

  private lastHash = 0;

  /** The value stored for these cells, if any (then `set` stores one without hashing again). */
  get(cells: RowCells): V | undefined {
    const index = this.index;
    let h = 0x811c9dc5;
    for (let i = 0; i < index.length; i++) h = cells.hash(index[i]!, h);
    // Kept within 30 bits: a small integer key, which a Map hashes without boxing.
    h &= 0x3fffffff;
    this.lastHash = h;
    const bucket = this.buckets.get(h);
    if (bucket) {
      outer: for (const entry of bucket) {
        for (let i = 0; i < index.length; i++) if (!cells.equals(index[i]!, entry.cells[i]!)) continue outer;
        return entry.value;
      }
    }
    return undefined;
  }

  /** Stores `value` for the cells just looked up with `get`. */
  set(cells: RowCells, value: V): void {
    if (this.count >= this.max) {
      this.buckets = new Map();
      this.count = 0;
    }
    const entry = { cells: this.index.map((i) => detach(cells.raw(i))), value };
    const bucket = this.buckets.get(this.lastHash);
    if (bucket) bucket.push(entry);
    else this.buckets.set(this.lastHash, [entry]);
    this.count++;
  }
}

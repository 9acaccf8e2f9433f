/**
 * Which line each matricule was first seen on, for a million rows without a million objects: an
 * open-addressing table in typed arrays, keyed by a 53-bit hash of the matricule (two different
 * matricules sharing a hash is a chance of about 1 in 10⁴ over 10⁶ rows… squared: negligible).
 * Plain Maps of that size keep the garbage collector busy for seconds.
 */
export class LineIndex {
  private keys = new Float64Array(1 << 16);
  private lines = new Int32Array(1 << 16);
  private size = 0;

  /** The line stored for `key`, or stores `line` and returns undefined. */
  getOrSet(key: number, line: number): number | undefined {
    if (this.size * 2 >= this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    // Key 0 marks an empty slot; hashes are shifted to never be 0.
    const k = key + 1;
    for (let i = k % mask; ; i = (i + 1) & mask) {
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

  /** The line stored for `key`, without storing anything. */
  get(key: number): number | undefined {
    const mask = this.keys.length - 1;
    const k = key + 1;
    for (let i = k % mask; ; i = (i + 1) & mask) {
      const slot = this.keys[i]!;
      if (slot === 0) return undefined;
      if (slot === k) return this.lines[i];
    }
  }

  /** The stored keys and lines, compact (to send to another thread). */
  export(): { keys: Float64Array; lines: Int32Array } {
    const keys = new Float64Array(this.size);
    const lines = new Int32Array(this.size);
    let n = 0;
    for (let i = 0; i < this.keys.length; i++) {
      if (this.keys[i] === 0) continue;
      keys[n] = this.keys[i]! - 1;
      lines[n++] = this.lines[i]!;
    }
    return { keys, lines };
  }

  static from(keys: Float64Array, lines: Int32Array): LineIndex {
    const index = new LineIndex();
    for (let i = 0; i < keys.length; i++) index.getOrSet(keys[i]!, lines[i]!);
    return index;
  }

  private grow(): void {
    const { keys, lines } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.lines = new Int32Array(keys.length * 2);
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.getOrSet(keys[i]! - 1, lines[i]!);
  }
}

/** Two 32-bit FNV-1a variants over the text, combined into one 53-bit number. */
export function hash53(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return (a & 0x1fffff) * 0x100000000 + b;
}

/**
 * A cache keyed by some cells of a record, without building a key string per row: the cells are
 * hashed, then compared with the stored ones. Forgets everything past `max` entries.
 */
export class CellsCache<V> {
  private buckets = new Map<number, { cells: string[]; value: V }[]>();
  private count = 0;
  constructor(
    private readonly index: readonly number[],
    private readonly max = 50_000,
  ) {}

  get(cells: readonly string[], make: () => V): V {
    const index = this.index;
    let h = 0x811c9dc5;
    // Short cells (dates, codes) are hashed whole; long ones (job titles) by length and a few
    // characters, which is enough since entries are compared anyway.
    for (let i = 0; i < index.length; i++) {
      const v = cells[index[i]!] ?? '';
      const n = v.length;
      h = Math.imul(h ^ n, 0x01000193);
      if (n <= 16) {
        for (let k = 0; k < n; k++) h = Math.imul(h ^ v.charCodeAt(k), 0x01000193);
      } else {
        for (let k = 0; k < n; k += 5) h = Math.imul(h ^ v.charCodeAt(k), 0x01000193);
        h = Math.imul(h ^ v.charCodeAt(n - 1), 0x01000193);
      }
    }
    const bucket = this.buckets.get(h);
    if (bucket) {
      outer: for (const entry of bucket) {
        for (let i = 0; i < index.length; i++) if (entry.cells[i] !== (cells[index[i]!] ?? '')) continue outer;
        return entry.value;
      }
    }
    if (this.count >= this.max) {
      this.buckets = new Map();
      this.count = 0;
    }
    const entry = { cells: index.map((i) => cells[i] ?? ''), value: make() };
    if (bucket) bucket.push(entry);
    else this.buckets.set(h, [entry]);
    this.count++;
    return entry.value;
  }
}

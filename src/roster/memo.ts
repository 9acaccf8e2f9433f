/** A small cache that forgets everything when full, so memory stays bounded on odd files. */
export class Memo<V> {
  private map = new Map<string, V>();
  constructor(private readonly max = 20_000) {}
  get(key: string, make: () => V): V {
    let v = this.map.get(key);
    if (v === undefined && !this.map.has(key)) {
      if (this.map.size >= this.max) this.map.clear();
      v = make();
      this.map.set(key, v);
    }
    return v as V;
  }
}

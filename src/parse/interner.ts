/**
 * Byte slice → string, the same string object for the same bytes. A log repeats its hosts, sections,
 * users and methods millions of times; returning one shared string per distinct value saves decoding
 * and allocating it per line, and lets maps downstream reuse its cached hash.
 *
 * Open addressing on an FNV-1a hash of the bytes. Bounded: past `maxEntries` distinct values, new ones
 * are decoded without being kept, so a log of a million distinct paths cannot grow it without end.
 */
export class Interner {
  #capacity: number;
  #mask: number;
  #hashes: Int32Array;
  #keys: Array<Uint8Array | undefined>;
  #values: string[];
  #size = 0;
  readonly #maxEntries: number;
  readonly #decoder = new TextDecoder();

  /** Creates an interner keeping at most `maxEntries` distinct values. */
  constructor(maxEntries = 65_536) {
    this.#maxEntries = maxEntries;
    this.#capacity = 1024;
    this.#mask = this.#capacity - 1;
    this.#hashes = new Int32Array(this.#capacity);
    this.#keys = new Array(this.#capacity);
    this.#values = new Array(this.#capacity);
  }

  /** Distinct values kept. */
  get size(): number {
    return this.#size;
  }

  /** The string for `bytes[start, end)`. */
  get(bytes: Uint8Array, start: number, end: number): string {
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 16777619);
    const len = end - start;
    let slot = h & this.#mask;
    while (true) {
      const key = this.#keys[slot];
      if (key === undefined) break;
      if (this.#hashes[slot] === h && key.length === len && sameBytes(key, bytes, start)) {
        return this.#values[slot];
      }
      slot = (slot + 1) & this.#mask;
    }
    const value = this.#decoder.decode(bytes.subarray(start, end));
    if (this.#size >= this.#maxEntries) return value;
    this.#keys[slot] = bytes.slice(start, end);
    this.#hashes[slot] = h;
    this.#values[slot] = value;
    // Keep the table at most half full so probes stay short.
    if (++this.#size * 2 > this.#capacity) this.#grow();
    return value;
  }

  #grow(): void {
    const keys = this.#keys, hashes = this.#hashes, values = this.#values;
    this.#capacity *= 2;
    this.#mask = this.#capacity - 1;
    this.#hashes = new Int32Array(this.#capacity);
    this.#keys = new Array(this.#capacity);
    this.#values = new Array(this.#capacity);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key === undefined) continue;
      let slot = hashes[i] & this.#mask;
      while (this.#keys[slot] !== undefined) slot = (slot + 1) & this.#mask;
      this.#keys[slot] = key;
      this.#hashes[slot] = hashes[i];
      this.#values[slot] = values[i];
    }
  }
}

function sameBytes(key: Uint8Array, bytes: Uint8Array, start: number): boolean {
  for (let i = 0; i < key.length; i++) if (key[i] !== bytes[start + i]) return false;
  return true;
}

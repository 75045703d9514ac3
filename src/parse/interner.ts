/** Values longer than this many bytes are never kept (the engine's tables cut keys at 256 chars). */
export const MAX_KEPT_BYTES = 256;

/**
 * Byte slice → string, the same string object for the same bytes. A log repeats its hosts, sections,
 * users and methods millions of times; returning one shared string per distinct value saves decoding
 * and allocating it per line, and lets maps downstream reuse its cached hash.
 *
 * Open addressing on an FNV-1a hash of the bytes. The kept bytes live in one growing arena rather than
 * a small typed array each: a hundred thousand tiny buffers cost far more memory than their bytes.
 * Bounded: past `maxEntries` distinct values, new ones are decoded without being kept, so a log of a
 * million distinct paths cannot grow it without end; nor are values longer than
 * {@linkcode MAX_KEPT_BYTES} kept (a "host" of a megabyte is garbage, and would cost a megabyte).
 *
 * Each kept value also has an id, its rank of arrival (0, 1, 2, …), so that the engine can count by
 * id and a parallel replay can send a small integer per field instead of a string, and the strings
 * themselves once each (`valuesSince`). An id stands for a STRING, not a byte sequence: byte sequences
 * that decode alike (invalid UTF-8 becomes U+FFFD) share the id, and so does the same string interned
 * as a string (`internString`), so that no key is ever counted under two ids.
 */
export class Interner {
  #capacity: number;
  #mask: number;
  /**
   * The table, four ints a slot, so that a probe reads one cache line: the hash, where the bytes
   * start in the arena, their length + 1 (0 = empty slot), and the id.
   */
  #slots: Int32Array;
  /** The kept values by id. */
  readonly #byId: string[] = [];
  /** The ids by value. */
  readonly #byString = new Map<string, number>();
  /** The value of the last {@linkcode intern} call that returned -1 (not kept). */
  #overflow = "";
  #arena = new Uint8Array(16 * 1024);
  #arenaUsed = 0;
  #size = 0;
  readonly #maxEntries: number;
  // A value's bytes decoded alone: a BOM at its start is part of it, as it is of the line around it
  // (a decoder that drops one would make "\ufeffGET" GET).
  readonly #decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  readonly #encoder = new TextEncoder();
  #scratch = new Uint8Array(256);
  /** Where the last value returned lies in the arena, and its id (-1 length: none yet). */
  #lastStart = 0;
  #lastLength = -1;
  #lastId = -1;

  /** Creates an interner keeping at most `maxEntries` distinct values. */
  constructor(maxEntries = 65_536) {
    this.#maxEntries = maxEntries;
    this.#capacity = 1024;
    this.#mask = this.#capacity - 1;
    this.#slots = new Int32Array(this.#capacity * SLOT);
  }

  /** Distinct values kept (ids given). */
  get size(): number {
    return this.#byId.length;
  }

  /** The string for `bytes[start, end)`. */
  get(bytes: Uint8Array, start: number, end: number): string {
    return this.value(this.intern(bytes, start, end));
  }

  /**
   * The id of `bytes[start, end)`, or -1 when the interner is full and the value is new: then
   * {@linkcode overflow} holds it, until the next call.
   */
  intern(bytes: Uint8Array, start: number, end: number, known?: string): number {
    const len = end - start;
    // The value of the last call, again? A log repeats a client, a section, a method on the lines
    // that follow (real logs: the client on half of them): a compare, without hash or probe.
    if (len === this.#lastLength) {
      const arena = this.#arena;
      const at = this.#lastStart;
      let i = 0;
      while (i < len && arena[at + i] === bytes[start + i]) i++;
      if (i === len) return this.#lastId;
    }
    let h = 0x811c9dc5 | 0;
    let high = 0;
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      high |= b;
      h = Math.imul(h ^ b, 16777619);
    }
    const arena = this.#arena;
    const slots = this.#slots;
    const mask = this.#mask;
    let slot = h & mask;
    while (true) {
      const at = slot * SLOT;
      const stored = slots[at + LENGTH];
      if (stored === 0) break;
      if (
        slots[at] === h && stored === len + 1 &&
        sameBytes(arena, slots[at + START], bytes, start, len)
      ) {
        this.#lastStart = slots[at + START];
        this.#lastLength = len;
        return this.#lastId = slots[at + ID];
      }
      slot = (slot + 1) & mask;
    }
    const value = known ?? this.#decoder.decode(bytes.subarray(start, end));
    if (len > MAX_KEPT_BYTES) {
      this.#overflow = value;
      return -1;
    }
    // ASCII bytes and their string correspond one to one: an ASCII value not found by its bytes is
    // new (internString stores the bytes it encodes), which spares a hash lookup of a fresh string
    // for every value past the bound in a log of a million distinct clients.
    const same = high < 0x80 ? undefined : this.#byString.get(value);
    if (this.#size >= this.#maxEntries) {
      if (same !== undefined) return same;
      this.#overflow = value;
      return -1;
    }
    this.#reserve(len);
    this.#arena.set(bytes.subarray(start, end), this.#arenaUsed);
    const at = slot * SLOT;
    slots[at + START] = this.#arenaUsed;
    slots[at + LENGTH] = len + 1;
    this.#arenaUsed += len;
    slots[at] = h;
    let id = same;
    if (id === undefined) {
      id = this.#byId.push(value) - 1;
      this.#byString.set(value, id);
    }
    slots[at + ID] = id;
    this.#lastStart = slots[at + START];
    this.#lastLength = len;
    this.#lastId = id;
    // Keep the table at most half full so probes stay short.
    if (++this.#size * 2 > this.#capacity) this.#grow();
    return id;
  }

  /** The id of the string `value`, as {@linkcode intern} gives it for its UTF-8 bytes. */
  internString(value: string): number {
    const known = this.#byString.get(value);
    if (known !== undefined) return known;
    if (!value.isWellFormed()) {
      // A lone surrogate: its UTF-8 encoding is U+FFFD's, whose bytes must keep naming U+FFFD. No
      // bytes decode to such a string, so it gets an id by its string alone.
      if (this.#byId.length >= this.#maxEntries) {
        this.#overflow = value;
        return -1;
      }
      const id = this.#byId.push(value) - 1;
      this.#byString.set(value, id);
      return id;
    }
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (value.length * 3 > this.#scratch.length) {
      this.#scratch = new Uint8Array(value.length * 3);
    }
    const { written } = this.#encoder.encodeInto(value, this.#scratch);
    return this.intern(this.#scratch, 0, written, value);
  }

  /** The value of `id` as {@linkcode intern} returned it (-1: the value it did not keep). */
  value(id: number): string {
    return id < 0 ? this.#overflow : this.#byId[id];
  }

  /** The value the last {@linkcode intern} call did not keep. */
  get overflow(): string {
    return this.#overflow;
  }

  /** The kept values with ids `from` onwards, in id order. */
  valuesSince(from: number): string[] {
    return this.#byId.slice(from);
  }

  #reserve(len: number): void {
    if (this.#arenaUsed + len <= this.#arena.length) return;
    const grown = new Uint8Array(Math.max(this.#arena.length * 2, this.#arenaUsed + len));
    grown.set(this.#arena.subarray(0, this.#arenaUsed));
    this.#arena = grown;
  }

  #grow(): void {
    const old = this.#slots;
    this.#capacity *= 2;
    this.#mask = this.#capacity - 1;
    const slots = this.#slots = new Int32Array(this.#capacity * SLOT);
    for (let from = 0; from < old.length; from += SLOT) {
      if (old[from + LENGTH] === 0) continue;
      let slot = old[from] & this.#mask;
      while (slots[slot * SLOT + LENGTH] !== 0) slot = (slot + 1) & this.#mask;
      slots.set(old.subarray(from, from + SLOT), slot * SLOT);
    }
  }
}

function sameBytes(
  arena: Uint8Array,
  at: number,
  bytes: Uint8Array,
  start: number,
  len: number,
): boolean {
  for (let i = 0; i < len; i++) if (arena[at + i] !== bytes[start + i]) return false;
  return true;
}

/** A slot's ints: hash, start in the arena, length + 1, id. */
const SLOT = 4, START = 1, LENGTH = 2, ID = 3;

import { ownedCopy } from "../core/tally.ts";
import { MAX_KEPT_BYTES } from "../parse/interner.ts";

/**
 * Strings → small integer ids in order of arrival, bounded: the text parsers' counterpart of the byte
 * parser's interners, so that a worker sends each distinct host, method or section once. Past
 * `maxEntries` distinct values, new ones (and long ones) get -1 and travel with their row instead.
 */
export class StringIds {
  readonly #ids = new Map<string, number>();
  readonly #values: string[] = [];
  readonly #max: number;

  /** Creates a dictionary of at most `maxEntries` values. */
  constructor(maxEntries = 65_536) {
    this.#max = maxEntries;
  }

  /** Distinct values kept. */
  get size(): number {
    return this.#values.length;
  }

  /** The id of `value` (given one now if new and there is room), or -1. */
  id(value: string): number {
    const known = this.#ids.get(value);
    if (known !== undefined) return known;
    // Long values are garbage, and are not kept (as the byte parser's interners do).
    if (this.#values.length >= this.#max || value.length > MAX_KEPT_BYTES) return -1;
    // Kept for the whole run: not a slice that would pin the whole line it was cut from.
    const kept = ownedCopy(value);
    const id = this.#values.push(kept) - 1;
    this.#ids.set(kept, id);
    return id;
  }

  /** The values with ids `from` onwards, in id order. */
  valuesSince(from: number): string[] {
    return this.#values.slice(from);
  }
}

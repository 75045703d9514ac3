/**
 * The last bytes read from a file, kept to recognise it later: if the bytes just before our read offset
 * are no longer these, the file was truncated and written again past our offset between two looks
 * (copy-then-truncate followed by a burst of writes), which its size alone cannot show. Taken from the
 * very bytes that were read, never re-read afterwards: a re-read could already see the new content.
 */

/** How many bytes before the offset are kept and compared. */
export const TAIL_MARK_BYTES = 64;

/** The last up to {@linkcode TAIL_MARK_BYTES} bytes seen by `push()`. */
export class TailMark {
  readonly #bytes = new Uint8Array(TAIL_MARK_BYTES);
  #length = 0;

  /** The bytes kept, oldest first. */
  get bytes(): Uint8Array {
    return this.#bytes.subarray(0, this.#length);
  }

  /** Records `chunk` as read right after the bytes already kept. */
  push(chunk: Uint8Array): void {
    const size = TAIL_MARK_BYTES;
    if (chunk.length >= size) {
      this.#bytes.set(chunk.subarray(chunk.length - size));
      this.#length = size;
      return;
    }
    const keep = Math.min(this.#length, size - chunk.length);
    this.#bytes.copyWithin(0, this.#length - keep, this.#length);
    this.#bytes.set(chunk, keep);
    this.#length = keep + chunk.length;
  }

  /** Forgets everything (the file is read again from its start). */
  reset(): void {
    this.#length = 0;
  }

  /** True when `bytes` are exactly the bytes kept. */
  matches(bytes: Uint8Array): boolean {
    if (bytes.length !== this.#length) return false;
    for (let i = 0; i < bytes.length; i++) if (bytes[i] !== this.#bytes[i]) return false;
    return true;
  }
}

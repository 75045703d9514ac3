/**
 * One JSON object, checked on its bytes: where the values of the keys a reader asks for lie, without
 * JSON.parse building the whole object (the user agent, the referer, …) as strings. It answers only
 * when it is sure: `scan` is true only for a line that JSON.parse (of the line decoded and trimmed)
 * would accept as an object. Anything it does not settle — a byte outside ASCII between tokens,
 * leading whitespace, nesting deeper than MAX_DEPTH — makes it say false, and the caller parses the
 * line as text, which gives the exact answer, error or not.
 *
 * Why bytes settle it: decoding turns only bytes ≥ 0x80 into other characters, and those are accepted
 * as they are inside a string (a character cut or invalid becomes U+FFFD, never a quote or a
 * backslash, since ASCII bytes are never swallowed); outside strings they are refused here. A value's
 * bytes decode alone to what they are in the decoded line as long as the decoder keeps a BOM at their
 * start (`ignoreBOM`: the line's decoder drops only the line's own, and the line starts with "{").
 */

/** A value's kind, as {@linkcode JsonObjectScan.kind} gives it (0: the key is absent). */
export const ABSENT = 0,
  STRING = 1,
  ESCAPED_STRING = 2,
  NUMBER = 3,
  TRUE = 4,
  FALSE = 5,
  NULL = 6,
  NESTED = 7;

/** Objects and arrays inside the object deeper than this are left to JSON.parse. */
const MAX_DEPTH = 32;
/** Members whose keys are remembered from line to line, and the longest key remembered. */
const LAYOUT_MEMBERS = 32, LAYOUT_KEY_BYTES = 48;

/** The top-level members of one JSON object whose keys are among those asked for. */
export class JsonObjectScan {
  readonly #keys: Uint8Array[];
  /** Open addressing of the asked keys: slot → key index + 1 (0: empty). */
  readonly #table: Int32Array;
  readonly #mask: number;
  /** By key index, for the last member with that key (JSON.parse keeps the last). */
  readonly #kind: Uint8Array;
  readonly #start: Int32Array;
  readonly #end: Int32Array;
  /** The asked keys seen on this line, in the order first seen (cleared before the next line). */
  readonly #seen: Int32Array;
  #seenCount = 0;
  /** Whether every asked key's value is a string without escapes, a number or a literal. */
  #plain = true;
  /**
   * The keys of the lines so far, member by member (the last seen at each place): their bytes
   * (LAYOUT_KEY_BYTES a member), their length (-1: none kept) and their asked key's index (or -1).
   */
  readonly #layoutBytes = new Uint8Array(LAYOUT_MEMBERS * LAYOUT_KEY_BYTES);
  readonly #layoutLength = new Int32Array(LAYOUT_MEMBERS).fill(-1);
  readonly #layoutKey = new Int32Array(LAYOUT_MEMBERS);

  /** Creates a scan that keeps the members of `keys` (ASCII names without escapes). */
  constructor(keys: readonly string[]) {
    const encoder = new TextEncoder();
    this.#keys = keys.map((k) => encoder.encode(k));
    let size = 16;
    while (size < keys.length * 4) size *= 2;
    this.#table = new Int32Array(size);
    this.#mask = size - 1;
    this.#keys.forEach((bytes, k) => {
      let slot = keyHash(bytes, 0, bytes.length) & this.#mask;
      while (this.#table[slot] !== 0) slot = (slot + 1) & this.#mask;
      this.#table[slot] = k + 1;
    });
    this.#kind = new Uint8Array(keys.length);
    this.#start = new Int32Array(keys.length);
    this.#end = new Int32Array(keys.length);
    this.#seen = new Int32Array(keys.length);
  }

  /** Asked keys present on the line scanned. */
  get seenCount(): number {
    return this.#seenCount;
  }

  /** The index of the `n`th asked key present on the line scanned. */
  seen(n: number): number {
    return this.#seen[n];
  }

  /**
   * Whether every asked key's value on the line scanned is a string without escapes, a number, true,
   * false or null: values the bytes give exactly. Objects, arrays and escapes are left to JSON.parse.
   */
  get plain(): boolean {
    return this.#plain;
  }

  /** The kind of the value of key `k` (its index among the keys asked for) on the line scanned. */
  kind(k: number): number {
    return this.#kind[k];
  }

  /** Where the value of key `k` starts: for a string, its first byte after the quote. */
  start(k: number): number {
    return this.#start[k];
  }

  /** Where the value of key `k` ends: for a string, its closing quote. */
  end(k: number): number {
    return this.#end[k];
  }

  /**
   * Scans `buf[start, end)`: true when it is one JSON object, then followed only by JSON whitespace,
   * with the asked keys' values found; false when the line is not surely one (the caller parses it as
   * text).
   */
  scan(buf: Uint8Array, start: number, end: number): boolean {
    for (let s = 0; s < this.#seenCount; s++) this.#kind[this.#seen[s]] = ABSENT;
    this.#seenCount = 0;
    this.#plain = true;
    if (start >= end || buf[start] !== LBRACE) return false;
    let i = skipSpace(buf, start + 1, end);
    if (i < end && buf[i] === RBRACE) return trailingSpaceOnly(buf, i + 1, end);
    for (let member = 0;; member++) {
      if (i >= end || buf[i] !== QUOTE) return false;
      const keyStart = i + 1;
      let j: number, k: number;
      const known = this.#sameKey(buf, keyStart, end, member);
      if (known >= 0) {
        // The key the last line had here (a server writes its keys in one order): no hash, no probe.
        j = known;
        k = this.#layoutKey[member];
      } else {
        // The key: its hash on the way (keyHash, inline), for the table of asked keys.
        let h = 0x811c9dc5 | 0;
        j = keyStart;
        for (; j < end; j++) {
          const c = buf[j];
          if (c === QUOTE || c === BACKSLASH || c < 0x20) break;
          h = Math.imul(h ^ c, 16777619);
        }
        if (j >= end || buf[j] !== QUOTE) {
          // An escape in a key could spell an asked one: not settled here.
          return false;
        }
        k = this.#lookup(buf, keyStart, j, h);
        this.#learnKey(buf, keyStart, j, member, k);
      }
      i = skipSpace(buf, j + 1, end);
      if (i >= end || buf[i] !== COLON) return false;
      i = skipSpace(buf, i + 1, end);
      if (i >= end) return false;
      // The value.
      const c = buf[i];
      let kind: number;
      let valueStart = i, valueEnd: number;
      if (c === QUOTE) {
        valueStart = i + 1;
        kind = STRING;
        let q = valueStart;
        while (true) {
          // Most bytes of a line are inside strings: one table load a byte finds their ends.
          while (q < end && SPECIAL[buf[q]] === 0) q++;
          if (q >= end) return false;
          const b = buf[q];
          if (b === QUOTE) break;
          if (b !== BACKSLASH) return false;
          q = escapeEnd(buf, q, end);
          if (q < 0) return false;
          kind = ESCAPED_STRING;
        }
        valueEnd = q;
        i = q + 1;
      } else if (c === LBRACE || c === LBRACKET) {
        kind = NESTED;
        valueEnd = skipNested(buf, i, end, 1);
        if (valueEnd < 0) return false;
        i = valueEnd;
      } else if (c === MINUS || (c >= ZERO && c <= NINE)) {
        kind = NUMBER;
        valueEnd = numberEnd(buf, i, end);
        if (valueEnd < 0) return false;
        i = valueEnd;
      } else {
        kind = literalKind(buf, i, end);
        if (kind === ABSENT) return false;
        valueEnd = i + (kind === FALSE ? 5 : 4);
        i = valueEnd;
      }
      if (k >= 0) {
        if (this.#kind[k] === ABSENT) this.#seen[this.#seenCount++] = k;
        if (kind === NESTED || kind === ESCAPED_STRING) this.#plain = false;
        this.#kind[k] = kind;
        this.#start[k] = valueStart;
        this.#end[k] = valueEnd;
      }
      i = skipSpace(buf, i, end);
      if (i >= end) return false;
      const sep = buf[i];
      if (sep === RBRACE) return trailingSpaceOnly(buf, i + 1, end);
      if (sep !== COMMA) return false;
      i = skipSpace(buf, i + 1, end);
    }
  }

  /**
   * Where the key at `buf[from]` ends (its closing quote) when it is the key the last line had as
   * member `member`, byte for byte; else -1. Those bytes were checked then: a key without escapes.
   */
  #sameKey(buf: Uint8Array, from: number, end: number, member: number): number {
    if (member >= LAYOUT_MEMBERS) return -1;
    const len = this.#layoutLength[member];
    if (len < 0 || from + len >= end || buf[from + len] !== QUOTE) return -1;
    const bytes = this.#layoutBytes;
    const at = member * LAYOUT_KEY_BYTES;
    for (let x = 0; x < len; x++) if (bytes[at + x] !== buf[from + x]) return -1;
    return from + len;
  }

  /** Keeps the key `buf[from, to)` (asked key `k`, or -1) as member `member` of the layout. */
  #learnKey(buf: Uint8Array, from: number, to: number, member: number, k: number): void {
    if (member >= LAYOUT_MEMBERS) return;
    const len = to - from;
    if (len > LAYOUT_KEY_BYTES) {
      this.#layoutLength[member] = -1;
      return;
    }
    const bytes = this.#layoutBytes;
    const at = member * LAYOUT_KEY_BYTES;
    for (let x = 0; x < len; x++) bytes[at + x] = buf[from + x];
    this.#layoutLength[member] = len;
    this.#layoutKey[member] = k;
  }

  /** The index of the asked key `buf[from, to)` (hash `h`), or -1. */
  #lookup(buf: Uint8Array, from: number, to: number, h: number): number {
    const table = this.#table;
    const mask = this.#mask;
    const len = to - from;
    for (let slot = h & mask;; slot = (slot + 1) & mask) {
      const entry = table[slot];
      if (entry === 0) return -1;
      const key = this.#keys[entry - 1];
      if (key.length === len) {
        let same = true;
        for (let x = 0; x < len; x++) {
          if (key[x] !== buf[from + x]) {
            same = false;
            break;
          }
        }
        if (same) return entry - 1;
      }
    }
  }
}

/** FNV-1a of `bytes[from, to)`, as the scan hashes a key on its way through. */
function keyHash(bytes: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = from; i < to; i++) h = Math.imul(h ^ bytes[i], 16777619);
  return h;
}

/** JSON's whitespace inside a line (a line holds no newline). */
function skipSpace(buf: Uint8Array, i: number, end: number): number {
  while (i < end) {
    const c = buf[i];
    if (c !== SPACE && c !== TAB && c !== CR) break;
    i++;
  }
  return i;
}

/** Whether `buf[i, end)` is JSON whitespace only (which trim() also removes). */
function trailingSpaceOnly(buf: Uint8Array, i: number, end: number): boolean {
  return skipSpace(buf, i, end) === end;
}

/** One past the escape at `buf[at]` (a backslash), or -1 when JSON has no such escape. */
function escapeEnd(buf: Uint8Array, at: number, end: number): number {
  if (at + 1 >= end) return -1;
  const c = buf[at + 1];
  if (
    c === QUOTE || c === BACKSLASH || c === SLASH || c === 98 || c === 102 || c === 110 ||
    c === 114 || c === 116
  ) {
    return at + 2;
  }
  if (c !== 117 || at + 6 > end) return -1;
  for (let k = at + 2; k < at + 6; k++) {
    const h = buf[k];
    if (!((h >= ZERO && h <= NINE) || (h >= 65 && h <= 70) || (h >= 97 && h <= 102))) return -1;
  }
  return at + 6;
}

/**
 * One past the number starting at `buf[i]`, by JSON's grammar
 * (`-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`), or -1.
 */
function numberEnd(buf: Uint8Array, i: number, end: number): number {
  if (buf[i] === MINUS) i++;
  if (i >= end) return -1;
  if (buf[i] === ZERO) i++;
  else if (buf[i] >= ONE && buf[i] <= NINE) {
    while (i < end && buf[i] >= ZERO && buf[i] <= NINE) i++;
  } else return -1;
  if (i < end && buf[i] === DOT) {
    const from = ++i;
    while (i < end && buf[i] >= ZERO && buf[i] <= NINE) i++;
    if (i === from) return -1;
  }
  if (i < end && (buf[i] === 101 || buf[i] === 69)) {
    i++;
    if (i < end && (buf[i] === PLUS || buf[i] === MINUS)) i++;
    const from = i;
    while (i < end && buf[i] >= ZERO && buf[i] <= NINE) i++;
    if (i === from) return -1;
  }
  return i;
}

/** TRUE, FALSE or NULL for the literal at `buf[i]`, else ABSENT. */
function literalKind(buf: Uint8Array, i: number, end: number): number {
  const c = buf[i];
  if (c === 116) return matches(buf, i, end, TRUE_BYTES) ? TRUE : ABSENT;
  if (c === 102) return matches(buf, i, end, FALSE_BYTES) ? FALSE : ABSENT;
  if (c === 110) return matches(buf, i, end, NULL_BYTES) ? NULL : ABSENT;
  return ABSENT;
}

function matches(buf: Uint8Array, i: number, end: number, word: Uint8Array): boolean {
  if (i + word.length > end) return false;
  for (let k = 0; k < word.length; k++) if (buf[i + k] !== word[k]) return false;
  return true;
}

/** One past the object or array at `buf[i]`, checked whole, at nesting `depth`; or -1. */
function skipNested(buf: Uint8Array, i: number, end: number, depth: number): number {
  if (depth > MAX_DEPTH) return -1;
  const close = buf[i] === LBRACE ? RBRACE : RBRACKET;
  const isObject = close === RBRACE;
  i = skipSpace(buf, i + 1, end);
  if (i < end && buf[i] === close) return i + 1;
  while (true) {
    if (isObject) {
      if (i >= end || buf[i] !== QUOTE) return -1;
      i = stringEnd(buf, i, end);
      if (i < 0) return -1;
      i = skipSpace(buf, i, end);
      if (i >= end || buf[i] !== COLON) return -1;
      i = skipSpace(buf, i + 1, end);
    }
    i = valueEnd(buf, i, end, depth);
    if (i < 0) return -1;
    i = skipSpace(buf, i, end);
    if (i >= end) return -1;
    if (buf[i] === close) return i + 1;
    if (buf[i] !== COMMA) return -1;
    i = skipSpace(buf, i + 1, end);
  }
}

/** One past any value at `buf[i]`, or -1. */
function valueEnd(buf: Uint8Array, i: number, end: number, depth: number): number {
  if (i >= end) return -1;
  const c = buf[i];
  if (c === QUOTE) return stringEnd(buf, i, end);
  if (c === LBRACE || c === LBRACKET) return skipNested(buf, i, end, depth + 1);
  if (c === MINUS || (c >= ZERO && c <= NINE)) return numberEnd(buf, i, end);
  const kind = literalKind(buf, i, end);
  if (kind === ABSENT) return -1;
  return i + (kind === FALSE ? 5 : 4);
}

/** One past the closing quote of the string at `buf[i]` (its opening quote), or -1. */
function stringEnd(buf: Uint8Array, i: number, end: number): number {
  let q = i + 1;
  while (true) {
    while (q < end && SPECIAL[buf[q]] === 0) q++;
    if (q >= end) return -1;
    const b = buf[q];
    if (b === QUOTE) return q + 1;
    if (b !== BACKSLASH) return -1;
    q = escapeEnd(buf, q, end);
    if (q < 0) return -1;
  }
}

/** 1 for the bytes that end a run of a string's plain bytes: a quote, a backslash, a control. */
const SPECIAL = new Uint8Array(256);
for (let b = 0; b < 0x20; b++) SPECIAL[b] = 1;
SPECIAL[34] = SPECIAL[92] = 1;

const TRUE_BYTES = new TextEncoder().encode("true");
const FALSE_BYTES = new TextEncoder().encode("false");
const NULL_BYTES = new TextEncoder().encode("null");
const SPACE = 32, TAB = 9, CR = 13, QUOTE = 34, BACKSLASH = 92, SLASH = 47, COLON = 58;
const COMMA = 44, LBRACE = 123, RBRACE = 125, LBRACKET = 91, RBRACKET = 93;
const MINUS = 45, PLUS = 43, DOT = 46, ZERO = 48, ONE = 49, NINE = 57;

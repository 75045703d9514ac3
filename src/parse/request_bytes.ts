/**
 * Method, path and section from the bytes of a request line (`GET /a/b?q HTTP/1.1`), by the rules of
 * section.ts, interned into the run's dictionaries: shared by the byte parsers of Combined and CSV.
 */
import type { ByteDictionaries, ByteRecord } from "./byte_record.ts";
import { NO_PATH } from "./section.ts";
import { indexOf } from "./ascii_bytes.ts";

/** The values a request line without a method or a path stands for, as bytes to intern. */
const DASH_BYTES = new TextEncoder().encode("-");
const SLASH_BYTES = new TextEncoder().encode("/");
const NO_PATH_BYTES = new TextEncoder().encode(NO_PATH);

/** Method, path and section from the request line `buf[from, to)`. */
export function setRequest(
  buf: Uint8Array,
  from: number,
  to: number,
  out: ByteRecord,
  d: ByteDictionaries,
): void {
  const sp = indexOf(buf, SPACE, from, to);
  if (sp < 0) {
    setWholeAsMethod(buf, from, to, out, d);
    return;
  }
  setMethod(buf, from, sp, out, d);
  const sp2 = indexOf(buf, SPACE, sp + 1, to);
  setTarget(buf, sp + 1, sp2 < 0 ? to : sp2, out, d);
}

/**
 * Where a request line's parts lie, found on the way to its closing quote by {@linkcode scanQuoted}:
 * the spaces after the method and after the target (-1: none), and for a target that starts with
 * "/", where its path ends (at "?" or "#") and its second "/" (-1: none).
 */
export class RequestMarks {
  space1 = -1;
  space2 = -1;
  /** -1 when the target does not start with "/" (an absolute URL, "*", nothing). */
  pathEnd = -1;
  second = -1;

  /** No part found yet. */
  reset(): void {
    this.space1 =
      this.space2 =
      this.pathEnd =
      this.second =
        -1;
  }
}

/**
 * Index of the quote closing the request line that starts at `from` (a `\"` does not close it), or -1
 * before `len`; on the way, `marks` gets where the line's parts lie, so that no byte of it is read
 * twice ({@linkcode setMarkedRequest} then interns them).
 */
export function scanQuoted(
  buf: Uint8Array,
  from: number,
  len: number,
  marks: RequestMarks,
): number {
  marks.reset();
  // The method, up to the first space.
  let i = wordEnd(buf, from, len);
  if (i >= len) return -1;
  if (buf[i] === QUOTE) return i;
  marks.space1 = i++;
  if (i < len && buf[i] === SLASH) {
    // The target: its path's end and second slash, as setTarget finds them.
    i++;
    let pathEnd = -1, second = -1;
    for (; i < len; i++) {
      const c = buf[i];
      if (c === SPACE || (c === QUOTE && closes(buf, i))) break;
      if (pathEnd < 0) {
        if (c === QUESTION || c === HASH) pathEnd = i;
        else if (c === SLASH && second < 0) second = i;
      }
    }
    marks.pathEnd = pathEnd < 0 ? i : pathEnd;
    marks.second = second;
  } else i = wordEnd(buf, i, len);
  if (i >= len) return -1;
  if (buf[i] === QUOTE) return i;
  marks.space2 = i++;
  // The rest (the protocol, or more words): only its end matters.
  for (; i < len; i++) if (buf[i] === QUOTE && closes(buf, i)) return i;
  return -1;
}

/** The first space or closing quote in `buf[i, len)`, or `len`. */
function wordEnd(buf: Uint8Array, i: number, len: number): number {
  for (; i < len; i++) {
    const c = buf[i];
    if (c === SPACE || (c === QUOTE && closes(buf, i))) return i;
  }
  return len;
}

/** Whether the quote at `q` closes its field: not escaped by an odd run of backslashes. */
function closes(buf: Uint8Array, q: number): boolean {
  let n = 0;
  for (let i = q - 1; i >= 0 && buf[i] === BACKSLASH; i--) n++;
  return n % 2 === 0;
}

/**
 * What {@linkcode setRequest} does for the request line `buf[from, to)`, from the marks
 * {@linkcode scanQuoted} left: the same method, path and section.
 */
export function setMarkedRequest(
  buf: Uint8Array,
  from: number,
  to: number,
  marks: RequestMarks,
  out: ByteRecord,
  d: ByteDictionaries,
): void {
  const sp = marks.space1;
  if (sp < 0) {
    setWholeAsMethod(buf, from, to, out, d);
    return;
  }
  setMethod(buf, from, sp, out, d);
  const targetEnd = marks.space2 < 0 ? to : marks.space2;
  if (marks.pathEnd < 0) {
    setTarget(buf, sp + 1, targetEnd, out, d);
    return;
  }
  setPath(buf, sp + 1, marks.pathEnd, marks.second, out, d);
}

/** Path and section from the request target `buf[from, targetEnd)` (pathOf and sectionOf). */
export function setTarget(
  buf: Uint8Array,
  from: number,
  targetEnd: number,
  out: ByteRecord,
  d: ByteDictionaries,
): void {
  let start = from;
  if (start >= targetEnd || buf[start] !== SLASH) {
    // Absolute URL: skip "scheme://authority" to the path.
    const scheme = indexOfSchemeSep(buf, start, targetEnd);
    if (scheme < 0) {
      setNoPath(out, d);
      return;
    }
    start = indexOf(buf, SLASH, scheme + 3, targetEnd);
    if (start < 0) {
      // An absolute URL without a path (`http://host`) is the root.
      out.path = "/";
      setSection(SLASH_BYTES, 0, 1, out, d);
      return;
    }
  }
  let pathEnd = targetEnd;
  let second = -1;
  for (let k = start + 1; k < targetEnd; k++) {
    const c = buf[k];
    if (c === QUESTION || c === HASH) {
      pathEnd = k;
      break;
    }
    if (c === SLASH && second < 0) second = k;
  }
  setPath(buf, start, pathEnd, second, out, d);
}

/** The path `buf[start, pathEnd)` and its section, up to its `second` slash (-1: the whole path). */
function setPath(
  buf: Uint8Array,
  start: number,
  pathEnd: number,
  second: number,
  out: ByteRecord,
  d: ByteDictionaries,
): void {
  out.pathAt(buf, start, pathEnd);
  setSection(buf, start, second < 0 ? pathEnd : second, out, d);
}

/** A request line of one word (or none: `-`) is its method, without a path. */
export function setWholeAsMethod(
  buf: Uint8Array,
  from: number,
  to: number,
  out: ByteRecord,
  d: ByteDictionaries,
): void {
  if (from === to) setMethod(DASH_BYTES, 0, 1, out, d);
  else setMethod(buf, from, to, out, d);
  setNoPath(out, d);
}

function setMethod(
  buf: Uint8Array,
  from: number,
  to: number,
  out: ByteRecord,
  d: ByteDictionaries,
): void {
  const methods = d.methods;
  out.method = methods.value(out.methodId = methods.intern(buf, from, to));
}

function setSection(
  buf: Uint8Array,
  from: number,
  to: number,
  out: ByteRecord,
  d: ByteDictionaries,
): void {
  const sections = d.sections;
  out.section = sections.value(out.sectionId = sections.intern(buf, from, to));
}

/** A request without a path (`-`, `OPTIONS *`, `CONNECT host:443`) counts under its own section. */
function setNoPath(out: ByteRecord, d: ByteDictionaries): void {
  out.path = NO_PATH;
  setSection(NO_PATH_BYTES, 0, NO_PATH_BYTES.length, out, d);
}

/**
 * Index of the first "://" in `buf[from, to)`, or -1 — also when it is at `from` (as `pathOf`
 * requires: `://h/x` has no scheme, and is not a path, whatever follows).
 */
function indexOfSchemeSep(buf: Uint8Array, from: number, to: number): number {
  for (let i = from; i + 2 < to; i++) {
    if (buf[i] === COLON && buf[i + 1] === SLASH && buf[i + 2] === SLASH) return i > from ? i : -1;
  }
  return -1;
}

const SPACE = 32, SLASH = 47, QUESTION = 63, HASH = 35, COLON = 58, QUOTE = 34, BACKSLASH = 92;

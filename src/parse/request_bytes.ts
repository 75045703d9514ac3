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

const SPACE = 32, SLASH = 47, QUESTION = 63, HASH = 35, COLON = 58;

/**
 * Request target → path and section (spec §2). A target may be an absolute URL (`http://host/a/b`), in
 * which case its path is used; the query string and fragment are never part of the path.
 */

/**
 * The path, and so the section, of a request that has none: a request line `-` (a client that sent
 * nothing), `OPTIONS *`, `CONNECT host:443`. Counted under a section of its own, so that such requests
 * neither vanish nor swell `/`.
 */
export const NO_PATH = "(no path)";

/**
 * Returns the path of a request target: the absolute-URL prefix, query string and fragment removed.
 * An absolute URL without a path (`http://host`) is `/`; a target that is not a path (`*`, `-`, an
 * authority such as `host:443` for CONNECT, or empty) gives {@linkcode NO_PATH}.
 */
export function pathOf(target: string): string {
  let start = 0;
  if (target.charCodeAt(0) !== SLASH) {
    // Absolute URL: skip "scheme://authority" to the path.
    const scheme = target.indexOf("://");
    if (scheme <= 0) return NO_PATH;
    start = target.indexOf("/", scheme + 3);
    if (start < 0) return "/";
  }
  let end = target.length;
  for (let i = start; i < end; i++) {
    const c = target.charCodeAt(i);
    if (c === QUESTION || c === HASH) {
      end = i;
      break;
    }
  }
  return start === 0 && end === target.length ? target : target.slice(start, end);
}

/** Returns the section of a path: up to, not including, its second `/` (`/pages/create` → `/pages`). */
export function sectionOf(path: string): string {
  const second = path.indexOf("/", 1);
  return second < 0 ? path : path.slice(0, second);
}

/**
 * Sets `out.path` and `out.section` from the request target `line[from, to)` without cutting the target
 * out first: one substring for the path, and one more for the section only when the path has a second
 * slash. Same rules as {@linkcode pathOf} and {@linkcode sectionOf}.
 */
export function setTarget(
  line: string,
  from: number,
  to: number,
  out: { path: string; section: string },
): void {
  let start = from;
  if (line.charCodeAt(from) !== SLASH) {
    const scheme = line.indexOf("://", from);
    if (scheme <= from || scheme >= to) {
      out.path = out.section = NO_PATH;
      return;
    }
    start = line.indexOf("/", scheme + 3);
    if (start < 0 || start >= to) {
      out.path = "/";
      out.section = "/";
      return;
    }
  }
  let end = to;
  const q = line.indexOf("?", start);
  if (q >= 0 && q < end) end = q;
  const h = line.indexOf("#", start);
  if (h >= 0 && h < end) end = h;
  const path = line.slice(start, end);
  out.path = path;
  const second = line.indexOf("/", start + 1);
  out.section = second < 0 || second >= end ? path : line.slice(start, second);
}

/**
 * The method in `line[from, to)`. The common ones come back as shared constants, so a replay does not
 * cut millions of copies of "GET"; others are cut as they are.
 */
export function methodAt(line: string, from: number, to: number): string {
  for (const method of METHODS) {
    if (method.length === to - from && sameChars(line, from, method)) return method;
  }
  return line.slice(from, to);
}

const METHODS = ["GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH"];

function sameChars(line: string, from: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (line.charCodeAt(from + i) !== text.charCodeAt(i)) return false;
  }
  return true;
}

const SLASH = 47;
const QUESTION = 63;
const HASH = 35;

/**
 * Request target → path and section (spec §2). A target may be an absolute URL (`http://host/a/b`), in
 * which case its path is used; the query string and fragment are never part of the path.
 */

/**
 * Returns the path of a request target: the absolute-URL prefix, query string and fragment removed.
 * A target that is not a path (`*`, `-`, an authority such as `host:443` for CONNECT, or empty) gives `/`.
 */
export function pathOf(target: string): string {
  let start = 0;
  if (target.charCodeAt(0) !== SLASH) {
    // Absolute URL: skip "scheme://authority" to the path.
    const scheme = target.indexOf("://");
    if (scheme <= 0) return "/";
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

const SLASH = 47;
const QUESTION = 63;
const HASH = 35;

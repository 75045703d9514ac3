/**
 * The four path operations monilog uses, answering as node:path's POSIX ones do (the property test
 * in tests/source/posix_path_test.ts holds them to it). node:path wakes Deno's Node-compatibility
 * layer, about 5 ms of every start, for a few lines of string work. Paths are POSIX only, as monilog
 * watches logs on Unix hosts: a backslash is part of a name, not a separator.
 */

const SLASH = 0x2f;

/** The last name of `path`, trailing slashes ignored: "" for "/" and "". */
export function basename(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === SLASH) end--;
  if (end === 0) return "";
  return path.slice(path.lastIndexOf("/", end - 1) + 1, end);
}

/**
 * `path` without its last name: "." when it has no directory, "/" (or "//", as POSIX lets a leading
 * double slash stand) at the root. The separator before the name goes, but not others ("a//b": "a/").
 */
export function dirname(path: string): string {
  if (path.length === 0) return ".";
  // Index 0 is looked at only as the root: "/a" has the root as its directory.
  let i = path.length - 1;
  while (i >= 1 && path.charCodeAt(i) === SLASH) i--;
  while (i >= 1 && path.charCodeAt(i) !== SLASH) i--;
  const rooted = path.charCodeAt(0) === SLASH;
  if (i < 1) return rooted ? "/" : ".";
  if (rooted && i === 1) return "//";
  return path.slice(0, i);
}

/** The non-empty `parts` joined by "/" and normalized; "." when nothing is left. */
export function join(...parts: string[]): string {
  const given = parts.filter((p) => p.length > 0);
  return given.length === 0 ? "." : normalize(given.join("/"));
}

/**
 * `path` made absolute against the working directory (`cwd`, an absolute path) and normalized,
 * without a trailing slash. The directory is asked for only for a relative path: the one monilog
 * started in may be gone since.
 */
export function resolve(path: string, cwd: () => string = Deno.cwd): string {
  const whole = path.charCodeAt(0) === SLASH ? path : `${cwd()}/${path}`;
  return `/${segments(whole, false)}`;
}

/** `path` with "." and empty names dropped and each ".." taking back a name. */
function normalize(path: string): string {
  const rooted = path.charCodeAt(0) === SLASH;
  const trailing = path.charCodeAt(path.length - 1) === SLASH;
  let rest = segments(path, !rooted);
  if (rest.length === 0) {
    if (rooted) return "/";
    return trailing ? "./" : ".";
  }
  if (trailing) rest += "/";
  return rooted ? `/${rest}` : rest;
}

/**
 * The names of `path` after "." and ".." are applied; a ".." above the start is kept when
 * `aboveStart` (a relative path), dropped at the root otherwise.
 */
function segments(path: string, aboveStart: boolean): string {
  const names: string[] = [];
  for (const name of path.split("/")) {
    if (name === "" || name === ".") continue;
    if (name !== "..") names.push(name);
    else if (names.length > 0 && names[names.length - 1] !== "..") names.pop();
    else if (aboveStart) names.push("..");
  }
  return names.join("/");
}

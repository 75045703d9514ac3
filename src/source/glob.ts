/**
 * `--file` patterns: a path whose file name may hold `*`, `?` and `[…]` wildcards (the directory is
 * literal), matched against the names in its directory. A wildcard never matches a leading dot, as in
 * a shell.
 */
import { basename, dirname, join } from "./posix_path.ts";

/**
 * True when `pattern`'s file name holds a wildcard and no file has that very name: a log named
 * `site[1].log` is a file, as a shell would take it.
 */
export function isGlob(pattern: string): boolean {
  if (!/[*?[]/.test(basename(pattern))) return false;
  try {
    Deno.statSync(pattern);
    return false;
  } catch {
    return true;
  }
}

/** The problem with `pattern`, or undefined when it can be used: wildcards only in the file name. */
export function globProblem(pattern: string): string | undefined {
  if (/[*?[]/.test(dirname(pattern))) {
    return `"${pattern}": wildcards may only be in the file name, not in its directory`;
  }
  return undefined;
}

/** The regular expression for a file-name pattern. */
export function nameMatcher(namePattern: string): RegExp {
  let re = "";
  for (let i = 0; i < namePattern.length; i++) {
    const c = namePattern[i];
    if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const close = namePattern.indexOf("]", i + 2);
      if (close < 0) re += "\\[";
      else {
        const body = namePattern.slice(i + 1, close).replace(/^!/, "^").replace(/\\/g, "\\\\");
        re += `[${body}]`;
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  // No leading dot from a wildcard: `*.log` does not match `.hidden.log`.
  return new RegExp(/^[*?[]/.test(namePattern) ? `^(?!\\.)${re}$` : `^${re}$`);
}

/** The files in `pattern`'s directory whose names match it, sorted; [] when it cannot be listed. */
export async function expandGlob(pattern: string): Promise<string[]> {
  const dir = dirname(pattern);
  const matcher = nameMatcher(basename(pattern));
  const found: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      if ((entry.isFile || entry.isSymlink) && matcher.test(entry.name)) {
        found.push(join(dir, entry.name));
      }
    }
  } catch {
    return [];
  }
  return found.sort();
}

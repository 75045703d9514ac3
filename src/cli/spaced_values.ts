/**
 * `--rates 9 11 8`: the spec gives some options several values after one flag. Stricli (like most
 * parsers) takes one value a flag and lets the flag repeat; this rewrites the words into that form,
 * `--rates 9 --rates 11 --rates 8`, before it parses them. The word right after the flag is its value
 * whatever it looks like (so `--rates -1` is a bad value, not an unknown option); the words after
 * that are values up to the first that starts with `-`, as with commander's variadic options.
 */

/** `args` with the values that follow each of `flags` (long names, `--rates`) given one flag each. */
export function expandSpaced(args: readonly string[], flags: ReadonlySet<string>): string[] {
  if (flags.size === 0) return [...args];
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    out.push(word);
    if (word === "--") {
      out.push(...args.slice(i + 1));
      break;
    }
    const eq = word.indexOf("=");
    const flag = eq > 0 ? word.slice(0, eq) : word;
    if (!flags.has(flag)) continue;
    if (eq < 0) {
      if (i + 1 >= args.length) continue;
      out.push(args[++i]);
    }
    while (i + 1 < args.length && !args[i + 1].startsWith("-")) out.push(flag, args[++i]);
  }
  return out;
}

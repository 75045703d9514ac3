/**
 * The regular file standard output was redirected to (`> report.txt`), through Node's fd calls: Deno
 * has no stat or truncate of its stdout, and its permission model asks for all access before it
 * stats /dev/stdout. Its size before the first line is what lets a line cut by a full disk be taken
 * back (line_output.ts), so a monitor whose standard output is not a terminal pays node:fs's load
 * (~15 ms; deno_runtime.ts imports this file only then).
 */
import { fstatSync, ftruncateSync } from "node:fs";
import type { StdoutFile } from "./line_output.ts";

/** Standard output's file, if it is one. */
export const stdoutFile: StdoutFile = {
  size() {
    try {
      const st = fstatSync(1);
      return st.isFile() ? st.size : undefined;
    } catch {
      return undefined;
    }
  },
  truncate: (length) => ftruncateSync(1, length),
};

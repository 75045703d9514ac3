/**
 * How monilog runs, in one place: its permission set (deno.json "permissions") and the V8 flags that
 * bound its memory. The run tasks (deno.json), the CLI tests, simulate, bench and the compile task all
 * use these, and a test holds deno.json to them, so that what is tested is what ships.
 */

/** The name of monilog's permission set in deno.json. */
export const PERMISSION_SET = "monilog";

/**
 * V8 heap limits. monilog's live data stays near 20 MB whatever the log (bounded tables and
 * dictionaries), but a log of a new client on every line makes strings that die young, and V8 lets its
 * heap grow to 250 MB and more before it collects. A 4 MB young generation and a 128 MB old one keep
 * it far lower; there, strings that live one interval still take V8's old space from 24 to 60 MB
 * between collections and ~21 MB of freed pages stay pooled, which put the whole process at 150–152
 * MiB. Memory saver mode (V8's own, which collects and gives pages back sooner) takes that to 138
 * MiB, for 1.18x the time of that worst case and no measurable cost on ordinary logs, whose heap
 * stays small (measured in tasks/bench.ts).
 */
export const V8_FLAGS = "--max-old-space-size=128,--max-semi-space-size=4,--memory-saver-mode";

/**
 * The `deno run` / `deno compile` arguments that give monilog its permissions and its limits.
 * `--no-prompt`: a permission outside the set fails with monilog's one-line error, even on a terminal,
 * where Deno would otherwise stop and ask.
 */
export function runtimeArgs(): string[] {
  return [`-P=${PERMISSION_SET}`, `--v8-flags=${V8_FLAGS}`, "--no-prompt"];
}

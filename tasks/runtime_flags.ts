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
 * the whole process under 150 MiB with no cost on ordinary logs (measured in tasks/bench.ts).
 */
export const V8_FLAGS = "--max-old-space-size=128,--max-semi-space-size=4";

/**
 * The `deno run` / `deno compile` arguments that give monilog its permissions and its limits.
 * `--no-prompt`: a permission outside the set fails with monilog's one-line error, even on a terminal,
 * where Deno would otherwise stop and ask.
 */
export function runtimeArgs(): string[] {
  return [`-P=${PERMISSION_SET}`, `--v8-flags=${V8_FLAGS}`, "--no-prompt"];
}

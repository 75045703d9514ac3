import { deepEqual } from "node:assert/strict";
import { keyActions } from "../../../src/sinks/tui/keys.ts";

Deno.test("keyActions() decodes the dashboard's keys, Ctrl-C as quit", () => {
  deepEqual(keyActions("q"), ["quit"]);
  deepEqual(keyActions("\x03"), ["quit"]);
  deepEqual(keyActions("?p\t+-t"), ["help", "pause", "tables", "more", "less", "tables"]);
  deepEqual(keyActions("xyz"), []);
});

Deno.test("keyActions() skips escape sequences whole; a lone Esc closes the help", () => {
  deepEqual(keyActions("\x1b[A\x1b[1;5Cq"), ["quit"]);
  deepEqual(keyActions("\x1bOP"), []);
  deepEqual(keyActions("\x1b"), ["closeHelp"]);
});

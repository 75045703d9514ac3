import { equal } from "node:assert/strict";
import { escapeControl, escapeJsonForTerminal } from "../../src/sinks/escape.ts";

Deno.test("escapeControl() shows control characters instead of sending them to the terminal", () => {
  const table: Array<[string, string]> = [
    ["/plain/path", "/plain/path"],
    ["/x\x1b[2J/y", "/x\\x1b[2J/y"],
    ["/bell\x07", "/bell\\x07"],
    ["/del\x7f", "/del\\x7f"],
    ["/csi\x9b31m", "/csi\\x9b31m"],
    ["/tab\there", "/tab\\x09here"],
    ["/bidi\u202e", "/bidi\\u202e"],
    ["/ünïcødé", "/ünïcødé"],
  ];
  for (const [input, expected] of table) {
    equal(escapeControl(input), expected, JSON.stringify(input));
  }
});

Deno.test("escapeJsonForTerminal() escapes what JSON.stringify leaves raw", () => {
  equal(escapeJsonForTerminal(JSON.stringify("/a\x1b\x9b\x7f")), '"/a\\u001b\\u009b\\u007f"');
  equal(escapeJsonForTerminal('"/ok"'), '"/ok"');
  // The escaped form still parses back to the original text.
  equal(JSON.parse(escapeJsonForTerminal(JSON.stringify("/a\x9b\u2028"))), "/a\x9b\u2028");
});

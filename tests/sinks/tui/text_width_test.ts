import { deepEqual, equal } from "node:assert/strict";
import stringWidth from "string-width";
import {
  cutToWidth,
  displayWidth,
  NARROW_RANGES,
  padEnd,
  padStart,
  truncate,
  truncateStart,
} from "../../../src/sinks/tui/text_width.ts";

Deno.test("displayWidth() counts wide characters as two cells and combining marks as none", () => {
  equal(displayWidth("abc"), 3);
  equal(displayWidth("日本語"), 6);
  equal(displayWidth("e\u0301"), 1);
  equal(displayWidth("👍🏽"), 2);
  equal(displayWidth("👨‍👩‍👧"), 2);
  equal(displayWidth("🇫🇷"), 2);
});

Deno.test("cutToWidth() never splits a grapheme nor a wide character", () => {
  deepEqual(cutToWidth("abcdef", 4), { text: "abcd", width: 4 });
  deepEqual(cutToWidth("日本語", 5), { text: "日本", width: 4 });
  deepEqual(cutToWidth("cafe\u0301s", 4), { text: "cafe\u0301", width: 4 });
  deepEqual(cutToWidth("a👨‍👩‍👧b", 3), { text: "a👨‍👩‍👧", width: 3 });
  deepEqual(cutToWidth("🇫🇷x", 1), { text: "", width: 0 });
  deepEqual(cutToWidth("abc", 0), { text: "", width: 0 });
});

Deno.test("truncate() and truncateStart() mark the cut with an ellipsis within the width", () => {
  equal(truncate("/products/item", 8), "/produc…");
  equal(truncate("short", 8), "short");
  equal(truncate("日本語のページ", 7), "日本語…");
  equal(displayWidth(truncate("日本語のページ", 7)), 7);
  equal(truncateStart("/var/log/nginx/access.log", 12), "…/access.log");
  equal(truncate("abc", 1), "…");
});

Deno.test("padEnd() and padStart() give exactly the width in cells", () => {
  equal(padEnd("日本", 6), "日本  ");
  equal(padStart("7", 3), "  7");
  equal(displayWidth(padEnd("👍🏽 ok long text", 7)), 7);
});

Deno.test("displayWidth() takes the fast path only for characters string-width sees as one cell", () => {
  for (const [from, to] of NARROW_RANGES) {
    for (let c = from; c <= to; c++) {
      const ch = String.fromCharCode(c);
      equal(stringWidth(ch), 1, `U+${c.toString(16)}`);
      equal(displayWidth(ch), 1);
    }
  }
});

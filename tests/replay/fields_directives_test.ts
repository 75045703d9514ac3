import { deepEqual } from "node:assert/strict";
import { fieldsDirectives } from "../../src/replay/fields_directives.ts";

async function directivesOf(text: string, bufferBytes: number, maxLineBytes = 1 << 20) {
  const path = await Deno.makeTempFile({ prefix: "monilog-fields-" });
  try {
    await Deno.writeTextFile(path, text);
    const file = await Deno.open(path);
    try {
      return await fieldsDirectives(file, maxLineBytes, new Uint8Array(bufferBytes));
    } finally {
      file.close();
    }
  } finally {
    await Deno.remove(path);
  }
}

const A = "#Fields: date time cs-method cs-uri sc-status";
const B = "#Fields: date time c-ip sc-status";
const LOG = `#Software: IIS\r\n${A}\r\n2026-01-01 00:00:00 GET /a#b 200\r\n` +
  `x #Fields: not at a line start\n${B}\n2026-01-01 00:00:01 1.2.3.4 200\n${A}`;

Deno.test("fieldsDirectives() finds each #Fields line and its offset, however the reads cut it", async () => {
  const expected = [
    { at: LOG.indexOf(A), line: A },
    { at: LOG.indexOf(B), line: B },
    { at: LOG.lastIndexOf(A), line: A },
  ];
  for (const size of [1, 2, 3, 7, 8, 9, 16, 64, 4096]) {
    deepEqual(await directivesOf(LOG, size), expected, `reads of ${size} bytes`);
  }
});

Deno.test("fieldsDirectives() leaves out a directive the splitter would drop for its length", async () => {
  const long = `#Fields: date time ${"x-custom ".repeat(20)}sc-status`;
  const text = `${long}\n${A}\n`;
  deepEqual(await directivesOf(text, 16, 100), [{ at: long.length + 1, line: A }]);
  deepEqual((await directivesOf(text, 16)).map((d) => d.at), [0, long.length + 1]);
});

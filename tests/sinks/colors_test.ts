import { equal } from "node:assert/strict";
import { createColors } from "../../src/sinks/colors.ts";

Deno.test("colours off leave the text as it is", () => {
  const c = createColors(false);
  equal(c.bold(c.red("x")), "x");
});

Deno.test("colours on wrap the text in the SGR codes", () => {
  const c = createColors(true);
  equal(c.red("x"), "\x1b[31mx\x1b[39m");
  equal(c.bgGreen(c.black("ok")), "\x1b[42m\x1b[30mok\x1b[39m\x1b[49m");
});

Deno.test("a nested style that shares the outer one's close does not end it early", () => {
  const c = createColors(true);
  // bold and dim both close with 22: after the dim part, bold is opened again.
  equal(c.bold(`a${c.dim("b")}c`), "\x1b[1ma\x1b[2mb\x1b[22m\x1b[1mc\x1b[22m");
  equal(c.green(`a${c.red("b")}c`), "\x1b[32ma\x1b[31mb\x1b[39m\x1b[32mc\x1b[39m");
});

import { equal } from "node:assert/strict";
import { axis, compact, group, niceCeil, rate, share } from "../../../src/sinks/tui/numbers.ts";

Deno.test("niceCeil() gives the next nice scale top", () => {
  equal(niceCeil(0), 1);
  equal(niceCeil(12.5), 15);
  equal(niceCeil(35), 40);
  equal(niceCeil(41), 50);
  equal(niceCeil(100), 100);
  equal(niceCeil(0.3), 0.3);
});

Deno.test("rate(), share(), compact(), group() and axis() keep numbers short", () => {
  equal(rate(9.999), "10.00");
  equal(rate(123.45), "123.5");
  equal(rate(4521.4), "4521");
  equal(share(1, 3), "33.3%");
  equal(share(0, 0), "0.0%");
  equal(compact(9999), "9999");
  equal(compact(12_345), "12.3k");
  equal(compact(4_500_000), "4.5M");
  equal(group(1234567), "1,234,567");
  equal(axis(12.5), "12.5");
  equal(axis(0.125), "0.1");
});

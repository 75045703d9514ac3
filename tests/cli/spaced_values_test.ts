import { deepEqual } from "node:assert/strict";
import { expandSpaced } from "../../src/cli/spaced_values.ts";

const RATES = new Set(["--rates", "--durations"]);

Deno.test("the words after a spaced option become one flag each, up to the next option", () => {
  deepEqual(
    expandSpaced(["--rates", "9", "11", "8", "--durations", "1", "2", "3", "--seed", "4"], RATES),
    [
      "--rates",
      "9",
      "--rates",
      "11",
      "--rates",
      "8",
      "--durations",
      "1",
      "--durations",
      "2",
      "--durations",
      "3",
      "--seed",
      "4",
    ],
  );
  deepEqual(expandSpaced(["--rates=9", "11"], RATES), ["--rates=9", "--rates", "11"]);
});

Deno.test("the word right after a spaced option is its value whatever it looks like", () => {
  // So that `--rates -1` is reported as a bad value, not as an unknown option.
  deepEqual(expandSpaced(["--rates", "-1", "2"], RATES), ["--rates", "-1", "--rates", "2"]);
  deepEqual(expandSpaced(["--rates"], RATES), ["--rates"]);
});

Deno.test("other options, and everything after --, are left as they are", () => {
  deepEqual(expandSpaced(["--seed", "1", "2"], RATES), ["--seed", "1", "2"]);
  deepEqual(expandSpaced(["--", "--rates", "1", "2"], RATES), ["--", "--rates", "1", "2"]);
  deepEqual(expandSpaced(["--rates", "1", "2"], new Set()), ["--rates", "1", "2"]);
});

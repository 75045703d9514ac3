import { equal } from "node:assert/strict";
import { parseStartTime } from "../../src/generate/start_time.ts";

/** Runs parseStartTime(value) in a child process whose display zone is `tz`. */
async function inZone(tz: string, value: string): Promise<number | undefined> {
  const mod = new URL("../../src/generate/start_time.ts", import.meta.url).href;
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      "-q",
      `import { parseStartTime } from "${mod}"; ` +
      `console.log(JSON.stringify(parseStartTime(${JSON.stringify(value)}) ?? null));`,
    ],
    env: { TZ: tz },
  }).output();
  return JSON.parse(new TextDecoder().decode(out.stdout)) ?? undefined;
}

Deno.test("parseStartTime() reads unix seconds and ISO 8601 with an offset", () => {
  const table: Array<[string, number | undefined]> = [
    ["1549573860", 1549573860],
    ["1549573860.9", 1549573860],
    ["0", 0],
    ["2019-02-07T21:11:00Z", 1549573860],
    ["2019-02-07T21:11Z", 1549573860],
    ["2019-02-07 21:11:00z", 1549573860],
    ["2019-02-07T21:11:00.750Z", 1549573860],
    ["2019-02-07T22:11:00+01:00", 1549573860],
    ["2019-02-08T02:41:00+0530", 1549573860],
    ["2019-02-07T16:11:00-05", 1549573860],
    ["2024-02-29T00:00:00Z", 1709164800],
  ];
  for (const [value, expected] of table) equal(parseStartTime(value), expected, value);
});

Deno.test("parseStartTime() refuses what is not a real time", () => {
  for (
    const value of [
      "",
      "now",
      "yesterday",
      "-5",
      "0x10",
      "1e9",
      "2019-02-30T00:00:00Z",
      "2023-02-29",
      "2019-13-01",
      "2019-02-07T24:00:00Z",
      "2019-02-07T21:60:00Z",
      "2019-02-07T21:11:60Z",
      "2019-02-07T21:11:00+25:00",
      "2019-02-07 garbage",
      "2019-2-7",
      "0050-01-01T00:00:00Z",
    ]
  ) {
    equal(parseStartTime(value), undefined, value);
  }
});

Deno.test("parseStartTime() reads a time without an offset in the display time zone", async () => {
  equal(await inZone("UTC", "2019-02-07T21:11:00"), 1549573860);
  equal(await inZone("UTC", "2019-02-07"), 1549497600);
  equal(await inZone("America/New_York", "2019-02-07T16:11:00"), 1549573860);
  // Summer time in New York is UTC-4.
  equal(await inZone("America/New_York", "2019-07-01T00:00:00"), 1561953600);
  equal(await inZone("Asia/Kolkata", "2019-02-08 02:41"), 1549573860);
});

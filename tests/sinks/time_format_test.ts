import { equal } from "node:assert/strict";
import { formatDuration, formatLogTime } from "../../src/sinks/time_format.ts";

// The display time zone comes from TZ; tests run the formatter in child processes with each TZ.
async function formatIn(tz: string, seconds: number): Promise<string> {
  const code = `import { formatLogTime } from ${
    JSON.stringify(new URL("../../src/sinks/time_format.ts", import.meta.url).href)
  }; console.log(formatLogTime(${seconds}));`;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "-q", code],
    env: { TZ: tz },
  }).output();
  return new TextDecoder().decode(out.stdout).trim();
}

Deno.test("formatLogTime() writes ISO 8601 with the display zone's offset, TZ respected", async () => {
  equal(await formatIn("UTC", 1549573956), "2019-02-07T21:12:36+00:00");
  equal(await formatIn("America/Los_Angeles", 1549573956), "2019-02-07T13:12:36-08:00");
  equal(await formatIn("Asia/Tehran", 1548116774), "2019-01-22T03:56:14+03:30");
  // Daylight saving time is taken per instant: July in Los Angeles is UTC-7.
  equal(await formatIn("America/Los_Angeles", 1562000000), "2019-07-01T09:53:20-07:00");
});

Deno.test("formatLogTime() follows the process time zone", () => {
  const s = formatLogTime(0);
  equal(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/.test(s), true, s);
});

Deno.test("formatDuration() writes hours, minutes and seconds compactly", () => {
  const table: Array<[number, string]> = [[0, "0s"], [59, "59s"], [87, "1m27s"], [
    3723,
    "1h02m03s",
  ]];
  for (const [n, expected] of table) equal(formatDuration(n), expected);
});

import { equal, throws } from "node:assert/strict";
import fc from "fast-check";
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

/**
 * The formatter before its date-and-hour text was kept: toISOString on every call. Given as source,
 * so that the child processes below run it under their own TZ.
 */
const REFERENCE = `function reference(seconds) {
  const date = new Date(seconds * 1000);
  const offsetMinutes = -date.getTimezoneOffset();
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  const pad2 = (n) => n < 10 ? "0" + n : String(n);
  return local.toISOString().slice(0, 19) + sign + pad2(Math.floor(abs / 60)) + ":" + pad2(abs % 60);
}`;
const reference = new Function(`${REFERENCE}; return reference;`)() as (s: number) => string;

Deno.test("formatLogTime() gives what toISOString gives for every instant, in this process's zone", () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.integer({ min: -62_167_219_200, max: 253_402_300_799 }),
        fc.double({ min: -1e11, max: 3e11, noNaN: true }),
        fc.integer({ min: 1_500_000_000, max: 1_600_000_000 }),
      ),
      (s) => equal(formatLogTime(s), reference(s)),
    ),
    { numRuns: 20_000 },
  );
  // Beyond four-digit years, six-digit ones, as before; an invalid time throws, as before.
  for (const s of [-62_167_219_201, 253_402_300_800, 8.64e12]) {
    equal(formatLogTime(s), reference(s));
  }
  throws(() => formatLogTime(NaN), RangeError);
});

Deno.test("formatLogTime() is exact across daylight-saving changes and half-hour zones", async () => {
  // Instants 17 s apart through 2019, which holds each zone's changes (Lord Howe moves by half an
  // hour), so every local hour and both sides of each change are met; then 50,000 jumps over
  // 1875–2079, where historical offsets of odd minutes lie.
  const code = `import { formatLogTime } from ${
    JSON.stringify(new URL("../../src/sinks/time_format.ts", import.meta.url).href)
  }; ${REFERENCE}
  let bad = 0, n = 0, x = 12345;
  const check = (s) => { n++; if (formatLogTime(s) !== reference(s)) { bad++; if (bad < 5) console.error(s, formatLogTime(s), reference(s)); } };
  for (let s = 1_546_300_800; s < 1_577_836_800; s += 17) check(s);
  for (let i = 0; i < 50_000; i++) { x = (x * 1103515245 + 12345) % 2147483648; check(-3e9 + x * 3); }
  console.log(JSON.stringify({ bad, n }));`;
  for (const tz of ["Europe/London", "America/St_Johns", "Australia/Lord_Howe", "Asia/Kathmandu"]) {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["eval", "-q", code],
      env: { TZ: tz },
    }).output();
    const decoder = new TextDecoder();
    const { bad, n } = JSON.parse(decoder.decode(out.stdout));
    equal(bad, 0, `${tz}: ${decoder.decode(out.stderr)}`);
    equal(n, 1_905_059, tz);
  }
});

Deno.test("formatDuration() writes hours, minutes and seconds compactly", () => {
  const table: Array<[number, string]> = [[0, "0s"], [59, "59s"], [87, "1m27s"], [
    3723,
    "1h02m03s",
  ]];
  for (const [n, expected] of table) equal(formatDuration(n), expected);
});

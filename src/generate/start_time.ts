/**
 * `--start`: unix seconds, or an ISO 8601 date or date-time. Strict on purpose: `Date.parse` alone
 * accepts "2026-02-30" (as 2 March) and reads a bare date as UTC but a bare date-time as local time; a
 * user who mistypes a start time should hear so, not get traffic on another day.
 */

const UNIX = /^\d{1,12}(\.\d+)?$/;
const ISO =
  /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:[.,]\d+)?)?)?\s*(Z|[+-]\d\d(?::?\d\d)?)?$/i;

/**
 * Returns the unix seconds (whole, rounded down) that `value` names, or undefined when it is neither
 * unix seconds nor ISO 8601. A time without an offset is in the display time zone (`TZ`), like `date -d`.
 */
export function parseStartTime(value: string): number | undefined {
  const text = value.trim();
  if (UNIX.test(text)) return Math.floor(Number(text));
  const seconds = parseIso(text);
  // Before 1970 is no use for a log (and two-digit years would silently become 19xx).
  return seconds !== undefined && seconds >= 0 ? seconds : undefined;
}

function parseIso(text: string): number | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const zone = m[7];
  if (zone === undefined) {
    // Local time; a time that daylight saving skips is moved forward by Date, as `date` does.
    return Math.floor(new Date(year, month - 1, day, hour, minute, second).getTime() / 1000);
  }
  const offset = parseOffset(zone);
  if (offset === undefined) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000 - offset * 60;
}

/** Minutes east of UTC for `Z`, `+05`, `+0530` or `-07:00`; undefined when out of range. */
function parseOffset(zone: string): number | undefined {
  if (zone.toUpperCase() === "Z") return 0;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return undefined;
  return (zone[0] === "-" ? -1 : 1) * (hours * 60 + minutes);
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

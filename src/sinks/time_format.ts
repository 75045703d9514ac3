/**
 * Formats unix seconds as ISO 8601 with the display time zone's UTC offset, e.g.
 * `2019-02-07T21:12:36+00:00`. The offset comes from the runtime (which honours `TZ`), per instant, so
 * daylight-saving changes are right.
 *
 * Called for every interval a replay reports (170k lines for the elastic sample ×100), where
 * `toISOString` was a tenth of the run: its date-and-hour part is kept for the local hour it was
 * made for, so a line costs the offset (asked per instant, so still exact) and its minute and second.
 */
export function formatLogTime(seconds: number): string {
  const date = new Date(seconds * 1000);
  const offsetMinutes = -date.getTimezoneOffset();
  const localMs = date.getTime() + offsetMinutes * 60_000;
  // Outside years 0000–9999 toISOString writes six-digit years, and an invalid time throws there.
  if (!(localMs >= 0 && localMs < MAX_FOUR_DIGIT_YEAR_MS)) {
    return formatSlowly(localMs, offsetMinutes);
  }
  const hour = Math.floor(localMs / HOUR_MS);
  if (hour !== cachedHour) {
    cachedHour = hour;
    cachedHourText = new Date(hour * HOUR_MS).toISOString().slice(0, 14);
  }
  if (offsetMinutes !== cachedOffset) {
    cachedOffset = offsetMinutes;
    cachedOffsetText = offsetText(offsetMinutes);
  }
  const inHour = localMs - hour * HOUR_MS;
  const minute = Math.floor(inHour / 60_000);
  const second = Math.floor((inHour - minute * 60_000) / 1000);
  return `${cachedHourText}${pad2(minute)}:${pad2(second)}${cachedOffsetText}`;
}

const HOUR_MS = 3_600_000;
/** 10000-01-01T00:00:00Z in milliseconds. */
const MAX_FOUR_DIGIT_YEAR_MS = 253_402_300_800_000;
/** The local hour whose `YYYY-MM-DDTHH:` is kept, and that text. */
let cachedHour = NaN;
let cachedHourText = "";
let cachedOffset = NaN;
let cachedOffsetText = "";

function formatSlowly(localMs: number, offsetMinutes: number): string {
  return `${new Date(localMs).toISOString().slice(0, 19)}${offsetText(offsetMinutes)}`;
}

function offsetText(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** Formats a duration in seconds as `1h02m03s`, `4m05s` or `6s`. */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h}h${pad2(m)}m${pad2(s)}s`;
  if (m > 0) return `${m}m${pad2(s)}s`;
  return `${s}s`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * Formats unix seconds as ISO 8601 with the display time zone's UTC offset, e.g.
 * `2019-02-07T21:12:36+00:00`. The offset comes from the runtime (which honours `TZ`), per instant, so
 * daylight-saving changes are right.
 */
export function formatLogTime(seconds: number): string {
  const date = new Date(seconds * 1000);
  const offsetMinutes = -date.getTimezoneOffset();
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${local.toISOString().slice(0, 19)}${sign}${pad2(Math.floor(abs / 60))}:${
    pad2(abs % 60)
  }`;
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

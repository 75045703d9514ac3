/**
 * Parses the Common Log Format time, `10/Oct/2000:13:55:36 -0700`, into unix seconds, honouring the
 * offset. Consecutive lines nearly always share their second, so the last text and its value are kept
 * and a repeated timestamp costs one string comparison.
 */

/** Parses CLF timestamps with a one-entry cache. */
export class ClfTimestampParser {
  #lastText = "";
  #lastValue = NaN;

  /** Returns unix seconds for `text` (the part between `[` and `]`), or NaN when it is not valid. */
  parse(text: string): number {
    if (text === this.#lastText) return this.#lastValue;
    const value = parseClfTimestamp(text);
    this.#lastText = text;
    this.#lastValue = value;
    return value;
  }
}

/** Returns unix seconds for a CLF timestamp, or NaN when it is not valid. */
export function parseClfTimestamp(text: string): number {
  // dd/Mon/yyyy:HH:MM:SS +zzzz — fixed width, 26 characters.
  if (
    text.length !== 26 || text.charCodeAt(2) !== 47 || text.charCodeAt(6) !== 47 ||
    text.charCodeAt(11) !== 58 || text.charCodeAt(14) !== 58 || text.charCodeAt(17) !== 58 ||
    text.charCodeAt(20) !== 32
  ) return NaN;
  const day = digits(text, 0, 2);
  const month = MONTHS.get(text.slice(3, 6));
  const year = digits(text, 7, 4);
  const hour = digits(text, 12, 2);
  const minute = digits(text, 15, 2);
  const second = digits(text, 18, 2);
  const sign = text.charCodeAt(21);
  const offH = digits(text, 22, 2);
  const offM = digits(text, 24, 2);
  if (
    month === undefined || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 ||
    second > 60 || offM > 59 || offH > 23 || (sign !== 43 && sign !== 45) ||
    Number.isNaN(
      year + offH +
        offM + hour + minute + second,
    )
  ) return NaN;
  const offset = (sign === 45 ? -1 : 1) * (offH * 3600 + offM * 60);
  return Date.UTC(year, month, day, hour, minute, second) / 1000 - offset;
}

/** Reads `count` decimal digits at `from`, or NaN. */
function digits(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

function daysIn(year: number, month: number): number {
  if (month === 1) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month];
}

const MONTHS = new Map(
  ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].map((
    m,
    i,
  ) => [
    m,
    i,
  ]),
);

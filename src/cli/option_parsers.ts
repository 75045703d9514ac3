/**
 * Value parsers for command-line options. Each returns a function that the parser (cli_app.ts) calls
 * with the raw string; a bad value throws an Error saying what is accepted, which the parser prefixes
 * with the flag's name, so the user sees one line naming the flag and what it accepts.
 */

/** Options for {@linkcode numberOption}. */
export interface NumberOptionRange {
  /** Smallest accepted value. */
  min?: number;
  /** Whether `min` itself is accepted (default true). */
  minInclusive?: boolean;
  /** Largest accepted value. */
  max?: number;
  /** Accept only whole numbers. */
  integer?: boolean;
}

/** Returns a parser for a number option within a range. */
export function numberOption(range: NumberOptionRange = {}): (value: string) => number {
  const { min, max, integer = false, minInclusive = true } = range;
  const what = describeRange(range);
  return (value: string): number => {
    const trimmed = value.trim();
    // Number("") is 0 and Number("0x10") is 16: accept plain decimal notation only.
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) {
      throw new Error(`expected ${what}.`);
    }
    const n = Number(trimmed);
    const belowMin = min !== undefined && (minInclusive ? n < min : n <= min);
    if (
      !Number.isFinite(n) || (integer && !Number.isInteger(n)) || belowMin ||
      (max !== undefined && n > max)
    ) {
      throw new Error(`expected ${what}.`);
    }
    return n;
  };
}

function describeRange({ min, max, integer, minInclusive = true }: NumberOptionRange): string {
  const kind = integer ? "a whole number" : "a number";
  if (min !== undefined && max !== undefined) return `${kind} from ${min} to ${max}`;
  if (min !== undefined) return `${kind} ${minInclusive ? ">=" : ">"} ${min}`;
  if (max !== undefined) return `${kind} <= ${max}`;
  return kind;
}

/** What a parser says of a line. */

/** Returned for a line that is neither a record nor an error: a blank line, the CSV header. */
export const SKIP: unique symbol = Symbol("skip");

/**
 * `null`: the record was filled; `SKIP`: ignore the line; a string: why the line is invalid (a constant,
 * so a failure allocates nothing).
 */
export type ParseStatus = null | typeof SKIP | string;

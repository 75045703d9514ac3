/**
 * The strings behind the ids that records carry for their host, method and section (LogRecord). One
 * dictionary serves a whole run: the byte parser's interners, into which a parallel replay also
 * translates its workers' ids. The engine reads it only to name the rows it reports, passing these
 * functions around on their own: they must not depend on `this`.
 */
export interface KeyDictionary {
  host(id: number): string;
  method(id: number): string;
  section(id: number): string;
}

/** The three keyed fields. */
export type KeyField = keyof KeyDictionary;

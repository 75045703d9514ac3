/**
 * Makes text that came from a log safe to print on a terminal: C0 and C1 control characters and DEL are
 * shown as `\xNN` (or `\uNNNN`), so a request path holding an escape sequence is displayed, not executed.
 * Returns the same string when there is nothing to escape (the common case costs one regex test).
 */
export function escapeControl(text: string): string {
  if (!CONTROL.test(text)) return text;
  return text.replace(CONTROL_ALL, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16)}`;
  });
}

/**
 * Escapes what JSON.stringify leaves raw but a terminal may still act on: DEL, the C1 controls and the
 * Unicode line/paragraph separators.
 */
export function escapeJsonForTerminal(json: string): string {
  if (!JSON_UNSAFE.test(json)) return json;
  return json.replace(
    JSON_UNSAFE_ALL,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

// Bidirectional overrides (U+202A–202E, U+2066–2069) can reorder what a terminal shows; escape them too.
// deno-lint-ignore no-control-regex
const CONTROL = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const CONTROL_ALL = new RegExp(CONTROL.source, "g");
const JSON_UNSAFE = /[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const JSON_UNSAFE_ALL = new RegExp(JSON_UNSAFE.source, "g");

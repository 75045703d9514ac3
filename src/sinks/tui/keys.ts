/**
 * What the keys of the dashboard do, decoded from the bytes a terminal in raw mode sends. In raw mode
 * Ctrl-C arrives as the byte 0x03 instead of a SIGINT, so it is decoded here as "quit". Escape
 * sequences (arrows, function keys, a mouse) are skipped whole: only a lone Esc closes the help.
 */

/** A dashboard action. */
export type KeyAction = "quit" | "help" | "closeHelp" | "pause" | "tables" | "more" | "less";

const KEYS: Record<string, KeyAction> = {
  "q": "quit",
  "Q": "quit",
  "\x03": "quit",
  "?": "help",
  "h": "help",
  "p": "pause",
  "P": "pause",
  " ": "pause",
  "t": "tables",
  "T": "tables",
  "\t": "tables",
  "+": "more",
  "=": "more",
  "-": "less",
  "_": "less",
};

/** The actions in one chunk of terminal input, in order. */
export function keyActions(input: string): KeyAction[] {
  const out: KeyAction[] = [];
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (ch === "\x1b") {
      const next = input[i + 1];
      if (next === "[" || next === "O") {
        // CSI / SS3: parameters, then one final byte in @..~.
        i += 2;
        while (i < input.length && !/[@-~]/.test(input[i])) i++;
        continue;
      }
      out.push("closeHelp");
      continue;
    }
    const action = KEYS[ch];
    if (action !== undefined) out.push(action);
  }
  return out;
}

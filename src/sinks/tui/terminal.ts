/**
 * The terminal as the dashboard needs it — a small port, so that the sink is tested with a fake
 * terminal and a manual clock, and the real one (deno_terminal.ts) stays thin — and the few escape
 * sequences it takes: the alternate screen, a hidden cursor, and whole frames written in one go.
 */
import type { ScreenSize } from "./layout.ts";

/** What the dashboard does with a terminal. */
export interface TerminalIo {
  /** Writes text as it is (escape sequences included), all of it. */
  write(text: string): void;
  /** The size now, in cells. */
  size(): ScreenSize;
  /** Calls `handler` when the size changes; returns a function that stops it. */
  onResize(handler: () => void): () => void;
  /** Calls `handler` with each chunk of key input; returns a function that stops it. */
  onKey(handler: (input: string) => void): () => void;
  /** Raw mode on (keys one at a time, no echo, Ctrl-C as a byte) or off. */
  setRaw(on: boolean): void;
  /**
   * Puts the terminal back as it was (main screen, cursor shown, raw mode off) and stops listening.
   * Safe to call more than once, and from an exit handler.
   */
  restore(): void;
}

/** Switches to the alternate screen, hides the cursor, clears. */
export const ENTER_SCREEN = "\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J";
/** Shows the cursor and goes back to the main screen, as it was before. */
export const LEAVE_SCREEN = "\x1b[0m\x1b[?25h\x1b[?1049l";
/** Clears the screen (after a resize, so nothing of the old layout is left). */
export const CLEAR_SCREEN = "\x1b[2J";

/**
 * A whole frame as one write: each line at its row (no reliance on newline translation, which raw mode
 * turns off), inside a synchronized update so that terminals that know it never show half a frame.
 */
export function frameText(lines: string[]): string {
  let out = "\x1b[?2026h";
  for (let i = 0; i < lines.length; i++) out += `\x1b[${i + 1};1H${lines[i]}\x1b[0m`;
  return out + "\x1b[?2026l";
}

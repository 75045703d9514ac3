/** A terminal for tests of the dashboard: records what is written, lets the test press keys and resize. */
import type { TerminalIo } from "../../../src/sinks/tui/terminal.ts";
import type { ScreenSize } from "../../../src/sinks/tui/layout.ts";

/** An in-memory TerminalIo. */
export class FakeTerminal implements TerminalIo {
  readonly writes: string[] = [];
  raw = false;
  restored = 0;
  #size: ScreenSize;
  #keys: Array<(input: string) => void> = [];
  #resize: Array<() => void> = [];

  constructor(size: ScreenSize = { columns: 80, rows: 24 }) {
    this.#size = size;
  }

  write(text: string): void {
    this.writes.push(text);
  }
  size(): ScreenSize {
    return this.#size;
  }
  onResize(handler: () => void): () => void {
    this.#resize.push(handler);
    return () => (this.#resize = this.#resize.filter((h) => h !== handler));
  }
  onKey(handler: (input: string) => void): () => void {
    this.#keys.push(handler);
    return () => (this.#keys = this.#keys.filter((h) => h !== handler));
  }
  setRaw(on: boolean): void {
    this.raw = on;
  }
  restore(): void {
    this.restored++;
    this.raw = false;
  }

  /** Types `input` as a user would. */
  press(input: string): void {
    for (const h of this.#keys) h(input);
  }
  /** The window changes size. */
  resize(size: ScreenSize): void {
    this.#size = size;
    for (const h of this.#resize) h();
  }
  /** Listeners still attached. */
  get listening(): number {
    return this.#keys.length + this.#resize.length;
  }
  /** Frames written so far. */
  get frames(): string[] {
    return this.writes.filter((w) => w.includes("\x1b[1;1H"));
  }
  /** The screen of the last frame, as plain lines (positions and colour codes taken out). */
  screen(): string[] {
    const last = this.frames[this.frames.length - 1] ?? "";
    // deno-lint-ignore no-control-regex
    return last.split(/\x1b\[\d+;1H/).slice(1).map((l) => l.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, ""));
  }
}

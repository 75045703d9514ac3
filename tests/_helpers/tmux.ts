/**
 * A real pseudo-terminal for end-to-end tests of full-screen programs: a tmux server of the test's own
 * (its own socket, no user configuration), one session of a fixed size, and the screen read back as
 * text with capture-pane — what a person would see.
 */

/** A tmux session running one shell command. */
export class TmuxSession {
  readonly #socket: string;
  readonly #name = "monilog";

  private constructor(socket: string) {
    this.#socket = socket;
  }

  /** Starts `command` (run by sh) in a new `columns` × `rows` session, with `env`. */
  static async start(
    command: string,
    size: { columns: number; rows: number },
    env: Record<string, string>,
  ): Promise<TmuxSession> {
    const socket = `monilog-test-${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`;
    const session = new TmuxSession(socket);
    await session.#tmux(
      ["-f", "/dev/null", "new-session", "-d", "-s", session.#name],
      ["-x", String(size.columns), "-y", String(size.rows), command],
      env,
    );
    return session;
  }

  /** The screen as plain text lines (no colour codes: capture-pane without `-e`). */
  async screen(): Promise<string> {
    return await this.#tmux(["capture-pane", "-p", "-t", this.#name]);
  }

  /** A tmux format of the pane, e.g. `#{alternate_on}`. */
  async display(format: string): Promise<string> {
    return (await this.#tmux(["display-message", "-p", "-t", this.#name, format])).trim();
  }

  /** Types `keys` (tmux key names: "q", "C-c", "Tab"). */
  async send(...keys: string[]): Promise<void> {
    await this.#tmux(["send-keys", "-t", this.#name, ...keys]);
  }

  /** Changes the window's size, as a user dragging it would (the program gets SIGWINCH). */
  async resize(columns: number, rows: number): Promise<void> {
    await this.#tmux([
      "resize-window",
      "-t",
      this.#name,
      "-x",
      String(columns),
      "-y",
      String(rows),
    ]);
  }

  /**
   * Waits until one capture of the screen matches every pattern; fails after `timeoutMs` showing
   * the last screen. Several patterns, because a capture may fall in the middle of a frame being
   * written (tmux 3.3 ignores synchronized updates): the top of the new frame above the bottom of
   * the old one. Checks of one state belong in one call.
   */
  async waitFor(what: string, pattern: RegExp | RegExp[], timeoutMs = 20_000): Promise<string> {
    const patterns = Array.isArray(pattern) ? pattern : [pattern];
    const deadline = Date.now() + timeoutMs;
    let last = "";
    while (Date.now() < deadline) {
      last = await this.screen();
      if (patterns.every((p) => p.test(last))) return last;
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`timed out waiting for ${what}; the screen:\n${last}`);
  }

  /** Ends the session and its server. */
  async kill(): Promise<void> {
    try {
      await this.#tmux(["kill-server"]);
    } catch {
      // Already gone.
    }
  }

  async #tmux(args: string[], more: string[] = [], env?: Record<string, string>): Promise<string> {
    const out = await new Deno.Command("tmux", {
      args: ["-L", this.#socket, ...args, ...more],
      env,
      clearEnv: env !== undefined,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stdout);
    if (!out.success) {
      throw new Error(`tmux ${args[0]} failed: ${new TextDecoder().decode(out.stderr).trim()}`);
    }
    return text;
  }
}

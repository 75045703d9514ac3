/** Logs for the notifier end-to-end tests. */
import { clfLine } from "../../_helpers/cli.ts";

/**
 * Writes a log holding one alert episode (window 10, threshold 5): 20 req/s for 10 s from `t0`, then
 * one line 100 s later, which drains the window (the recovery). Returns its path.
 */
export async function oneEpisodeLog(t0: number): Promise<string> {
  const lines: string[] = [];
  for (let s = 0; s < 10; s++) for (let i = 0; i < 20; i++) lines.push(clfLine(t0 + s));
  lines.push(clfLine(t0 + 100));
  const path = await Deno.makeTempFile({ prefix: "monilog-notify-", suffix: ".log" });
  await Deno.writeTextFile(path, lines.join("\n") + "\n");
  return path;
}

/** The options that make oneEpisodeLog() one alert and one recovery. */
export const EPISODE_OPTIONS = ["--window", "10", "--threshold", "5", "--interval", "10"];

import type { EngineNotice } from "../core/engine.ts";
import { formatDuration, formatLogTime } from "./time_format.ts";

/** What monilog says on standard error about the log's times (without "monilog: "). */
export function describeEngineNotice(n: EngineNotice, file: string): string {
  switch (n.kind) {
    case "skewed":
      return `line ${n.line} of ${file} is stamped ${formatLogTime(n.time)}, far from the log's ` +
        `time (${formatLogTime(n.logTime)}): counted as skewed and left out of the statistics`;
    case "jump": {
      const back = n.to < n.from;
      const by = formatDuration(Math.abs(n.to - n.from));
      return `log time jumps ${back ? "back" : "forward"} ${by} at line ${n.line} of ${file}, ` +
        `from ${formatLogTime(n.from)} to ${
          formatLogTime(n.to)
        }: the lines after it agree, so it ` +
        (back ? "goes on from there" : "follows them");
    }
    case "disorder":
      return `${(n.share * 100).toFixed(1)} % of the lines of ${file} came after their interval ` +
        `was reported, up to ${n.lateness} s behind the newest line: --late ${n.late} would count ` +
        `them in their intervals (they are in the window and the summary either way)`;
  }
}

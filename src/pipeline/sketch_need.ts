/**
 * Whether a run may record a response time, and so needs the sketch class (core/sketches.ts) loaded
 * before it starts: the formats that carry one (JSON, W3C, a custom format), a restored state (its
 * checkpoint may hold sketches), following (a live log may turn out to be any format), standard
 * input and patterns. A replay of named files in `--format auto` is decided by the first lines of
 * the first file, read as the line processor will read them to detect the format — the same lines,
 * so the same answer; when they settle nothing, the sketches are loaded.
 */
import { detectFormat } from "../parse/detect.ts";
import { DETECT_MIN_LINES } from "./line_processor.ts";
import type { MonitorConfig } from "./monitor_config.ts";
import { isGlob } from "../source/glob.ts";
import { readFully } from "../source/line_reader.ts";

/** The formats that never carry a response time. */
const WITHOUT_DURATION = new Set(["clf", "combined", "vhost_common", "vhost_combined", "csv"]);
/** Bytes of the first file read to see its first lines. */
const PEEK_BYTES = 64 * 1024;

/** True unless the run surely records no response time. */
export async function needsSketches(config: MonitorConfig): Promise<boolean> {
  if (!config.once || config.state !== undefined || config.logFormat !== undefined) return true;
  if (config.format !== "auto") return !WITHOUT_DURATION.has(config.format);
  const first = config.files[0];
  if (first === undefined || first === "-" || config.files.some(isGlob)) return true;
  const lines = await firstLines(first);
  if (lines === undefined) return true;
  const format = detectFormat(lines);
  return format === undefined || !WITHOUT_DURATION.has(format);
}

/**
 * The lines the processor detects the format from: up to and with the DETECT_MIN_LINES-th that is
 * not blank; undefined when the file cannot be read (the run will say why).
 */
async function firstLines(path: string): Promise<string[] | undefined> {
  let bytes: Uint8Array;
  try {
    using file = await Deno.open(path);
    bytes = new Uint8Array(PEEK_BYTES);
    bytes = bytes.subarray(0, await readFully(file, bytes));
  } catch {
    return undefined;
  }
  const full = bytes.length === PEEK_BYTES;
  const text = new TextDecoder().decode(bytes);
  const all = text.split("\n");
  if (full || all.at(-1) === "") all.pop(); // cut by the read, or after the last newline: no line
  const lines: string[] = [];
  let nonBlank = 0;
  for (const line of all) {
    lines.push(line.endsWith("\r") ? line.slice(0, -1) : line);
    if (line.trim() !== "" && ++nonBlank >= DETECT_MIN_LINES) return lines;
  }
  // Fewer lines than that: the processor detects from all of them at the end of the read — unless
  // the peek was cut short, when it cannot tell.
  return full ? undefined : lines;
}

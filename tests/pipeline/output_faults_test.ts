/**
 * runMonitor() in-process when an output fails: standard output on a full disk is said in one line
 * naming it, the run goes on for the --output file, which gets the whole report and its summary, and
 * the run ends as a failure (exit 1) without saying it twice.
 */
import { deepEqual, equal, rejects } from "node:assert/strict";
import { runMonitor } from "../../src/pipeline/wiring.ts";
import type { MonitorConfig, MonitorRuntime } from "../../src/pipeline/monitor_config.ts";
import { stdoutOutput } from "../../src/sinks/line_output.ts";
import { RuntimeFailure } from "../../src/errors.ts";
import { DEFAULT_ENGINE_OPTIONS } from "../../src/core/engine.ts";
import { ManualClock } from "../_helpers/manual_clock.ts";
import { FIXTURES } from "../_helpers/cli.ts";

const SAMPLE = `${FIXTURES}sample_csv.txt`;

function config(changes: Partial<MonitorConfig>): MonitorConfig {
  return {
    file: SAMPLE,
    files: [SAMPLE],
    byFile: false,
    format: "auto",
    fromStart: true,
    once: true,
    idleTimeout: 0,
    jobs: 1,
    json: false,
    engine: DEFAULT_ENGINE_OPTIONS,
    ...changes,
  };
}

function runtime(stdout: MonitorRuntime["stdout"], stderr: string[]): MonitorRuntime {
  return {
    clock: new ManualClock(0),
    stdout,
    stderr: (l) => stderr.push(l),
    color: false,
    width: () => undefined,
    stdin: () => new ReadableStream(),
    progress: () => undefined,
    onStopSignal: () => () => {},
  };
}

/** Standard output as Deno gives it on /dev/full: every write fails with ENOSPC. */
const devFull = stdoutOutput({
  writeSync(): number {
    throw Object.assign(new Error("No space left on device (os error 28)"), { code: "ENOSPC" });
  },
});

Deno.test("standard output on a full disk: one line, the report and summary in the --output file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    // What a healthy standard output prints, to compare the file with.
    const healthy: string[] = [];
    await runMonitor(config({}), runtime({ writeLine: (l) => healthy.push(l), close() {} }, []));
    equal(healthy.at(-1)!.startsWith("Summary"), true);

    const stderr: string[] = [];
    const output = `${dir}/report.log`;
    await rejects(
      runMonitor(config({ output }), runtime(devFull, stderr)),
      (err) => err instanceof RuntimeFailure && err.reported,
    );
    deepEqual(stderr, [
      `monilog: "${SAMPLE}" looks like csv`,
      "monilog: Cannot write to standard output: no space left on device",
    ]);
    equal(await Deno.readTextFile(output), healthy.map((l) => l + "\n").join(""));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("standard output on a full disk with no other output: one line, and the run stops", async () => {
  const stderr: string[] = [];
  await rejects(
    runMonitor(config({ json: true }), runtime(devFull, stderr)),
    (err) => err instanceof RuntimeFailure && err.reported,
  );
  deepEqual(stderr.slice(1), ["monilog: Cannot write to standard output: no space left on device"]);
});

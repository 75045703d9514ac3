/** The generator's writer, driven by a hand-made clock: pacing, batching, falling behind, stopping. */
import { deepEqual, equal, match } from "node:assert/strict";
import {
  type GenerateConfig,
  type GenerateRuntime,
  runGenerate,
} from "../../src/generate/run_generate.ts";
import { CSV_HEADER } from "../../src/generate/line_format.ts";
import { synthesize } from "../../src/generate/traffic.ts";

function config(output: string, speed: number, more: Partial<GenerateConfig> = {}): GenerateConfig {
  return {
    phases: [{ rate: 50, duration: 20 }],
    start: 1_700_000_000,
    seed: 1,
    exact: true,
    format: "clf",
    output,
    speed,
    ...more,
  };
}

/** The number of requests in each second of `c`'s traffic. */
function perSecond(c: GenerateConfig): number[] {
  return [...synthesize(c)].map((s) => s.requests.length);
}

/** Running totals of `counts`. */
function cumulative(counts: number[]): number[] {
  let sum = 0;
  return counts.map((n) => (sum += n));
}

/** A runtime whose clock only moves when the writer sleeps, and whose stdout is recorded. */
function fakeRuntime() {
  const rt = {
    clock: 0,
    messages: [] as string[],
    sleeps: [] as number[],
    /** Lines written to stdout before each sleep. */
    linesAtSleep: [] as number[],
    writes: [] as string[],
    runtime: undefined as unknown as GenerateRuntime,
  };
  const text = () => rt.writes.join("");
  rt.runtime = {
    now: () => rt.clock,
    sleep: (ms) => {
      rt.sleeps.push(ms);
      rt.linesAtSleep.push(text().split("\n").length - 1);
      rt.clock += ms;
      return Promise.resolve();
    },
    stderr: (line) => rt.messages.push(line),
    stdout: {
      write: (p) => {
        rt.writes.push(new TextDecoder().decode(p));
        return Promise.resolve(p.length);
      },
    },
  };
  return { rt, text };
}

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "monilog-gen-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("runGenerate() says once when it cannot keep the asked pace, and still writes everything", async () => {
  await withDir(async (dir) => {
    // A clock that jumps 2 s per reading: every second of traffic is already late when it is due.
    let clock = 0;
    const messages: string[] = [];
    const sleeps: number[] = [];
    const report = await runGenerate(config(`${dir}/a.log`, 10), {
      now: () => (clock += 2000),
      sleep: (ms) => Promise.resolve(void sleeps.push(ms)),
      stderr: (line) => messages.push(line),
      stdout: Deno.stdout,
    });
    equal(report.fellBehind, true);
    equal(messages.length, 1);
    match(
      messages[0],
      /^monilog generate: cannot keep up with --speed 10 \(500 lines\/s asked\): writing \d+ lines\/s, [\d.]+ s behind; going on as fast as possible$/,
    );
    deepEqual(sleeps, []);
    equal(report.lines, 1000);
    equal((await Deno.readTextFile(`${dir}/a.log`)).split("\n").length - 1, 1000);
  });
});

Deno.test("runGenerate() gives the rate it really writes when it falls behind, not 0 before the first write", async () => {
  // Building the first second takes 1.5 s (the clock's second reading, after the start, is late by
  // that much), then the output takes 1 ms a line: 1000 lines/s at most, where 2000 are asked.
  let clock = 0;
  let readings = 0;
  const messages: string[] = [];
  // Exact, and a phase of one second first: that second holds exactly 2000 lines.
  const phases = [{ rate: 2000, duration: 1 }, { rate: 2000, duration: 4 }];
  const report = await runGenerate(config("-", 1, { phases }), {
    now: () => (++readings === 2 ? (clock += 1500) : clock),
    sleep: (ms) => Promise.resolve(void (clock += ms)),
    stderr: (line) => messages.push(line),
    stdout: {
      write: (p) => {
        clock += new TextDecoder().decode(p).split("\n").length - 1;
        return Promise.resolve(p.length);
      },
    },
  });
  equal(report.fellBehind, true);
  deepEqual(messages, [
    // Said before second 1: 2000 lines written in 1.5 + 2 s, which is 2.5 s after second 1 was due.
    "monilog generate: cannot keep up with --speed 1 (2000 lines/s asked): writing 571 lines/s, " +
    "2.5 s behind; going on as fast as possible",
  ]);
  equal(report.lines, 10_000);
});

Deno.test("runGenerate() paces the log's seconds at `speed` per real second, each one written on time", async () => {
  const { rt } = fakeRuntime();
  const report = await runGenerate(config("-", 4), rt.runtime);
  // 20 log seconds at 4x: the last second is due 19/4 s after the first.
  equal(rt.clock, 4750);
  deepEqual(rt.sleeps, Array(19).fill(250));
  // Before each sleep, every second already due has been written.
  deepEqual(rt.linesAtSleep, cumulative(perSecond(config("-", 4))).slice(0, 19));
  equal(report.fellBehind, false);
  deepEqual(rt.messages, []);
});

Deno.test("runGenerate() at speed 0 writes unpaced, in large batches", async () => {
  const { rt, text } = fakeRuntime();
  const report = await runGenerate(
    config("-", 0, { phases: [{ rate: 20, duration: 2000 }] }),
    rt.runtime,
  );
  equal(report.lines, 40_000);
  equal(text().split("\n").length - 1, 40_000);
  deepEqual(rt.sleeps, []);
  // About 3 MB in 64 KiB batches, not one write per second of traffic.
  equal(rt.writes.length < 60, true, `${rt.writes.length} writes`);
});

Deno.test("runGenerate() stops quietly when the reader of standard output goes away", async () => {
  const { rt } = fakeRuntime();
  let writes = 0;
  rt.runtime.stdout = {
    write: (p) => {
      if (++writes > 2) {
        return Promise.reject(new Deno.errors.BrokenPipe("Broken pipe (os error 32)"));
      }
      return Promise.resolve(p.length);
    },
  };
  const report = await runGenerate(config("-", 4), rt.runtime);
  equal(report.stopped, "closed");
  equal(rt.sleeps.length, 2, "no more seconds once the pipe is closed");
});

Deno.test("runGenerate() stops after the current second when its signal aborts", async () => {
  const { rt, text } = fakeRuntime();
  const stop = new AbortController();
  const sleep = rt.runtime.sleep;
  rt.runtime.sleep = (ms) => {
    if (rt.sleeps.length === 4) stop.abort();
    return sleep(ms);
  };
  rt.runtime.signal = stop.signal;
  const report = await runGenerate(config("-", 4), rt.runtime);
  equal(report.stopped, "signal");
  // Seconds 0-4 were written; the abort came while waiting for second 5.
  const five = cumulative(perSecond(config("-", 4)))[4];
  equal(report.lines, five);
  equal(text().split("\n").length - 1, five, "what was counted was written");
});

Deno.test("runGenerate() writes the CSV header first on standard output", async () => {
  const { rt, text } = fakeRuntime();
  await runGenerate(config("-", 0, { format: "csv" }), rt.runtime);
  const lines = text().trimEnd().split("\n");
  equal(lines[0], CSV_HEADER);
  equal(lines.length, 1001);
  equal(lines.filter((l) => l === CSV_HEADER).length, 1);
});

Deno.test("runGenerate() rotates every S seconds of log time, each CSV file with its header", async () => {
  await withDir(async (dir) => {
    const { rt } = fakeRuntime();
    const log = `${dir}/access.log`;
    const c = config(log, 0, {
      format: "csv",
      phases: [{ rate: 3, duration: 25 }],
      rotate: { everyLines: 0, everySeconds: 10, mode: "rename", keep: 5 },
    });
    const report = await runGenerate(c, rt.runtime);
    const counts = perSecond(c);
    const sum = (from: number, to: number) => counts.slice(from, to).reduce((a, b) => a + b);
    equal(report.rotations, 2);
    const stamps: number[][] = [];
    for (const name of ["access.log.2", "access.log.1", "access.log"]) {
      const lines = (await Deno.readTextFile(`${dir}/${name}`)).trimEnd().split("\n");
      equal(lines[0], CSV_HEADER, name);
      stamps.push(lines.slice(1).map((l) => Number(l.split(",")[3]) - 1_700_000_000));
    }
    // Log seconds 0-9, 10-19 and 20-24, each file holding every line of its seconds.
    deepEqual(stamps.map((s) => [Math.min(...s), Math.max(...s), s.length]), [
      [0, 9, sum(0, 10)],
      [10, 19, sum(10, 20)],
      [20, 24, sum(20, 25)],
    ]);
  });
});

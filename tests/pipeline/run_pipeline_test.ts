/**
 * runPipeline() on a manual clock with a scripted source: the loop's ticks, the quiet-log drain, the
 * idle timeout, the stop and the views, with no real waiting on any timer.
 */
import { deepEqual, equal } from "node:assert/strict";
import { DEFAULT_ENGINE_OPTIONS, MonitorEngine } from "../../src/core/engine.ts";
import type { MonitorEvent } from "../../src/core/events.ts";
import { RunDictionary } from "../../src/parse/run_dictionary.ts";
import { LineProcessor } from "../../src/pipeline/line_processor.ts";
import { type Pipeline, runPipeline } from "../../src/pipeline/run_pipeline.ts";
import type { Source } from "../../src/pipeline/sources.ts";
import type { RowConsumer } from "../../src/replay/replay_file.ts";
import { FanOut } from "../../src/sinks/fan_out.ts";
import { NoticeCounter } from "../../src/sinks/notice_counter.ts";
import type { MonitorView, Sink } from "../../src/sinks/sink.ts";
import { ManualClock, settle } from "../_helpers/manual_clock.ts";
import { clfLine } from "../_helpers/cli.ts";

const t0 = 1_700_000_000;
const enc = new TextEncoder();

/** A source that delivers `lines` at once, then waits for the stop (a live log gone quiet). */
function scripted(lines: string[], mode: "follow" | "replay" = "follow"): Source {
  return {
    mode,
    bytesTotal: undefined,
    async read(consumer: RowConsumer, signal: AbortSignal) {
      for (const l of lines) {
        const b = enc.encode(l);
        consumer.line(0, b, 0, b.length);
        consumer.bytesRead(0, b.length + 1);
      }
      consumer.endBatch();
      if (mode === "replay") return;
      await new Promise<void>((r) => signal.addEventListener("abort", () => r(), { once: true }));
    },
  };
}

/** A pipeline around `source`, on a manual clock, whose events and views are recorded. */
function pipeline(source: Source, idleTimeout = 0) {
  const clock = new ManualClock(t0 * 1000);
  const events: MonitorEvent[] = [];
  const views: MonitorView[] = [];
  const recorder: Sink = {
    name: "recorder",
    output: true,
    event: (e) => void events.push(e),
    view: (v) => void views.push(v),
    close: () => Promise.resolve(),
  };
  const notices = new NoticeCounter();
  const fanOut = new FanOut([recorder, notices], { clock, onFailure: () => {} });
  const dictionary = new RunDictionary();
  const engine = new MonitorEngine(DEFAULT_ENGINE_OPTIONS, (e) => fanOut.event(e), {
    keys: dictionary.keys,
    windowTables: true,
  });
  const processor = new LineProcessor({
    format: "clf",
    engine,
    dictionary,
    clock,
    paths: ["a.log"],
    onNotice: (n) => fanOut.notice(n),
  });
  const stop = new AbortController();
  const p: Pipeline = {
    clock,
    source,
    processor,
    engine,
    sinks: fanOut,
    notices,
    files: ["a.log"],
    idleTimeout,
    holdAfterEnd: false,
    onStopSignal: () => () => {},
    stop,
    halt: new AbortController(),
    closeMs: 1000,
  };
  return { p, clock, events, views, stop };
}

/** Moves the clock on by `ms`: the loop's ticks fire on the way, every 250 ms, as in real time. */
function pass(clock: ManualClock, ms: number): Promise<void> {
  return clock.advance(ms);
}

const kinds = (events: MonitorEvent[]) =>
  events.filter((e) => e.type === "alert" || e.type === "recover").map((e) =>
    `${e.type} ${(e as { time: number }).time - t0}`
  );

Deno.test("runPipeline() drains a quiet log's window on the clock and recovers at its log second", async () => {
  const lines = Array.from({ length: 1201 }, () => clfLine(t0));
  const { p, clock, events, stop } = pipeline(scripted(lines));
  const run = runPipeline(p);
  await settle();
  // Log time moves with the clock from the newest line: t0's second is final after late + 1 s.
  await pass(clock, 3000);
  deepEqual(kinds(events), ["alert 0"]);
  await pass(clock, 120_000);
  deepEqual(kinds(events), ["alert 0", "recover 120"]);
  stop.abort();
  const { failure } = await run;
  equal(failure, undefined);
  equal(events.at(-1)?.type, "summary");
});

Deno.test("runPipeline() stops after --idle-timeout seconds of the clock without a line", async () => {
  const { p, clock, events } = pipeline(scripted([clfLine(t0)]), 5);
  const run = runPipeline(p);
  await settle();
  await pass(clock, 4750);
  equal(events.some((e) => e.type === "summary"), false);
  await pass(clock, 500);
  await run;
  equal(events.at(-1)?.type, "summary");
});

Deno.test("runPipeline() hands views to the sinks that take them, four a second", async () => {
  const lines = Array.from({ length: 30 }, (_, i) => clfLine(t0 + Math.floor(i / 10)));
  const { p, clock, views, stop } = pipeline(scripted(lines));
  const run = runPipeline(p);
  await settle();
  await pass(clock, 1000);
  equal(views.length, 4);
  const v = views.at(-1)!;
  equal(v.source.lines, 30);
  equal(v.source.format, "clf");
  equal(v.source.mode, "follow");
  equal(v.engine.run.hits, 30);
  equal(v.engine.newest, t0 + 2);
  stop.abort();
  await run;
  // A last view after the end says the input ended.
  equal(views.at(-1)!.source.ended, true);
});

Deno.test("runPipeline() checkpoints about once a second, again at the next tick when it could not, and at the end", async () => {
  const { p, clock, stop } = pipeline(scripted([clfLine(t0)]));
  const asked: number[] = [];
  let refuse = false;
  p.checkpoint = () => {
    asked.push(clock.now() - t0 * 1000);
    return !refuse;
  };
  const run = runPipeline(p);
  await settle();
  await pass(clock, 2000);
  deepEqual(asked, [1000, 2000]);
  refuse = true; // a follower is reading a copy: no consistent point
  await pass(clock, 1500);
  deepEqual(asked, [1000, 2000, 3000, 3250, 3500]);
  refuse = false;
  await pass(clock, 250);
  deepEqual(asked.slice(5), [3750]);
  await pass(clock, 750);
  deepEqual(asked.slice(5), [3750, 4000], "and on the same beat as before");
  stop.abort();
  await run;
  equal(asked.length, 8, "once more at the end");
});

Deno.test("runPipeline() hands the source a halt that ends its last read (a second q, a second Ctrl-C)", async () => {
  let halted = false;
  const source: Source = {
    mode: "follow",
    bytesTotal: undefined,
    async read(consumer, signal, halt) {
      const b = enc.encode(clfLine(t0));
      consumer.line(0, b, 0, b.length);
      consumer.endBatch();
      await new Promise<void>((r) => signal.addEventListener("abort", () => r(), { once: true }));
      // A last read that would go on for long: only the halt ends it.
      await new Promise<void>((r) => halt!.addEventListener("abort", () => r(), { once: true }));
      halted = true;
    },
  };
  const { p, events } = pipeline(source);
  const run = runPipeline(p);
  await settle();
  p.stop.abort();
  await settle();
  equal(halted, false);
  p.halt.abort();
  await run;
  equal(halted, true);
  equal(events.at(-1)?.type, "summary");
});

Deno.test("runPipeline() replays to the end and finishes without a tick", async () => {
  const lines = Array.from({ length: 1201 }, () => clfLine(t0));
  const { p, events } = pipeline(scripted(lines, "replay"));
  await runPipeline(p);
  deepEqual(kinds(events), ["alert 0"]);
  equal(events.at(-1)?.type, "summary");
});

Deno.test("runPipeline() ticks a long replay for its views, not one too short to reach a tick", async () => {
  for (const [bytesTotal, ticked] of [[512 * 1024 * 1024, 4], [4096, 0]] as const) {
    // A replay whose read is held until the clock has moved on a second (a slow disk).
    let release = () => {};
    const held = new Promise<void>((r) => release = r);
    const source: Source = { ...scripted([clfLine(t0)], "replay"), bytesTotal };
    const read = source.read;
    source.read = async (consumer, signal, halt) => {
      await held;
      await read(consumer, signal, halt);
    };
    const { p, clock, views } = pipeline(source);
    const run = runPipeline(p);
    await settle();
    await pass(clock, 1000);
    equal(views.length, ticked, `${bytesTotal} bytes`);
    release();
    await run;
    // Either way, the last view says the input ended.
    equal(views.at(-1)!.source.ended, true);
  }
});

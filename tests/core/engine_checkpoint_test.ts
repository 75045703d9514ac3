/**
 * MonitorEngine.checkpoint() and MonitorEngine.restore(): a run cut anywhere, checkpointed through
 * JSON and restored into a new engine with a new dictionary, emits exactly the events (and says exactly
 * the notices) of the run that never stopped, and shows the same view.
 */
import { deepEqual, equal, throws } from "node:assert/strict";
import fc from "fast-check";
import { type EngineNotice, type EngineOptions, MonitorEngine } from "../../src/core/engine.ts";
import type { MonitorEvent } from "../../src/core/events.ts";
import { CheckpointRefused } from "../../src/core/engine_checkpoint.ts";
import { newRecord } from "../../src/record.ts";
import { RunDictionary } from "../../src/parse/run_dictionary.ts";
import { loadSketches } from "../../src/core/sketches.ts";

// Response-time sketches are loaded by the wiring for runs that need them; here, by hand.
await loadSketches();

/** One input of a run: a record (its fields as indexes into pools), a bad line, or a clock tick. */
type Step =
  | {
    kind: "record";
    time: number;
    host: string;
    section: string;
    method: string;
    vhost: string;
    status: number;
    bytes: number;
    duration: number;
    wallMs: number;
  }
  | { kind: "invalid"; wallMs: number }
  | { kind: "tick"; wallMs: number };

/** How each keyed field reaches the engine: through the dictionary (ids, as the byte parser) or not. */
interface Ways {
  hostIds: boolean;
  sectionIds: boolean;
  methodIds: boolean;
}

/** An engine fed from steps as a parser would: values interned into the run's dictionary, or not. */
class Run {
  readonly events: MonitorEvent[] = [];
  readonly notices: EngineNotice[] = [];
  readonly dictionary: RunDictionary;
  engine: MonitorEngine;
  readonly #record = newRecord();

  constructor(
    readonly options: EngineOptions,
    readonly ways: Ways,
    readonly keep: number,
    from?: unknown,
  ) {
    this.dictionary = new RunDictionary(keep);
    const wiring = {
      dictionary: this.dictionary,
      windowTables: true,
      onNotice: (n: EngineNotice) => this.notices.push(n),
    };
    const emit = (e: MonitorEvent) => this.events.push(e);
    this.engine = from === undefined
      ? new MonitorEngine(options, emit, wiring)
      : MonitorEngine.restore(from, emit, { ...wiring, options });
  }

  feed(steps: readonly Step[], lineBase = 0): void {
    const r = this.#record;
    const d = this.dictionary;
    steps.forEach((s, i) => {
      if (s.kind === "invalid") return this.engine.addInvalid(s.wallMs);
      if (s.kind === "tick") return this.engine.tick(s.wallMs);
      r.time = s.time;
      r.host = s.host;
      r.section = s.section;
      r.method = s.method;
      r.vhost = s.vhost;
      r.status = s.status;
      r.bytes = s.bytes;
      r.duration = s.duration;
      r.hostId = this.ways.hostIds ? d.idOf("host", s.host) : -1;
      r.sectionId = this.ways.sectionIds ? d.idOf("section", s.section) : -1;
      r.methodId = this.ways.methodIds ? d.idOf("method", s.method) : -1;
      this.engine.add(r, s.wallMs, lineBase + i + 1);
    });
  }
}

/** `steps` run without a stop, and run as A, checkpoint through JSON, restore, B; both finished. */
function compare(
  options: EngineOptions,
  ways: Ways,
  keep: number,
  steps: readonly Step[],
  split: number,
): void {
  const whole = new Run(options, ways, keep);
  whole.feed(steps);
  const a = new Run(options, ways, keep);
  a.feed(steps.slice(0, split));
  const saved = JSON.parse(JSON.stringify(a.engine.checkpoint()));
  const b = new Run(options, ways, keep, saved);
  deepEqual(b.engine.view(), a.engine.view(), "the restored engine shows what the stopped one did");
  b.feed(steps.slice(split), split);
  deepEqual(b.engine.view(), whole.engine.view());
  // Even what no report shows yet (a rare key's place in a counter, a flag) is the same.
  deepEqual(b.engine.checkpoint(), whole.engine.checkpoint());
  whole.engine.finish();
  b.engine.finish();
  deepEqual([...a.events, ...b.events], whole.events);
  deepEqual([...a.notices, ...b.notices], whole.notices);
}

const HOSTS = Array.from({ length: 40 }, (_, i) => `10.0.${i >> 4}.${i}`);
const SECTIONS = Array.from({ length: 30 }, (_, i) => `/s${i}`);
const METHODS = ["GET", "POST", "HEAD", "PUT", "DELETE", "PATCH", "weird"];
const VHOSTS = ["", "a.example", "b.example"];

/** One input, drawn as a log does: mostly steady, with jitter, late lines, jumps and outliers. */
const stepArb = fc.oneof(
  {
    weight: 40,
    arbitrary: fc.record({
      kind: fc.constant("line" as const),
      dt: fc.oneof(
        { weight: 6, arbitrary: fc.integer({ min: 0, max: 1 }) },
        { weight: 2, arbitrary: fc.integer({ min: -6, max: -1 }) }, // late lines
        { weight: 1, arbitrary: fc.integer({ min: 2, max: 40 }) }, // gaps
      ),
      host: fc.nat(HOSTS.length - 1),
      section: fc.nat(SECTIONS.length - 1),
      method: fc.nat(METHODS.length - 1),
      vhost: fc.nat(VHOSTS.length - 1),
      status: fc.constantFrom(200, 200, 304, 404, 500, 999, 1200),
      bytes: fc.nat(5000),
      duration: fc.option(fc.double({ min: 0, max: 3, noNaN: true }), { nil: NaN }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "invalid" as const }) },
  // The clock moving while no line comes: log time follows it, evaluating (and reporting) seconds.
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("tick" as const), ms: fc.nat(4000) }) },
  // A lone line stamped far away (skewed), or the start of a jump the next lines may follow.
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("far" as const),
      by: fc.oneof(fc.integer({ min: 30, max: 400 }), fc.integer({ min: -400, max: -30 })),
      moves: fc.boolean(),
    }),
  },
);

const caseArb = fc.record({
  options: fc.record({
    threshold: fc.constantFrom(0.5, 1, 1.5, 2, 3.3),
    window: fc.integer({ min: 2, max: 15 }),
    interval: fc.integer({ min: 1, max: 7 }),
    late: fc.integer({ min: 0, max: 3 }),
    top: fc.integer({ min: 1, max: 4 }),
  }),
  ways: fc.record({ hostIds: fc.boolean(), sectionIds: fc.boolean(), methodIds: fc.boolean() }),
  // A small dictionary fills up: values past it come by string, as past a full one in a real run.
  keep: fc.constantFrom(4, 16, 65_536),
  durations: fc.boolean(),
  raw: fc.array(stepArb, { maxLength: 160 }),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
}).map(({ options, ways, keep, durations, raw, at }) => {
  const steps: Step[] = [];
  let wallMs = 1_700_000_000_000;
  let t = 1_000_000;
  let max = t;
  for (const s of raw) {
    wallMs += 7;
    if (s.kind === "invalid") steps.push({ kind: "invalid", wallMs });
    else if (s.kind === "tick") steps.push({ kind: "tick", wallMs: wallMs += s.ms });
    else {
      const base = {
        kind: "record" as const,
        host: HOSTS[0],
        section: SECTIONS[0],
        method: METHODS[0],
        vhost: "",
        status: 200,
        bytes: 1,
        duration: NaN,
        wallMs,
      };
      if (s.kind === "far") {
        const stamp = max + s.by * (options.window + options.late);
        // A jump is a few lines agreeing on the new time; a lone line is an outlier.
        for (let i = 0; i < (s.moves ? 3 : 1); i++) steps.push({ ...base, time: stamp + i });
        if (s.moves) t = max = Math.max(t, stamp + 2);
        continue;
      }
      t = s.dt < 0 ? max + s.dt : t + s.dt;
      if (t > max) max = t;
      steps.push({
        ...base,
        time: t,
        host: HOSTS[s.host],
        section: SECTIONS[s.section],
        method: METHODS[s.method],
        vhost: VHOSTS[s.vhost],
        status: s.status,
        bytes: s.bytes,
        duration: durations ? s.duration : NaN,
      });
    }
  }
  return { options, ways, keep, steps, split: Math.floor(at * (steps.length + 1)) };
});

/** Runs of the property: each a random log cut at a random point. */
const NUM_RUNS = 1000;

Deno.test("MonitorEngine.restore() of a checkpoint goes on as the run that never stopped", () => {
  fc.assert(
    fc.property(caseArb, ({ options, ways, keep, steps, split }) => {
      compare(options, ways, keep, steps, split);
    }),
    { numRuns: NUM_RUNS },
  );
});

/** Options of the tests below. */
const OPTIONS: EngineOptions = { threshold: 2, window: 10, interval: 5, late: 2, top: 3 };
const ALL_IDS: Ways = { hostIds: true, sectionIds: true, methodIds: true };
const T0 = 1_000_000;
const WALL0 = 1_700_000_000_000;

/** A record step at `time`, arriving at `wallMs`. */
function line(time: number, wallMs: number, fields: Partial<Step & { kind: "record" }> = {}): Step {
  return {
    kind: "record",
    time,
    host: "10.0.0.1",
    section: "/a",
    method: "GET",
    vhost: "",
    status: 200,
    bytes: 100,
    duration: NaN,
    wallMs,
    ...fields,
  };
}

Deno.test("MonitorEngine.restore() of a checkpoint taken mid-alert keeps the alert and recovers at the same second", () => {
  // A surge of 5 lines a second for 20 s, then the log goes quiet and the clock moves on.
  const surge: Step[] = [];
  for (let s = 0; s < 20; s++) {
    for (let i = 0; i < 5; i++) surge.push(line(T0 + s, WALL0 + s * 1000 + i));
  }
  const quiet: Step[] = [];
  for (let k = 1; k <= 30; k++) quiet.push({ kind: "tick", wallMs: WALL0 + 20_000 + k * 1000 });

  const whole = new Run(OPTIONS, ALL_IDS, 65_536);
  whole.feed([...surge, ...quiet]);
  whole.engine.finish();
  const recover = whole.events.find((e) => e.type === "recover");
  equal(recover?.type, "recover");

  const a = new Run(OPTIONS, ALL_IDS, 65_536);
  a.feed(surge);
  equal(a.engine.alerting, true);
  const saved = JSON.parse(JSON.stringify(a.engine.checkpoint()));
  // Restarted an hour later on the machine's clock: the downtime is not quiet log time.
  const restartMs = WALL0 + 3_600_000;
  const b = new Run(OPTIONS, ALL_IDS, 65_536);
  b.engine = MonitorEngine.restore(saved, (e) => b.events.push(e), {
    options: OPTIONS,
    dictionary: b.dictionary,
    windowTables: true,
    resumeAt: restartMs,
  });
  equal(b.engine.alerting, true);
  deepEqual(b.engine.view().activeAlert, a.engine.view().activeAlert);
  b.engine.tick(restartMs + 500);
  equal(b.events.length, 0, "the restart evaluated nothing on its own");
  b.feed(quiet.map((s) => ({ ...s, wallMs: s.wallMs - WALL0 - 20_000 + restartMs })));
  b.engine.finish();
  deepEqual([...a.events, ...b.events], whole.events);
  deepEqual(b.events.find((e) => e.type === "recover"), recover);
});

Deno.test("MonitorEngine.restore() keeps the log time quiet ticks moved on", () => {
  // After 60 s of quiet, lines 65 s on are near the log's time, not a jump to be held (far is 12 s).
  const before = [line(T0, WALL0), line(T0 + 1, WALL0 + 1000)];
  const after = [{ kind: "tick" as const, wallMs: WALL0 + 61_000 }];
  const later = [0, 1, 2, 3].map((i) => line(T0 + 66 + i, WALL0 + 61_000 + i));
  const quiet = [{ kind: "tick" as const, wallMs: WALL0 + 90_000 }];
  const steps = [...before, ...after, ...later, ...quiet];
  compare(OPTIONS, ALL_IDS, 65_536, steps, 3);
  const whole = new Run(OPTIONS, ALL_IDS, 65_536);
  whole.feed(steps);
  whole.engine.finish();
  deepEqual(whole.notices, [], "no jump was said");

  // Restarted a day later: log time goes on from the 60 s of quiet, the day left out.
  const a = new Run(OPTIONS, ALL_IDS, 65_536);
  a.feed([...before, ...after]);
  const saved = JSON.parse(JSON.stringify(a.engine.checkpoint()));
  const restartMs = WALL0 + 86_400_000;
  const b = new Run(OPTIONS, ALL_IDS, 65_536);
  b.engine = MonitorEngine.restore(saved, (e) => b.events.push(e), {
    options: OPTIONS,
    dictionary: b.dictionary,
    onNotice: (n) => b.notices.push(n),
    resumeAt: restartMs,
  });
  const shift = (s: Step) => ({ ...s, wallMs: s.wallMs - WALL0 - 61_000 + restartMs });
  b.engine.tick(restartMs);
  equal(b.engine.view().time, a.engine.view().time, "the restart evaluated nothing on its own");
  b.feed([...later, ...quiet].map(shift), 3);
  b.engine.finish();
  deepEqual([...a.events, ...b.events], whole.events);
  deepEqual(b.notices, []);
  const summary = whole.events.at(-1);
  if (summary?.type !== "summary") throw new Error("no summary");
  deepEqual([summary.hits, summary.late, summary.skewed], [6, 0, 0], "every line in its interval");
});

Deno.test("MonitorEngine.restore() refuses a checkpoint written with other options, naming them", () => {
  const a = new Run(OPTIONS, ALL_IDS, 65_536);
  a.feed([line(T0, WALL0)]);
  const saved = JSON.parse(JSON.stringify(a.engine.checkpoint()));
  throws(
    () =>
      MonitorEngine.restore(saved, () => {}, {
        options: { ...OPTIONS, window: 60, threshold: 20 },
        dictionary: new RunDictionary(),
      }),
    (err: Error) =>
      err instanceof CheckpointRefused &&
      err.message ===
        "the saved state was written with --threshold 2 (now 20), --window 10 (now 60)",
  );
});

Deno.test("MonitorEngine.restore() refuses a checkpoint of another version, or not a checkpoint", () => {
  const a = new Run(OPTIONS, ALL_IDS, 65_536);
  a.feed([line(T0, WALL0)]);
  const saved = JSON.parse(JSON.stringify(a.engine.checkpoint()));
  const restore = (cp: unknown) =>
    MonitorEngine.restore(cp, () => {}, { options: OPTIONS, dictionary: new RunDictionary() });
  throws(
    () => restore({ ...saved, version: 2 }),
    (err: Error) =>
      err instanceof CheckpointRefused &&
      err.message ===
        "the saved state is of checkpoint version 2, this monilog reads version 1 only",
  );
  for (const other of [null, 7, {}, { ...saved, format: "vector" }]) {
    throws(
      () => restore(other),
      (err: Error) =>
        err instanceof CheckpointRefused &&
        err.message === "the saved state is not a monilog engine checkpoint",
    );
  }
  // Damaged: refused, and the dictionary is left empty for a run that starts afresh.
  const dictionary = new RunDictionary();
  throws(
    () =>
      MonitorEngine.restore({ ...saved, totals: { ...saved.totals, sections: null } }, () => {}, {
        options: OPTIONS,
        dictionary,
      }),
    (err: Error) =>
      err instanceof CheckpointRefused && err.message.startsWith("the saved state is damaged: "),
  );
  equal(dictionary.values("host").length, 0);
});

Deno.test("MonitorEngine.restore() refuses a dictionary too small for the saved keys", () => {
  const a = new Run(OPTIONS, ALL_IDS, 65_536);
  a.feed([line(T0, WALL0, { host: "10.0.0.1" }), line(T0, WALL0, { host: "10.0.0.2" })]);
  const saved = JSON.parse(JSON.stringify(a.engine.checkpoint()));
  throws(
    () =>
      MonitorEngine.restore(saved, () => {}, {
        options: OPTIONS,
        dictionary: new RunDictionary(1),
      }),
    (err: Error) =>
      err instanceof CheckpointRefused &&
      err.message === "the saved state has more host keys than this run's dictionary keeps",
  );
});

Deno.test("MonitorEngine.restore() refuses a dictionary that already gave ids", () => {
  const a = new Run(OPTIONS, ALL_IDS, 65_536);
  a.feed([line(T0, WALL0, { host: "10.0.0.1" })]);
  const saved = JSON.parse(JSON.stringify(a.engine.checkpoint()));
  const dictionary = new RunDictionary();
  dictionary.idOf("host", "192.0.2.1");
  throws(
    () => MonitorEngine.restore(saved, () => {}, { options: OPTIONS, dictionary }),
    (err: Error) =>
      err instanceof CheckpointRefused &&
      err.message ===
        "this run's dictionary already gave host ids before the saved state was restored",
  );
});

/**
 * A log that overflows every bounded table: 6,000 lines of which 1 in 30 misses its interval (the
 * disorder notice), 1,500 sections (the summary's Space-Saving counter), then one second of 12,000
 * clients and 80 methods (an interval's tables turn approximate), then 60,000 more clients (the
 * run's distinct count turns to HyperLogLog; past 65,536 hosts the dictionary is full, and the rest
 * come by string).
 */
function overflowingLog(): Step[] {
  const steps: Step[] = [];
  let wall = WALL0;
  let t = T0;
  // Sections drawn skewed (a few heavy, many rare), from a fixed seed: which rare one a new section
  // replaces then depends on the order the counter was fed in, as in a real log.
  let seed = 12345;
  const section = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return `/s${Math.floor(1500 * (seed / 2 ** 32) ** 2)}`;
  };
  for (let i = 0; i < 6000; i++) {
    if (i % 10 === 0) t++;
    const time = i % 30 === 29 ? t - 9 : t;
    steps.push(line(time, wall += 100, { host: `10.1.0.${i % 50}`, section: section() }));
  }
  t += 1;
  for (let i = 0; i < 12_000; i++) {
    steps.push(line(t, wall += 1, {
      host: `10.2.${i >> 8}.${i & 255}`,
      method: `M${i % 80}`,
      section: section(),
      duration: (i % 97) / 100,
    }));
  }
  for (let i = 0; i < 60_000; i++) {
    if (i % 100 === 0) t++;
    steps.push(line(t, wall += 10, { host: `10.3.${i >> 8}.${i & 255}`, section: section() }));
  }
  return steps;
}

/**
 * `steps` run once, checkpointed (through JSON) at each of `splits` on the way — checkpoint() changes
 * nothing, as the property above shows — and each checkpoint restored and run to the end: the same
 * events, notices, view and state as the run itself.
 */
function compareMany(
  options: EngineOptions,
  ways: Ways,
  steps: readonly Step[],
  splits: number[],
): Run {
  const whole = new Run(options, ways, 65_536);
  const saved: Array<{ at: number; cp: unknown; events: number; notices: number }> = [];
  let done = 0;
  for (const at of splits) {
    whole.feed(steps.slice(done, at), done);
    done = at;
    const cp = JSON.parse(JSON.stringify(whole.engine.checkpoint()));
    saved.push({ at, cp, events: whole.events.length, notices: whole.notices.length });
  }
  whole.feed(steps.slice(done), done);
  const view = whole.engine.view();
  const end = whole.engine.checkpoint();
  whole.engine.finish();
  for (const { at, cp, events, notices } of saved) {
    const b = new Run(options, ways, 65_536, cp);
    b.feed(steps.slice(at), at);
    deepEqual(b.engine.view(), view);
    deepEqual(b.engine.checkpoint(), end);
    b.engine.finish();
    deepEqual(b.events, whole.events.slice(events), `events after a cut at ${at}`);
    deepEqual(b.notices, whole.notices.slice(notices), `notices after a cut at ${at}`);
  }
  return whole;
}

Deno.test("MonitorEngine.restore() goes on exactly past overflowed tables and the HyperLogLog", () => {
  const steps = overflowingLog();
  const options = { ...OPTIONS, threshold: 5000 };
  // Cut after the disorder notice, in the second of 12,000 clients before and after its tables
  // overflow, and past the switch to HLL (by string: by id, hosts past the dictionary's 65,536 only).
  const byString: Ways = { hostIds: false, sectionIds: false, methodIds: false };
  const whole = compareMany(options, byString, steps, [11_000, 17_000, 76_000]);
  compareMany(options, ALL_IDS, steps, [17_000, 76_000]);

  // The log did reach what it was written for.
  equal(whole.notices.some((n) => n.kind === "disorder"), true);
  const summary = whole.events.at(-1)!;
  if (summary.type !== "summary") throw new Error("no summary");
  equal(summary.clientCountError > 0, true, "the distinct count of clients is an estimate");
  const sections = whole.engine.checkpoint().totals.sections;
  equal(sections.heap.some(([, , error]) => error > 0), true, "the run's sections overflowed");
  equal(whole.events.some((e) => e.type === "stats" && e.approximate), true);
});

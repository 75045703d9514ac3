/**
 * WakeSignal on real directories. A wait is given a deadline of a few seconds; the poll period tells
 * which wake-up is tested: short where the poll should wake, a minute where only the watch can.
 */
import { equal } from "node:assert/strict";
import { systemClock } from "../../src/clock.ts";
import { WakeSignal } from "../../src/source/wake_signal.ts";
import { inTempDir } from "./_follower.ts";

/** Longer than any test: a wait that ends was not ended by the poll. */
const NO_POLL = 60_000;

/** Resolves when `p` does; throws if that takes more than `ms`. */
async function within(p: Promise<void>, what: string, ms = 5000): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no wake-up for ${what} within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `fn` with a WakeSignal for `path`, then aborts (ending any wait) and closes it. */
async function withWake(
  path: string,
  pollMs: number,
  fn: (wake: WakeSignal) => Promise<void>,
): Promise<void> {
  const stop = new AbortController();
  const wake = new WakeSignal(path, { pollMs, signal: stop.signal, clock: systemClock });
  try {
    await fn(wake);
  } finally {
    stop.abort();
    await wake.close();
  }
}

Deno.test("WakeSignal.wait() polls while the directory is missing, then watches it once it exists", () =>
  inTempDir((dir) =>
    withWake(`${dir}/later/a.log`, 20, async (wake) => {
      equal(wake.watching, false);
      for (let i = 0; i < 3; i++) await within(wake.wait(), "a poll tick");
      equal(wake.watching, false);
      await Deno.mkdir(`${dir}/later`);
      await within(wake.wait(), "a poll tick");
      equal(wake.watching, true);
    })
  ));

Deno.test("WakeSignal.wait() wakes at once when the missing directory appears, then at events", () =>
  inTempDir((dir) =>
    withWake(`${dir}/later/a.log`, NO_POLL, async (wake) => {
      await Deno.mkdir(`${dir}/later`);
      // The watch that starts now missed what happened before it: "maybe changed" at once.
      await within(wake.wait(), "the watch starting");
      equal(wake.watching, true);
      const woken = wake.wait();
      await Deno.writeTextFile(`${dir}/later/a.log`, "x\n");
      await within(woken, "the file being written");
    })
  ));

Deno.test("WakeSignal.wait() watches again a directory that was removed and made again", () =>
  inTempDir((dir) =>
    withWake(`${dir}/logs/a.log`, 20, async (wake) => {
      await Deno.mkdir(`${dir}/logs`);
      await within(wake.wait(), "the watch starting");
      equal(wake.watching, true);
      await Deno.remove(`${dir}/logs`);
      const deadline = Date.now() + 5000;
      while (wake.watching && Date.now() < deadline) await within(wake.wait(), "a poll tick");
      equal(wake.watching, false, "the watch of the removed directory stopped");
      await Deno.mkdir(`${dir}/logs`);
      await within(wake.wait(), "a poll tick");
      equal(wake.watching, true);
      const woken = wake.wait();
      await Deno.writeTextFile(`${dir}/logs/a.log`, "x\n");
      await within(woken, "the file being written");
    })
  ));

Deno.test("WakeSignal.wait() ends at abort", () =>
  inTempDir(async (dir) => {
    const stop = new AbortController();
    const wake = new WakeSignal(`${dir}/a.log`, {
      pollMs: NO_POLL,
      signal: stop.signal,
      clock: systemClock,
    });
    const woken = wake.wait();
    stop.abort();
    await within(woken, "the abort");
    await within(wake.wait(), "the abort, seen before the wait");
    await wake.close();
  }));

Deno.test("WakeSignal.close() resolves once the watch has let go", () =>
  inTempDir(async (dir) => {
    // A spy on Deno.watchFs counts the watches whose events are still being read.
    const deno = Deno as { watchFs: typeof Deno.watchFs };
    const watchFs = deno.watchFs;
    let reading = 0;
    deno.watchFs = (paths, options) => {
      const watcher = watchFs(paths, options);
      const events = watcher[Symbol.asyncIterator]();
      reading++;
      watcher[Symbol.asyncIterator] = async function* () {
        try {
          // Not yield*: it would ask the watcher for its iterator again, which is this one.
          for (let e = await events.next(); !e.done; e = await events.next()) yield e.value;
        } finally {
          reading--;
        }
      };
      return watcher;
    };
    try {
      const wake = new WakeSignal(`${dir}/a.log`, {
        pollMs: NO_POLL,
        signal: new AbortController().signal,
        clock: systemClock,
      });
      equal(wake.watching, true);
      equal(reading, 1);
      await wake.close();
      equal(wake.watching, false);
      equal(reading, 0);
    } finally {
      deno.watchFs = watchFs;
    }
  }));

import { deepEqual, equal } from "node:assert/strict";
import { Checkpoints } from "../../src/pipeline/checkpoints.ts";
import type { RunIdentity } from "../../src/pipeline/state_store.ts";
import type { FollowSnapshot, PositionSource } from "../../src/source/file_position.ts";

const identity: RunIdentity = {
  files: ["/var/log/a.log"],
  format: "auto",
  threshold: 10,
  window: 120,
  interval: 10,
  late: 0,
  top: 5,
  byFile: false,
};

/** A follower whose snapshot the test decides. */
function source(snapshot: FollowSnapshot, consistent = true) {
  const s = {
    consistent,
    snapshot: (): FollowSnapshot => {
      if (!s.consistent) throw new Error("a snapshot asked of an inconsistent follower");
      return snapshot;
    },
  };
  return s satisfies PositionSource;
}

const at = (offset: number): FollowSnapshot => ({
  positions: [{ dev: 1, ino: 2, fingerprint: "YQ==", offset }],
  seen: [{ dev: 1, ino: 3, head: "Yg==" }],
});

Deno.test("Checkpoints saves nothing, and asks no engine, while a follower is mid-way", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const first = new Checkpoints(dir, identity);
    const a = source(at(10));
    const b = source(at(20), false);
    first.register("/var/log/a.log", a);
    first.register("/var/log/b.log", b);
    let asked = 0;
    equal(first.save(() => ({ engine: ++asked, sinks: {} }), 1000), false);
    equal(asked, 0);
    equal(new Checkpoints(dir, identity).resumeFor("/var/log/a.log"), undefined, "nothing saved");
    b.consistent = true;
    const notifier = { open: "episode 1", pending: [] };
    equal(
      first.save(() => ({ engine: { engine: ++asked }, sinks: { "webhook x": notifier } }), 2000),
      true,
    );
    const again = new Checkpoints(dir, identity);
    deepEqual(again.engine, { engine: 1 });
    deepEqual(again.sink("webhook x"), notifier);
    equal(again.sink("webhook y"), undefined);
    deepEqual(again.resumeFor("/var/log/a.log"), { ...at(10), savedAt: 2000 });
    deepEqual(again.resumeFor("/var/log/b.log"), { ...at(20), savedAt: 2000 });
    // A file the last run did not follow: no positions, and no word on its rotated files.
    deepEqual(again.resumeFor("/var/log/c.log"), { positions: [], seen: undefined, savedAt: 2000 });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

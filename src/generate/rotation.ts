/**
 * Rotation on demand, as logrotate does it, so that tailers can be tested against the real thing:
 * `rename` moves the live file to `.1` (older ones shift to `.2` …, the oldest beyond `keep` is dropped)
 * and the writer starts a new file; `copytruncate` copies the live file to `.1` and empties it in place
 * while the writer keeps appending to the same descriptor.
 */

/** How to rotate. */
export type RotateMode = "rename" | "copytruncate";

/** The renames that shift `path.1 … path.(keep-1)` up by one, oldest first. Pure. */
export function shiftPlan(path: string, keep: number): Array<[from: string, to: string]> {
  const plan: Array<[string, string]> = [];
  for (let i = keep - 1; i >= 1; i--) plan.push([`${path}.${i}`, `${path}.${i + 1}`]);
  return plan;
}

/** Rotates `path`, keeping `keep` old files. The caller reopens the file after a `rename`. */
export async function rotateFile(path: string, mode: RotateMode, keep: number): Promise<void> {
  await removeIfPresent(`${path}.${keep}`);
  for (const [from, to] of shiftPlan(path, keep)) {
    try {
      await Deno.rename(from, to);
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) throw err;
    }
  }
  if (mode === "rename") {
    await Deno.rename(path, `${path}.1`);
  } else {
    await Deno.copyFile(path, `${path}.1`);
    await Deno.truncate(path, 0);
  }
}

async function removeIfPresent(path: string): Promise<void> {
  try {
    await Deno.remove(path);
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
}

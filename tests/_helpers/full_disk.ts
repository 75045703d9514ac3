/** A disk that is really full, for the output-fault tests: a tiny tmpfs (mounting it needs root). */
import { inCi } from "./requires.ts";

// CI runs as root, so there these tests always run.
const ROOT = Deno.uid() === 0;

/** Whether a full-disk test is ignored here, and what its name says then. */
export const FULL_DISK_IGNORED = {
  ignore: !ROOT && !inCi(),
  suffix: ROOT || inCi() ? "" : " (ignored: mounting a full tmpfs needs root)",
};

/** Mounts a 4 KiB tmpfs (root only), so that a write really fails with "no space left on device". */
export async function withFullDisk(fn: (dir: string) => Promise<void>): Promise<boolean> {
  const dir = await Deno.makeTempDir();
  const mount = await new Deno.Command("mount", {
    args: ["-t", "tmpfs", "-o", "size=4k", "tmpfs", dir],
    stderr: "null",
  }).output().catch(() => ({ success: false }));
  if (!mount.success) {
    await Deno.remove(dir);
    return false;
  }
  try {
    await fn(dir);
  } finally {
    await new Deno.Command("umount", { args: [dir] }).output();
    await Deno.remove(dir);
  }
  return true;
}

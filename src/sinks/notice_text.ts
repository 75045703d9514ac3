import type { SourceNotice } from "../source/source_options.ts";
import { escapeControl } from "./escape.ts";

/** A source notice as the one line monilog prints for it on standard error (without "monilog: "). */
export function describeNotice(n: SourceNotice): string {
  const path = `"${escapeControl(n.path)}"`;
  const detail = n.detail ? ` (${escapeControl(n.detail)})` : "";
  switch (n.kind) {
    case "waiting":
      return `waiting for ${path} to appear${detail}`;
    case "opened":
      return `reading ${path}${detail}`;
    case "rotated":
      return `${path} was rotated; reading the new file from its start${detail}`;
    case "truncated":
      return `${path} was truncated; reading it again from its start${detail}`;
    case "missing":
      return `${path} was removed; waiting for it to come back${detail}`;
    case "oversized":
      return `skipped an over-long line in ${path}${detail}`;
    case "draining":
      return `reading what is left in ${path} before stopping${detail}; stop again to end at once`;
  }
}

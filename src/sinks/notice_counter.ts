import {
  SOURCE_NOTICE_KINDS,
  type SourceNotice,
  type SourceNoticeKind,
} from "../source/source_options.ts";
import type { Sink } from "./sink.ts";

/**
 * Counts the sources' notices by kind: the figures behind the views' header and the summary's
 * `files` line (rotations, truncations, removals, over-long lines). With `--state` the counts go on
 * across a restart, as the engine's totals do.
 */
export class NoticeCounter implements Sink {
  readonly name = "notice counter";
  readonly output = false;
  readonly #counts = Object.fromEntries(SOURCE_NOTICE_KINDS.map((k) => [k, 0])) as Record<
    SourceNoticeKind,
    number
  >;

  event(): void {}

  notice(notice: SourceNotice): void {
    this.#counts[notice.kind]++;
  }

  /** A copy of the counts so far. */
  counts(): Record<SourceNoticeKind, number> {
    return { ...this.#counts };
  }

  checkpoint(): Record<SourceNoticeKind, number> {
    return this.counts();
  }

  restore(saved: unknown): void {
    if (typeof saved !== "object" || saved === null) return;
    for (const kind of SOURCE_NOTICE_KINDS) {
      const n = (saved as Record<string, unknown>)[kind];
      if (Number.isSafeInteger(n) && (n as number) > 0) this.#counts[kind] += n as number;
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

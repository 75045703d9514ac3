import type { SourceNotice } from "../source/source_options.ts";
import { describeNotice } from "./notice_text.ts";
import type { Sink } from "./sink.ts";

/** Says each source notice on standard error, one line each: rotations, truncations, waits. */
export class NoticeLogSink implements Sink {
  readonly name = "standard error";
  readonly output = false;

  constructor(private readonly stderr: (line: string) => void) {}

  event(): void {}

  notice(notice: SourceNotice): void {
    this.stderr(`monilog: ${describeNotice(notice)}`);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** A LineConsumer for source tests: records each line as text, with its notices and batches. */
import type { LineConsumer, SourceNotice } from "../../src/source/mod.ts";
import type { RegionPlanSpec, RowConsumer } from "../../src/replay/replay_file.ts";
import type { RecordBatch } from "../../src/replay/record_batch.ts";

const decoder = new TextDecoder();

/** Records what a source delivers. */
export class LineCollector implements LineConsumer {
  readonly lines: string[] = [];
  readonly notices: SourceNotice[] = [];
  /** Which source index each line came from. */
  readonly sources: number[] = [];
  batches = 0;
  bytes = 0;

  line(source: number, bytes: Uint8Array, start: number, end: number): void {
    this.lines.push(decoder.decode(bytes.subarray(start, end)));
    this.sources.push(source);
  }

  endBatch(): void {
    this.batches++;
  }

  notice(notice: SourceNotice): void {
    this.notices.push(notice);
  }

  bytesRead(_source: number, n: number): void {
    this.bytes += n;
  }
}

/** A collector that also takes a parallel replay's rows, parsing regions as `plan` says. */
export class RowCollector extends LineCollector implements RowConsumer {
  readonly batchesOfRows: RecordBatch[] = [];
  rowsSeen = 0;

  constructor(private readonly plan: RegionPlanSpec | undefined) {
    super();
  }

  regionSpec(): RegionPlanSpec | undefined {
    return this.plan;
  }

  rows(_source: number, batch: RecordBatch): void {
    this.rowsSeen += batch.rows;
    this.batchesOfRows.push(batch);
  }
}

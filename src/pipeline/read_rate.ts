/** Lines read per second of machine time over the last few seconds, from periodic samples. */
export class ReadRate {
  readonly #samples: Array<[number, number]> = [];

  constructor(private readonly spanMs = 5000) {}

  /** Records that `lines` had been read at `nowMs`, and returns the rate over the span. */
  perSecond(nowMs: number, lines: number): number {
    const s = this.#samples;
    s.push([nowMs, lines]);
    while (s.length > 2 && nowMs - s[1][0] >= this.spanMs) s.shift();
    const [t0, l0] = s[0];
    return nowMs > t0 ? ((lines - l0) * 1000) / (nowMs - t0) : 0;
  }
}

/** Settings of the engine, all in seconds but the threshold (requests per second). */
export interface EngineOptions {
  /** Alert when the window's average rate is strictly above this. */
  threshold: number;
  /** Window length W. */
  window: number;
  /** Statistics interval I; intervals are aligned to multiples of I. */
  interval: number;
  /** How far a line may trail later-stamped lines and still be counted in order. */
  late: number;
  /** Rows in "top" tables. */
  top: number;
}

/** Default settings (spec §1). */
export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  threshold: 10,
  window: 120,
  interval: 10,
  late: 2,
  top: 5,
};

/**
 * Terminal colours for the text report and the dashboard: the escape codes come from ansi-styles,
 * which is only a table of codes. It replaced picocolors, whose CommonJS module reads `process` when
 * it loads: that wakes Deno's Node-compatibility layer, ~35 ms of every start, for a choice monilog
 * makes itself (NO_COLOR, FORCE_COLOR, a terminal) before asking for colours.
 */
import styles from "ansi-styles";

/** A style applied to text; the identity when colours are off. */
export type Paint = (text: string) => string;

/** The styles monilog uses. */
export interface Colors {
  bold: Paint;
  dim: Paint;
  inverse: Paint;
  red: Paint;
  green: Paint;
  yellow: Paint;
  cyan: Paint;
  white: Paint;
  black: Paint;
  bgRed: Paint;
  bgGreen: Paint;
}

const plain: Paint = (text) => text;

/**
 * `open text close`, where a `close` inside `text` (a nested style of the same kind: bold and dim
 * share one) opens this style again, so that the outer style lasts to its own end.
 */
function painter({ open, close }: { open: string; close: string }): Paint {
  return (text) =>
    open + (text.includes(close) ? text.replaceAll(close, close + open) : text) + close;
}

function build(): Colors {
  const m = styles.modifier, c = styles.color, bg = styles.bgColor;
  return {
    bold: painter(m.bold),
    dim: painter(m.dim),
    inverse: painter(m.inverse),
    red: painter(c.red),
    green: painter(c.green),
    yellow: painter(c.yellow),
    cyan: painter(c.cyan),
    white: painter(c.white),
    black: painter(c.black),
    bgRed: painter(bg.bgRed),
    bgGreen: painter(bg.bgGreen),
  };
}

const ON: Colors = build();
const OFF: Colors = Object.fromEntries(Object.keys(ON).map((k) => [k, plain])) as unknown as Colors;

/** The styles, painting when `enabled` and leaving text as it is otherwise. */
export function createColors(enabled: boolean): Colors {
  return enabled ? ON : OFF;
}

/** The web server of a running CLI, for tests. */
import type { LiveCli } from "../../_helpers/cli.ts";

/** Waits for the CLI's "web page at URL" line and returns the URL's origin. */
export async function pageUrl(cli: LiveCli): Promise<string> {
  await cli.waitForStderr("the web page's address", (l) => l.some((x) => /web page at /.test(x)));
  const line = cli.stderrLines.find((x) => /web page at /.test(x))!;
  return /web page at (http:\/\/\S+?)\/?(\s|$)/.exec(line)![1];
}

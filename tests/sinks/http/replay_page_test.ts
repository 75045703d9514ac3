/// <reference lib="dom" />
/**
 * A finished replay on the page (`--once --http`): the chart holds every second of the log, the
 * alerts are shaded and listed, and dragging on the chart zooms into it.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { needs } from "../../_helpers/requires.ts";
import { LiveCli } from "../../_helpers/cli.ts";
import { CHROMIUM, launchChromium } from "./_browser.ts";
import { jsonLine } from "./_json_log.ts";
import { pageUrl } from "./_web_cli.ts";

Deno.test(
  needs("the page of a finished replay charts all of it, and zooms", [CHROMIUM], async () => {
    const dir = await Deno.makeTempDir({ prefix: "monilog-replay-page-" });
    const log = `${dir}/access.log`;
    const t0 = 1_767_225_600;
    // Six hours at 1 request a second, with two surges of 10 minutes at 20 a second.
    const lines: string[] = [];
    for (let s = 0; s < 6 * 3600; s++) {
      const surge = (s >= 3600 && s < 4200) || (s >= 14_400 && s < 15_000);
      for (let i = 0; i < (surge ? 20 : 1); i++) lines.push(jsonLine(t0 + s));
    }
    await Deno.writeTextFile(log, lines.join("\n") + "\n");
    const cli = new LiveCli([
      "monitor",
      "--once",
      "--file",
      log,
      "--format",
      "json",
      "--json",
      "--http",
      "127.0.0.1:0",
    ]);
    const browser = await launchChromium();
    try {
      const url = await pageUrl(cli);
      await cli.waitForStderr("the end of the replay", (l) => l.some((x) => /replay done/.test(x)));
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      await page.goto(`${url}/`);
      await page.waitForFunction(() =>
        Number(document.getElementById("chart")?.dataset.points) > 0
      );
      const series = await (await fetch(`${url}/api/series`)).json();
      equal(Number(await page.getAttribute("#chart", "data-points")), series.series.time.length);
      ok(series.series.time.length >= 6 * 3600, `${series.series.time.length} points`);
      equal(series.spans.length, 2);
      equal(await page.textContent("#mode"), "replay finished");
      const history = await page.locator("#history li").allTextContents();
      equal(history.filter((h) => h.startsWith("High traffic generated an alert")).length, 2);
      equal(history.filter((h) => h.startsWith("Traffic recovered")).length, 2);
      // The whole log is in view, then a drag over a tenth of the chart zooms into it.
      const all = await page.evaluate(() => {
        const d = document.getElementById("chart")!.dataset;
        return [Number(d.xmin), Number(d.xmax)];
      });
      ok(all[0] <= t0 && all[1] >= t0 + 6 * 3600 - 1, `shown ${all}`);
      const box = (await page.locator("#chart .u-over").boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
      await page.mouse.up();
      const zoomed = await page.evaluate(() => {
        const d = document.getElementById("chart")!.dataset;
        return [Number(d.xmin), Number(d.xmax)];
      });
      ok(zoomed[1] - zoomed[0] < (all[1] - all[0]) / 5, `zoomed to ${zoomed}`);
      deepEqual(errors, []);
    } finally {
      await browser.close();
      const status = await cli.stop("SIGINT");
      equal(status.code, 0, cli.stderrLines.join("\n"));
      await Deno.remove(dir, { recursive: true });
    }
  }),
);

Deno.test(
  needs("the page opened once with ?token= keeps working on its cookie", [CHROMIUM], async () => {
    const dir = await Deno.makeTempDir({ prefix: "monilog-token-page-" });
    const log = `${dir}/access.log`;
    const t0 = 1_767_225_600;
    await Deno.writeTextFile(
      log,
      Array.from({ length: 300 }, (_, s) => jsonLine(t0 + s)).join("\n") + "\n",
    );
    const cli = new LiveCli([
      "monitor",
      "--once",
      "--file",
      log,
      "--format",
      "json",
      "--json",
      "--http",
      "127.0.0.1:0",
      "--http-token",
      "page-secret",
    ]);
    const browser = await launchChromium();
    try {
      const url = await pageUrl(cli);
      await cli.waitForStderr("the end of the replay", (l) => l.some((x) => /replay done/.test(x)));
      const page = await browser.context.newPage();
      // Without the token: nothing but a 401.
      const denied = await page.goto(`${url}/`);
      equal(denied?.status(), 401);
      await page.goto(`${url}/?token=page-secret`);
      // The token is gone from the address; the stream and the chart come through the cookie.
      equal(page.url(), `${url}/`);
      await page.waitForFunction(() => document.getElementById("conn")?.textContent === "live");
      await page.waitForFunction(() =>
        Number(document.getElementById("chart")?.dataset.points) > 0
      );
      equal(await page.textContent("#runhits"), "300");
      // Still there after a reload, with no token in sight.
      await page.reload();
      await page.waitForFunction(() => document.getElementById("conn")?.textContent === "live");
    } finally {
      await browser.close();
      const status = await cli.stop("SIGINT");
      equal(status.code, 0, cli.stderrLines.join("\n"));
      await Deno.remove(dir, { recursive: true });
    }
  }),
);

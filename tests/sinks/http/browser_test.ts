/// <reference lib="dom" />
/**
 * The page in a real browser (Chromium via playwright-core) while the real CLI follows a log that a
 * surge is being written to: the chart is drawn, the state goes to ALERT and back to OK without a
 * reload, and the hostile path and client in the log are shown as text.
 */
import { equal, ok } from "node:assert/strict";
import { needs } from "../../_helpers/requires.ts";
import { LiveCli } from "../../_helpers/cli.ts";
import { CHROMIUM, launchChromium } from "./_browser.ts";
import { pageUrl } from "./_web_cli.ts";
import { HOSTILE_CLIENT, HOSTILE_PATH, jsonLine, writeSurge } from "./_json_log.ts";

Deno.test(
  needs(
    "the page follows a surge live: chart, ALERT, recovery, log text as text",
    [CHROMIUM],
    async (t) => {
      const dir = await Deno.makeTempDir({ prefix: "monilog-page-" });
      const log = `${dir}/access.log`;
      const start = Math.floor(Date.now() / 1000) - 3600;
      await Deno.writeTextFile(log, `${jsonLine(start - 1)}\n`);
      const cli = new LiveCli([
        "monitor",
        "--file",
        log,
        "--format",
        "json",
        "--json",
        "--http",
        "127.0.0.1:0",
        "--threshold",
        "5",
        "--window",
        "10",
        "--interval",
        "5",
      ]);
      const browser = await launchChromium();
      const problems: string[] = [];
      try {
        const url = await pageUrl(cli);
        const page = await browser.context.newPage();
        page.on("console", (m) => {
          if (m.type() === "error" || m.type() === "warning") problems.push(`console: ${m.text()}`);
        });
        page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
        page.on("dialog", (d) => {
          problems.push(`dialog: ${d.message()}`);
          d.dismiss();
        });
        await page.goto(`${url}/`);
        await page.waitForFunction(() => document.getElementById("conn")?.textContent === "live");
        // A mark that a reload would wipe.
        await page.evaluate(() => (globalThis as unknown as { mark: number }).mark = 42);

        const writing = writeSurge(log, start, [
          { rate: 2, seconds: 12 },
          { rate: 15, seconds: 20, hostile: 4 },
          { rate: 1, seconds: 40 },
        ], 100);

        await page.waitForFunction(
          () => document.getElementById("state")?.textContent === "ALERT",
          undefined,
          { timeout: 20_000 },
        );
        // Let the chart take in the shading of the alert span, then keep a picture of it.
        await page.waitForTimeout(1500);
        const shot = `${dir}/page-during-alert.png`;
        await page.screenshot({ path: shot, fullPage: true });
        // A step's name is printed even by a quiet test run: it says where the picture is.
        await t.step(`screenshot of the page during the alert: ${shot}`, async () => {
          ok((await Deno.stat(shot)).size > 10_000);
        });
        const age = await page.textContent("#age");
        ok(/^since .+ \(\d+ s\)$/.test(age ?? ""), `age: ${age}`);
        const rate = Number(await page.textContent("#rate"));
        ok(rate > 5, `rate ${rate}`);

        // The chart: points in, something painted on the canvas.
        const points = Number(await page.getAttribute("#chart", "data-points"));
        ok(points > 20, `${points} points`);
        const painted = await page.evaluate(() => {
          const canvas = document.querySelector("#chart canvas") as HTMLCanvasElement;
          const data =
            canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
          let n = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
          return n;
        });
        ok(painted > 5000, `${painted} pixels painted`);

        // Log text shown as text: the markup it holds is not markup on the page.
        const sections = await page.textContent("#sections");
        const clients = await page.textContent("#clients");
        ok(sections?.includes(HOSTILE_PATH), sections ?? "");
        ok(clients?.includes(HOSTILE_CLIENT), clients ?? "");
        equal(await page.locator("main img, main script").count(), 0);

        await page.waitForFunction(
          () => document.getElementById("state")?.textContent === "OK",
          undefined,
          { timeout: 20_000 },
        );
        const history = await page.textContent("#history");
        ok(history?.includes("Traffic recovered - hits = "), history ?? "");
        ok(history?.includes("High traffic generated an alert - hits = "), history ?? "");
        equal(await page.evaluate(() => (globalThis as unknown as { mark: number }).mark), 42);
        await writing;
        equal(problems.length, 0, problems.join("\n"));
        // The CLI's own events agree with what the page showed.
        ok(cli.events.some((e) => e.type === "alert"));
        ok(cli.events.some((e) => e.type === "recover"));
      } finally {
        await browser.close();
        const status = await cli.stop("SIGINT");
        equal(status.code, 0, cli.stderrLines.join("\n"));
      }
    },
  ),
);

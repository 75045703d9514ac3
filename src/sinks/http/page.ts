/**
 * The one page of the web server, put together once from files that are part of the module graph
 * (text imports), so `deno run` and `deno compile` carry it alike, with nothing beside the binary and no
 * CDN: the HTML, its stylesheet and script, and uPlot's minified build and stylesheet from npm (uPlot
 * 1.6.32, pinned in package.json). The scripts and styles are inline and allowed by their SHA-256 in a
 * Content-Security-Policy that allows nothing else: no other script, no inline handler, no eval, no
 * request to another origin.
 */
import html from "./page/index.html" with { type: "text" };
import appCss from "./page/app.css" with { type: "text" };
import appJs from "./page/app.js" with { type: "text" };
import uplotJs from "uplot/dist/uPlot.iife.min.js" with { type: "text" };
import uplotCss from "uplot/dist/uPlot.min.css" with { type: "text" };

/** The page and the policy that goes with it. */
export interface Page {
  html: string;
  csp: string;
}

let built: Promise<Page> | undefined;

/** The page (built on first use, then shared). */
export function page(): Promise<Page> {
  return built ??= buildPage();
}

async function buildPage(): Promise<Page> {
  const style = `${uplotCss}\n${appCss}`;
  const scripts = [uplotJs, appJs];
  for (const s of scripts) {
    // An inline script ends at the first "</script": none of ours may hold one.
    if (/<\/script/i.test(s)) throw new Error("a page script holds </script>");
  }
  // Replacer functions, not strings: "$&" and friends in the code must not be expanded.
  const text = html
    .replace("<!--STYLE-->", () => `<style>${style}</style>`)
    .replace("<!--SCRIPT-->", () => scripts.map((s) => `<script>${s}</script>`).join("\n"));
  const scriptHashes = await Promise.all(scripts.map(sha256));
  const csp = [
    "default-src 'none'",
    `script-src ${scriptHashes.map((h) => `'sha256-${h}'`).join(" ")}`,
    `style-src 'sha256-${await sha256(style)}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
  return { html: text, csp };
}

/** The policy for everything that is not the page: nothing may run or load. */
export const DATA_CSP = "default-src 'none'; frame-ancestors 'none'";

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}

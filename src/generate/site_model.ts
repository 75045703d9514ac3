/**
 * What a believable site's traffic is made of: sections with sub-paths of skewed popularity, methods,
 * status codes with occasional error bursts, long-tailed response sizes, a pool of clients and users,
 * referers and user agents. Pure: all randomness comes from the Random passed in.
 */
import { Random, WeightedPicker, zipfWeights } from "./random.ts";

/** One synthetic request, before it is written in a format. */
export interface SyntheticRequest {
  time: number;
  host: string;
  user: string;
  method: string;
  path: string;
  status: number;
  bytes: number;
  referer: string;
  userAgent: string;
  /** Seconds taken to serve it. */
  duration: number;
}

const SECTIONS: Array<[string, string[]]> = [
  ["/api", ["/users", "/orders", "/search", "/cart", "/items/{id}", "/session", "/health"]],
  ["/", [""]],
  ["/static", ["/app.js", "/app.css", "/vendor.js", "/fonts/inter.woff2"]],
  ["/images", ["/logo.png", "/hero.jpg", "/products/{id}.jpg", "/icons/{id}.svg"]],
  ["/products", ["", "/{id}", "/{id}/reviews", "/category/{cat}"]],
  ["/report", ["", "/daily", "/weekly"]],
  ["/blog", ["", "/{slug}", "/tag/{cat}"]],
  ["/login", [""]],
  ["/account", ["", "/settings", "/orders"]],
  ["/search", ["?q={cat}"]],
  ["/checkout", ["", "/payment", "/confirm"]],
  ["/favicon.ico", [""]],
  ["/robots.txt", [""]],
  ["/docs", ["", "/install", "/api/{slug}"]],
  ["/admin", ["", "/users"]],
];

const CATEGORIES = ["shoes", "books", "garden", "kitchen", "toys", "music", "outdoor", "tools"];
const SLUGS = ["getting-started", "release-notes", "scaling-tips", "faq", "pricing", "changelog"];

const USER_AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
  "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36",
  "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
  "curl/8.7.1",
  "python-requests/2.31.0",
  "Go-http-client/2.0",
];

const REFERERS = [
  "-",
  "https://www.google.com/",
  "https://duckduckgo.com/",
  "https://news.ycombinator.com/",
  "https://example.com/",
  "https://t.co/x1y2z3",
];

const USERS = ["-", "alice", "bob", "carol", "dave", "erin", "frank", "grace"];

/** How often an error burst starts, per second, and how long one lasts. */
const BURST_START_PER_SECOND = 0.004;
const BURST_SECONDS = [5, 30] as const;

/** A site to draw requests from; one per generator, seeded. */
export class SiteModel {
  readonly #random: Random;
  readonly #sections: WeightedPicker<number>;
  readonly #subPaths: Array<WeightedPicker<string>>;
  readonly #clients: WeightedPicker<string>;
  readonly #agents: WeightedPicker<string>;
  readonly #referers: WeightedPicker<string>;
  readonly #users: WeightedPicker<string>;
  #burstUntil = -Infinity;
  #lastSecond = -Infinity;

  /** Creates the model; `clientCount` distinct client addresses are used. */
  constructor(random: Random, clientCount = 250) {
    this.#random = random;
    this.#sections = new WeightedPicker(
      SECTIONS.map((_, i) => i),
      zipfWeights(SECTIONS.length, 1.0),
    );
    this.#subPaths = SECTIONS.map(([, subs]) =>
      new WeightedPicker(subs, zipfWeights(subs.length, 1.2))
    );
    const clients = Array.from({ length: clientCount }, (_, i) => clientAddress(i, random));
    this.#clients = new WeightedPicker(clients, zipfWeights(clientCount, 0.9));
    this.#agents = new WeightedPicker(USER_AGENTS, zipfWeights(USER_AGENTS.length, 0.8));
    this.#referers = new WeightedPicker(REFERERS, [6, 3, 1, 1, 1, 1]);
    this.#users = new WeightedPicker(USERS, [40, 1, 1, 1, 1, 1, 1, 1]);
  }

  /** Draws one request stamped at `time` (unix seconds). */
  request(time: number): SyntheticRequest {
    const r = this.#random;
    if (time !== this.#lastSecond) {
      this.#lastSecond = time;
      if (time >= this.#burstUntil && r.chance(BURST_START_PER_SECOND)) {
        this.#burstUntil = time + BURST_SECONDS[0] + r.int(BURST_SECONDS[1] - BURST_SECONDS[0]);
      }
    }
    const s = this.#sections.pick(r);
    const [section] = SECTIONS[s];
    const sub = this.#subPaths[s].pick(r)
      .replace("{id}", String(1 + r.int(5000)))
      .replace("{cat}", CATEGORIES[r.int(CATEGORIES.length)])
      .replace("{slug}", SLUGS[r.int(SLUGS.length)]);
    const path = section === "/" ? "/" : section + sub;
    const method = this.#method(section);
    const status = this.#status(path, method, time < this.#burstUntil);
    return {
      time,
      host: this.#clients.pick(r),
      user: this.#users.pick(r),
      method,
      path,
      status,
      bytes: this.#bytes(section, status, method),
      referer: this.#referers.pick(r),
      userAgent: this.#agents.pick(r),
      duration: this.#duration(section, time < this.#burstUntil),
    };
  }

  #method(section: string): string {
    const x = this.#random.next();
    if (section === "/api") {
      return x < 0.6 ? "GET" : x < 0.85 ? "POST" : x < 0.95 ? "PUT" : "DELETE";
    }
    if (section === "/login" || section === "/checkout") return x < 0.5 ? "GET" : "POST";
    return x < 0.97 ? "GET" : "HEAD";
  }

  #status(path: string, method: string, burst: boolean): number {
    const x = this.#random.next();
    if (burst && x < 0.35) return x < 0.25 ? 500 : x < 0.3 ? 502 : 503;
    if (x < 0.004) return 500;
    if (x < 0.03) return 404;
    if (x < 0.04) return method === "POST" ? 400 : 403;
    if (x < 0.1 && method === "GET" && !path.startsWith("/api")) return 304;
    if (x < 0.12 && method === "GET") return 301;
    return method === "POST" && path.startsWith("/api") ? 201 : 200;
  }

  /** Response times are log-normal (APIs slower than static files) and slow down during a burst. */
  #duration(section: string, burst: boolean): number {
    const median = section === "/api" || section === "/search" || section === "/checkout"
      ? 0.045
      : 0.006;
    const seconds = median * Math.exp(0.9 * this.#random.normal()) * (burst ? 8 : 1);
    return Math.round(seconds * 1e6) / 1e6;
  }

  /** Sizes are log-normal with a Pareto tail: most responses small, a few very large. */
  #bytes(section: string, status: number, method: string): number {
    if (status === 304 || method === "HEAD" || status === 301) return 0;
    const r = this.#random;
    const median = section === "/images" ? 40_000 : section === "/static" ? 60_000 : 2_500;
    let size = median * Math.exp(0.8 * r.normal());
    if (r.chance(0.01)) size *= 20 / Math.pow(1 - r.next(), 0.7);
    return Math.max(20, Math.round(size));
  }
}

function clientAddress(i: number, random: Random): string {
  const a = [10, 172, 192, 203, 198, 45, 81][i % 7];
  return `${a}.${random.int(256)}.${random.int(256)}.${1 + random.int(254)}`;
}

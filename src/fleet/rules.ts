/**
 * `monilog rules`: the Prometheus rule file for a fleet of monilog agents (spec §10). The fleet alert
 * is on the exact window gauges each agent exports — the sum over hosts of their windows' average
 * rates — so it fires when the fleet as a whole is above the threshold though no single host is.
 * Each host's own alert state is a second rule, and an agent Prometheus cannot scrape is a third
 * (a silent agent would otherwise look like a quiet site). Pure: returns the YAML text.
 */

/** Options for {@linkcode prometheusRules}. */
export interface RulesOptions {
  /** Fleet threshold, requests per second. */
  threshold: number;
  /** The agents' --window, seconds (for the words; the gauges already average over it). */
  window: number;
  /** The scrape job's name in prometheus.yml. */
  job: string;
}

/** The rule file's text. */
export function prometheusRules(o: RulesOptions): string {
  const t = formatNumber(o.threshold);
  return [
    `# Prometheus rules for a fleet of monilog agents (monilog rules --threshold ${t} --window ${o.window}` +
    `${o.job === "monilog" ? "" : ` --job ${o.job}`}).`,
    "# Each agent runs `monilog monitor --http HOST:PORT --window " + o.window +
    "`; Prometheus scrapes its /metrics.",
    "# Check with: promtool check rules FILE",
    "groups:",
    "  - name: monilog",
    "    rules:",
    "      # The fleet's request rate: each agent's exact window count over its window, summed.",
    "      - record: monilog:window_requests_per_second:sum",
    "        expr: sum(monilog_window_requests_per_second)",
    "      - alert: MonilogFleetHighTraffic",
    `        expr: sum(monilog_window_requests_per_second) > ${t}`,
    "        labels:",
    "          severity: page",
    "        annotations:",
    `          summary: 'Fleet traffic {{ $value | printf "%.2f" }} req/s is above ${t} req/s'`,
    `          description: 'The request rate summed over every monilog agent, each averaged over ` +
    `its ${o.window} s window, is above the fleet threshold of ${t} req/s.'`,
    "      # A host's own alert (its monitor --threshold), as the agent itself decided it.",
    "      - alert: MonilogHostHighTraffic",
    "        expr: monilog_alert_active == 1",
    "        labels:",
    "          severity: warning",
    "        annotations:",
    "          summary: 'High traffic on {{ $labels.instance }}'",
    `          description: 'monilog on {{ $labels.instance }} is alerting: its ${o.window} s ` +
    "window is above its own threshold.'",
    "      # An agent that cannot be scraped cannot say its host is busy.",
    "      - alert: MonilogAgentDown",
    `        expr: up{job="${o.job}"} == 0`,
    "        for: 1m",
    "        labels:",
    "          severity: warning",
    "        annotations:",
    "          summary: 'monilog on {{ $labels.instance }} cannot be scraped'",
    "",
  ].join("\n");
}

/** A number as a person writes it: 10, 12.5 (no exponent for ordinary thresholds). */
function formatNumber(n: number): string {
  return String(n);
}

/** `monilog rules`: print the Prometheus rule file for a fleet (spec §10). */
import { UsageError } from "../errors.ts";
import { numberOption } from "./option_parsers.ts";
import type { CliCommand } from "./cli_spec.ts";
import { writeStdout } from "../sinks/line_output.ts";

/** The `rules` subcommand. */
export const RULES_COMMAND: CliCommand = {
  name: "rules",
  description: "Print a Prometheus rule file for a fleet of monilog agents: a fleet-wide alert " +
    "on the sum of their window rates, each host's own alert, and agents that cannot be scraped.",
  options: [
    {
      key: "threshold",
      value: "n",
      required: true,
      parse: numberOption({ min: 0 }),
      help: "fleet threshold in requests per second (summed over hosts)",
    },
    {
      key: "window",
      value: "s",
      parse: numberOption({ min: 1, max: 7 * 24 * 3600, integer: true }),
      default: 120,
      help: "the agents' --window in seconds",
    },
    {
      key: "job",
      value: "name",
      default: "monilog",
      help: "the scrape job's name in prometheus.yml",
    },
  ],
  examples: ["monilog rules --threshold 50 > /etc/prometheus/rules/monilog.yml"],
  load: () => Promise.resolve(rules),
};

async function rules(opts: Record<string, unknown>): Promise<void> {
  const { threshold, window, job } = opts as { threshold: number; window: number; job: string };
  if (!/^[a-zA-Z_][a-zA-Z0-9_:-]*$/.test(job)) {
    throw new UsageError("--job: expected a job name (letters, digits, _ : -)");
  }
  const { prometheusRules } = await import("../fleet/rules.ts");
  writeStdout(prometheusRules({ threshold, window, job }).trimEnd() + "\n");
}

/** `monilog rules`: print the Prometheus rule file for a fleet (spec §10). */
import { Command } from "@commander-js/extra-typings";
import { UsageError } from "../errors.ts";
import { prometheusRules } from "../fleet/rules.ts";
import { numberOption } from "./option_parsers.ts";

/** Builds the `rules` subcommand; `write` prints the file (standard output). */
export function rulesCommand(write: (text: string) => void = (t) => console.log(t)): Command {
  return new Command("rules")
    .description(
      "Print a Prometheus rule file for a fleet of monilog agents: a fleet-wide alert on the sum " +
        "of their window rates, each host's own alert, and agents that cannot be scraped.",
    )
    .requiredOption(
      "--threshold <n>",
      "fleet threshold in requests per second (summed over hosts)",
      numberOption({ min: 0 }),
    )
    .option(
      "--window <s>",
      "the agents' --window in seconds",
      numberOption({ min: 1, max: 7 * 24 * 3600, integer: true }),
      120,
    )
    .option("--job <name>", "the scrape job's name in prometheus.yml", "monilog")
    .addHelpText(
      "after",
      "\nExample:\n  monilog rules --threshold 50 > /etc/prometheus/rules/monilog.yml\n",
    )
    .action((opts) => {
      if (!/^[a-zA-Z_][a-zA-Z0-9_:-]*$/.test(opts.job)) {
        throw new UsageError("--job: expected a job name (letters, digits, _ : -)");
      }
      write(
        prometheusRules({ threshold: opts.threshold, window: opts.window, job: opts.job })
          .trimEnd(),
      );
    });
}

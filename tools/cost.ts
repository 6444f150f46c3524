/**
 * npm run cost -- [--stack dev|prod|FILE] [--stage N] [--base FILE] [--prices FILE] [--json]
 * Monthly cost per resource and in total; with --base, the change against another stack file (Markdown, as
 * posted on pull requests). --stage raises or lowers the stack being priced, not the base.
 */
import { parseArgs } from "util";
import { loadPriceCatalog, DEFAULT_PRICES_FILE } from "../cost/catalog";
import { compareConfigs } from "../cost/delta";
import { estimateCost } from "../cost/estimate";
import { formatDeltaMarkdown, formatEstimate } from "../cost/format";
import { readStackConfig } from "../cost/readStack";

const USAGE = "usage: npm run cost -- [--stack dev|prod|FILE] [--stage N] [--base FILE] [--prices FILE] [--json]";

function main(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: {
      stack: { type: "string", default: "dev" },
      stage: { type: "string" },
      base: { type: "string" },
      prices: { type: "string", default: DEFAULT_PRICES_FILE },
      json: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const overrides: Record<string, unknown> = {};
  if (values.stage !== undefined) {
    if (!/^[0-5]$/.test(values.stage)) throw new UsageError(`--stage: "${values.stage}" is not a stage; use 0, 1, 2, 3, 4 or 5.`);
    overrides.stage = Number(values.stage);
  }
  const prices = loadPriceCatalog(values.prices);
  const config = readStackConfig(values.stack!, overrides);
  const estimate = estimateCost(config, prices);
  const title = `Monthly cost of ${values.stack} at stage ${config.stage}`;
  if (values.base === undefined) {
    process.stdout.write(values.json ? `${JSON.stringify(estimate, null, 2)}\n` : `${formatEstimate(title, estimate, prices)}\n`);
    return;
  }
  const { base, head, delta } = compareConfigs(readStackConfig(values.base), config, prices);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ...head, base: { total: base.total, lines: base.lines }, delta }, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatDeltaMarkdown(`Monthly cost of ${values.stack}`, delta)}\n`);
  }
}

class UsageError extends Error {}

try {
  main(process.argv.slice(2));
} catch (err) {
  const message = (err as Error).message;
  process.stderr.write(`cost: ${message}\n${err instanceof UsageError || (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS") ? `${USAGE}\n` : ""}`);
  process.exitCode = err instanceof UsageError ? 2 : 1;
}

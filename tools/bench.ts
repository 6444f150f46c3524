/**
 * `npm run bench -- [--json] [--quick] [--no-write]`: measures the program on the emulator (realistic latency,
 * fixed seed) and ends with one JSON line of figures. Without `--json` a readable summary comes first.
 * A full run rewrites bench/results.json, bench/README-table.md and docs/bench.svg; `--quick` (small stacks,
 * for a smoke test) writes nothing.
 */
import * as path from "path";
import { defaultOutputPaths, writeOutputs } from "../bench/outputs";
import { toJsonLine } from "../bench/result";
import { DEFAULT_OPTIONS, runBench } from "../bench/runBench";
import { checkTargets } from "../bench/targets";

const FLAGS = ["--json", "--quick", "--no-write"];

async function main(argv: string[]): Promise<void> {
  const unknown = argv.filter((a) => !FLAGS.includes(a));
  if (unknown.length > 0) throw new Error(`bench: unknown option ${unknown.join(" ")}; allowed: ${FLAGS.join(", ")}`);
  const json = argv.includes("--json");
  const quick = argv.includes("--quick");
  const options = quick
    ? { ...DEFAULT_OPTIONS, small: 2, large: 4, chartSizes: [], timeScale: 0.05, repeats: 1 }
    : DEFAULT_OPTIONS;
  const report = await runBench({ ...options, log: (line) => process.stderr.write(`${line}\n`) });
  if (!quick && !argv.includes("--no-write")) writeOutputs(report, defaultOutputPaths(path.resolve(__dirname, "..")));
  if (!json) {
    for (const check of checkTargets(report.result)) {
      process.stdout.write(`${check.met ? "met   " : "MISSED"} ${check.figure} = ${check.value} (target ${check.limit})\n`);
    }
    process.stdout.write(`stage 3 critical path: ${report.stage3.criticalPath.steps.join(" → ")}\n`);
  }
  process.stdout.write(`${toJsonLine(report.result)}\n`);
}

main(process.argv.slice(2)).catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exitCode = 1;
});

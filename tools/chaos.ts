/**
 * npm run chaos -- [--json] [--seed N] [--only REGEX] [--scenarios fresh,upgrade,change,destroy] [--keep]
 * Runs the chaos matrix on the Render emulator: every fault at every step of a fresh stage 3 up, a stage 3 → 4
 * update, an env var and domain change and a destroy, each followed by a clean re-run that must converge; and
 * every bad input, which must be refused before any API call. Ends with one JSON line of figures. --keep leaves
 * the work directory of every failed case in place. Exit code 1 when a figure misses its bar.
 */
import { parseArgs } from "util";
import { runChaos } from "../chaos/runChaos";
import { SCENARIOS, type ScenarioId } from "../chaos/scenarios";
import { guardHeld } from "../chaos/runGuard";
import { figuresPass } from "../chaos/summary";

const USAGE = "usage: npm run chaos -- [--json] [--seed N] [--only REGEX] [--scenarios fresh,upgrade,change,destroy] [--keep]";
const MIN_CASES = 60;
const MIN_BAD_INPUTS = 40;

function parseScenarios(text: string): ScenarioId[] {
  const known = SCENARIOS.map((s) => s.id);
  const ids = text.split(",").map((s) => s.trim()).filter(Boolean);
  const bad = ids.filter((id) => !known.includes(id as ScenarioId));
  if (bad.length > 0) throw new Error(`--scenarios: ${bad.map((b) => `"${b}"`).join(", ")} unknown; use ${known.join(", ")}.`);
  return ids as ScenarioId[];
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: "boolean", default: false },
      seed: { type: "string", default: "1" },
      only: { type: "string" },
      scenarios: { type: "string" },
      keep: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!/^\d+$/.test(values.seed)) throw new Error(`--seed: "${values.seed}" is not a whole number; use e.g. --seed 7.`);
  const human = values.json ? process.stderr : process.stdout;
  const report = await runChaos({
    seed: Number(values.seed),
    only: values.only === undefined ? undefined : new RegExp(values.only),
    keepFailed: values.keep,
    scenarios: values.scenarios === undefined ? undefined : parseScenarios(values.scenarios),
    log: (line) => human.write(`${line}\n`),
  });
  const held = report.guards.filter(guardHeld).length;
  human.write(`data-loss guards held: ${held}/${report.guards.length}\nwall time ${(report.wallMs / 1000).toFixed(1)}s\n`);
  process.stdout.write(`${JSON.stringify(report.figures)}\n`);
  const full = values.only === undefined && values.scenarios === undefined;
  return !full || (figuresPass(report.figures, MIN_CASES, MIN_BAD_INPUTS) && held === report.guards.length) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`error: ${err.message}\n${USAGE}\n`);
    process.exit(1);
  },
);

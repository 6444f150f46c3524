/**
 * npm run sandbox -- [--stack dev|prod|FILE] [--stage N] [--json] [--emulator URL] [--destroy] [--refresh] [--skip-preview] [--import TYPE=NAME=ID ...]
 * Runs the program offline: preview, then apply, against a Render emulator (started here, its data kept in
 * `.sandbox/<stack>.emulator.json`, or the one at --emulator, keyed by RENDER_API_KEY) with the real
 * dynamic-provider plugin; state in `.sandbox/<stack>.json`. `secure:` config values come from
 * `SANDBOX_SECRET_<KEY>` variables (e.g. SANDBOX_SECRET_RENDER_API_KEY), else per-stack placeholders.
 * After the outputs: the program's and providers' log messages (`Diagnostics:`) and the stack's monthly cost, with
 * its change since the previous update when the plan changes something.
 * With --json, stdout is one JSON line (the human output goes to stderr). Exit code 1 when anything failed.
 */
import { parseArgs } from "util";
import { runSandboxIsolated } from "../sandbox/isolated";

const USAGE = "usage: npm run sandbox -- [--stack dev|prod|FILE] [--stage N] [--json] [--emulator URL] [--destroy] [--refresh] [--skip-preview] [--import TYPE=NAME=ID ...]";

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      stack: { type: "string", default: "dev" },
      stage: { type: "string" },
      json: { type: "boolean", default: false },
      emulator: { type: "string" },
      destroy: { type: "boolean", default: false },
      refresh: { type: "boolean", default: false },
      "skip-preview": { type: "boolean", default: false },
      import: { type: "string", multiple: true },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.stage !== undefined && !/^\d+$/.test(values.stage)) {
    throw new Error(`--stage: "${values.stage}" is not a stage number; use 0, 1, 2, 3, 4 or 5.`);
  }
  const human = values.json ? process.stderr : process.stdout;
  // The engine runs in its own lean worker process (sandbox/isolated.ts), as the bench measures it.
  const result = await runSandboxIsolated({
    stack: values.stack, stage: values.stage === undefined ? undefined : Number(values.stage),
    emulatorUrl: values.emulator, destroy: values.destroy, refresh: values.refresh,
    skipPreview: values["skip-preview"], imports: values.import, print: (text) => human.write(`${text}\n`),
  });
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  return result.errors.length > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: Error) => {
    process.stderr.write(`error: ${err.message}\n${USAGE}\n`);
    process.exitCode = 1;
  },
);

/**
 * Child-process entry for a run that chaos may kill: runs the sandbox on the stack file the parent wrote
 * (`CHAOS_RUN` = { target, destroy }) and exits 0 on success, 1 on failure. Started in its own process
 * group so one SIGKILL takes it, its engine worker and the plugin down together.
 */
import * as path from "path";
import { runStack, type StackTarget } from "./stackRun";

interface ChildRun {
  target: StackTarget;
  destroy: boolean;
}

async function main(): Promise<number> {
  const run = JSON.parse(process.env.CHAOS_RUN ?? "{}") as ChildRun;
  const outcome = await runStack(run.target, run.destroy ? "destroy" : "existing");
  process.stdout.write(`${outcome.log}\n`);
  return outcome.ok ? 0 : 1;
}

if (require.main === module) {
  main().then((code) => { process.exitCode = code; }, (err: Error) => {
    process.stderr.write(`error: ${err.message}\n`);
    process.exitCode = 1;
  });
}

export const CHILD_ENTRY = path.resolve(__filename);

/**
 * Entry of the sandbox's worker process (isolated.ts): runs the engine once with the options its parent gave
 * (`SANDBOX_WORKER_OPTIONS`), sends each printed block and then the result (or the error that stopped the run)
 * over IPC, and exits.
 */
import { runSandbox } from "./engine";
import type { WorkerMessage, WorkerOptions } from "./isolated";

function send(msg: WorkerMessage): Promise<void> {
  return new Promise((resolve) => process.send!(msg, () => resolve()));
}

async function main(): Promise<void> {
  const options = JSON.parse(process.env.SANDBOX_WORKER_OPTIONS ?? "{}") as WorkerOptions;
  let printed = Promise.resolve();
  try {
    const result = await runSandbox({ ...options, print: (text) => { printed = printed.then(() => send({ kind: "print", text })); } });
    await printed;
    await send({ kind: "result", result });
  } catch (err) {
    await printed;
    await send({ kind: "error", message: err instanceof Error ? err.message : String(err) });
  }
  process.exit(0);
}

// Stopped by its parent (a run that took too long): exit, so the plugin goes too (pluginHost.ts).
process.once("SIGTERM", () => process.exit(143));
// The parent is gone (killed with -9, say): nobody waits for this run; stop it (the plugin follows).
process.once("disconnect", () => process.exit(137));

if (!process.send) {
  process.stderr.write("sandbox/worker.ts runs as the child of runSandboxIsolated (sandbox/isolated.ts).\n");
  process.exitCode = 2;
} else {
  void main();
}

/**
 * A run killed mid-apply: the sandbox runs in a child process group, the emulator's write counter is watched,
 * and after `afterWrites` Render writes the whole group gets SIGKILL (the run, its engine worker, the plugin), as a
 * crash or an OOM kill would leave it.
 */
import { spawn } from "child_process";
import { emulatorAdmin, writeCount } from "./emulatorAdmin";
import type { RawConfig } from "./stackConfigs";
import { CHILD_ENTRY } from "./stackRunChild";
import { runEnv, writeStackFile, type StackTarget } from "./stackRun";

export interface KilledRun {
  /** True when the kill happened (false: the run finished before reaching the write count). */
  killed: boolean;
  writesAtKill: number;
  exitCode: number | null;
  log: string;
}

const WATCH_INTERVAL_MS = 5;

export async function runAndKill(target: StackTarget, config: RawConfig | "destroy", afterWrites: number): Promise<KilledRun> {
  if (config !== "destroy") writeStackFile(target, config);
  const admin = emulatorAdmin(target.emulatorUrl);
  const startWrites = writeCount(await admin.requests());
  const child = spawn(process.execPath, ["-r", require.resolve("ts-node/register/transpile-only"), CHILD_ENTRY], {
    detached: true,
    env: { ...runEnv(target), TS_NODE_TRANSPILE_ONLY: "true", CHAOS_RUN: JSON.stringify({ target, destroy: config === "destroy" }) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  for (const stream of [child.stdout, child.stderr]) stream.setEncoding("utf8").on("data", (chunk: string) => { log += chunk; });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let running = true;
  void exited.then(() => { running = false; });
  let killed = false;
  let writesAtKill = 0;
  while (running) {
    const writes = writeCount(await admin.requests()) - startWrites;
    if (writes >= afterWrites && running) {
      writesAtKill = writes;
      try {
        process.kill(-(child.pid as number), "SIGKILL");
        killed = true;
      } catch {
        // The group is already gone: the run ended on its own between two polls.
      }
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, WATCH_INTERVAL_MS));
  }
  const exitCode = await exited;
  return { killed, writesAtKill, exitCode, log };
}

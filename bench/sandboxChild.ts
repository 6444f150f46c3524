/** Runs one sandbox job (`sandboxWorker.ts`) in a child process, watching the tree's peak memory. */
import { spawn } from "child_process";
import * as path from "path";
import { ProcessRss, watchPeakRss } from "./peakRss";
import type { SandboxJob, SandboxOutcome } from "./sandboxWorker";

export interface SandboxRun {
  /** preview + up as the engine timed it (process start-up excluded). */
  readonly ms: number;
  readonly peakRssMb: number;
  /** The process tree at its memory peak. */
  readonly peakProcesses: ProcessRss[];
  readonly resources: number;
}

const WORKER = path.join(__dirname, "sandboxWorker.ts");

/** `env` adds to this process's environment (the emulator's `RENDER_API_KEY`, `RENDER_POLL_INTERVAL_MS`). */
export async function runSandboxChild(job: SandboxJob, env: Record<string, string>): Promise<SandboxRun> {
  const child = spawn(process.execPath, ["-r", require.resolve("ts-node/register/transpile-only"), WORKER], {
    cwd: path.resolve(__dirname, ".."),
    env: { ...process.env, ...env, TS_NODE_TRANSPILE_ONLY: "true", BENCH_SANDBOX_JOB: JSON.stringify(job) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const watch = watchPeakRss(child.pid!);
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (c: string) => { stdout += c; });
  child.stderr!.setEncoding("utf8").on("data", (c: string) => { stderr += c; });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  const peakRssMb = watch.stop();
  const last = stdout.trim().split("\n").pop() ?? "";
  let outcome: SandboxOutcome;
  try {
    outcome = JSON.parse(last) as SandboxOutcome;
  } catch {
    throw new Error(`sandbox run of ${job.stack} exited ${code} without a result line:\n${(stdout + stderr).trim().slice(-2000)}`);
  }
  if (outcome.errors.length > 0) throw new Error(`sandbox run of ${job.stack} failed:\n${outcome.errors.join("\n").slice(0, 3000)}`);
  return { ms: outcome.durationMs, peakRssMb, peakProcesses: watch.atPeak(), resources: outcome.resources };
}

/** Runs one sandbox job (preview + up) in the engine's worker process, watching the tree's peak memory. */
import * as path from "path";
import { runSandboxIsolated } from "../sandbox/isolated";
import { PeakRssWatch, ProcessRss, watchPeakRss } from "./peakRss";

export interface SandboxJob {
  /** Stack name or stack config file. */
  readonly stack: string;
  readonly stage?: number;
  readonly stateDir: string;
  readonly emulatorUrl: string;
  /** Read every Render resource before planning (`pulumi up --refresh`). */
  readonly refresh?: boolean;
}

export interface SandboxRun {
  /** preview + up as the engine timed it (process start-up excluded). */
  readonly ms: number;
  readonly peakRssMb: number;
  /** The process tree at its memory peak. */
  readonly peakProcesses: ProcessRss[];
  readonly resources: number;
}

/**
 * `env` adds to this process's environment (the emulator's `RENDER_API_KEY`, `RENDER_POLL_INTERVAL_MS`). The
 * watched tree is the worker `npm run sandbox` starts too: the engine with the program inline, and the plugin.
 */
export async function runSandboxChild(job: SandboxJob, env: Record<string, string>): Promise<SandboxRun> {
  let watch: PeakRssWatch | undefined;
  let peakRssMb = 0;
  try {
    const result = await runSandboxIsolated({
      projectDir: path.resolve(__dirname, ".."), stack: job.stack, stage: job.stage, stateDir: job.stateDir,
      emulatorUrl: job.emulatorUrl, refresh: job.refresh, env: { ...process.env, ...env },
      onStart: (pid) => { watch = watchPeakRss(pid); },
    });
    peakRssMb = watch?.stop() ?? 0;
    if (result.errors.length > 0) throw new Error(`sandbox run of ${job.stack} failed:\n${result.errors.join("\n").slice(0, 3000)}`);
    return { ms: result.durationMs, peakRssMb, peakProcesses: watch?.atPeak() ?? [], resources: result.resources.length };
  } finally {
    watch?.stop();
  }
}

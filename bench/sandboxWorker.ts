/**
 * Child-process entry of one bench run of the sandbox engine (preview + up), so the parent can time it apart
 * from the emulator and watch this process tree's memory (this driver, the program passes, the plugin).
 * Reads its job from `BENCH_SANDBOX_JOB` and prints one JSON line.
 */
import { runSandbox } from "../sandbox/engine";

export interface SandboxJob {
  /** Stack name or stack config file. */
  readonly stack: string;
  readonly stage?: number;
  readonly stateDir: string;
  readonly emulatorUrl: string;
  /** Read every Render resource before planning (`pulumi up --refresh`). */
  readonly refresh?: boolean;
}

export interface SandboxOutcome {
  readonly durationMs: number;
  readonly resources: number;
  readonly errors: string[];
}

async function main(): Promise<void> {
  const job = JSON.parse(process.env.BENCH_SANDBOX_JOB ?? "") as SandboxJob;
  const result = await runSandbox({
    stack: job.stack, stage: job.stage, stateDir: job.stateDir, emulatorUrl: job.emulatorUrl, refresh: job.refresh,
  });
  const outcome: SandboxOutcome = { durationMs: result.durationMs, resources: result.resources.length, errors: result.errors };
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
}

main().catch((err: Error) => {
  const outcome: SandboxOutcome = { durationMs: 0, resources: 0, errors: [err.stack ?? err.message] };
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
  process.exitCode = 1;
});

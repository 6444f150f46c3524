/**
 * The stage 3 figures: a fresh `up` (wall time against the critical path of its unavoidable waits), then a
 * second `up --refresh` of the unchanged stack (its Render API calls per resource: the refresh reads, and no write,
 * which also proves the refreshed state diffs clean).
 */
import { adminFetch } from "../emulator/adminClient";
import * as fs from "fs";
import * as path from "path";
import { checkpointBytesPerResource } from "./checkpointBytes";
import { CriticalPath } from "./criticalPath";
import { stateFileResources } from "../sandbox/stateStore";
import { WaitBehaviour, plannedResources } from "./plannedFromState";
import { CallTally, countCalls } from "./requestLog";
import { SandboxJob, SandboxRun, runSandboxChild } from "./sandboxChild";
import { LatencyModel, upCriticalPath } from "./upGraph";

export interface Stage3Figures {
  readonly fresh: SandboxRun;
  readonly criticalPath: CriticalPath;
  readonly noop: CallTally;
  /** Wall time of the unchanged `up --refresh`: the engine's own cost (program passes, plugin, reads, Check, Diff). */
  readonly noopMs: number;
  /** Render resources in the stack (what `readsPerResource` divides by). */
  readonly renderResources: number;
  /** Mean bytes of a dynamic resource's checkpoint entry after the fresh up. */
  readonly checkpointBytesPerResource: number;
}

export interface Stage3Target {
  readonly emulatorUrl: string;
  readonly env: Record<string, string>;
  readonly workDir: string;
  /** Stack name (`Pulumi.<stack>.yaml` in the project) raised to stage 3. */
  readonly stack: string;
}

/**
 * What `up` waits for, as the providers do it: Postgres and Key Value creates poll until `available`
 * (providers/render/postgresProvider.ts, keyValueProvider.ts); a service create waits only until its first
 * deploy has started (providers/render/serviceProvider.ts `waitForDeployStart`).
 */
export const PROVIDER_WAITS: WaitBehaviour = { databasesAwaitAvailable: true, serviceDeployWait: "start" };

/** Empties the emulator (inventory, counters, faults), so the next `up` starts from nothing. */
async function resetEmulator(emulatorUrl: string): Promise<void> {
  const res = await adminFetch(emulatorUrl, "POST", "/reset");
  if (!res.ok) throw new Error(`emulator POST /__emulator/reset answered ${res.status}: ${await res.text()}`);
}

/**
 * `repeats` fresh runs, each on an emptied emulator with new state, keep the fastest (other work on the machine
 * only ever adds time); the unchanged `up --refresh` then runs on the last one.
 */
export async function measureStage3(target: Stage3Target, model: LatencyModel, repeats = 1): Promise<Stage3Figures> {
  const freshUp = async (): Promise<{ job: SandboxJob; run: SandboxRun }> => {
    await resetEmulator(target.emulatorUrl);
    const stateDir = fs.mkdtempSync(path.join(target.workDir, "stage3-"));
    const job: SandboxJob = { stack: target.stack, stage: 3, stateDir, emulatorUrl: target.emulatorUrl };
    return { job, run: await runSandboxChild(job, target.env) };
  };
  let last = await freshUp();
  let fastest = last.run;
  for (let i = 1; i < repeats; i++) {
    last = await freshUp();
    if (last.run.ms < fastest.ms) fastest = last.run;
  }
  const stateFile = path.join(last.job.stateDir, `${target.stack}.json`);
  const stateText = fs.readFileSync(stateFile, "utf8");
  const planned = plannedResources(stateFileResources(stateText), PROVIDER_WAITS);
  const noop = await countCalls(target.emulatorUrl, () => runSandboxChild({ ...last.job, refresh: true }, target.env));
  return {
    fresh: fastest, criticalPath: upCriticalPath(planned, model), noop: noop.calls, noopMs: noop.value.ms,
    renderResources: planned.length, checkpointBytesPerResource: checkpointBytesPerResource(stateText),
  };
}

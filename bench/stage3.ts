/**
 * The stage 3 figures: a fresh `up` (wall time against the critical path of its unavoidable waits), then a
 * second `up` of the unchanged stack (its Render API calls per resource).
 */
import * as fs from "fs";
import * as path from "path";
import { CriticalPath } from "./criticalPath";
import { StateResource, WaitBehaviour, plannedResources } from "./plannedFromState";
import { CallTally, countCalls } from "./requestLog";
import { SandboxRun, runSandboxChild } from "./sandboxChild";
import { LatencyModel, upCriticalPath } from "./upGraph";

export interface Stage3Figures {
  readonly fresh: SandboxRun;
  readonly criticalPath: CriticalPath;
  readonly noop: CallTally;
  /** Wall time of the unchanged `up`: the engine's own cost (program passes, plugin, Check and Diff) without waits. */
  readonly noopMs: number;
  /** Render resources in the stack (what `readsPerResource` divides by). */
  readonly renderResources: number;
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
 * (providers/render/postgres.ts, keyValue.ts); a service create waits only until its first deploy
 * has started (providers/render/service.ts `waitForDeployStart`).
 */
export const PROVIDER_WAITS: WaitBehaviour = { databasesAwaitAvailable: true, serviceDeployWait: "start" };

export async function measureStage3(target: Stage3Target, model: LatencyModel): Promise<Stage3Figures> {
  const stateDir = fs.mkdtempSync(path.join(target.workDir, "stage3-"));
  const job = { stack: target.stack, stage: 3, stateDir, emulatorUrl: target.emulatorUrl };
  const fresh = await runSandboxChild(job, target.env);
  const stateFile = path.join(stateDir, `${target.stack}.json`);
  const state = JSON.parse(fs.readFileSync(stateFile, "utf8")) as { resources: StateResource[] };
  const planned = plannedResources(state.resources, PROVIDER_WAITS);
  const noop = await countCalls(target.emulatorUrl, () => runSandboxChild(job, target.env));
  return {
    fresh, criticalPath: upCriticalPath(planned, model), noop: noop.calls, noopMs: noop.value.ms, renderResources: planned.length,
  };
}

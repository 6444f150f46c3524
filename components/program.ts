/**
 * The program's flow: read the stack config and what the previous run exported, build the configured stage,
 * return its outputs (they become the stack outputs). Every stage registers one component (type
 * `hosting:index:Stack`, named after the stack), so moving between stages keeps the URNs both stages share.
 */
import * as pulumi from "@pulumi/pulumi";
import { STAGE_COMPONENTS } from "./index";
import { loadStackConfig } from "./config";
import { readPreviousState } from "./previousState";

export async function runProgram(): Promise<Record<string, unknown>> {
  const { config, secrets } = loadStackConfig();
  const previous = await readPreviousState();
  const Stage = STAGE_COMPONENTS[config.stage];
  const stack = new Stage(pulumi.getStack(), { config, secrets, previous });
  return { ...stack.outputs };
}

/**
 * The program: read the stack config and what the previous run exported, build the configured stage, export
 * its outputs. Every stage registers one component (type `hosting:index:Stack`, named after the stack), so
 * moving between stages keeps the URNs of what both stages share.
 */
import * as pulumi from "@pulumi/pulumi";
import { loadStackConfig } from "./components/config";
import { STAGE_COMPONENTS } from "./components";
import { readPreviousState } from "./components/previousState";

export default async function main(): Promise<Record<string, unknown>> {
  const { config, secrets } = loadStackConfig();
  const previous = await readPreviousState();
  const Stage = STAGE_COMPONENTS[config.stage];
  const stack = new Stage(pulumi.getStack(), { config, secrets, previous });
  return { ...stack.outputs };
}

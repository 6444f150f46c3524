/**
 * The previous run's outputs, read through a stack reference to this same stack: the program compares what
 * it is about to build with what the last run exported (its stage, stateful resources and their inventory),
 * so no change can replace or delete data silently. A fresh stack has no outputs and reads as FRESH_STACK.
 */
import * as pulumi from "@pulumi/pulumi";
import { parseInventory } from "./dataSafety";
import { parsePrevious, type PreviousState } from "./statefulPlan";

/** The fully qualified name of the running stack, `org/project/stack`. */
export function selfStackName(): string {
  return `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`;
}

/** The previous state from raw output values (malformed parts read as absent). */
export function previousFromOutputs(stage: unknown, stateful: unknown, inventory: unknown): PreviousState {
  const items = parseInventory(inventory);
  const refs = stateful === undefined && items ? items.map((i) => ({ kind: i.kind, name: i.name })) : stateful;
  const previous = parsePrevious(stage, refs);
  return items ? { ...previous, inventory: items } : previous;
}

export async function readPreviousState(): Promise<PreviousState> {
  const ref = new pulumi.StackReference(selfStackName());
  const [stage, stateful, inventory] = await Promise.all([
    ref.getOutputDetails("stage"), ref.getOutputDetails("statefulResources"), ref.getOutputDetails("statefulInventory"),
  ]);
  return previousFromOutputs(stage.value, stateful.value, inventory.value);
}

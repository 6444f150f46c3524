/**
 * The previous run's outputs, read through a stack reference to this same stack: the program compares what
 * it is about to build with what the last run exported, so lowering a stage cannot delete data silently.
 * A fresh stack has no outputs and reads as FRESH_STACK.
 */
import * as pulumi from "@pulumi/pulumi";
import { parsePrevious, type PreviousState } from "./statefulPlan";

/** The fully qualified name of the running stack, `org/project/stack`. */
export function selfStackName(): string {
  return `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`;
}

export async function readPreviousState(): Promise<PreviousState> {
  const ref = new pulumi.StackReference(selfStackName());
  const [stage, stateful] = await Promise.all([
    ref.getOutputDetails("stage"), ref.getOutputDetails("statefulResources"),
  ]);
  return parsePrevious(stage.value, stateful.value);
}

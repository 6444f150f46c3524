/** Stage registry: stage number → the component that builds that stage. */
import type * as pulumi from "@pulumi/pulumi";
import type { StageArgs } from "./apps";
import type { Stage } from "./enums";
import type { StackOutputs } from "./outputs";
import { Stage0WebDisk } from "./stage0WebDisk";
import { Stage1PrivateDisk } from "./stage1PrivateDisk";
import { Stage2Postgres } from "./stage2Postgres";
import { Stage3Cache } from "./stage3Cache";
import { Stage4Storage } from "./stage4Storage";
import { Stage5MultiRegion } from "./stage5MultiRegion";

export interface StageComponent extends pulumi.ComponentResource {
  readonly outputs: StackOutputs;
}

export type StageClass = new (name: string, args: StageArgs, opts?: pulumi.ComponentResourceOptions) => StageComponent;

export const STAGE_COMPONENTS: Record<Stage, StageClass> = {
  0: Stage0WebDisk,
  1: Stage1PrivateDisk,
  2: Stage2Postgres,
  3: Stage3Cache,
  4: Stage4Storage,
  5: Stage5MultiRegion,
};

export type { StageArgs } from "./apps";
export type { StackOutputs } from "./outputs";
export { FRESH_STACK, type PreviousState, type StatefulRef } from "./statefulPlan";
export { STACK_TYPE } from "./naming";

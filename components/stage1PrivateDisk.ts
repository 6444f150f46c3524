/**
 * Stage 1: a private service owns each web app's disk and serves it over the private
 * network; web services call it. Supported, with a warning: it is the worst of both worlds.
 */
import * as pulumi from "@pulumi/pulumi";
import { createApps, type StageArgs } from "./apps";
import { collectOutputs, type StackOutputs } from "./outputs";
import { STACK_TYPE } from "./naming";
import { assertDataSafe } from "./dataSafety";
import { plannedStateful } from "./statefulPlan";
import { STAGE1_WARNING } from "./warnings";

export class Stage1PrivateDisk extends pulumi.ComponentResource {
  static readonly stage = 1 as const;
  readonly outputs: StackOutputs;

  constructor(name: string, args: StageArgs, opts?: pulumi.ComponentResourceOptions) {
    const safety = assertDataSafe(args.config, name, Stage1PrivateDisk.stage, args.previous);
    super(STACK_TYPE, name, {}, opts);
    const stage = Stage1PrivateDisk.stage;
    pulumi.log.warn(STAGE1_WARNING, this);
    const apps = createApps(this, name, stage, args, {});
    this.outputs = collectOutputs({ stage, apps, statefulResources: plannedStateful(args.config, name, stage, args.previous), statefulInventory: safety.inventory });
    this.registerOutputs(this.outputs);
  }
}

/**
 * Stage 0: web services with their persistent disks (SQLite on disk), custom domains.
 */
import * as pulumi from "@pulumi/pulumi";
import { createApps, type StageArgs } from "./apps";
import { collectOutputs, type StackOutputs } from "./outputs";
import { STACK_TYPE } from "./naming";
import { assertDataSafe } from "./dataSafety";
import { plannedStateful } from "./statefulPlan";

export class Stage0WebDisk extends pulumi.ComponentResource {
  static readonly stage = 0 as const;
  readonly outputs: StackOutputs;

  constructor(name: string, args: StageArgs, opts?: pulumi.ComponentResourceOptions) {
    const safety = assertDataSafe(args.config, name, Stage0WebDisk.stage, args.previous);
    super(STACK_TYPE, name, {}, opts);
    const stage = Stage0WebDisk.stage;
    const apps = createApps(this, name, stage, args, {});
    this.outputs = collectOutputs({ stage, apps, statefulResources: plannedStateful(args.config, name, stage, args.previous), statefulInventory: safety.inventory });
    this.registerOutputs(this.outputs);
  }
}

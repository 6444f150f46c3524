/**
 * Stage 3: stage 2 plus a Key Value cache with REDIS_URL wired in.
 */
import * as pulumi from "@pulumi/pulumi";
import { createCache } from "./cache";
import { createDatabase } from "./database";
import { createApps, type StageArgs } from "./apps";
import { collectOutputs, type StackOutputs } from "./outputs";
import { STACK_TYPE } from "./naming";
import { assertDataSafe } from "./dataSafety";
import { plannedStateful } from "./statefulPlan";
import { warnRetiredDisks } from "./warnings";

export class Stage3Cache extends pulumi.ComponentResource {
  static readonly stage = 3 as const;
  readonly outputs: StackOutputs;

  constructor(name: string, args: StageArgs, opts?: pulumi.ComponentResourceOptions) {
    const safety = assertDataSafe(args.config, name, Stage3Cache.stage, args.previous);
    super(STACK_TYPE, name, {}, opts);
    const stage = Stage3Cache.stage;
    const database = createDatabase(this, name, args.config, stage);
    const cache = createCache(this, name, args.config, stage);
    const apps = createApps(this, name, stage, args, { database: database.refs, cache: cache.refs });
    this.outputs = collectOutputs({ stage, apps, database, cache, statefulResources: plannedStateful(args.config, name, stage, args.previous), statefulInventory: safety.inventory });
    warnRetiredDisks(apps.disks, this);
    this.registerOutputs(this.outputs);
  }
}

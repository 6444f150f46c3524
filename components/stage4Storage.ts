/**
 * Stage 4: stage 3 plus object storage (Spaces or S3) and Cloudflare DNS and cache rules in front of
 * the custom domains.
 */
import * as pulumi from "@pulumi/pulumi";
import { createCache } from "./cache";
import { createEdge, edgeSites } from "./cdn";
import { createDatabase } from "./database";
import { createStorage } from "./storage";
import { createApps, type StageArgs } from "./apps";
import { collectOutputs, type StackOutputs } from "./outputs";
import { STACK_TYPE } from "./naming";
import { assertDataSafe } from "./dataSafety";
import { plannedStateful } from "./statefulPlan";
import { warnRetiredDisks } from "./warnings";

export class Stage4Storage extends pulumi.ComponentResource {
  static readonly stage = 4 as const;
  readonly outputs: StackOutputs;

  constructor(name: string, args: StageArgs, opts?: pulumi.ComponentResourceOptions) {
    const safety = assertDataSafe(args.config, name, Stage4Storage.stage, args.previous);
    super(STACK_TYPE, name, {}, opts);
    const stage = Stage4Storage.stage;
    const database = createDatabase(this, name, args.config, stage);
    const cache = createCache(this, name, args.config, stage);
    const storage = createStorage(this, name, args.config);
    const apps = createApps(this, name, stage, args, { database: database.refs, cache: cache.refs, storage: storage.refs });
    createEdge(this, name, args.config, edgeSites(apps));
    this.outputs = collectOutputs({ stage, apps, database, cache, storage, statefulResources: plannedStateful(args.config, name, stage, args.previous), statefulInventory: safety.inventory });
    warnRetiredDisks(apps.disks, this);
    this.registerOutputs(this.outputs);
  }
}

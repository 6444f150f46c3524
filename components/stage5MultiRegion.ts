/**
 * Stage 5: stage 4 with web services in every region of multiRegion.regions, Postgres with high
 * availability and read replicas, and Cloudflare load balancers health-checking each region.
 */
import * as pulumi from "@pulumi/pulumi";
import { createCache } from "./cache";
import { createEdge, edgeSites } from "./cdn";
import { createDatabase } from "./database";
import { balancedApps, createLoadBalancers } from "./loadBalancer";
import { createStorage } from "./storage";
import { createApps, type StageArgs } from "./apps";
import { collectOutputs, type StackOutputs } from "./outputs";
import { STACK_TYPE } from "./naming";
import { assertDataSafe } from "./dataSafety";
import { plannedStateful } from "./statefulPlan";
import { warnRetiredDisks } from "./warnings";

export class Stage5MultiRegion extends pulumi.ComponentResource {
  static readonly stage = 5 as const;
  readonly outputs: StackOutputs;

  constructor(name: string, args: StageArgs, opts?: pulumi.ComponentResourceOptions) {
    const safety = assertDataSafe(args.config, name, Stage5MultiRegion.stage, args.previous);
    super(STACK_TYPE, name, {}, opts);
    const stage = Stage5MultiRegion.stage;
    const database = createDatabase(this, name, args.config, stage);
    const cache = createCache(this, name, args.config, stage);
    const storage = createStorage(this, name, args.config);
    const apps = createApps(this, name, stage, args, { database: database.refs, cache: cache.refs, storage: storage.refs });
    createEdge(this, name, args.config, edgeSites(apps));
    const balancers = createLoadBalancers(this, name, args.config, balancedApps(apps));
    this.outputs = collectOutputs({ stage, apps, database, cache, storage, loadBalancedHostnames: balancers.hostnames, statefulResources: plannedStateful(args.config, name, stage, args.previous), statefulInventory: safety.inventory });
    warnRetiredDisks(apps.disks, this);
    this.registerOutputs(this.outputs);
  }
}

/**
 * Stage 2: managed Postgres (backups, point-in-time recovery) with DATABASE_URL wired in; no new disks
 * (disks from stages 0–1 stay, retired, until allowDataLoss.disk releases them).
 */
import * as pulumi from "@pulumi/pulumi";
import { createDatabase } from "./database";
import { createApps, type StageArgs } from "./apps";
import { collectOutputs, type StackOutputs } from "./outputs";
import { STACK_TYPE } from "./naming";
import { assertDataSafe } from "./dataSafety";
import { plannedStateful } from "./statefulPlan";
import { warnRetiredDisks } from "./warnings";

export class Stage2Postgres extends pulumi.ComponentResource {
  static readonly stage = 2 as const;
  readonly outputs: StackOutputs;

  constructor(name: string, args: StageArgs, opts?: pulumi.ComponentResourceOptions) {
    const safety = assertDataSafe(args.config, name, Stage2Postgres.stage, args.previous);
    super(STACK_TYPE, name, {}, opts);
    const stage = Stage2Postgres.stage;
    const database = createDatabase(this, name, args.config, stage);
    const apps = createApps(this, name, stage, args, { database: database.refs });
    this.outputs = collectOutputs({ stage, apps, database, statefulResources: plannedStateful(args.config, name, stage, args.previous), statefulInventory: safety.inventory });
    warnRetiredDisks(apps.disks, this);
    this.registerOutputs(this.outputs);
  }
}

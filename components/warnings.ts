/** Warnings that ask the user for a decision, with the alternative spelled out. */
import * as pulumi from "@pulumi/pulumi";
import type { DiskPlacement } from "./statefulPlan";

export const STAGE1_WARNING =
  "Stage 1 puts SQLite behind a private service: the web service deploys without downtime and can scale, but " +
  "SQLite is not built for network access, the private service still goes down on each deploy, and you maintain " +
  "its HTTP layer. It is the worst of both worlds: stay on stage 0 for simplicity, or move to stage 2 (managed " +
  "Postgres with backups and point-in-time recovery) for separation.";

export function retiredDiskWarning(disks: readonly string[]): string {
  return `Disk${disks.length > 1 ? "s" : ""} ${disks.map((d) => `"${d}"`).join(", ")} kept from the SQLite stages, no longer used by ` +
    "this stage. Migrate the data to Postgres: (1) put the web service in maintenance or stop writes; " +
    "(2) copy the SQLite files off the disk (`render ssh` + `sqlite3 <file> .backup /tmp/x.sqlite`); " +
    "(3) load them into Postgres with pgloader (`pgloader x.sqlite \"$EXTERNAL_DATABASE_URL\"`) or your ORM's migration; " +
    "(4) point the app at DATABASE_URL, deploy, verify; (5) release the disk: " +
    "pulumi config set --path allowDataLoss.disk true (README: Migrating SQLite to Postgres).";
}

/** Warns on `resource` while disks from the SQLite stages are kept only for their data. */
export function warnRetiredDisks(disks: readonly DiskPlacement[], resource: pulumi.Resource): void {
  const retired = disks.filter((d) => d.retired).map((d) => d.name);
  if (retired.length > 0) pulumi.log.warn(retiredDiskWarning(retired), resource);
}

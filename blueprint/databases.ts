/** Blueprint `databases` → config `database` (this program manages one Postgres instance per stack). */
import { configKeyOf, planOf } from "./names";
import type { ListItem } from "./reader";
import type { RawDatabase } from "./rawConfig";

const PREVIEWS_NOTE = "per-PR previews are the preview-environment workflow's job here (a stack per pull request)";

export function mapDatabase(item: ListItem, name: string): RawDatabase | undefined {
  const r = item.reader;
  if (!r) return undefined;
  r.string("name");
  const db: Record<string, unknown> = { name };
  const plan = r.string("plan");
  if (plan !== undefined) db.plan = planOf(plan);
  const region = r.string("region");
  if (region !== undefined) db.region = region;
  const version = r.scalar("postgresMajorVersion");
  if (version !== undefined) db.version = String(version);
  const diskSizeGB = r.number("diskSizeGB");
  if (diskSizeGB !== undefined) db.diskSizeGB = diskSizeGB;
  const databaseName = r.string("databaseName");
  if (databaseName !== undefined) db.databaseName = databaseName;
  const user = r.string("user");
  if (user !== undefined) db.databaseUser = user;
  const ha = r.map("highAvailability");
  if (ha) {
    const enabled = ha.boolean("enabled");
    if (enabled !== undefined) db.highAvailability = enabled;
    ha.done();
  }
  if (r.has("readReplicas")) {
    db.readReplicas = r.list("readReplicas").flatMap((replica) => {
      if (!replica.reader) r.findings.unmappedAt(replica.line, replica.path, "a read replica is a mapping with name:; left out");
      const replicaName = replica.reader?.string("name");
      replica.reader?.done();
      return replicaName === undefined ? [] : [configKeyOf(replicaName, 40)];
    });
  }
  if (r.has("ipAllowList")) {
    db.ipAllowList = r.list("ipAllowList").flatMap((entry) => {
      if (!entry.reader) {
        r.findings.unmappedAt(entry.line, entry.path, "an allow list entry is a mapping with source: and description:; left out");
        return [];
      }
      const source = entry.reader.string("source");
      const description = entry.reader.string("description") ?? "";
      entry.reader.done();
      return source === undefined ? [] : [{ source, description }];
    });
  }
  r.unmapped("previewPlan", PREVIEWS_NOTE);
  r.unmapped("previewDiskSizeGB", PREVIEWS_NOTE);
  r.done();
  return db as RawDatabase;
}

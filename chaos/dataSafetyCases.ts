/**
 * The data-safety matrix, generated from the code rather than listed by hand: every create-only key of every
 * stateful kind (from the providers' replace-key lists; a disk's owner service counts for the disk), every
 * rename the config allows, every stage lowering and the in-place changes Render makes (growth, plan upgrades),
 * each on every stage of the chaos stack that holds the kind it touches. A case says which kinds must lose a
 * resource; none means the change must apply with no stateful delete or replace.
 */
import { parseStackConfig } from "../components/config";
import { FRESH_STACK, plannedStateful } from "../components/statefulPlan";
import { STAGES, type Stage, type StatefulKind } from "../components/enums";
import { BUCKET_CREATE_ONLY } from "../components/storage";
import {
  DISK_CREATE_ONLY, KEY_VALUE_CREATE_ONLY, POSTGRES_CREATE_ONLY, SERVICE_CREATE_ONLY,
} from "../providers/render/replaceKeys";
import { CHAOS_STACK } from "./caseEnv";
import { type RawConfig, stageConfig, variant } from "./stackConfigs";

export type DataSafetyGroup = "create-only" | "rename" | "lowering" | "in-place";

export interface DataSafetyCase {
  id: string;
  group: DataSafetyGroup;
  /** The stage the stack is at before the change (a clean run of `stageConfig(stage)`). */
  stage: Stage;
  change: RawConfig;
  /** Kinds that lose a resource with this change: refused unless allowed. Empty: it must apply, losing nothing. */
  loses: StatefulKind[];
  /** The change with `allowDataLoss` set for every kind it loses. */
  allowed?: RawConfig;
}

type Edit = (c: RawConfig & { apps: Record<string, RawConfig> }, stage: Stage) => void;
type Config = RawConfig & { apps: Record<string, RawConfig> };

const rec = (c: RawConfig, key: string): RawConfig => c[key] as RawConfig;

/** Config edits that change one create-only input, keyed `<kind>.<key>` (service keys act on the disk's owner). */
const CREATE_ONLY_EDITS: Record<string, Edit> = {
  "service.type": (c) => { Object.assign(c.apps.web, { type: "pserv", domains: [] }); delete c.apps.web.healthCheckPath; },
  "service.region": (c) => { c.region = "ohio"; },
  "disk.serviceId": (c, stage) => {
    // Stage 1: another private service takes the disk. Stage 0: another app does. Either way a new, empty disk.
    if (stage === 1) {
      rec(c.apps.web, "disk").privateService = { name: "sqlite" };
      return;
    }
    const { disk, ...rest } = c.apps.web;
    c.apps.api = { ...JSON.parse(JSON.stringify(rest)), domains: [], disk };
    delete c.apps.web.disk;
  },
  "postgres.region": (c) => { rec(c, "database").region = "ohio"; },
  "postgres.version": (c) => { rec(c, "database").version = "17"; },
  "postgres.databaseName": (c) => { rec(c, "database").databaseName = "chaos_v2"; },
  "postgres.databaseUser": (c) => { rec(c, "database").databaseUser = "chaos_owner"; },
  "keyValue.region": (c) => { rec(c, "cache").region = "ohio"; },
  "bucket.name": (c) => { rec(c, "storage").bucket = "chaos-assets-v2"; },
  "bucket.bucket": (c) => { rec(c, "storage").bucket = "chaos-assets-v2"; },
  "bucket.region": (c) => { rec(c, "storage").region = rec(c, "storage").provider === "s3" ? "eu-central-1" : "ams3"; },
};

/** Renames the config allows, with the kind whose resource a rename deletes (none: Render renames in place). */
const RENAMES: { id: string; touches: StatefulKind | "any"; loses?: (stage: Stage) => StatefulKind | undefined; edit: Edit }[] = [
  // At stage 1 the disk belongs to the private service (`disk.privateService.name`), which keeps its name.
  { id: "app-key", touches: "disk", loses: (stage) => (stage === 0 ? "disk" : undefined), edit: (c) => { c.apps.site = c.apps.web; delete c.apps.web; } },
  { id: "app-name", touches: "disk", edit: (c) => { c.apps.web.name = "chaos-site"; } },
  { id: "disk-name", touches: "disk", edit: (c) => { rec(c.apps.web, "disk").name = "chaos-sqlite"; } },
  { id: "name-prefix", touches: "any", edit: (c) => { c.namePrefix = "chaos-two"; } },
  { id: "database-name", touches: "postgres", edit: (c) => { rec(c, "database").name = "maindb"; } },
  { id: "cache-name", touches: "keyValue", edit: (c) => { rec(c, "cache").name = "sessions"; } },
  {
    id: "storage-provider", touches: "bucket", loses: () => "bucket",
    edit: (c) => { c.storage = { provider: rec(c, "storage").provider === "s3" ? "spaces" : "s3", bucket: "chaos-assets", region: rec(c, "storage").provider === "s3" ? "fra1" : "eu-central-1" }; },
  },
];

/** Changes Render makes in place: they must apply as updates. */
const IN_PLACE: { id: string; touches: StatefulKind; edit: (c: Config, stage: Stage) => void }[] = [
  { id: "disk-grows", touches: "disk", edit: (c) => { rec(c.apps.web, "disk").sizeGB = 2; } },
  {
    id: "postgres-plan-upgrade", touches: "postgres",
    edit: (c, stage) => { if (stage === 5) rec(c, "multiRegion").databasePlan = "pro_8gb"; else rec(c, "database").plan = "basic_4gb"; },
  },
  { id: "key-value-plan-upgrade", touches: "keyValue", edit: (c) => { rec(c, "cache").plan = "standard"; } },
];

/** Kinds a clean run of the chaos stack at `stage` holds. */
export function heldKinds(stage: Stage): StatefulKind[] {
  const config = parseStackConfig(stageConfig(stage), { stackName: CHAOS_STACK });
  return [...new Set(plannedStateful(config, CHAOS_STACK, stage, FRESH_STACK).map((r) => r.kind))];
}

function allow(config: RawConfig, kinds: readonly StatefulKind[]): RawConfig {
  return variant(config, (c) => { c.allowDataLoss = Object.fromEntries(kinds.map((k) => [k, true])); });
}

function make(id: string, group: DataSafetyGroup, stage: Stage, change: RawConfig, loses: StatefulKind[]): DataSafetyCase {
  return { id: `data-safety-${id}-at-${stage}`, group, stage, change, loses, ...(loses.length > 0 ? { allowed: allow(change, loses) } : {}) };
}

/** Every create-only key, as `[kind the loss hits, "<kind>.<key>"]`, straight from the replace-key lists. */
export function createOnlyKeys(stage: Stage): [StatefulKind, string][] {
  const storage = rec(stageConfig(stage), "storage") as { provider?: "spaces" | "s3" } | undefined;
  return [
    ...SERVICE_CREATE_ONLY.map((k) => ["disk", `service.${k}`] as [StatefulKind, string]),
    ...DISK_CREATE_ONLY.map((k) => ["disk", `disk.${k}`] as [StatefulKind, string]),
    ...POSTGRES_CREATE_ONLY.map((k) => ["postgres", `postgres.${k}`] as [StatefulKind, string]),
    ...KEY_VALUE_CREATE_ONLY.map((k) => ["keyValue", `keyValue.${k}`] as [StatefulKind, string]),
    ...BUCKET_CREATE_ONLY[storage?.provider ?? "spaces"].map((k) => ["bucket", `bucket.${k}`] as [StatefulKind, string]),
  ];
}

export function buildDataSafetyCases(): DataSafetyCase[] {
  const cases: DataSafetyCase[] = [];
  for (const stage of STAGES) {
    const held = heldKinds(stage);
    const base = stageConfig(stage);
    for (const [kind, key] of createOnlyKeys(stage)) {
      if (!held.includes(kind)) continue;
      const edit = CREATE_ONLY_EDITS[key];
      if (!edit) throw new Error(`data-safety matrix: no config change for the create-only key ${key}; add one to CREATE_ONLY_EDITS`);
      cases.push(make(key.replace(".", "-"), "create-only", stage, variant(base, (c) => edit(c, stage)), [kind]));
    }
    for (const r of RENAMES) {
      if (r.touches === "any" ? held.length === 0 : !held.includes(r.touches)) continue;
      const loses = r.loses?.(stage);
      cases.push(make(`rename-${r.id}`, "rename", stage, variant(base, (c) => r.edit(c, stage)), loses ? [loses] : []));
    }
    for (const p of IN_PLACE) {
      if (held.includes(p.touches)) cases.push(make(p.id, "in-place", stage, variant(base, (c) => p.edit(c, stage)), []));
    }
  }
  for (const from of STAGES) {
    for (const to of STAGES.filter((s) => s < from)) {
      const before = heldKinds(from);
      const after = heldKinds(to);
      // A disk changes owner between stage 0 (the web service) and 1 (its private service).
      const loses = before.filter((k) => !after.includes(k) || (k === "disk" && from <= 1 && to <= 1));
      cases.push(make(`lower-to-${to}`, "lowering", from, stageConfig(to), loses));
    }
  }
  return cases;
}

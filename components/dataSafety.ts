/**
 * The data-safety plan: before the first resource is registered, the program compares the stateful inventory
 * the previous run exported (a non-secret output) with the one the new config gives, and decides for every
 * disk, Postgres database, Key Value instance and bucket whether this run keeps, updates, replaces or deletes it.
 * Cascades are followed: a disk goes with its service when the service is replaced (a create-only key of the
 * service changes) or when the disk moves to another service. A replace or delete is refused, with nothing
 * registered, unless `allowDataLoss.<kind>` allows it. The create-only keys come from the providers' own lists
 * (providers/render/replaceKeys.ts, storage.ts), so the plan and the providers' diffs cannot disagree.
 *
 * Every list here is a list: the plan iterates over stateful resources and never assumes one database or cache.
 */
import { diskServiceSpec } from "./apps";
import type { StackConfig } from "./config";
import { toKeyValueArgs } from "./cache";
import { toPostgresArgs } from "./database";
import { STATEFUL_KINDS, STORAGE_PROVIDERS, type Stage, type StatefulKind } from "./enums";
import { childName, renderName } from "./naming";
import { DataLossError, placeDisks, type PreviousState, type StatefulRef } from "./statefulPlan";
import { BUCKET_CREATE_ONLY, bucketArgs } from "./storage";
import { toServiceArgs } from "./webApp";
import {
  DISK_CREATE_ONLY, KEY_VALUE_CREATE_ONLY, POSTGRES_CREATE_ONLY, POSTGRES_UNSET_KEEPS, SERVICE_CREATE_ONLY,
} from "../providers/render/replaceKeys";

type Scalar = string | number | boolean | null;

/** One create-only input: its value and the stack config key that sets it. */
export interface KeyValueSource {
  value: Scalar;
  /** Config path that sets it, e.g. `database.region` or `region`. */
  from: string;
}

/** The service a disk belongs to: a replacement of the service takes the disk with it. */
export interface OwnerService {
  /** Logical name of the service (its URN identity). */
  name: string;
  /** App key in the config (`apps.<app>`), or the stage 1 private service's key. */
  app: string;
  createOnly: Record<string, KeyValueSource>;
}

/** One stateful resource as a run plans it; exported by every run (no secret in it). */
export interface StatefulItem {
  kind: StatefulKind;
  /** Logical name: the resource's identity within the stack. */
  name: string;
  /** Name at Render, or the bucket name. */
  renderName: string;
  /** The provider's create-only inputs and their values. */
  createOnly: Record<string, KeyValueSource>;
  /** Settings Render changes in place (a change is an update). */
  settings: Record<string, Scalar>;
  /** Disks: the service that owns it. */
  owner?: OwnerService;
  /** Disks: the app whose config holds it. Buckets: the storage provider. */
  source?: string;
}

export type SafetyAction = "keep" | "update" | "replace" | "delete" | "create";

export interface SafetyDecision {
  kind: StatefulKind;
  name: string;
  renderName: string;
  action: SafetyAction;
  /** The config changes behind the action (e.g. `region: "oregon" → "ohio"`). */
  causes: string[];
  /** Why Render cannot do it in place (replace, delete). */
  why?: string;
  /** A replace or delete that `allowDataLoss.<kind>` permits. */
  allowed: boolean;
}

export interface DataSafetyPlan {
  /** What this run would hold, to export as `statefulInventory`. */
  inventory: StatefulItem[];
  decisions: SafetyDecision[];
  /** One message per replace or delete that is not allowed. */
  problems: string[];
}

const WHAT: Record<StatefulKind, string> = {
  disk: "disk", postgres: "Postgres database", keyValue: "Key Value instance", bucket: "bucket",
};

const EMPTY: Record<StatefulKind, string> = {
  disk: "a new, empty disk", postgres: "a new, empty database", keyValue: "a new, empty instance", bucket: "a new, empty bucket",
};

function scalar(v: unknown): Scalar {
  return v === undefined ? null : typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : JSON.stringify(v);
}

function pick(args: Record<string, unknown>, keys: readonly string[], from: (key: string) => string): Record<string, KeyValueSource> {
  return Object.fromEntries(keys.map((k) => [k, { value: scalar(args[k]), from: from(k) }]));
}

function diskItems(config: StackConfig, name: string, stage: Stage, previous: PreviousState): StatefulItem[] {
  return placeDisks(config, name, stage, previous).map((p) => {
    const source = config.apps[p.sourceApp];
    const spec = p.derived ? diskServiceSpec(source) : source;
    const serviceName = renderName.service(config, p.ownerKey, p.derived ? {} : source);
    const region = source.region ?? config.region;
    const args = toServiceArgs(spec, { name: serviceName, region, envVars: {}, generatedEnvVars: [], domains: [] }) as unknown as Record<string, unknown>;
    const appPath = `apps.${p.sourceApp}`;
    const owner: OwnerService = {
      name: childName.app(name, p.ownerKey),
      app: p.ownerKey,
      createOnly: pick(args, SERVICE_CREATE_ONLY, (k) => k === "region" ? (source.region ? `${appPath}.region` : "region")
        : p.derived ? `${appPath}.disk.privateService` : `${appPath}.type`),
    };
    const disk = source.disk!;
    return {
      kind: "disk" as const,
      name: p.name,
      renderName: renderName.disk(serviceName, disk.name),
      createOnly: pick({ serviceId: owner.name }, DISK_CREATE_ONLY, () => p.derived ? `${appPath}.disk.privateService` : `${appPath}.disk`),
      settings: { sizeGB: disk.sizeGB, mountPath: disk.mountPath },
      owner,
      source: p.sourceApp,
    };
  });
}

/**
 * Every stateful resource this run would hold, with the inputs that decide its fate. The same arg builders
 * the stage components register with, so the values are exactly what the providers will compare.
 */
export function statefulInventory(config: StackConfig, name: string, stage: Stage, previous: PreviousState): StatefulItem[] {
  const items = diskItems(config, name, stage, previous);
  if (stage >= 2) {
    const args = toPostgresArgs(config, stage) as unknown as Record<string, unknown>;
    const db = config.database as Record<string, unknown>;
    items.push({
      kind: "postgres", name: childName.postgres(name), renderName: String(args.name),
      createOnly: pick(args, POSTGRES_CREATE_ONLY, (k) => k === "region" && db.region === undefined ? "region" : `database.${k}`),
      settings: { plan: scalar(args.plan), diskSizeGB: scalar(args.diskSizeGB), highAvailability: scalar(args.highAvailability) },
    });
  }
  if (stage >= 3) {
    const args = toKeyValueArgs(config, stage) as unknown as Record<string, unknown>;
    items.push({
      kind: "keyValue", name: childName.keyValue(name), renderName: String(args.name),
      createOnly: pick(args, KEY_VALUE_CREATE_ONLY, (k) => k === "region" && config.cache.region === undefined ? "region" : `cache.${k}`),
      settings: { plan: scalar(args.plan), maxmemoryPolicy: scalar(args.maxmemoryPolicy) },
    });
  }
  if (stage >= 4 && config.storage) {
    const st = config.storage;
    const args = bucketArgs(st);
    items.push({
      kind: "bucket", name: childName.bucket(name, st.provider), renderName: st.bucket,
      createOnly: pick(args, BUCKET_CREATE_ONLY[st.provider], (k) => k === "region" ? "storage.region" : "storage.bucket"),
      settings: {},
      source: st.provider,
    });
  }
  return items;
}

/** Create-only Postgres keys that keep the database when the new config leaves them unset. */
const UNSET_KEEPS: Partial<Record<StatefulKind, readonly string[]>> = { postgres: POSTGRES_UNSET_KEEPS };

function changedKeys(kind: StatefulKind, olds: Record<string, KeyValueSource>, news: Record<string, KeyValueSource>): string[] {
  return Object.keys(news).filter((k) => {
    if (!(k in olds)) return false; // an older inventory without this key: nothing to compare
    if (news[k].value === null && UNSET_KEEPS[kind]?.includes(k)) return false;
    return olds[k].value !== news[k].value;
  });
}

const show = (v: Scalar): string => (v === null ? "(unset)" : JSON.stringify(v));

function change(key: string, olds: Record<string, KeyValueSource>, news: Record<string, KeyValueSource>): string {
  return `${news[key].from}: ${show(olds[key].value)} → ${show(news[key].value)}`;
}

const SERVICE_WHY: Record<string, string> = {
  type: "Render cannot change a service's type in place: the service is deleted and created again",
  region: "Render cannot move a service to another region: the service is deleted and created again in the new one",
};

const OWN_WHY: Record<StatefulKind, Record<string, string>> = {
  disk: { serviceId: "Render cannot move a disk between services: the new owner gets a new disk" },
  postgres: {
    region: "Render cannot move a database to another region",
    version: "Render fixes a database's major version when it creates it (the API has no in-place upgrade)",
    databaseName: "Render fixes the database name when it creates the database",
    databaseUser: "Render fixes the database user when it creates the database",
  },
  keyValue: { region: "Render cannot move a Key Value instance to another region" },
  bucket: {
    name: "a Spaces bucket's name is fixed at creation", bucket: "an S3 bucket's name is fixed at creation",
    region: "a bucket cannot move to another region",
  },
};

function compare(old: StatefulItem, next: StatefulItem): SafetyDecision {
  const base = { kind: next.kind, name: next.name, renderName: next.renderName, allowed: false };
  if (old.owner && next.owner) {
    if (old.owner.name !== next.owner.name) {
      return { ...base, action: "replace", causes: [`the disk moves from service "${old.owner.name}" to "${next.owner.name}"`], why: OWN_WHY.disk.serviceId };
    }
    const svc = changedKeys("disk", old.owner.createOnly, next.owner.createOnly);
    if (svc.length > 0) {
      return {
        ...base, action: "replace",
        causes: svc.map((k) => `${change(k, old.owner!.createOnly, next.owner!.createOnly)} (service "${next.owner!.name}")`),
        why: `${svc.map((k) => SERVICE_WHY[k] ?? `the service's ${k} is create-only`).join("; ")}, and its disk goes with it`,
      };
    }
  }
  const own = changedKeys(next.kind, old.createOnly, next.createOnly);
  if (own.length > 0) {
    return {
      ...base, action: "replace", causes: own.map((k) => change(k, old.createOnly, next.createOnly)),
      why: own.map((k) => OWN_WHY[next.kind][k] ?? `${k} is create-only`).join("; "),
    };
  }
  const updates = Object.keys(next.settings).filter((k) => k in old.settings && old.settings[k] !== next.settings[k])
    .map((k) => `${k}: ${show(old.settings[k])} → ${show(next.settings[k])}`);
  // An older run's item (no inventory) carries no Render name to compare.
  const legacy = Object.keys(old.createOnly).length === 0;
  if (!legacy && old.renderName !== next.renderName) updates.unshift(`name: ${JSON.stringify(old.renderName)} → ${JSON.stringify(next.renderName)}`);
  return { ...base, action: updates.length > 0 ? "update" : "keep", causes: updates };
}

/** Why a resource of the previous run is no longer planned. */
function deleteCause(old: StatefulItem, config: StackConfig, stage: Stage, fromStage: number | undefined, next: StatefulItem[]): { causes: string[]; why: string } {
  const lowered = fromStage !== undefined && stage < fromStage ? `stage: ${fromStage} → ${stage}` : undefined;
  if (old.kind === "disk") {
    const app = old.source;
    const moved = next.find((n) => n.kind === "disk" && n.source === app);
    if (moved) {
      const from = old.owner?.name ?? old.name.replace(/-disk$/, "");
      return {
        causes: [...(fromStage !== undefined && stage !== fromStage ? [`stage: ${fromStage} → ${stage}`] : []),
          `the disk of app "${app}" moves from service "${from}" to "${moved.owner?.name ?? "?"}" (as disk "${moved.name}")`],
        why: "Render cannot move a disk between services: the new owner gets a new, empty disk and the old one is deleted",
      };
    }
    if (app !== undefined && !config.apps[app]) {
      return { causes: [`apps.${app} is no longer in the config (renamed or removed)`], why: "the app key is part of the service's identity: a renamed app is a new service with a new disk, and the old ones are deleted" };
    }
    if (app !== undefined && !config.apps[app].disk) {
      return { causes: [`apps.${app}.disk is removed`], why: "without it the disk is deleted" };
    }
    if (stage >= 2) {
      return { causes: [lowered ?? `stage: ${fromStage ?? "?"} → ${stage}`, "allowDataLoss.disk releases the retired disk"], why: "stage 2 and later run no disks" };
    }
  }
  if (old.kind === "bucket") {
    const other = next.find((n) => n.kind === "bucket");
    if (other && other.source !== old.source) {
      return { causes: [`storage.provider: ${JSON.stringify(old.source)} → ${JSON.stringify(other.source)}`], why: `the ${other.source} bucket is a new, empty bucket; the ${old.source} bucket and its objects are deleted` };
    }
    if (stage >= 4) return { causes: ["storage is removed from the config"], why: "without it the bucket is deleted" };
  }
  return { causes: [lowered ?? `stage: ${fromStage ?? "?"} → ${stage}`], why: `stage ${stage} has no ${WHAT[old.kind]}` };
}

const COPY_OFF: Record<StatefulKind, string> = {
  disk: "copy the data off first (e.g. `sqlite3 .backup` over `render ssh`)",
  postgres: "take a dump first (pg_dump with the external connection string)",
  keyValue: "make sure nothing needs its keys (or dump them with redis-cli)",
  bucket: "copy the objects off first",
};

function message(d: SafetyDecision, protectData: boolean): string {
  const what = `${WHAT[d.kind]} "${d.name}"${d.renderName !== d.name ? ` (Render "${d.renderName}")` : ""}`;
  const verb = d.action === "replace" ? `would be replaced by ${EMPTY[d.kind]}, losing its data` : "would be deleted with all its data";
  const unprotect = protectData ? " (protectData is on: Pulumi will also ask you to `pulumi state unprotect` it)" : "";
  const why = d.why ? `${d.why[0].toUpperCase()}${d.why.slice(1)}. ` : "";
  return `${what} ${verb}: ${d.causes.join("; ")}. ${why}Undo that change, or ${COPY_OFF[d.kind]} and allow it: ` +
    `pulumi config set --path allowDataLoss.${d.kind} true${unprotect}`;
}

/** The previous run's inventory; an older run that exported only `statefulResources` gives items without keys. */
function previousItems(config: StackConfig, name: string, previous: PreviousState): StatefulItem[] {
  if (previous.inventory) return previous.inventory;
  const diskSource = (disk: string) => Object.keys(config.apps).find((app) => {
    const ps = config.apps[app].disk?.privateService.name;
    return disk === childName.disk(childName.app(name, app)) || (ps !== undefined && disk === childName.disk(childName.app(name, ps)));
  });
  return previous.statefulResources.map((r: StatefulRef) => {
    const source = r.kind === "disk" ? diskSource(r.name)
      : r.kind === "bucket" ? STORAGE_PROVIDERS.find((p) => childName.bucket(name, p) === r.name) : undefined;
    return { kind: r.kind, name: r.name, renderName: r.name, createOnly: {}, settings: {}, ...(source ? { source } : {}) };
  });
}

/** The plan for this run: one decision per stateful resource of the previous run and of this one. */
export function planDataSafety(config: StackConfig, name: string, stage: Stage, previous: PreviousState): DataSafetyPlan {
  const inventory = statefulInventory(config, name, stage, previous);
  const olds = previousItems(config, name, previous);
  const key = (i: { kind: string; name: string }) => `${i.kind}/${i.name}`;
  const oldByKey = new Map(olds.map((i) => [key(i), i]));
  const newByKey = new Map(inventory.map((i) => [key(i), i]));
  const decisions: SafetyDecision[] = [];
  for (const old of olds) {
    const next = newByKey.get(key(old));
    if (next) {
      decisions.push(compare(old, next));
    } else {
      const { causes, why } = deleteCause(old, config, stage, previous.stage, inventory.filter((i) => !oldByKey.has(key(i))));
      decisions.push({ kind: old.kind, name: old.name, renderName: old.renderName, action: "delete", causes, why, allowed: false });
    }
  }
  for (const next of inventory) {
    if (!oldByKey.has(key(next))) decisions.push({ kind: next.kind, name: next.name, renderName: next.renderName, action: "create", causes: [], allowed: false });
  }
  for (const d of decisions) if (d.action === "replace" || d.action === "delete") d.allowed = config.allowDataLoss[d.kind];
  const problems = decisions.filter((d) => (d.action === "replace" || d.action === "delete") && !d.allowed).map((d) => message(d, config.protectData));
  return { inventory, decisions, problems };
}

/** Thrown before any resource is registered when a run would lose data it is not allowed to lose. */
export class DataSafetyError extends DataLossError {
  constructor(problems: readonly string[]) {
    super(problems);
    this.message = `Refusing to lose data (nothing was changed):\n${problems.map((p) => `  - ${p}`).join("\n")}`;
    this.name = "DataSafetyError";
  }
}

/**
 * The plan, or DataSafetyError when it replaces or deletes a stateful resource without permission. Stage
 * components call it before registering anything, so a refused run creates, updates and deletes nothing.
 */
export function assertDataSafe(config: StackConfig, name: string, stage: Stage, previous: PreviousState): DataSafetyPlan {
  const plan = planDataSafety(config, name, stage, previous);
  if (plan.problems.length > 0) throw new DataSafetyError(plan.problems);
  return plan;
}

function isSource(v: unknown): v is KeyValueSource {
  return typeof v === "object" && v !== null && "value" in v && typeof (v as KeyValueSource).from === "string";
}

function sources(v: unknown): Record<string, KeyValueSource> | undefined {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return undefined;
  const entries = Object.entries(v as Record<string, unknown>);
  return entries.every(([, s]) => isSource(s)) ? Object.fromEntries(entries) as Record<string, KeyValueSource> : undefined;
}

/** Reads the `statefulInventory` output of the previous run; anything malformed reads as absent. */
export function parseInventory(raw: unknown): StatefulItem[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const kinds: readonly string[] = STATEFUL_KINDS;
  const items: StatefulItem[] = [];
  for (const r of raw as Record<string, unknown>[]) {
    if (typeof r !== "object" || r === null || !kinds.includes(r.kind as string) || typeof r.name !== "string") return undefined;
    const createOnly = sources(r.createOnly) ?? {};
    const owner = r.owner as Record<string, unknown> | undefined;
    const ownerOk = owner && typeof owner.name === "string" && typeof owner.app === "string" && sources(owner.createOnly);
    items.push({
      kind: r.kind as StatefulKind, name: r.name, renderName: typeof r.renderName === "string" ? r.renderName : r.name,
      createOnly, settings: (typeof r.settings === "object" && r.settings !== null ? r.settings : {}) as Record<string, Scalar>,
      ...(ownerOk ? { owner: { name: owner.name as string, app: owner.app as string, createOnly: sources(owner.createOnly)! } } : {}),
      ...(typeof r.source === "string" ? { source: r.source } : {}),
    });
  }
  return items;
}

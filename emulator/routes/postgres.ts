/**
 * Managed Postgres. Create answers `status: "unknown"`, reads show `creating` until ready, then
 * `available`; a PATCH that changes the instance shows `creating` again for a while (cas: postgres#32).
 * `databaseName` gets a random `_xxxx` suffix; version, region, database name and user are create-only.
 */
import { checkOwner, findEnvironment, findPostgres, visible } from "../access";
import { deletePostgres } from "../cascade";
import { badRequest, type RequestContext, type Reply } from "../http";
import { databaseStatus } from "../lifecycle";
import { bySeqDesc, envelope, pageOf, queryList } from "../pagination";
import type { Router } from "../router";
import type { PostgresRecord } from "../store";
import { asObject, EVERYWHERE, ipAllowList, oneOf, optionalArray, optionalBoolean, optionalInteger, optionalString, REGIONS, rejectFields, requiredString, type Body, createBody } from "../validate";
import { postgresView } from "../views";

export const POSTGRES_PLANS = [
  "free", "starter", "standard", "pro", "pro_plus", "custom",
  "basic_256mb", "basic_1gb", "basic_4gb",
  "pro_4gb", "pro_8gb", "pro_16gb", "pro_32gb", "pro_64gb", "pro_128gb", "pro_192gb", "pro_256gb", "pro_384gb", "pro_512gb",
  "accelerated_16gb", "accelerated_32gb", "accelerated_64gb", "accelerated_128gb", "accelerated_256gb", "accelerated_384gb", "accelerated_512gb", "accelerated_768gb", "accelerated_1024gb",
] as const;
export const POSTGRES_VERSIONS = ["11", "12", "13", "14", "15", "16", "17", "18"] as const;
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function identifier(value: string | undefined, field: string): string | undefined {
  if (value !== undefined && !IDENTIFIER.test(value)) throw badRequest(`invalid ${field} ${JSON.stringify(value)}: use lowercase letters, digits and underscores, starting with a letter or underscore`);
  return value;
}

/** HA needs a Pro or Accelerated instance and Postgres 13 or later (Render docs). */
function checkHighAvailability(plan: string, version: string): void {
  if (!/^(pro|accelerated)/.test(plan)) throw badRequest(`high availability requires a pro or accelerated plan; the plan is ${JSON.stringify(plan)}`);
  if (Number(version) < 13) throw badRequest(`high availability requires Postgres 13 or later; the version is ${JSON.stringify(version)}`);
}

/** `parameterOverrides: {"max_connections": "200"}`: names of Postgres settings and their values as strings. */
function parameterOverrides(body: Body, where = "parameterOverrides"): Record<string, string> | undefined {
  const value = body.parameterOverrides;
  if (value === undefined || value === null) return undefined;
  const map = asObject(value, where);
  const out: Record<string, string> = {};
  for (const [name, setting] of Object.entries(map)) {
    if (!/^[a-z_][a-z0-9_.]*$/i.test(name)) throw badRequest(`invalid ${where} key ${JSON.stringify(name)}: expected a Postgres setting name such as max_connections`);
    if (typeof setting === "string") out[name] = setting;
    else if (typeof setting === "number" || typeof setting === "boolean") out[name] = String(setting);
    else throw badRequest(`invalid ${where}.${name} ${JSON.stringify(setting)}: expected a string value such as "200"`);
  }
  return out;
}

interface ReplicaInput {
  name: string;
  parameterOverrides?: Record<string, string>;
}

function replicaInputs(body: Body): ReplicaInput[] | undefined {
  const items = optionalArray(body, "readReplicas");
  if (!items) return undefined;
  const replicas = items.map((item, i) => {
    const replica = asObject(item, `readReplicas[${i}]`);
    return { name: requiredString(replica, "name", `readReplicas[${i}].name`), parameterOverrides: parameterOverrides(replica, `readReplicas[${i}].parameterOverrides`) };
  });
  const names = replicas.map((replica) => replica.name);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate !== undefined) throw badRequest(`readReplicas: the name ${JSON.stringify(duplicate)} appears more than once`);
  return replicas;
}

/** Makes the primary's replica set equal to `names`: `dpg-<same 20>-b`, `-c`, … (cas: postgres#32). */
function syncReplicas(ctx: RequestContext, primary: PostgresRecord, inputs: ReplicaInput[]): boolean {
  const data = ctx.store.data;
  const names = inputs.map((input) => input.name);
  const current = Object.values(data.postgres).filter((pg) => pg.primaryId === primary.id);
  let changed = false;
  for (const replica of current) {
    if (!names.includes(replica.name)) {
      deletePostgres(data, replica.id);
      changed = true;
    }
  }
  const base = primary.id.replace(/-[a-z]$/, "");
  for (const { name, parameterOverrides: overrides } of inputs) {
    const existing = current.find((replica) => replica.name === name);
    if (existing) {
      if (overrides !== undefined && JSON.stringify(overrides) !== JSON.stringify(existing.parameterOverrides ?? {})) {
        existing.parameterOverrides = overrides;
        changed = true;
      }
      continue;
    }
    const letter = "bcdefghijklmnopqrstuvwxyz".split("").find((l) => !data.postgres[`${base}-${l}`]);
    if (!letter) throw badRequest("too many read replicas");
    data.postgres[`${base}-${letter}`] = {
      ...primary,
      id: `${base}-${letter}`,
      seq: ctx.store.nextSeq(),
      name,
      role: "replica",
      primaryId: primary.id,
      highAvailabilityEnabled: false,
      parameterOverrides: overrides ?? {},
      createdAt: ctx.now,
      updatedAt: ctx.now,
      readyAt: ctx.now + ctx.durations.postgresCreate,
      busyUntil: 0,
      exports: [],
    };
    changed = true;
  }
  return changed;
}

function create(ctx: RequestContext): Reply {
  const body = createBody(ctx.body);
  const name = requiredString(body, "name");
  const ownerId = requiredString(body, "ownerId");
  checkOwner(ctx, ownerId);
  const plan = oneOf(requiredString(body, "plan"), POSTGRES_PLANS, "plan") as string;
  const version = oneOf(requiredString(body, "version"), POSTGRES_VERSIONS, "version") as string;
  const region = oneOf(optionalString(body, "region"), REGIONS, "region") ?? "oregon";
  const environmentId = optionalString(body, "environmentId");
  if (environmentId) findEnvironment(ctx, environmentId);
  const ha = optionalBoolean(body, "enableHighAvailability") ?? false;
  if (ha) checkHighAvailability(plan, version);
  const replicas = replicaInputs(body) ?? [];
  const { random } = ctx.store;
  const stem = name.toLowerCase().replace(/[^a-z0-9_]+/g, "_").replace(/^_+|_+$/g, "").replace(/^(\d)/, "_$1") || "db";
  const databaseName = identifier(optionalString(body, "databaseName"), "databaseName") || stem;
  const databaseUser = identifier(optionalString(body, "databaseUser"), "databaseUser") || `${stem}_user`;
  const record: PostgresRecord = {
    id: `${random.id("dpg")}-a`,
    seq: ctx.store.nextSeq(),
    ownerId,
    name,
    plan,
    region,
    version,
    databaseName: `${databaseName}_${random.lowerSuffix()}`,
    databaseUser,
    password: random.password(),
    diskSizeGB: optionalInteger(body, "diskSizeGB", 1, 65_536) ?? (plan === "free" ? 1 : 15),
    diskAutoscalingEnabled: optionalBoolean(body, "enableDiskAutoscaling") ?? false,
    highAvailabilityEnabled: ha,
    ipAllowList: ipAllowList(body) ?? EVERYWHERE.map((rule) => ({ ...rule })),
    role: "primary",
    environmentId: environmentId || undefined,
    datadogSite: optionalString(body, "datadogSite"),
    parameterOverrides: parameterOverrides(body) ?? {},
    createdAt: ctx.now,
    updatedAt: ctx.now,
    readyAt: ctx.now + ctx.durations.postgresCreate,
    busyUntil: 0,
    busyStatus: "creating",
    suspended: false,
    exports: [],
  };
  ctx.store.data.postgres[record.id] = record;
  syncReplicas(ctx, record, replicas);
  return { status: 201, body: postgresView(record, ctx.store.data, ctx.now, "unknown") };
}

function update(ctx: RequestContext): Reply {
  const pg = findPostgres(ctx, ctx.params.postgresId);
  const body = asObject(ctx.body);
  // Create-only fields sent again with the value they have change nothing (clients send their whole config).
  const same = (field: keyof PostgresRecord) => body[field] === pg[field] || (field === "databaseName" && typeof body[field] === "string" && pg.databaseName.startsWith(`${body[field]}_`));
  rejectFields(body, (["version", "region", "databaseName", "databaseUser", "ownerId"] as const).filter((field) => !same(field)), "database");
  const plan = oneOf(optionalString(body, "plan"), POSTGRES_PLANS, "plan");
  const diskSizeGB = optionalInteger(body, "diskSizeGB", 1, 65_536);
  if (diskSizeGB !== undefined && diskSizeGB < pg.diskSizeGB) throw badRequest(`invalid diskSizeGB ${diskSizeGB}: database storage can only grow; the current size is ${pg.diskSizeGB} GB`);
  const ha = optionalBoolean(body, "enableHighAvailability");
  const nextPlan = plan ?? pg.plan;
  if (ha ?? pg.highAvailabilityEnabled) checkHighAvailability(nextPlan, pg.version);
  const rules = ipAllowList(body);
  const replicas = pg.role === "primary" ? replicaInputs(body) : undefined;
  const overrides = parameterOverrides(body);
  const name = optionalString(body, "name");
  const instanceChanged = (plan !== undefined && plan !== pg.plan) || (diskSizeGB !== undefined && diskSizeGB !== pg.diskSizeGB) || (ha !== undefined && ha !== pg.highAvailabilityEnabled);
  if (name) pg.name = name;
  pg.plan = nextPlan;
  if (diskSizeGB !== undefined) pg.diskSizeGB = diskSizeGB;
  if (ha !== undefined) pg.highAvailabilityEnabled = ha;
  if (rules !== undefined) pg.ipAllowList = rules;
  const autoscaleDisk = optionalBoolean(body, "enableDiskAutoscaling");
  if (autoscaleDisk !== undefined) pg.diskAutoscalingEnabled = autoscaleDisk;
  const datadogSite = optionalString(body, "datadogSite");
  if (datadogSite !== undefined) pg.datadogSite = datadogSite;
  const replicasChanged = replicas !== undefined && syncReplicas(ctx, pg, replicas);
  // Settings apply in place: the database stays available.
  if (overrides !== undefined) pg.parameterOverrides = overrides;
  if (instanceChanged || replicasChanged || body.datadogAPIKey !== undefined) {
    pg.busyUntil = ctx.now + ctx.durations.postgresUpdate;
    pg.busyStatus = "creating";
  }
  pg.updatedAt = ctx.now;
  return { status: 200, body: postgresView(pg, ctx.store.data, ctx.now) };
}

function list(ctx: RequestContext): Reply {
  const q = (name: string) => queryList(ctx.query, name);
  const [names, regions, environments, suspended] = [q("name"), q("region"), q("environmentId"), q("suspended")];
  const includeReplicas = ctx.query.get("includeReplicas") !== "false";
  const items = bySeqDesc(visible(ctx, Object.values(ctx.store.data.postgres), q("ownerId"))).filter(
    (pg) =>
      (includeReplicas || pg.role === "primary") &&
      (!names || names.includes(pg.name)) &&
      (!regions || regions.includes(pg.region)) &&
      (!environments || (pg.environmentId !== undefined && environments.includes(pg.environmentId))) &&
      (!suspended || suspended.includes(pg.suspended ? "suspended" : "not_suspended")),
  );
  return { status: 200, body: envelope(pageOf(items, ctx.query), "postgres", (pg) => postgresView(pg, ctx.store.data, ctx.now)) };
}

/** Formats recorded in cas: postgres#13. */
function connectionInfo(pg: PostgresRecord): Record<string, string> {
  const host = `${pg.id}.${pg.region}-postgres.render.com`;
  return {
    externalConnectionString: `postgresql://${pg.databaseUser}:${pg.password}@${host}:5432/${pg.databaseName}`,
    internalConnectionString: `postgresql://${pg.databaseUser}:${pg.password}@${pg.id}/${pg.databaseName}`,
    password: pg.password,
    psqlCommand: `PGPASSWORD=${pg.password} psql -h ${host} -p 5432 -U ${pg.databaseUser} ${pg.databaseName}`,
  };
}

function recover(ctx: RequestContext): Reply {
  const source = findPostgres(ctx, ctx.params.postgresId);
  const body = asObject(ctx.body);
  const restoreTime = Date.parse(requiredString(body, "restoreTime"));
  if (Number.isNaN(restoreTime) || restoreTime < source.createdAt || restoreTime > ctx.now) {
    throw badRequest(`invalid restoreTime ${JSON.stringify(body.restoreTime)}: must lie between the database's creation and now`);
  }
  const { random } = ctx.store;
  const copy: PostgresRecord = {
    ...source,
    id: `${random.id("dpg")}-a`,
    seq: ctx.store.nextSeq(),
    name: optionalString(body, "restoreName") || `${source.name}-restore`,
    plan: oneOf(optionalString(body, "plan"), POSTGRES_PLANS, "plan") ?? source.plan,
    environmentId: optionalString(body, "environmentId") || source.environmentId,
    password: random.password(),
    role: "primary",
    primaryId: undefined,
    highAvailabilityEnabled: false,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    readyAt: ctx.now + ctx.durations.postgresCreate,
    busyUntil: 0,
    suspended: false,
    exports: [],
  };
  ctx.store.data.postgres[copy.id] = copy;
  return { status: 200, body: postgresView(copy, ctx.store.data, ctx.now) };
}

function action(apply: (pg: PostgresRecord, ctx: RequestContext) => void) {
  return (ctx: RequestContext): Reply => {
    apply(findPostgres(ctx, ctx.params.postgresId), ctx);
    return { status: 202 };
  };
}

export function registerPostgres(router: Router): void {
  router
    .add("POST", "/postgres", create)
    .add("GET", "/postgres", list)
    .add("GET", "/postgres/{postgresId}", (ctx) => ({ status: 200, body: postgresView(findPostgres(ctx, ctx.params.postgresId), ctx.store.data, ctx.now) }))
    .add("PATCH", "/postgres/{postgresId}", update)
    .add("DELETE", "/postgres/{postgresId}", (ctx) => {
      deletePostgres(ctx.store.data, findPostgres(ctx, ctx.params.postgresId).id);
      return { status: 204 };
    })
    .add("GET", "/postgres/{postgresId}/connection-info", (ctx) => ({ status: 200, body: connectionInfo(findPostgres(ctx, ctx.params.postgresId)) }))
    .add("GET", "/postgres/{postgresId}/recovery", (ctx) => {
      const pg = findPostgres(ctx, ctx.params.postgresId);
      const recoveryStatus = pg.plan === "free" ? "NOT_AVAILABLE" : databaseStatus(pg, ctx.now) === "creating" ? "BACKUP_NOT_READY" : "AVAILABLE";
      return { status: 200, body: recoveryStatus === "AVAILABLE" ? { recoveryStatus, startsAt: new Date(pg.readyAt).toISOString() } : { recoveryStatus } };
    })
    .add("POST", "/postgres/{postgresId}/recovery", recover)
    .add("GET", "/postgres/{postgresId}/export", (ctx) => {
      const pg = findPostgres(ctx, ctx.params.postgresId);
      return { status: 200, body: pg.exports.map((exp) => ({ createdAt: new Date(exp.createdAt).toISOString(), id: exp.id, url: `https://exports.render.com/${pg.id}/${exp.id}.dir.tar.gz` })) };
    })
    .add("POST", "/postgres/{postgresId}/export", action((pg, ctx) => pg.exports.push({ id: ctx.store.random.id("exp"), createdAt: ctx.now })))
    .add("POST", "/postgres/{postgresId}/suspend", action((pg) => (pg.suspended = true)))
    .add("POST", "/postgres/{postgresId}/resume", action((pg) => (pg.suspended = false)))
    .add("POST", "/postgres/{postgresId}/restart", action((pg, ctx) => {
      pg.busyUntil = ctx.now + ctx.durations.postgresRestart;
      pg.busyStatus = "config_restart";
    }))
    .add("POST", "/postgres/{postgresId}/failover", action((pg) => {
      if (!pg.highAvailabilityEnabled) throw badRequest(`database ${pg.id} has no high-availability standby to fail over to`);
    }));
}

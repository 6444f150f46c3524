/**
 * Key Value (Valkey/Redis), also answered under the deprecated `/redis` paths with the `redis` list
 * wrapper and `redisCLICommand` (render-api README §5.9). Free instances have no persistence; moving
 * to a paid plan without naming a mode turns on `journal_snapshot` (cas: keyvalue#91).
 */
import { checkOwner, findEnvironment, findKeyValue, visible } from "../access";
import { deleteKeyValue } from "../cascade";
import { badRequest, type RequestContext, type Reply } from "../http";
import { bySeqDesc, envelope, pageOf, queryList } from "../pagination";
import type { Router } from "../router";
import type { KeyValueRecord } from "../store";
import { asObject, EVERYWHERE, ipAllowList, oneOf, optionalString, REGIONS, rejectFields, requiredString, createBody } from "../validate";
import { keyValueView } from "../views";

export const KEY_VALUE_PLANS = ["free", "starter", "standard", "pro", "pro_plus", "custom"] as const;
export const MAXMEMORY_POLICIES = ["noeviction", "allkeys_lfu", "allkeys_lru", "allkeys_random", "volatile_lfu", "volatile_lru", "volatile_random", "volatile_ttl"] as const;
const PERSISTENCE_MODES = ["journal_snapshot", "snapshot", "off"] as const;

function persistence(plan: string, requested: string | undefined, current: string | undefined): string {
  if (plan === "free") {
    if (requested !== undefined && requested !== "off") throw badRequest(`invalid persistenceMode ${JSON.stringify(requested)}: free instances have no persistence; use "off" or a paid plan`);
    return "off";
  }
  return requested ?? (current === undefined || current === "off" ? "journal_snapshot" : current);
}

function create(ctx: RequestContext): Reply {
  const body = createBody(ctx.body);
  const name = requiredString(body, "name");
  const ownerId = requiredString(body, "ownerId");
  checkOwner(ctx, ownerId);
  const plan = oneOf(requiredString(body, "plan"), KEY_VALUE_PLANS, "plan") as string;
  const region = oneOf(optionalString(body, "region"), REGIONS, "region") ?? "oregon";
  const maxmemoryPolicy = oneOf(optionalString(body, "maxmemoryPolicy"), MAXMEMORY_POLICIES, "maxmemoryPolicy") ?? "allkeys_lru";
  const persistenceMode = persistence(plan, oneOf(optionalString(body, "persistenceMode"), PERSISTENCE_MODES, "persistenceMode"), undefined);
  const environmentId = optionalString(body, "environmentId");
  if (environmentId) findEnvironment(ctx, environmentId);
  const record: KeyValueRecord = {
    id: ctx.store.random.id("red"),
    seq: ctx.store.nextSeq(),
    ownerId,
    name,
    plan,
    region,
    maxmemoryPolicy,
    persistenceMode,
    ipAllowList: ipAllowList(body) ?? EVERYWHERE.map((rule) => ({ ...rule })),
    password: ctx.store.random.password(),
    environmentId: environmentId || undefined,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    readyAt: ctx.now + ctx.durations.keyValueCreate,
    busyUntil: 0,
    busyStatus: "creating",
  };
  ctx.store.data.keyValue[record.id] = record;
  return { status: 201, body: keyValueView(record, ctx.store.data, ctx.now, "unknown") };
}

function update(ctx: RequestContext): Reply {
  const kv = findKeyValue(ctx, ctx.params.keyValueId);
  const body = asObject(ctx.body);
  rejectFields(body, (["region", "ownerId"] as const).filter((field) => body[field] !== kv[field]), "Key Value instance");
  const plan = oneOf(optionalString(body, "plan"), KEY_VALUE_PLANS, "plan") ?? kv.plan;
  const policy = oneOf(optionalString(body, "maxmemoryPolicy"), MAXMEMORY_POLICIES, "maxmemoryPolicy");
  const mode = persistence(plan, oneOf(optionalString(body, "persistenceMode"), PERSISTENCE_MODES, "persistenceMode"), kv.persistenceMode);
  const rules = ipAllowList(body);
  const name = optionalString(body, "name");
  const instanceChanged = plan !== kv.plan || (policy !== undefined && policy !== kv.maxmemoryPolicy) || mode !== kv.persistenceMode;
  if (name) kv.name = name;
  kv.plan = plan;
  if (policy !== undefined) kv.maxmemoryPolicy = policy;
  kv.persistenceMode = mode;
  if (rules !== undefined) kv.ipAllowList = rules;
  if (instanceChanged) {
    kv.busyUntil = ctx.now + ctx.durations.keyValueUpdate;
    kv.busyStatus = "creating";
  }
  kv.updatedAt = ctx.now;
  return { status: 200, body: keyValueView(kv, ctx.store.data, ctx.now) };
}

function list(kind: "keyValue" | "redis") {
  return (ctx: RequestContext): Reply => {
    const q = (name: string) => queryList(ctx.query, name);
    const [names, regions, environments] = [q("name"), q("region"), q("environmentId")];
    const items = bySeqDesc(visible(ctx, Object.values(ctx.store.data.keyValue), q("ownerId"))).filter(
      (kv) => (!names || names.includes(kv.name)) && (!regions || regions.includes(kv.region)) && (!environments || (kv.environmentId !== undefined && environments.includes(kv.environmentId))),
    );
    return { status: 200, body: envelope(pageOf(items, ctx.query), kind, (kv) => keyValueView(kv, ctx.store.data, ctx.now)) };
  };
}

/** Formats recorded in cas: keyvalue#3 (the CLI command really starts with a space). */
function connectionInfo(kv: KeyValueRecord, cliField: "cliCommand" | "redisCLICommand"): Record<string, string> {
  const host = `${kv.region}-keyvalue.render.com`;
  return {
    [cliField]: ` REDISCLI_AUTH=${kv.password} valkey-cli --user ${kv.id} -h ${host} -p 6377 --tls`,
    externalConnectionString: `rediss://${kv.id}:${kv.password}@${host}:6377`,
    internalConnectionString: `redis://${kv.id}:6379`,
  };
}

export function registerKeyValue(router: Router): void {
  for (const [base, param, kind, cliField] of [
    ["/key-value", "keyValueId", "keyValue", "cliCommand"],
    ["/redis", "redisId", "redis", "redisCLICommand"],
  ] as const) {
    const one = (ctx: RequestContext) => findKeyValue(ctx, ctx.params[param]);
    router
      .add("POST", base, create)
      .add("GET", base, list(kind))
      .add("GET", `${base}/{${param}}`, (ctx) => ({ status: 200, body: keyValueView(one(ctx), ctx.store.data, ctx.now) }))
      .add("PATCH", `${base}/{${param}}`, (ctx) => update({ ...ctx, params: { keyValueId: ctx.params[param] } }))
      .add("DELETE", `${base}/{${param}}`, (ctx) => {
        deleteKeyValue(ctx.store.data, one(ctx).id);
        return { status: 204 };
      })
      .add("GET", `${base}/{${param}}/connection-info`, (ctx) => ({ status: 200, body: connectionInfo(one(ctx), cliField) }));
  }
}

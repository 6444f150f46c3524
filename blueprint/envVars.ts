/**
 * Blueprint `envVars` lists → config `env` / `secretEnv` / `envGroups`. `sync: false` and secret-looking
 * plain values become secrets to set with `pulumi config set --secret`; references are rewired to config keys.
 */
import { SECRET_NAME_RE } from "../components/config";
import { plaintextSecretReason } from "../policy/secretShapes";
import { secretConfigKey } from "./names";
import type { Findings, ListItem, MapReader } from "./reader";
import type { BlueprintRefs } from "./refs";

/** A secret the user must set before the first `pulumi up`. */
export interface SecretToSet {
  configKey: string;
  /** `apps.web.secretEnv.STRIPE_KEY` */
  path: string;
  line: number;
  /** Why it is a secret: `sync: false`, or a value that sat in render.yaml in plain text. */
  reason: "sync: false" | "plain text in render.yaml";
}

export interface EnvResult {
  env: Record<string, unknown>;
  secretEnv: Record<string, string>;
  envGroups: string[];
  /** Env var that receives a folded private service's address (stage 1 `urlEnvVar`), by its Blueprint name. */
  serviceUrlVars: Map<string, string>;
}

const DB_PROPERTIES = ["connectionString", "host", "port", "user", "password", "database"];
const KV_PROPERTIES = ["connectionString", "host", "port"];
/** `port` alone has no config counterpart; `hostport` and `host` do. */
const SERVICE_PROPERTIES = ["host", "hostport"];

const looksLikeCache = (key: string) => /REDIS|CACHE|VALKEY|(^|_)KV(_|$)/i.test(key);
const looksLikeDatabase = (key: string) => /DATABASE|POSTGRES|(^|_)PG|(^|_)DB(_|$)/i.test(key) && !looksLikeCache(key);

export interface EnvContext {
  /** Config path of the owner: `apps.web` or `envGroups.shared`. */
  readonly path: string;
  /** App or group key, for secret config key names. */
  readonly owner: string;
  /** Env groups hold values and secrets only (no references, no generated values). */
  readonly group: boolean;
  readonly refs: BlueprintRefs;
  readonly secrets: SecretToSet[];
  readonly findings: Findings;
}

export function mapEnvVars(items: ListItem[], ctx: EnvContext): EnvResult {
  const out: EnvResult = { env: {}, secretEnv: {}, envGroups: [], serviceUrlVars: new Map() };
  for (const item of items) {
    if (!item.reader) {
      ctx.findings.unmappedAt(item.line, item.path, `${JSON.stringify(item.value)} is not an env var entry (key: …); left out`);
      continue;
    }
    mapOne(item.reader, ctx, out);
    item.reader.done();
  }
  return out;
}

function addSecret(r: MapReader, key: string, ctx: EnvContext, out: EnvResult, reason: SecretToSet["reason"]): void {
  const configKey = secretConfigKey(ctx.owner, key);
  out.secretEnv[key] = configKey;
  ctx.secrets.push({ configKey, path: `${ctx.path}.secretEnv.${key}`, line: r.line(), reason });
}

function mapOne(r: MapReader, ctx: EnvContext, out: EnvResult): void {
  if (r.has("fromGroup")) {
    const name = r.string("fromGroup");
    if (name === undefined) return;
    const group = ctx.refs.groups.get(name);
    if (ctx.group) r.unmapped("fromGroup", "an env group cannot include another group");
    else if (group === undefined) r.warn("fromGroup", `"${name}" is not an envVarGroups entry of this Blueprint; link left out`);
    else out.envGroups.push(group);
    return;
  }
  const key = r.string("key");
  if (key === undefined) {
    r.warn(undefined, "env var without key; left out");
    return;
  }
  if (r.has("value")) {
    const value = r.scalar("value");
    if (value === undefined) return;
    const shape = plaintextSecretReason(key, value);
    if (SECRET_NAME_RE.test(key) || shape) {
      r.warn("value", `${key} looks like a secret (${shape ?? "its name"}) in plain text; it becomes a secret config value ` +
        `(set it with the command below, and rotate it: it has been in render.yaml)`);
      addSecret(r, key, ctx, out, "plain text in render.yaml");
    } else {
      out.env[key] = value;
    }
    return;
  }
  if (r.has("sync")) {
    if (r.boolean("sync") === false) addSecret(r, key, ctx, out, "sync: false");
    else r.unmapped("sync", `${key}: sync is only meaningful as false (a value set outside the Blueprint)`);
    return;
  }
  if (r.has("generateValue")) {
    if (ctx.group) r.unmapped("generateValue", `${key}: env groups here hold values and secrets only; move it to a service`);
    else if (r.boolean("generateValue") === true) out.env[key] = { generateValue: true };
    return;
  }
  if (r.has("fromDatabase")) return mapFromDatabase(r, key, ctx, out);
  if (r.has("fromService")) return mapFromService(r, key, ctx, out);
  r.warn(undefined, `${key} has no value, sync, generateValue or from* source; left out`);
}

function mapFromDatabase(r: MapReader, key: string, ctx: EnvContext, out: EnvResult): void {
  if (ctx.group) return r.unmapped("fromDatabase", `${key}: env groups here hold values and secrets only`);
  const m = r.map("fromDatabase");
  if (!m) return;
  const name = m.string("name");
  const property = m.string("property");
  m.done();
  const database = name === undefined ? undefined : ctx.refs.databases.get(name);
  if (database === undefined) {
    return r.warn("fromDatabase", `${key}: "${name}" is not the database this stack manages (${[...ctx.refs.databases.keys()].join(", ") || "none"}); left out`);
  }
  if (property === undefined || !DB_PROPERTIES.includes(property)) {
    return m.unmapped("property", `${key}: "${property}" is not a database property; allowed: ${DB_PROPERTIES.join(", ")}`);
  }
  if (looksLikeCache(key)) r.warn("fromDatabase", `${key} is wired to Postgres database "${name}"; a cache URL usually comes from a Key Value instance (fromService type keyvalue)`);
  out.env[key] = { fromDatabase: { name: database, property } };
}

function mapFromService(r: MapReader, key: string, ctx: EnvContext, out: EnvResult): void {
  if (ctx.group) return r.unmapped("fromService", `${key}: env groups here hold values and secrets only`);
  const m = r.map("fromService");
  if (!m) return;
  const type = m.string("type");
  const name = m.string("name");
  const property = m.string("property");
  if (m.has("envVarKey")) m.unmapped("envVarKey", `${key}: copying another service's env var is not supported; set the value here or share it through an env group`);
  m.done();
  if (name === undefined) return;
  if (type === "keyvalue" || type === "redis") {
    const cache = ctx.refs.keyValues.get(name);
    if (cache === undefined) return r.warn("fromService", `${key}: "${name}" is not a Key Value instance of this Blueprint; left out`);
    if (property === undefined || !KV_PROPERTIES.includes(property)) {
      return ctx.findings.unmappedAt(m.line("property"), m.pathOf("property"), `${key}: "${property}" is not a Key Value property; allowed: ${KV_PROPERTIES.join(", ")}`);
    }
    if (looksLikeDatabase(key)) r.warn("fromService", `${key} is wired to Key Value "${name}"; a database URL usually comes from fromDatabase`);
    out.env[key] = { fromKeyValue: { name: cache, property } };
    return;
  }
  if (ctx.refs.foldedServices.has(name)) {
    out.serviceUrlVars.set(name, key);
    return;
  }
  const target = ctx.refs.services.get(name);
  if (target === undefined) return r.warn("fromService", `${key}: "${name}" is not a service of this Blueprint; left out`);
  if (looksLikeDatabase(key) || looksLikeCache(key)) {
    r.warn("fromService", `${key} is wired to ${target.type} service "${name}", not to a database or Key Value; check the wiring`);
  }
  if (property === undefined || !SERVICE_PROPERTIES.includes(property)) {
    return ctx.findings.unmappedAt(m.line("property"), m.pathOf("property"), `${key}: property "${property}" has no counterpart here (host, hostport); left out`);
  }
  out.env[key] = { fromService: { name: target.key, property } };
}

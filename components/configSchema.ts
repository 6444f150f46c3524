/**
 * The zod schema of the stack config: strict objects (a typo such as `regoin` fails), enums that name what is
 * allowed, defaults in one place. Cross-field rules live in configRules.ts.
 */
import { z } from "zod";
import * as E from "./enums";
import { choices, show } from "./configError";
import { stackRules } from "./configRules";
import { BUCKET_RE, DOMAIN_RE, NAME_RE } from "./patterns";
import { APP_SETTINGS_SHAPE, settingsRules, STACK_SETTINGS_SHAPE } from "./configSettings";

/** `z.enum` whose error names the value and every allowed one. */
function oneOf<T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z.enum(values, { error: (iss) => `${show(iss.input)} is not ${what}; allowed: ${choices(values)}` });
}

/** Strict object whose unknown-key error lists the known keys. */
function strict<S extends z.core.$ZodLooseShape>(shape: S) {
  return z.strictObject(shape, {
    error: (iss) => (iss.code === "unrecognized_keys" ? `allowed: ${choices(Object.keys(shape))}` : undefined),
  });
}

/** String matching `re`; the error says what kind of value was expected. */
function matching(re: RegExp, what: string) {
  return z.string().regex(re, { error: (iss) => `${show(iss.input)} is not ${what}` });
}

function count(min: number, max?: number) {
  const msg = (iss: { input?: unknown }) =>
    `${show(iss.input)} is not a whole number ${max === undefined ? `≥ ${min}` : `from ${min} to ${max}`}`;
  const n = z.number({ error: msg }).int({ error: msg }).min(min, { error: msg });
  return max === undefined ? n : n.max(max, { error: msg });
}

const name = () => matching(NAME_RE, "a name (2–40 lowercase letters, digits or hyphens, starting with a letter)");

const domain = () => matching(DOMAIN_RE, "a domain name (lowercase, e.g. www.example.com)");

const DB_PROPERTIES = ["connectionString", "host", "port", "user", "password", "database"] as const;
const KV_PROPERTIES = ["connectionString", "host", "port"] as const;
const SERVICE_PROPERTIES = ["host", "hostport", "url"] as const;
const STORAGE_PROPERTIES = ["endpoint", "bucket", "accessKeyId", "secretAccessKey", "cdnUrl"] as const;
export const ENV_SOURCES = ["value", "generateValue", "fromDatabase", "fromKeyValue", "fromService", "fromStorage"] as const;

const scalar = () => z.union([z.string(), z.number(), z.boolean()], {
  error: (iss) => `${show(iss.input)} is not a string, number or boolean`,
});

const EnvSourceSchema = strict({
  value: scalar().optional(),
  generateValue: z.literal(true, { error: "generateValue must be true (Render generates a random value once)" }).optional(),
  fromDatabase: strict({ name: name().optional(), property: oneOf(DB_PROPERTIES, "a database property") }).optional(),
  fromKeyValue: strict({ name: name().optional(), property: oneOf(KV_PROPERTIES, "a Key Value property") }).optional(),
  fromService: strict({ name: z.string(), property: oneOf(SERVICE_PROPERTIES, "a service property") }).optional(),
  fromStorage: strict({ property: oneOf(STORAGE_PROPERTIES, "a storage property") }).optional(),
}).superRefine((src, ctx) => {
  const set = ENV_SOURCES.filter((k) => src[k] !== undefined);
  if (set.length === 0) ctx.addIssue({ code: "custom", message: `needs one of ${choices(ENV_SOURCES)}` });
  if (set.length > 1) {
    ctx.addIssue({ code: "custom", message: `sets both ${set.join(" and ")}; an env var is either a value or a reference, not both` });
  }
});

/** Env var: a plain scalar, or an object naming exactly one source. Scalars become `{ value }`. */
const EnvValueSchema = z.preprocess(
  (v) => (typeof v === "object" && v !== null ? v : { value: v }),
  EnvSourceSchema,
);

/** Stack config key that holds a secret (`pulumi config set --secret <key> <value>`). */
const configKey = () => matching(/^[A-Za-z][A-Za-z0-9_.-]*$/, "a stack config key (letters, digits, _ . -)");

const AutoscalingSchema = strict({
  minInstances: count(1, 100),
  maxInstances: count(1, 100),
  targetCPUPercent: count(1, 90).optional(),
  targetMemoryPercent: count(1, 90).optional(),
});

const PrivateServiceSchema = strict({
  /** App key of the private service that owns the disk at stage 1 (default `db`). */
  name: name().default("db"),
  plan: oneOf(E.SERVICE_PLANS, "a plan").optional(),
  runtime: oneOf(E.RUNTIMES, "a runtime").optional(),
  buildCommand: z.string().min(1).optional(),
  startCommand: z.string().min(1).optional(),
  /** Env vars of the private service on top of the web app's plain values. */
  env: z.record(z.string(), scalar()).default({}),
  /** Env var on the web app that receives `http://<private host>:<port>` (default `SQLITE_SERVICE_URL`). */
  urlEnvVar: matching(/^[A-Za-z_][A-Za-z0-9_]*$/, "an env var name").default("SQLITE_SERVICE_URL"),
});

const DiskSchema = strict({
  /** Render disk name (default `<service name>-data`). */
  name: name().optional(),
  mountPath: matching(/^\/\S*$/, "an absolute path (e.g. /opt/render/project/src/data)"),
  sizeGB: count(1, 1000).default(1),
  /** Stage 1: the private service that takes the disk over (every field derives from the web app). */
  privateService: PrivateServiceSchema.prefault({}),
});

const AppSchema = strict({
  type: oneOf(E.SERVICE_TYPES, "a service type").default("web"),
  /** Render service name (default `<namePrefix>-<app key>`). */
  name: name().optional(),
  runtime: oneOf(E.RUNTIMES, "a runtime").optional(),
  plan: oneOf(E.SERVICE_PLANS, "a plan").optional(),
  region: oneOf(E.REGIONS, "a region").optional(),
  repo: matching(/^https:\/\/\S+$/, "an https git repository URL").optional(),
  branch: z.string().min(1).optional(),
  rootDir: z.string().min(1).optional(),
  image: z.string().min(1).optional(),
  buildCommand: z.string().min(1).optional(),
  startCommand: z.string().min(1).optional(),
  preDeployCommand: z.string().min(1).optional(),
  dockerCommand: z.string().min(1).optional(),
  dockerfilePath: z.string().min(1).optional(),
  dockerContext: z.string().min(1).optional(),
  healthCheckPath: matching(/^\/\S*$/, "a path starting with /").optional(),
  numInstances: count(1, 100).optional(),
  autoscaling: AutoscalingSchema.optional(),
  domains: z.array(domain()).default([]),
  disk: DiskSchema.optional(),
  schedule: z.string().optional(),
  publishPath: z.string().min(1).optional(),
  headers: z.array(strict({ path: z.string(), name: z.string(), value: z.string() })).optional(),
  routes: z.array(strict({
    type: oneOf(["redirect", "rewrite"] as const, "a route type"), source: z.string(), destination: z.string(),
  })).optional(),
  autoDeploy: z.boolean().default(true),
  /** Env var name → plain value or reference. */
  env: z.record(z.string(), EnvValueSchema).default({}),
  /** Env var name → stack config key holding the secret value. */
  secretEnv: z.record(z.string(), configKey()).default({}),
  /** Env groups (keys of `envGroups`) linked to this service. */
  envGroups: z.array(z.string()).default([]),
  ...APP_SETTINGS_SHAPE,
});

const EnvGroupSchema = strict({
  /** Render env group name (default `<namePrefix>-<group key>`). */
  name: name().optional(),
  env: z.record(z.string(), scalar()).default({}),
  secretEnv: z.record(z.string(), configKey()).default({}),
});

const IpAllowSchema = strict({
  source: matching(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/, "a CIDR block (e.g. 203.0.113.0/24)"),
  description: z.string(),
});

const DatabaseSchema = strict({
  /** Render name suffix (default `db`: `<namePrefix>-db`). */
  name: name().default("db"),
  plan: oneOf(E.POSTGRES_PLANS, "a Postgres plan").default("basic_256mb"),
  version: z.enum(E.POSTGRES_VERSIONS, {
    error: (iss) => typeof iss.input === "number"
      ? `${iss.input} is a number; write the Postgres version as a string ("${iss.input}"); allowed: ${E.POSTGRES_VERSIONS.map((v) => `"${v}"`).join(", ")}`
      : `${show(iss.input)} is not a Postgres version; allowed: ${E.POSTGRES_VERSIONS.map((v) => `"${v}"`).join(", ")}`,
  }).default("16"),
  region: oneOf(E.REGIONS, "a region").optional(),
  diskSizeGB: z.number().int().min(1).optional(),
  databaseName: matching(/^[a-z_][a-z0-9_]{0,62}$/, "a Postgres identifier (lowercase, digits, _)").optional(),
  databaseUser: matching(/^[a-z_][a-z0-9_]{0,62}$/, "a Postgres identifier (lowercase, digits, _)").optional(),
  highAvailability: z.boolean().default(false),
  readReplicas: z.array(name()).default([]),
  /** Who may connect from outside Render (default: Render's, everyone). `[]` = private network only. */
  ipAllowList: z.array(IpAllowSchema).optional(),
});

const CacheSchema = strict({
  name: name().default("cache"),
  plan: oneOf(E.KEY_VALUE_PLANS, "a Key Value plan").default("starter"),
  maxmemoryPolicy: oneOf(E.MAXMEMORY_POLICIES, "a maxmemory policy").default("allkeys-lru"),
  region: oneOf(E.REGIONS, "a region").optional(),
});

const StorageSchema = strict({
  provider: oneOf(E.STORAGE_PROVIDERS, "a storage provider"),
  bucket: matching(BUCKET_RE, "a bucket name (3–63 lowercase letters, digits or single hyphens, no dots; starts and ends with a letter or digit)"),
  /** Spaces: nyc3, fra1, …; S3: us-east-1, eu-central-1, … */
  region: z.string(),
  /** Origins allowed by CORS (default: https://<every custom domain>). */
  corsOrigins: z.array(matching(/^https?:\/\/[^/\s]+$/, "an origin (https://host, no path)")).optional(),
  /** Spaces only: put DigitalOcean's CDN in front of the bucket (default true). */
  cdn: z.boolean().optional(),
  cdnTtlSeconds: count(60, 604800).default(3600),
});

const CacheRuleSchema = strict({
  name: z.string().min(1),
  extensions: z.array(matching(/^[a-z0-9]+$/, "a file extension without dot (e.g. css)")).optional(),
  pathPrefixes: z.array(matching(/^\/\S*$/, "a path prefix starting with /")).optional(),
  edgeTtlSeconds: count(1).default(86400),
  browserTtlSeconds: count(0).default(14400),
});

export const STEERING_POLICIES = ["off", "random", "dynamic_latency", "geo", "proximity", "least_outstanding_requests", "least_connections"] as const;

const hex32 = () => matching(/^[0-9a-f]{32}$/, "a Cloudflare id (32 hex characters)");

const CloudflareSchema = strict({
  zoneId: hex32(),
  /** Needed for load balancer pools and monitors (stage 5). */
  accountId: hex32().optional(),
  /** When set, every custom domain must lie inside this zone. */
  zoneName: domain().optional(),
  proxied: z.boolean().default(true),
  cacheRules: z.array(CacheRuleSchema).default([{
    name: "static-assets",
    extensions: ["css", "js", "mjs", "png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "woff", "woff2"],
    pathPrefixes: ["/static/"],
    edgeTtlSeconds: 86400,
    browserTtlSeconds: 14400,
  }]),
  steeringPolicy: oneOf(STEERING_POLICIES, "a load balancer steering policy").default("dynamic_latency"),
});

const MultiRegionSchema = strict({
  /** Regions web services run in at stage 5 (besides their own region). */
  regions: z.array(oneOf(E.REGIONS, "a region")),
  /** Postgres plan at stage 5, where high availability is on (default `database.plan`). */
  databasePlan: oneOf(E.POSTGRES_PLANS, "a Postgres plan").optional(),
  /** Read replicas at stage 5 (default `database.readReplicas`, else one named `replica`). */
  readReplicas: z.array(name()).optional(),
});

const dataLossFlag = () => z.boolean().default(false);

const BaseSchema = strict({
  stage: z.literal(E.STAGES, { error: (iss) => `${show(iss.input)} is not a stage; allowed: ${choices(E.STAGES)}` }),
  /** Prefix of every Render name (default: the stack name). */
  namePrefix: name().optional(),
  /** Protect stateful resources (default: true for stacks named prod*). */
  protectData: z.boolean().optional(),
  allowDataLoss: strict({
    disk: dataLossFlag(), postgres: dataLossFlag(), keyValue: dataLossFlag(), bucket: dataLossFlag(),
  }).prefault({}),
  /** Default region of services, Postgres and Key Value. */
  region: oneOf(E.REGIONS, "a region").default("oregon"),
  apps: z.record(z.string(), AppSchema),
  envGroups: z.record(z.string(), EnvGroupSchema).default({}),
  database: DatabaseSchema.prefault({}),
  cache: CacheSchema.prefault({}),
  storage: StorageSchema.optional(),
  cloudflare: CloudflareSchema.optional(),
  multiRegion: MultiRegionSchema.optional(),
  ...STACK_SETTINGS_SHAPE,
});

/** Cross-field rules run even when a field failed, so one parse reports every problem. */
export const StackConfigSchema = BaseSchema.superRefine(stackRules, { when: () => true })
  .superRefine(settingsRules, { when: () => true });

export type ParsedStackConfig = z.output<typeof BaseSchema>;
export type AppSpec = z.output<typeof AppSchema>;
export type EnvSource = z.output<typeof EnvSourceSchema>;
export type DiskSpec = z.output<typeof DiskSchema>;
export type PrivateServiceSpec = z.output<typeof PrivateServiceSchema>;
export type AutoscalingSpec = z.output<typeof AutoscalingSchema>;
export type EnvGroupSpec = z.output<typeof EnvGroupSchema>;
export type DatabaseSpec = z.output<typeof DatabaseSchema>;
export type CacheSpec = z.output<typeof CacheSchema>;
export type StorageSpec = z.output<typeof StorageSchema>;
export type CloudflareSpec = z.output<typeof CloudflareSchema>;
export type CacheRuleSpec = z.output<typeof CacheRuleSchema>;
export type MultiRegionSpec = z.output<typeof MultiRegionSchema>;

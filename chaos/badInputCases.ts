/**
 * Bad input: configs the program must refuse before it calls Render, each with what the refusal must say
 * (the field, the bad value, what is allowed). `before` is a config applied first, for refusals that depend
 * on what already exists (a disk cannot shrink below its current size).
 */
import type { ConfigMessageExpectation } from "./clarity";
import { RawConfig, stageConfig, variant } from "./stackConfigs";

export interface BadInputCase {
  id: string;
  before?: RawConfig;
  config: RawConfig;
  /** Secret config keys left unset (the run must name them). */
  unsetSecrets?: string[];
  expect: ConfigMessageExpectation;
}

const SERVICE_PLANS = ["starter", "standard", "pro", "pro_plus", "pro_max", "pro_ultra"];
const REGIONS = ["oregon", "ohio", "virginia", "frankfurt", "singapore"];

type Edit = Parameters<typeof variant>[1];

function at(stage: number, edit: Edit): RawConfig {
  return variant(stageConfig(stage), edit);
}

function web(c: { apps: Record<string, RawConfig> }): RawConfig {
  return c.apps.web;
}

function env(c: { apps: Record<string, RawConfig> }): RawConfig {
  return web(c).env as RawConfig;
}

function section(c: RawConfig, key: string): RawConfig {
  return c[key] as RawConfig;
}

function cron(schedule: unknown): Edit {
  return (c) => {
    c.apps.nightly = {
      type: "cron", runtime: "python", repo: "https://github.com/example/qrcards",
      startCommand: "python jobs/nightly.py", schedule,
    };
  };
}

const e = (field: string, value: string, ...allowed: string[]): ConfigMessageExpectation => ({ field, value, allowed });

export const BAD_INPUT_CASES: readonly BadInputCase[] = [
  { id: "plan-unknown", config: at(3, (c) => { web(c).plan = "huge"; }), expect: e("apps.web.plan", "huge", ...SERVICE_PLANS) },
  { id: "plan-free-not-paid", config: at(0, (c) => { web(c).plan = "free"; }), expect: e("apps.web.plan", "free", ...SERVICE_PLANS) },
  { id: "region-unknown-app", config: at(3, (c) => { web(c).region = "mars"; }), expect: e("apps.web.region", "mars", ...REGIONS) },
  { id: "region-unknown-stack", config: at(3, (c) => { c.region = "atlantis"; }), expect: e("region", "atlantis", ...REGIONS) },
  { id: "region-unknown-database", config: at(3, (c) => { section(c, "database").region = "eu-west"; }), expect: e("database.region", "eu-west", ...REGIONS) },
  { id: "stage-too-high", config: at(3, (c) => { c.stage = 7; }), expect: e("stage", "7", "0, 1, 2, 3, 4, 5") },
  { id: "stage-negative", config: at(3, (c) => { c.stage = -1; }), expect: e("stage", "-1", "0, 1, 2, 3, 4, 5") },
  { id: "stage-not-number", config: at(3, (c) => { c.stage = "three"; }), expect: e("stage", "three", "0, 1, 2, 3, 4, 5") },
  { id: "instances-zero", config: at(3, (c) => { web(c).numInstances = 0; }), expect: e("apps.web.numInstances", "0", "1 to 100") },
  { id: "instances-fraction", config: at(3, (c) => { web(c).numInstances = 1.5; }), expect: e("apps.web.numInstances", "1.5", "1 to 100") },
  {
    id: "autoscaling-min-over-max",
    config: at(3, (c) => { web(c).autoscaling = { minInstances: 5, maxInstances: 2, targetCPUPercent: 60 }; }),
    expect: e("apps.web.autoscaling.minInstances", "5", "≤ maxInstances"),
  },
  {
    id: "autoscaling-cpu-over-90",
    config: at(3, (c) => { web(c).autoscaling = { minInstances: 1, maxInstances: 3, targetCPUPercent: 95 }; }),
    expect: e("apps.web.autoscaling.targetCPUPercent", "95", "1 to 90"),
  },
  {
    id: "autoscaling-with-instances",
    config: at(3, (c) => { web(c).numInstances = 3; web(c).autoscaling = { minInstances: 1, maxInstances: 3, targetCPUPercent: 60 }; }),
    expect: e("apps.web.numInstances", "3", "numInstances or autoscaling"),
  },
  { id: "cron-minute-61", config: at(3, cron("61 * * * *")), expect: e("apps.nightly.schedule", "61 * * * *", "0-59") },
  { id: "cron-three-fields", config: at(3, cron("0 3 *")), expect: e("apps.nightly.schedule", "0 3 *", "needs 5") },
  { id: "cron-month-13", config: at(3, cron("0 3 1 13 *")), expect: e("apps.nightly.schedule", "0 3 1 13 *", "1-12") },
  {
    id: "env-value-and-reference",
    config: at(3, (c) => { env(c).DATABASE_URL = { value: "postgres://localhost/db", fromDatabase: { property: "connectionString" } }; }),
    expect: e("apps.web.env.DATABASE_URL", "value and fromDatabase", "either a value or a reference"),
  },
  {
    id: "env-reference-missing-service",
    config: at(3, (c) => { env(c).API_URL = { fromService: { name: "ghost", property: "url" } }; }),
    expect: e("apps.web.env.API_URL.fromService.name", "ghost", "defined: web"),
  },
  {
    id: "env-reference-missing-database",
    config: at(3, (c) => { env(c).DATABASE_URL = { fromDatabase: { name: "other-db", property: "connectionString" } }; }),
    expect: e("apps.web.env.DATABASE_URL.fromDatabase.name", "other-db", "defined: \"db\""),
  },
  {
    id: "env-reference-before-stage",
    config: at(1, (c) => { env(c).DATABASE_URL = { fromDatabase: { property: "connectionString" } }; }),
    expect: e("apps.web.env.DATABASE_URL.fromDatabase", "1", "stage 2"),
  },
  {
    id: "env-reference-bad-property",
    config: at(3, (c) => { env(c).DATABASE_URL = { fromDatabase: { property: "dsn" } }; }),
    expect: e("apps.web.env.DATABASE_URL.fromDatabase.property", "dsn", "connectionString", "password"),
  },
  { id: "env-name-invalid", config: at(3, (c) => { env(c)["1BAD"] = "x"; }), expect: e("apps.web.env", "1BAD", "letters, digits and _") },
  { id: "domain-uppercase-underscore", config: at(3, (c) => { web(c).domains = ["Not_A.Domain"]; }), expect: e("apps.web.domains[0]", "Not_A.Domain", "www.example.com") },
  { id: "domain-no-tld", config: at(3, (c) => { web(c).domains = ["localhost"]; }), expect: e("apps.web.domains[0]", "localhost", "www.example.com") },
  {
    id: "domain-outside-zone",
    config: at(4, (c) => { web(c).domains = ["www.other.org"]; }),
    expect: e("apps.web.domains[0]", "www.other.org", "example.com"),
  },
  {
    id: "domain-on-two-apps",
    config: at(3, (c) => { c.apps.admin = { ...web(c), domains: ["www.example.com"], secretEnv: {}, env: {} }; }),
    expect: e("apps.admin.domains[0]", "www.example.com", "belongs to one service"),
  },
  {
    id: "secret-as-plain-config",
    config: at(3, (c) => { env(c).STRIPE_SECRET = "sk_live_chaos_plain_value"; }),
    expect: e("apps.web.env.STRIPE_SECRET", "STRIPE_SECRET", "secretEnv", "generateValue"),
  },
  {
    id: "secret-config-unset",
    config: at(3, (c) => { web(c).secretEnv = { API_TOKEN: "apiToken", MAIL_PASSWORD: "mailPassword" }; }),
    expect: e("apps.web.secretEnv.MAIL_PASSWORD", "mailPassword", "pulumi config set --secret mailPassword"),
  },
  { id: "postgres-plan-unknown", config: at(3, (c) => { section(c, "database").plan = "gigantic"; }), expect: e("database.plan", "gigantic", "basic_256mb", "pro_4gb") },
  { id: "postgres-version-unknown", config: at(3, (c) => { section(c, "database").version = "9"; }), expect: e("database.version", "9", "11", "18") },
  { id: "postgres-version-number", config: at(3, (c) => { section(c, "database").version = 16; }), expect: e("database.version", "16", "as a string") },
  { id: "postgres-disk-size", config: at(3, (c) => { section(c, "database").diskSizeGB = 7; }), expect: e("database.diskSizeGB", "7", "1 or a multiple of 5") },
  {
    id: "postgres-ha-on-basic",
    config: at(3, (c) => { section(c, "database").highAvailability = true; }),
    expect: e("database.highAvailability", "basic_1gb", "pro_*", "accelerated_*"),
  },
  {
    id: "postgres-ha-old-version",
    config: at(3, (c) => { Object.assign(section(c, "database"), { plan: "pro_4gb", version: "12", highAvailability: true }); }),
    expect: e("database.highAvailability", "12", "\"13\" or later"),
  },
  {
    id: "postgres-replicas-on-small-plan",
    config: at(3, (c) => { Object.assign(section(c, "database"), { plan: "basic_256mb", readReplicas: ["reports"] }); }),
    expect: e("database.readReplicas", "basic_256mb", "basic_1gb or larger"),
  },
  {
    id: "postgres-allow-list-not-cidr",
    config: at(3, (c) => { section(c, "database").ipAllowList = [{ source: "203.0.113.7", description: "office" }]; }),
    expect: e("database.ipAllowList[0].source", "203.0.113.7", "CIDR"),
  },
  { id: "cache-policy-unknown", config: at(3, (c) => { section(c, "cache").maxmemoryPolicy = "lru-all"; }), expect: e("cache.maxmemoryPolicy", "lru-all", "noeviction", "allkeys-lru") },
  { id: "cache-plan-unknown", config: at(3, (c) => { section(c, "cache").plan = "mega"; }), expect: e("cache.plan", "mega", "free", "pro_plus") },
  { id: "bucket-uppercase", config: at(4, (c) => { section(c, "storage").bucket = "My_Bucket"; }), expect: e("storage.bucket", "My_Bucket", "3–63 lowercase") },
  { id: "bucket-too-short", config: at(4, (c) => { section(c, "storage").bucket = "ab"; }), expect: e("storage.bucket", "ab", "3–63 lowercase") },
  { id: "bucket-with-dots", config: at(4, (c) => { section(c, "storage").bucket = "assets.example.com"; }), expect: e("storage.bucket", "assets.example.com", "no dots") },
  { id: "storage-provider-unknown", config: at(4, (c) => { section(c, "storage").provider = "gcs"; }), expect: e("storage.provider", "gcs", "spaces", "s3") },
  { id: "spaces-region-unknown", config: at(4, (c) => { section(c, "storage").region = "nyc9"; }), expect: e("storage.region", "nyc9", "nyc3", "fra1") },
  { id: "stage4-without-storage", config: at(4, (c) => { delete c.storage; }), expect: e("storage", "4", "spaces", "s3") },
  { id: "cloudflare-zone-id", config: at(4, (c) => { section(c, "cloudflare").zoneId = "zone-1"; }), expect: e("cloudflare.zoneId", "zone-1", "32 hex") },
  {
    id: "stage5-one-region",
    config: at(5, (c) => { delete c.multiRegion; }),
    expect: e("multiRegion.regions", "oregon", "at least 2 regions", "frankfurt"),
  },
  { id: "runtime-unknown", config: at(3, (c) => { web(c).runtime = "cobol"; }), expect: e("apps.web.runtime", "cobol", "python", "node") },
  { id: "service-type-unknown", config: at(3, (c) => { web(c).type = "lambda"; }), expect: e("apps.web.type", "lambda", "web", "pserv", "cron") },
  { id: "health-check-relative", config: at(3, (c) => { web(c).healthCheckPath = "healthz"; }), expect: e("apps.web.healthCheckPath", "healthz", "starting with /") },
  { id: "repo-not-https", config: at(3, (c) => { web(c).repo = "git@github.com:example/qrcards.git"; }), expect: e("apps.web.repo", "git@github.com:example/qrcards.git", "https") },
  { id: "unknown-app-key", config: at(3, (c) => { web(c).plna = "pro"; }), expect: e("apps.web", "plna", "plan", "region") },
  { id: "disk-relative-mount", config: at(0, (c) => { (web(c).disk as RawConfig).mountPath = "data"; }), expect: e("apps.web.disk.mountPath", "data", "absolute path") },
  { id: "disk-size-zero", config: at(0, (c) => { (web(c).disk as RawConfig).sizeGB = 0; }), expect: e("apps.web.disk.sizeGB", "0", "1 to 1000") },
  { id: "disk-with-instances", config: at(0, (c) => { web(c).numInstances = 2; }), expect: e("apps.web.numInstances", "2", "numInstances 1") },
  {
    id: "disk-shrink",
    before: at(0, (c) => { (web(c).disk as RawConfig).sizeGB = 10; }),
    config: at(0, (c) => { (web(c).disk as RawConfig).sizeGB = 5; }),
    expect: e("sizeGB", "5", "10"),
  },
  {
    id: "postgres-version-downgrade",
    before: stageConfig(2),
    config: at(2, (c) => { section(c, "database").version = "15"; }),
    expect: e("version", "15", "16"),
  },
  { id: "name-prefix-invalid", config: at(3, (c) => { c.namePrefix = "Bad_Prefix"; }), expect: e("namePrefix", "Bad_Prefix", "lowercase letters, digits or hyphens") },
  { id: "env-group-undefined", config: at(3, (c) => { web(c).envGroups = ["shared"]; }), expect: e("apps.web.envGroups[0]", "shared", "add envGroups") },
];

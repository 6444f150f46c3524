/**
 * The closed sets of values the stack config accepts, in one place: Render's service types, plans, regions
 * and runtimes, Postgres and Key Value plans, Spaces regions. Values follow Render's REST API spelling
 * (render-api README §8) except where the Blueprint spelling is what users write (`allkeys-lru`, `pserv`).
 */

/** Blueprint service types (`render.yaml` `type:`). */
export const SERVICE_TYPES = ["web", "pserv", "worker", "static", "cron"] as const;
export type AppType = (typeof SERVICE_TYPES)[number];

/** Paid instance types a service can be created with (Render's `paidPlan`; disks need a paid plan). */
export const SERVICE_PLANS = ["starter", "standard", "pro", "pro_plus", "pro_max", "pro_ultra"] as const;
export type ServicePlan = (typeof SERVICE_PLANS)[number];

export const REGIONS = ["oregon", "ohio", "virginia", "frankfurt", "singapore"] as const;
export type Region = (typeof REGIONS)[number];

export const RUNTIMES = ["node", "python", "ruby", "go", "rust", "elixir", "docker", "image"] as const;
export type Runtime = (typeof RUNTIMES)[number];

export const POSTGRES_PLANS = [
  "free", "starter", "standard", "pro", "pro_plus",
  "basic_256mb", "basic_1gb", "basic_4gb",
  "pro_4gb", "pro_8gb", "pro_16gb", "pro_32gb", "pro_64gb", "pro_128gb", "pro_192gb", "pro_256gb",
  "pro_384gb", "pro_512gb",
  "accelerated_16gb", "accelerated_32gb", "accelerated_64gb", "accelerated_128gb", "accelerated_256gb",
  "accelerated_384gb", "accelerated_512gb", "accelerated_768gb", "accelerated_1024gb",
] as const;
export type PostgresPlan = (typeof POSTGRES_PLANS)[number];

/** High availability needs a Pro or Accelerated instance (render-api README §9.13). */
export const POSTGRES_HA_PLANS: readonly PostgresPlan[] = POSTGRES_PLANS.filter(
  (p) => p === "pro" || /^(pro|accelerated)_/.test(p),
);

/** Read replicas are not offered on free, hobby-sized or legacy starter instances (Render docs). */
export const POSTGRES_REPLICA_PLANS: readonly PostgresPlan[] = POSTGRES_PLANS.filter(
  (p) => !["free", "starter", "basic_256mb"].includes(p),
);

/** Major versions Render creates, as strings (render-api README §8). */
export const POSTGRES_VERSIONS = ["11", "12", "13", "14", "15", "16", "17", "18"] as const;
export type PostgresVersion = (typeof POSTGRES_VERSIONS)[number];

/** HA standbys need version 13 or later. */
export const POSTGRES_HA_MIN_VERSION = 13;

export const KEY_VALUE_PLANS = ["free", "starter", "standard", "pro", "pro_plus"] as const;
export type KeyValuePlan = (typeof KEY_VALUE_PLANS)[number];

/** Eviction policies in Blueprint spelling; the API spells them with underscores. */
export const MAXMEMORY_POLICIES = [
  "noeviction", "allkeys-lfu", "allkeys-lru", "allkeys-random",
  "volatile-lfu", "volatile-lru", "volatile-random", "volatile-ttl",
] as const;
export type MaxmemoryPolicy = (typeof MAXMEMORY_POLICIES)[number];

export const STORAGE_PROVIDERS = ["spaces", "s3"] as const;
export type StorageProvider = (typeof STORAGE_PROVIDERS)[number];

/** DigitalOcean regions that offer Spaces. */
export const SPACES_REGIONS = ["nyc3", "sfo2", "sfo3", "ams3", "sgp1", "fra1", "syd1", "blr1", "tor1", "lon1", "atl1"] as const;
export type SpacesRegion = (typeof SPACES_REGIONS)[number];

/** Stages of the hosting stack, see README. */
export const STAGES = [0, 1, 2, 3, 4, 5] as const;
export type Stage = (typeof STAGES)[number];

/** Kinds of resources that hold data; deleting one loses that data. */
export const STATEFUL_KINDS = ["disk", "postgres", "keyValue", "bucket"] as const;
export type StatefulKind = (typeof STATEFUL_KINDS)[number];

/** Render's enumerations (render-api README §8), the single source of the union types in inputs.ts. */

export const REGIONS = ["oregon", "ohio", "virginia", "frankfurt", "singapore"] as const;
export const SERVICE_TYPES = ["web_service", "private_service", "background_worker", "static_site", "cron_job"] as const;
export const SERVICE_RUNTIMES = ["node", "python", "ruby", "go", "rust", "elixir", "docker", "image"] as const;
export const SERVICE_PLANS = ["free", "starter", "standard", "pro", "pro_plus", "pro_max", "pro_ultra"] as const;
export const POSTGRES_PLANS = [
  "free", "starter", "standard", "pro", "pro_plus",
  "basic_256mb", "basic_1gb", "basic_4gb",
  "pro_4gb", "pro_8gb", "pro_16gb", "pro_32gb", "pro_64gb", "pro_128gb", "pro_192gb", "pro_256gb", "pro_384gb",
  "pro_512gb",
  "accelerated_16gb", "accelerated_32gb", "accelerated_64gb", "accelerated_128gb", "accelerated_256gb",
  "accelerated_384gb", "accelerated_512gb", "accelerated_768gb", "accelerated_1024gb",
] as const;
export const KEY_VALUE_PLANS = ["free", "starter", "standard", "pro", "pro_plus"] as const;
export const MAXMEMORY_POLICIES = [
  "noeviction", "allkeys_lfu", "allkeys_lru", "allkeys_random",
  "volatile_lfu", "volatile_lru", "volatile_random", "volatile_ttl",
] as const;
export const PROTECTED_STATUSES = ["protected", "unprotected"] as const;
export const POSTGRES_VERSIONS = ["11", "12", "13", "14", "15", "16", "17", "18"] as const;

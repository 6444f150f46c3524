/**
 * The stack configs chaos runs use: one realistic web app (Flask on Python) growing through the stages, with
 * plain, generated, referenced and secret env vars and two custom domains. Raw objects, as a user writes them
 * in `Pulumi.<stack>.yaml`.
 */

export type RawConfig = Record<string, unknown>;

/** Stack config key of the one secret every config uses (`secretEnv: { API_TOKEN: apiToken }`). */
export const SECRET_CONFIG_KEY = "apiToken";

export const DOMAINS = ["www.example.com", "app.example.com"] as const;

function webApp(stage: number): RawConfig {
  const env: RawConfig = { FLASK_ENV: "production", SECRET_KEY: { generateValue: true } };
  if (stage >= 2) env.DATABASE_URL = { fromDatabase: { property: "connectionString" } };
  if (stage >= 3) env.REDIS_URL = { fromKeyValue: { property: "connectionString" } };
  if (stage >= 4) env.ASSETS_BUCKET = { fromStorage: { property: "bucket" } };
  const app: RawConfig = {
    runtime: "python",
    repo: "https://github.com/example/qrcards",
    branch: "main",
    buildCommand: "pip install -r requirements.txt",
    startCommand: "gunicorn app:app",
    plan: "starter",
    healthCheckPath: "/healthz",
    domains: [DOMAINS[0]],
    env,
    secretEnv: { API_TOKEN: SECRET_CONFIG_KEY },
  };
  if (stage <= 1) app.disk = { mountPath: "/opt/render/project/src/data", sizeGB: 1 };
  return app;
}

/** The chaos stack at `stage` (0–5), unprotected: a dev stack. */
export function stageConfig(stage: number): RawConfig {
  const config: RawConfig = {
    stage,
    protectData: false,
    region: "oregon",
    apps: { web: webApp(stage) },
    database: { plan: stage >= 5 ? "pro_4gb" : "basic_1gb", version: "16" },
    cache: { plan: "starter", maxmemoryPolicy: "allkeys-lru" },
  };
  if (stage >= 4) {
    config.storage = { provider: "spaces", bucket: "chaos-assets", region: "fra1" };
    config.cloudflare = { zoneId: "0123456789abcdef0123456789abcdef", accountId: "fedcba9876543210fedcba9876543210", zoneName: "example.com" };
  }
  if (stage >= 5) config.multiRegion = { regions: ["frankfurt"] };
  return config;
}

/** Stage 3 with a changed env var, one more env var and one more custom domain (the "env and domain" change). */
export function stage3Changed(): RawConfig {
  const config = stageConfig(3);
  const web = (config.apps as Record<string, RawConfig>).web;
  web.env = { ...(web.env as RawConfig), FLASK_ENV: "staging", FEATURE_FLAGS: "qr-v2" };
  web.domains = [...DOMAINS];
  return config;
}

/** A deep copy with `edit` applied, for one-field variations of a config. */
export function variant(base: RawConfig, edit: (config: RawConfig & { apps: Record<string, RawConfig> }) => void): RawConfig {
  const copy = JSON.parse(JSON.stringify(base)) as RawConfig & { apps: Record<string, RawConfig> };
  edit(copy);
  return copy;
}

import * as pulumi from "@pulumi/pulumi";
import { stackAt } from "../config/fixtures";
import { T } from "../helpers/mocks";
import { unwrap, unwrapRecord, valueOf } from "../helpers/outputs";
import { build } from "./build";

const PG_INTERNAL = "postgresql://user:pg-password@dpg-internal/db";
const PG_EXTERNAL = "postgresql://user:pg-password@dpg-internal.oregon-postgres.render.com:5432/db";
const KV_INTERNAL = "redis://red-internal:6379";
const KV_EXTERNAL = "rediss://red-internal:kv-password@oregon-keyvalue.render.com:6377";

describe("env wiring", () => {
  it("stage 1 points the web app at its private SQLite service", async () => {
    const { mocks } = await build(stackAt(1));
    expect(mocks.one(T.service, "dev-web").inputs.envVars.SQLITE_SERVICE_URL).toBe("http://qrcards-dev-db-host:10000");
  });

  it("stage 2 wires DATABASE_URL from Postgres, as a secret", async () => {
    const { mocks, outputs } = await build(stackAt(2));
    expect(mocks.one(T.service, "dev-web").inputs.envVars.DATABASE_URL).toBe(PG_INTERNAL);
    expect(mocks.one(T.service, "dev-web").secretInputs).toEqual(["envVars"]);
    expect(await unwrap(outputs.appConfig.web.DATABASE_URL)).toEqual({ value: PG_INTERNAL, secret: true });
  });

  it("stage 3 adds REDIS_URL from Key Value, as a secret", async () => {
    const { mocks, outputs } = await build(stackAt(3));
    expect(mocks.one(T.service, "dev-web").inputs.envVars).toMatchObject({ DATABASE_URL: PG_INTERNAL, REDIS_URL: KV_INTERNAL });
    expect(await unwrap(outputs.appConfig.web.REDIS_URL)).toEqual({ value: KV_INTERNAL, secret: true });
  });

  it("keeps an app's own DATABASE_URL over the stage default", async () => {
    const { mocks } = await build(stackAt(2, "dev", (raw) => { raw.apps.web.env.DATABASE_URL = { fromDatabase: { property: "host" } }; }));
    expect(mocks.one(T.service, "dev-web").inputs.envVars.DATABASE_URL).toBe("dpg-internal");
  });

  it("stage 4 (prod) wires services, storage and env groups", async () => {
    const { mocks, outputs } = await build(stackAt(4, "prod"), { stack: "dev" });
    expect(mocks.one(T.service, "dev-api").inputs.envVars).toEqual({
      FLASK_ENV: "production", DATABASE_URL: PG_INTERNAL, REDIS_URL: KV_INTERNAL,
      RENDERER_URL: "qrcards-renderer-host:10000",
      MEDIA_ENDPOINT: "https://fra1.digitaloceanspaces.com", MEDIA_BUCKET: "qrcards-media",
      MEDIA_CDN_URL: "https://media.cdn.digitaloceanspaces.com",
      MEDIA_ACCESS_KEY_ID: "DO-ACCESS-KEY", MEDIA_SECRET_ACCESS_KEY: "do-secret-key",
    });
    expect(mocks.one(T.service, "dev-site").inputs.envVars).toEqual({ API_URL: "https://qrcards-api.onrender.com" });
    expect(mocks.one(T.service, "dev-nightly").inputs).toMatchObject({ type: "cron_job", schedule: "0 3 * * *" });
    expect(mocks.one(T.service, "dev-api").inputs.autoscaling).toEqual({ minInstances: 2, maxInstances: 5, targetCPUPercent: 70, targetMemoryPercent: 80 });
    expect(mocks.one(T.envGroup, "dev-shared-env").inputs).toEqual({
      name: "qrcards-shared", envVars: { LOG_LEVEL: "info", APP_ENV: "production" },
      serviceIds: [`${T.service}::dev-api`, `${T.service}::dev-renderer`, `${T.service}::dev-worker`],
    });
    const api = await unwrapRecord(outputs.appConfig.api);
    expect(api.MEDIA_SECRET_ACCESS_KEY).toEqual({ value: "do-secret-key", secret: true });
    expect(api.FLASK_SECRET_KEY).toEqual({ value: "generated-FLASK_SECRET_KEY", secret: true });
    expect(api.LOG_LEVEL).toEqual({ value: "info", secret: false });
    expect(api.MEDIA_BUCKET).toEqual({ value: "qrcards-media", secret: false });
  });

  it("creates the service a fromService reference points at first", async () => {
    const { mocks } = await build(stackAt(4, "prod"), { stack: "dev" });
    const order = mocks.byType(T.service).map((r) => r.name);
    expect(order.indexOf("dev-renderer")).toBeLessThan(order.indexOf("dev-api"));
    expect(order.indexOf("dev-api")).toBeLessThan(order.indexOf("dev-site"));
  });

  it("stage 5 copies in other regions reach Postgres and Key Value over their public endpoints", async () => {
    const { mocks } = await build(stackAt(5));
    expect(mocks.one(T.service, "dev-web-virginia").inputs.envVars).toMatchObject({ DATABASE_URL: PG_EXTERNAL, REDIS_URL: KV_EXTERNAL });
    expect(mocks.one(T.service, "dev-web").inputs.envVars).toMatchObject({ DATABASE_URL: PG_INTERNAL, REDIS_URL: KV_INTERNAL });
  });

  it("passes secretEnv values from stack secrets and keeps them secret", async () => {
    const config = stackAt(0, "dev", (raw) => { raw.apps.web.secretEnv = { SENTRY_DSN: "sentryDsn" }; });
    const { mocks, outputs } = await build(config, { secrets: { sentryDsn: pulumi.secret("https://key@sentry.example/1") } });
    expect(mocks.one(T.service, "dev-web").inputs.envVars.SENTRY_DSN).toBe("https://key@sentry.example/1");
    expect(await unwrap(outputs.appConfig.web.SENTRY_DSN)).toEqual({ value: "https://key@sentry.example/1", secret: true });
  });
});

describe("stack outputs", () => {
  it("stage 0 exports URLs, hosts, domains and the disk as stateful", async () => {
    const { outputs } = await build(stackAt(0));
    expect(outputs.stage).toBe(0);
    expect(await valueOf(outputs.urls)).toEqual({ web: "https://qrcards-dev-web.onrender.com" });
    expect(await valueOf(outputs.internalHosts)).toEqual({ web: "qrcards-dev-web-host" });
    expect(outputs.domains).toEqual({ web: ["dev.qrcards.example.com"] });
    expect(outputs.statefulResources).toEqual([{ kind: "disk", name: "dev-web-disk" }]);
    expect(outputs.retiredDisks).toEqual([]);
    expect(outputs.databaseUrl).toBeUndefined();
  });

  it("stage 4 exports secret connection strings and the bucket", async () => {
    const { outputs } = await build(stackAt(4));
    expect(await unwrap(outputs.databaseUrl!)).toEqual({ value: PG_INTERNAL, secret: true });
    expect(await unwrap(outputs.redisUrl!)).toEqual({ value: KV_INTERNAL, secret: true });
    expect(await valueOf(outputs.bucketName!)).toBe("qrcards-dev-media");
    expect(await valueOf(outputs.bucketEndpoint!)).toBe("https://nyc3.digitaloceanspaces.com");
    expect(await valueOf(outputs.cdnUrl!)).toBe("https://media.cdn.digitaloceanspaces.com");
    expect(outputs.statefulResources).toEqual([
      { kind: "postgres", name: "dev-postgres" }, { kind: "keyValue", name: "dev-keyvalue" }, { kind: "bucket", name: "dev-spaces" },
    ]);
  });

  it("stage 5 exports every region's URL and the load-balanced hostnames", async () => {
    const { outputs } = await build(stackAt(5));
    expect(await valueOf(outputs.regionalUrls!)).toEqual({
      web: { oregon: "https://qrcards-dev-web.onrender.com", virginia: "https://qrcards-dev-web-virginia.onrender.com" },
    });
    expect(outputs.loadBalancedHostnames).toEqual(["dev.qrcards.example.com"]);
  });
});

/** Stage components' resource graphs under mocks: children, inputs, options, wiring, outputs. */
import * as pulumi from "@pulumi/pulumi";
import { stackAt } from "../config/fixtures";
import { T } from "../helpers/mocks";
import { build } from "./build";
import { unwrap, unwrapRecord, valueOf } from "../helpers/outputs";
import { checkDisk } from "../../providers/render/diskProvider";
import { checkEnvGroup } from "../../providers/render/envGroupProvider";
import { checkKeyValue } from "../../providers/render/keyValueProvider";
import { checkPostgres } from "../../providers/render/postgresProvider";
import { checkService } from "../../providers/render/serviceCheck";
import { checkReference } from "../../providers/render/referenceProvider";
import { keyValueConnectionSpec } from "../../providers/render/keyValueConnectionProvider";
import { postgresConnectionSpec } from "../../providers/render/postgresConnectionProvider";
import { serviceEndpointSpec } from "../../providers/render/serviceEndpointProvider";

const STACK = `${T.stack}::dev`;
const WEB = [`${T.webApp}::dev-web`, `${T.service}::dev-web`, `${T.serviceEndpoint}::dev-web-endpoint`];
const DATA = [`${T.postgres}::dev-postgres`, `${T.postgresConnection}::dev-postgres-connection`];
const CACHE = [`${T.keyValue}::dev-keyvalue`, `${T.keyValueConnection}::dev-keyvalue-connection`];
const EDGE = [
  `${T.spacesBucket}::dev-spaces`, `${T.spacesCors}::dev-spaces-cors`, `${T.cdn}::dev-spaces-cdn`, `${T.spacesKey}::dev-spaces-key`,
  `${T.dnsRecord}::dev-dns-dev.qrcards.example.com`, `${T.ruleset}::dev-cache-rules`,
];

describe("stage components on the dev stack", () => {
  test.each([
    [0, [STACK, ...WEB, `${T.disk}::dev-web-disk`]],
    [1, [STACK, ...WEB, `${T.webApp}::dev-db`, `${T.service}::dev-db`, `${T.serviceEndpoint}::dev-db-endpoint`, `${T.disk}::dev-db-disk`]],
    [2, [STACK, ...WEB, ...DATA]],
    [3, [STACK, ...WEB, ...DATA, ...CACHE]],
    [4, [STACK, ...WEB, ...DATA, ...CACHE, ...EDGE]],
    [5, [STACK, ...WEB, ...DATA, ...CACHE, ...EDGE, `${T.webApp}::dev-web-virginia`, `${T.service}::dev-web-virginia`,
      `${T.serviceEndpoint}::dev-web-virginia-endpoint`,
      `${T.monitor}::dev-web-monitor`, `${T.pool}::dev-web-oregon-pool`, `${T.pool}::dev-web-virginia-pool`,
      `${T.loadBalancer}::dev-lb-dev.qrcards.example.com`]],
  ])("stage %i registers exactly its children", async (stage, expected) => {
    const { mocks } = await build(stackAt(stage));
    expect(mocks.names()).toEqual([...expected].sort());
  });

  it("stage 0 is the QRCards Flask app with its SQLite disk", async () => {
    const { mocks } = await build(stackAt(0));
    expect(mocks.one(T.service, "dev-web").inputs).toEqual({
      type: "web_service", name: "qrcards-dev-web", region: "oregon", plan: "starter", runtime: "python",
      repo: "https://github.com/qrcards/qrcards-deploy", branch: "main",
      buildCommand: "pip install -r requirements.txt", startCommand: "gunicorn --bind 0.0.0.0:$PORT --workers 2 run:app",
      healthCheckPath: "/health", autoDeploy: true, customDomains: ["dev.qrcards.example.com"],
      envVars: {
        FLASK_ENV: "production", DATABASE_PATH: "/opt/render/project/src/data",
        SQLITE_ADMIN_DB: "/opt/render/project/src/data/flasklayer_admin.sqlite",
        SQLITE_RUNTIME_DB: "/opt/render/project/src/data/flasklayer_runtime.sqlite",
      },
      generatedEnvVars: ["FLASK_SECRET_KEY"],
    });
    expect(mocks.one(T.disk, "dev-web-disk").inputs).toEqual({
      serviceId: `${T.service}::dev-web`, name: "qrcards-data", mountPath: "/opt/render/project/src/data", sizeGB: 10,
    });
  });

  it("stage 1 gives the disk to a private service built like the web app", async () => {
    const { mocks } = await build(stackAt(1));
    expect(mocks.one(T.service, "dev-db").inputs).toMatchObject({
      type: "private_service", name: "qrcards-dev-db", runtime: "python", plan: "starter",
      startCommand: "gunicorn --bind 0.0.0.0:$PORT --workers 1 sqlite_server:app",
      envVars: expect.objectContaining({ DATABASE_PATH: "/opt/render/project/src/data" }),
    });
    expect(mocks.one(T.service, "dev-db").inputs.customDomains).toBeUndefined();
    expect(mocks.one(T.disk, "dev-db-disk").inputs.serviceId).toBe(`${T.service}::dev-db`);
  });

  it("stage 5 runs Postgres with high availability and a read replica on the HA plan", async () => {
    const { mocks } = await build(stackAt(5));
    expect(mocks.one(T.postgres, "dev-postgres").inputs).toEqual({
      name: "qrcards-dev-db", plan: "pro_4gb", region: "oregon", version: "16", databaseName: "qrcards",
      highAvailability: true, readReplicas: ["replica"], allowReplace: false,
    });
    expect(mocks.one(T.keyValue, "dev-keyvalue").inputs.ipAllowList).toEqual([
      { source: "0.0.0.0/0", description: "web services in other regions (stage 5)" },
    ]);
  });

  it("stage 5 health-checks every region on the health check path behind one load balancer", async () => {
    const { mocks } = await build(stackAt(5));
    expect(mocks.one(T.monitor, "dev-web-monitor").inputs).toMatchObject({ type: "https", path: "/health", expectedCodes: "2xx", accountId: "fedcba9876543210fedcba9876543210" });
    expect(mocks.one(T.pool, "dev-web-virginia-pool").inputs).toMatchObject({
      monitor: `${T.monitor}::dev-web-monitor`,
      origins: [{ name: "virginia", address: "qrcards-dev-web-virginia.onrender.com", enabled: true, header: { hosts: ["qrcards-dev-web-virginia.onrender.com"] } }],
    });
    expect(mocks.one(T.loadBalancer, "dev-lb-dev.qrcards.example.com").inputs).toMatchObject({
      zoneId: "0123456789abcdef0123456789abcdef", name: "dev.qrcards.example.com", proxied: true,
      defaultPools: [`${T.pool}::dev-web-oregon-pool`, `${T.pool}::dev-web-virginia-pool`], fallbackPool: `${T.pool}::dev-web-oregon-pool`,
    });
    expect(mocks.one(T.service, "dev-web-virginia").inputs).toMatchObject({ name: "qrcards-dev-web-virginia", region: "virginia", customDomains: [] });
  });

  it("stage 4 fronts the domains with Cloudflare and caches static assets", async () => {
    const { mocks } = await build(stackAt(4));
    expect(mocks.one(T.dnsRecord, "dev-dns-dev.qrcards.example.com").inputs).toMatchObject({
      zoneId: "0123456789abcdef0123456789abcdef", name: "dev.qrcards.example.com", type: "CNAME",
      content: "qrcards-dev-web.onrender.com", proxied: true, ttl: 1,
    });
    const rules = mocks.one(T.ruleset, "dev-cache-rules").inputs;
    expect(rules).toMatchObject({ kind: "zone", phase: "http_request_cache_settings" });
    expect(rules.rules[0]).toMatchObject({
      action: "set_cache_settings",
      expression: `(http.host in {"dev.qrcards.example.com"}) and (http.request.uri.path.extension in {"css" "js" "mjs" "png" "jpg" "jpeg" "gif" "svg" "webp" "ico" "woff" "woff2"} or starts_with(http.request.uri.path, "/static/"))`,
      actionParameters: { cache: true, edgeTtl: { mode: "override_origin", default: 86400 }, browserTtl: { mode: "override_origin", default: 14400 } },
    });
  });

  it("stage 4 with S3 blocks public access and sets CORS for the custom domains", async () => {
    const { mocks } = await build(stackAt(4, "dev", (raw) => { raw.storage = { provider: "s3", bucket: "qrcards-dev-media", region: "us-east-1" }; }));
    expect(mocks.names().filter((n) => n.startsWith("aws:"))).toEqual([
      `${T.s3Bucket}::dev-s3`, `${T.s3Cors}::dev-s3-cors`, `${T.s3PublicAccess}::dev-s3-public-access`,
    ]);
    expect(mocks.one(T.s3PublicAccess, "dev-s3-public-access").inputs).toMatchObject({
      bucket: `${T.s3Bucket}::dev-s3`, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    });
    expect(mocks.one(T.s3Cors, "dev-s3-cors").inputs.corsRules[0]).toMatchObject({ allowedOrigins: ["https://dev.qrcards.example.com"] });
  });
});

describe("resource options", () => {
  test.each([false, true])("protects every stateful child when protectData is %s", async (protect) => {
    const { mocks } = await build(stackAt(4, "dev", (raw) => { raw.protectData = protect; }));
    const stateful = mocks.options.filter((o) => [T.disk, T.postgres, T.keyValue, T.spacesBucket].includes(o.type as never));
    expect(stateful.map((o) => o.name).sort()).toEqual(["dev-keyvalue", "dev-postgres", "dev-spaces"]);
    expect(stateful.every((o) => o.protect === protect)).toBe(true);
    expect(mocks.options.filter((o) => o.protect).map((o) => o.name).sort()).toEqual(protect ? ["dev-keyvalue", "dev-postgres", "dev-spaces"] : []);
  });

  it("protects the disk too", async () => {
    const { mocks } = await build(stackAt(0, "dev", (raw) => { raw.protectData = true; }));
    expect(mocks.optionsOf("dev-web-disk").protect).toBe(true);
  });

  it("marks what Render and DigitalOcean return in clear text as secret outputs", async () => {
    const { mocks } = await build(stackAt(4));
    expect(mocks.optionsOf("dev-spaces-key").additionalSecretOutputs).toEqual(["secretKey"]);
    expect(mocks.options.find((o) => o.type === T.service)?.additionalSecretOutputs).toEqual(expect.arrayContaining(["envVars", "generatedEnvVarValues"]));
    expect(mocks.optionsOf("dev-postgres").additionalSecretOutputs).toEqual(expect.arrayContaining(["internalConnectionString", "externalConnectionString", "password"]));
  });

  it("parents every child under the stack or one of its WebApps", async () => {
    const { mocks } = await build(stackAt(5));
    const parents = new Set(mocks.options.filter((o) => o.type !== T.stack).map((o) => o.parentName));
    expect([...parents].sort()).toEqual(["dev", "dev-web", "dev-web-virginia"]);
  });
});

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

  it("stage 5 copies a private service where its callers run, and each copy calls the one in its region", async () => {
    const { mocks } = await build(stackAt(5, "prod"), { stack: "dev" });
    expect(mocks.one(T.service, "dev-renderer-frankfurt").inputs).toMatchObject({ type: "private_service", region: "frankfurt" });
    expect(mocks.one(T.service, "dev-api").inputs.envVars.RENDERER_URL).toBe("qrcards-renderer-host:10000");
    expect(mocks.one(T.service, "dev-api-frankfurt").inputs.envVars.RENDERER_URL).toBe("qrcards-renderer-frankfurt-host:10000");
    expect(mocks.byType(T.service).map((r) => r.name).filter((n) => n.endsWith("-frankfurt")).sort())
      .toEqual(["dev-api-frankfurt", "dev-renderer-frankfurt"]);
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

const CHECKS: Record<string, (news: Record<string, unknown>) => { failures?: unknown[] }> = {
  [T.service]: checkService,
  [T.disk]: (news) => checkDisk({}, news),
  [T.postgres]: (news) => checkPostgres({}, news),
  [T.keyValue]: checkKeyValue,
  [T.envGroup]: checkEnvGroup,
  [T.serviceEndpoint]: (news) => checkReference(serviceEndpointSpec, news),
  [T.postgresConnection]: (news) => checkReference(postgresConnectionSpec, news),
  [T.keyValueConnection]: (news) => checkReference(keyValueConnectionSpec, news),
};

describe("what the stages hand the Render providers", () => {
  test.each([
    ...[0, 1, 2, 3, 4, 5].map((stage) => [`dev at stage ${stage}`, stage, "dev"] as const),
    ["prod at stage 4", 4, "prod"] as const,
    ["prod at stage 5", 5, "prod"] as const,
  ])("passes the providers' checks: %s", async (_title, stage, stack) => {
    const { mocks } = await build(stackAt(stage, stack));
    const render = mocks.registrations.filter((r) => CHECKS[r.type]);
    expect(render.length).toBeGreaterThan(0);
    for (const r of render) expect({ name: r.name, failures: CHECKS[r.type](r.inputs).failures }).toEqual({ name: r.name, failures: undefined });
  });
});

import { stackAt } from "../config/fixtures";
import { T } from "../helpers/mocks";
import { build } from "./build";

const STACK = `${T.stack}::dev`;
const WEB = [`${T.webApp}::dev-web`, `${T.service}::dev-web`];
const DATA = [`${T.postgres}::dev-postgres`];
const CACHE = [`${T.keyValue}::dev-keyvalue`];
const EDGE = [
  `${T.spacesBucket}::dev-spaces`, `${T.spacesCors}::dev-spaces-cors`, `${T.cdn}::dev-spaces-cdn`, `${T.spacesKey}::dev-spaces-key`,
  `${T.dnsRecord}::dev-dns-dev.qrcards.example.com`, `${T.ruleset}::dev-cache-rules`,
];

describe("stage components on the dev stack", () => {
  test.each([
    [0, [STACK, ...WEB, `${T.disk}::dev-web-disk`]],
    [1, [STACK, ...WEB, `${T.webApp}::dev-db`, `${T.service}::dev-db`, `${T.disk}::dev-db-disk`]],
    [2, [STACK, ...WEB, ...DATA]],
    [3, [STACK, ...WEB, ...DATA, ...CACHE]],
    [4, [STACK, ...WEB, ...DATA, ...CACHE, ...EDGE]],
    [5, [STACK, ...WEB, ...DATA, ...CACHE, ...EDGE, `${T.webApp}::dev-web-virginia`, `${T.service}::dev-web-virginia`,
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
      highAvailability: true, readReplicas: ["replica"],
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

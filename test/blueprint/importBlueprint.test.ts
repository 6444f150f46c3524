import { spawnSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { importBlueprint } from "../../blueprint/importBlueprint";
import { readStackConfig } from "../../cost/readStack";
import { estimateCost } from "../../cost/estimate";

const fixture = (name: string) => readFileSync(join(__dirname, "..", "fixtures", "blueprints", name), "utf8");
const QRCARDS_REPO = "https://github.com/qrcards/qrcards-deploy";
const short = (findings: { line: number; path: string }[]) => findings.map((f) => `${f.line} ${f.path}`);

describe("importBlueprint: QRCards stage 0", () => {
  const result = importBlueprint(fixture("qrcards-stage0.render.yaml"), { stack: "dev", repo: QRCARDS_REPO });

  it("makes a stage 0 stack: starter python web service with its 10 GB disk and env vars", () => {
    expect(result.stage).toBe(0);
    expect(result.raw.apps).toEqual({
      qrcards: {
        type: "web", runtime: "python", plan: "starter", region: "oregon", repo: QRCARDS_REPO,
        buildCommand: "pip install -r requirements.txt",
        startCommand: "gunicorn --bind 0.0.0.0:$PORT --workers 2 run:app",
        disk: { name: "qrcards-data", mountPath: "/opt/render/project/src/data", sizeGB: 10 },
        env: {
          FLASK_ENV: "production",
          DATABASE_PATH: "/opt/render/project/src/data",
          SQLITE_ADMIN_DB: "/opt/render/project/src/data/flasklayer_admin.sqlite",
          SQLITE_RUNTIME_DB: "/opt/render/project/src/data/flasklayer_runtime.sqlite",
        },
      },
    });
  });

  it("maps every field, warns about nothing and needs no secrets", () => {
    expect([result.unmapped, result.warnings, result.commands]).toEqual([[], [], []]);
  });

  it("costs $9.50 a month, like the plan says", () => {
    expect(estimateCost(result.config).total).toBe(9.5);
  });

  it("writes a stack file in the render-stages namespace that reads back to the same config", () => {
    expect(result.stackFile).toContain("config:\n  render-stages:stage: 0\n  render-stages:apps:\n    qrcards:\n");
    const dir = mkdtempSync(join(tmpdir(), "blueprint-"));
    try {
      writeFileSync(join(dir, "Pulumi.dev.yaml"), result.stackFile);
      expect(readStackConfig(join(dir, "Pulumi.dev.yaml"))).toEqual(result.config);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("says how to name the repository when the Blueprint has none", () => {
    expect(() => importBlueprint(fixture("qrcards-stage0.render.yaml"))).toThrow(
      "apps.qrcards.repo: is required (an https git repository URL) unless runtime is \"image\": services without repo deploy the Blueprint's own repository; pass --repo URL");
  });
});

describe("importBlueprint: every service type", () => {
  const result = importBlueprint(fixture("every-type.render.yaml"), { stack: "acme" });

  it("chooses stage 3 (database + Key Value) and maps each type", () => {
    expect(result.stage).toBe(3);
    expect(Object.fromEntries(Object.entries(result.config.apps).map(([k, a]) => [k, a.type]))).toEqual({
      api: "web", renderer: "pserv", jobs: "worker", nightly: "cron", site: "static", proxy: "web",
    });
  });

  it("carries scaling, docker fields, image, static headers and routes, domains and health checks", () => {
    const { api, renderer, site, proxy } = result.config.apps;
    expect(api.autoscaling).toEqual({ minInstances: 1, maxInstances: 3, targetCPUPercent: 60 });
    expect([api.healthCheckPath, api.preDeployCommand, api.domains]).toEqual(["/healthz", "npm run migrate", ["api.acme.example"]]);
    expect([renderer.dockerfilePath, renderer.dockerContext, renderer.dockerCommand, renderer.numInstances]).toEqual(["./Dockerfile", ".", "./start.sh", 2]);
    expect([site.publishPath, site.headers, site.routes]).toEqual(["dist", [{ path: "/*", name: "X-Frame-Options", value: "DENY" }],
      [{ type: "rewrite", source: "/*", destination: "/index.html" }]]);
    expect([proxy.runtime, proxy.image]).toEqual(["image", "docker.io/library/nginx:1.27"]);
  });

  it("rewires fromDatabase, fromService (Key Value and private service), generateValue, sync: false and fromGroup", () => {
    expect(result.config.apps.api.env).toEqual({
      DATABASE_URL: { fromDatabase: { name: "acme-db", property: "connectionString" } },
      REDIS_URL: { fromKeyValue: { name: "acme-cache", property: "connectionString" } },
      RENDERER_HOST: { fromService: { name: "renderer", property: "hostport" } },
      SESSION_SECRET: { generateValue: true },
    });
    expect(result.config.apps.api.secretEnv).toEqual({ STRIPE_KEY: "apiStripeKey" });
    expect(result.config.apps.api.envGroups).toEqual(["shared"]);
    expect(result.config.envGroups).toEqual({ shared: { env: { LOG_LEVEL: "info" }, secretEnv: { API_TOKEN: "sharedApiToken" } } });
  });

  it("maps the database with hyphenated plan, version, HA, replicas and allow list, and the Key Value", () => {
    expect(result.raw.database).toEqual({
      name: "acme-db", plan: "basic_1gb", version: "16", diskSizeGB: 15, databaseName: "acme", databaseUser: "acme",
      highAvailability: false, readReplicas: ["acme-replica"], ipAllowList: [{ source: "203.0.113.0/24", description: "office" }],
    });
    expect(result.raw.cache).toEqual({ name: "acme-cache", plan: "starter", maxmemoryPolicy: "allkeys-lru" });
  });

  it("prints the pulumi config set --secret lines for sync: false", () => {
    expect(result.commands).toEqual([
      "pulumi config set --stack acme --secret apiStripeKey '<value>'   # apps.api.secretEnv.STRIPE_KEY (sync: false, line 40)",
      "pulumi config set --stack acme --secret sharedApiToken '<value>'   # envGroups.shared.secretEnv.API_TOKEN (sync: false, line 117)",
    ]);
    expect(result.stackFile).toContain("#   pulumi config set --stack acme --secret apiStripeKey '<value>'");
  });

  it("reports what it cannot map with the line it is on", () => {
    expect(short(result.unmapped)).toEqual([
      "20 services[0].maxShutdownDelaySeconds", "21 services[0].previews", "90 services[5].image.creds", "119 previews",
    ]);
    expect(result.unmapped[0].message).toBe("is not a Blueprint field render-stages maps; left out");
  });

  it("warns about a cache URL wired to Postgres", () => {
    expect(result.warnings).toEqual([{ line: 60, path: "services[2].envVars[0].fromDatabase",
      message: 'CACHE_URL is wired to Postgres database "acme-db"; a cache URL usually comes from a Key Value instance (fromService type keyvalue)' }]);
  });
});

describe("importBlueprint: legacy syntax", () => {
  const result = importBlueprint(fixture("legacy.render.yaml"), { stack: "legacy" });

  it("reads env: as the runtime, env: static as a static site and type: redis as Key Value", () => {
    expect(result.stage).toBe(3);
    expect(result.raw.apps["legacy-app"]).toMatchObject({ type: "web", runtime: "ruby", plan: "standard", autoDeploy: false });
    expect(result.raw.apps.docs).toEqual({ type: "static", repo: "https://github.com/acme/docs", buildCommand: "make html", publishPath: "_build/html" });
    expect(result.raw.cache).toEqual({ name: "legacy-redis", plan: "free" });
    expect(result.raw.database).toEqual({ name: "legacy-db", plan: "starter", version: "15" });
  });

  it("turns secret-looking plain values into secrets and warns", () => {
    expect(result.raw.apps["legacy-app"].secretEnv).toEqual({ SECRET_KEY_BASE: "legacyAppSecretKeyBase", PAYMENTS_URL: "legacyAppPaymentsUrl" });
    expect(result.warnings.map((w) => [w.line, w.message.split(" in plain text")[0]])).toEqual([
      [24, 'SECRET_KEY_BASE looks like a secret (is the placeholder "changeme")'],
      [26, "PAYMENTS_URL looks like a secret (holds a password inside a URL to payments.example.com)"],
    ]);
    expect(result.stackFile).not.toContain("hunter2");
    expect(result.stackFile).not.toContain("changeme");
  });

  it("reports legacy preview flags and the second database", () => {
    expect(short(result.unmapped)).toEqual(["2 previewsEnabled", "12 services[0].pullRequestPreviewsEnabled", "41 databases[1]"]);
  });
});

describe("importBlueprint: stage 1", () => {
  const result = importBlueprint(fixture("stage1.render.yaml"), { stack: "dev" });

  it("moves the private service's disk onto the web app as stage 1's private service", () => {
    expect(result.stage).toBe(1);
    expect(Object.keys(result.raw.apps)).toEqual(["qrcards"]);
    expect(result.raw.apps.qrcards.env).toEqual({ FLASK_ENV: "production" });
    expect(result.raw.apps.qrcards.disk).toEqual({
      name: "qrcards-data", mountPath: "/opt/render/project/src/data", sizeGB: 10,
      privateService: {
        name: "qrcards-db", plan: "starter", runtime: "python",
        startCommand: "gunicorn --bind 0.0.0.0:$PORT --workers 1 sqlite_server:app",
        env: { DATA_DIR: "/opt/render/project/src/data" }, urlEnvVar: "SQLITE_SERVICE_URL",
      },
    });
  });

  it("reports the private service fields it derives from the web app instead", () => {
    expect(result.unmapped).toEqual([{ line: 23, path: "services[1].region",
      message: 'the stage 1 private service takes region from web app "qrcards"; its own value is not carried over' }]);
  });

  it("costs $16.50 a month", () => {
    expect(estimateCost(result.config).total).toBe(16.5);
  });
});

describe("npm run import-blueprint", () => {
  it("writes the stack file with --out and reports unmapped fields and secret commands", () => {
    const root = join(__dirname, "..", "..");
    const dir = mkdtempSync(join(tmpdir(), "import-"));
    try {
      const out = join(dir, "Pulumi.acme.yaml");
      const run = spawnSync(process.execPath, [join(root, "node_modules/ts-node/dist/bin.js"), "--transpile-only", "tools/importBlueprint.ts",
        "test/fixtures/blueprints/every-type.render.yaml", "--stack", "acme", "--out", out], { cwd: root, encoding: "utf8" });
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`Wrote ${out}.\ntest/fixtures/blueprints/every-type.render.yaml: stage 3, 6 app(s), Postgres, Key Value.`);
      expect(run.stdout).toContain("  line 20: services[0].maxShutdownDelaySeconds: is not a Blueprint field render-stages maps; left out");
      expect(run.stdout).toContain("  pulumi config set --stack acme --secret apiStripeKey '<value>'");
      expect(readStackConfig(out).stage).toBe(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("importBlueprint: secret handling", () => {
  const blueprint = (envVars: string) => `services:
  - type: web
    name: api
    runtime: node
    repo: https://github.com/acme/api
    buildCommand: npm ci
    startCommand: node server.js
    envVars:
${envVars}
envVarGroups:
  - name: shared
    envVars:
      - key: SHARED_API_TOKEN
        value: tok-plain-0042
      - key: LOG_LEVEL
        value: info
`;

  it("never leaves a value with a secret-like name in plain text, whatever the value looks like", () => {
    const result = importBlueprint(blueprint([
      "      - key: SESSION_SECRET", "        value: abc123plain",
      "      - key: DB_PASSWORD", "        value: opensesame77",
      "      - key: STRIPE_API_KEY", "        value: notreallyakey",
      "      - key: NODE_ENV", "        value: production",
    ].join("\n")), { stack: "acme" });

    expect(result.raw.apps.api.env).toEqual({ NODE_ENV: "production" });
    expect(Object.keys(result.raw.apps.api.secretEnv ?? {}).sort()).toEqual(["DB_PASSWORD", "SESSION_SECRET", "STRIPE_API_KEY"]);
    expect(result.raw.envGroups).toEqual({ shared: { env: { LOG_LEVEL: "info" }, secretEnv: { SHARED_API_TOKEN: expect.any(String) } } });
    const everything = JSON.stringify(result.raw) + result.stackFile + result.commands.join("\n") +
      JSON.stringify(result.warnings) + JSON.stringify(result.unmapped);
    for (const value of ["abc123plain", "opensesame77", "notreallyakey", "tok-plain-0042"]) expect(everything).not.toContain(value);
    expect(result.secrets.map((s) => [s.path, s.reason])).toEqual(expect.arrayContaining([
      ["apps.api.secretEnv.SESSION_SECRET", "plain text in render.yaml"], ["apps.api.secretEnv.DB_PASSWORD", "plain text in render.yaml"],
    ]));
  });

  it("turns sync: false into a secret to set, and leaves sync: true out as unmapped, not a secret", () => {
    const result = importBlueprint(blueprint([
      "      - key: SENTRY_DSN", "        sync: false",
      "      - key: FEATURE_FLAGS", "        sync: true",
    ].join("\n")), { stack: "acme" });

    expect(result.raw.apps.api.secretEnv).toEqual({ SENTRY_DSN: expect.any(String) });
    expect(result.raw.apps.api.env ?? {}).not.toHaveProperty("FEATURE_FLAGS");
    expect(result.secrets.map((s) => s.path)).not.toContain("apps.api.secretEnv.FEATURE_FLAGS");
    expect(result.secrets.find((s) => s.path === "apps.api.secretEnv.SENTRY_DSN")?.reason).toBe("sync: false");
    expect(result.unmapped.map((f) => [f.path, f.message])).toContainEqual(
      ["services[0].envVars[1].sync", "FEATURE_FLAGS: sync is only meaningful as false (a value set outside the Blueprint)"]);
  });
});

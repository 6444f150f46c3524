import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { REPO_ROOT, SandboxResult } from "../../sandbox/engine";
import { runSandboxIsolated } from "../../sandbox/isolated";

const WRITES = ["POST", "PUT", "PATCH", "DELETE"] as const;
const writes = (res: SandboxResult) => WRITES.reduce((n, m) => n + res.apiCalls[m], 0);
const SECRETS = { ghcrToken: "ghp-sandbox-registry-token-7f3e", logToken: "log-sandbox-token-91ab", ddToken: "dd-sandbox-token-c4d2" };

jest.setTimeout(180_000);

describe("runSandbox with every workspace setting", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-settings-"));
  const stackFile = path.join(dir, "Pulumi.settings.yaml");
  const printed: string[] = [];
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  beforeAll(() => {
    const doc = YAML.parse(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, any> };
    const c = doc.config;
    c["render-stages:namePrefix"] = "settings";
    c["render-stages:apps"].api = { type: "web", runtime: "image", image: "ghcr.io/acme/api:1.2.0", registryCredential: "ghcr",
      logStream: { setting: "send", endpoint: "api-logs.example.com:6514", tokenSecret: "logToken" }, notifications: { notificationsToSend: "all" } };
    c["render-stages:apps"].web.maintenanceMode = { enabled: false };
    c["render-stages:registryCredentials"] = { ghcr: { registry: "GITHUB", username: "acme-bot", authTokenSecret: "ghcrToken" } };
    c["render-stages:logStream"] = { endpoint: "logs.example.com:6514", tokenSecret: "logToken" };
    c["render-stages:metricsStream"] = { provider: "DATADOG", url: "https://otlp.datadoghq.com/v1/metrics", tokenSecret: "ddToken" };
    c["render-stages:notifications"] = { notificationsToSend: "failure" };
    c["render-stages:webhooks"] = { deploys: { url: "https://hooks.example.com/render", eventFilter: ["deploy_ended"], deliverTo: "web" } };
    for (const key of Object.keys(SECRETS)) c[`render-stages:${key}`] = { secure: "v1:AAAAAAAAAAAAAAAA:ZmFrZQ==" };
    fs.writeFileSync(stackFile, YAML.stringify(doc));
  });

  const run = () => runSandboxIsolated({
    stack: stackFile, stateDir: dir, timeScale: 0.002, print: (text) => printed.push(text),
    env: { ...process.env, SANDBOX_SECRET_GHCR_TOKEN: SECRETS.ghcrToken, SANDBOX_SECRET_LOG_TOKEN: SECRETS.logToken, SANDBOX_SECRET_DD_TOKEN: SECRETS.ddToken },
  });

  it("creates every setting, then a second run changes nothing", async () => {
    const first = await run();
    expect(first.errors).toEqual([]);
    const kinds = first.resources.filter((r) => r.action === "create").map((r) => `${r.type.split(":").pop()} ${r.name}`);
    expect(kinds).toEqual(expect.arrayContaining([
      "RegistryCredential settings-registry-ghcr", "LogStream settings-log-stream", "MetricsStream settings-metrics-stream",
      "NotificationSettings settings-notifications", "Webhook settings-webhook-deploys", "ResourceLogStream settings-api-log-stream",
      "NotificationOverride settings-api-notifications", "MaintenanceMode settings-web-maintenance",
    ]));
    const second = await run();
    expect(second.errors).toEqual([]);
    expect(second.plan).toMatchObject({ create: 0, update: 0, replace: 0, delete: 0 });
    expect(writes(second)).toBe(0);
  });

  it("keeps every token and the webhook signing secret out of state and output in plain text", () => {
    // The stack state (`<stack>.json`); `<stack>.emulator.json` is the emulator's own store, i.e. Render's side.
    const state = fs.readFileSync(path.join(dir, "settings.json"), "utf8");
    expect(state).toContain("pulumi-nodejs:dynamic/render:Webhook");
    expect(state).toContain("pulumi-nodejs:dynamic/render:RegistryCredential");
    for (const text of [state, printed.join("\n")]) {
      for (const value of Object.values(SECRETS)) expect(text).not.toContain(value);
      expect(text).not.toMatch(/whsec_/);
    }
  });
});

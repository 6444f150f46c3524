import * as pulumi from "@pulumi/pulumi";
import { ConfigError, parseStackConfig, secretKeyUses } from "../../components/config";
import { checkWith } from "../../providers/render/validate";
import { logStreamSchema } from "../../providers/render/logStream/check";
import { maintenanceModeSchema } from "../../providers/render/maintenanceMode/check";
import { metricsStreamSchema } from "../../providers/render/metricsStream/check";
import { notificationOverrideSchema } from "../../providers/render/notificationOverride/check";
import { notificationSettingsSchema } from "../../providers/render/notificationSettings/check";
import { registryCredentialSchema } from "../../providers/render/registryCredential/check";
import { resourceLogStreamSchema } from "../../providers/render/resourceLogStream/check";
import { webhookSchema } from "../../providers/render/webhook/check";
import { build } from "./build";
import { copy, stackFileConfig } from "../config/fixtures";

type Raw = Record<string, any>;

const image = { type: "web", runtime: "image", image: "ghcr.io/acme/api:1.2.0", registryCredential: "ghcr" };

/** The dev stack with every setting of the workspace and of one image-backed app. */
function withSettings(stage: number, edit?: (raw: Raw) => void): Raw {
  const raw = copy(stackFileConfig("dev"));
  raw.stage = stage;
  raw.registryCredentials = { ghcr: { registry: "GITHUB", username: "acme-bot", authTokenSecret: "ghcrToken" } };
  raw.logStream = { endpoint: "logs.example.com:6514", tokenSecret: "logToken" };
  raw.metricsStream = { provider: "DATADOG", url: "https://otlp.datadoghq.com/v1/metrics", tokenSecret: "ddToken" };
  raw.notifications = { notificationsToSend: "failure", emailEnabled: true };
  raw.webhooks = { deploys: { url: "https://hooks.example.com/render", eventFilter: ["deploy_ended"], deliverTo: "web" } };
  raw.apps.api = { ...image, logStream: { setting: "drop" }, notifications: { notificationsToSend: "all" } };
  raw.apps.web.maintenanceMode = { uri: "https://status.example.com/maintenance" };
  edit?.(raw);
  return raw;
}

function problems(raw: Raw): readonly string[] {
  try {
    parseStackConfig(raw, { stackName: "dev" });
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

const secrets = {
  ghcrToken: pulumi.secret("ghcr-token-value"), logToken: pulumi.secret("log-token-value"), ddToken: pulumi.secret("dd-token-value"),
};

describe("workspace settings config", () => {
  it("accepts every setting and names each secret it needs", () => {
    const config = parseStackConfig(withSettings(0), { stackName: "dev" });
    expect(config.webhooks.deploys).toMatchObject({ enabled: true, secretEnvVar: "RENDER_WEBHOOK_SECRET" });
    expect(config.apps.api.notifications).toEqual({ notificationsToSend: "all", previewNotificationsEnabled: "default" });
    expect(secretKeyUses(config).filter((u) => !u.path.includes("secretEnv"))).toEqual([
      { key: "ghcrToken", path: "registryCredentials.ghcr.authTokenSecret" },
      { key: "logToken", path: "logStream.tokenSecret" },
      { key: "ddToken", path: "metricsStream.tokenSecret" },
    ]);
  });

  test.each<[string, (raw: Raw) => void, string]>([
    ["an unknown registry credential", (r) => { r.apps.api.registryCredential = "dockerhub"; },
      `apps.api.registryCredential: "dockerhub" is not a key of registryCredentials; allowed: ghcr`],
    ["a registry credential on a repository-built app", (r) => { r.apps.web.registryCredential = "ghcr"; },
      `apps.web.registryCredential: only apps with runtime "image" pull a prebuilt image (runtime is "python"); remove registryCredential or set runtime: image and image`],
    ["an unknown registry", (r) => { r.registryCredentials.ghcr.registry = "QUAY"; },
      `registryCredentials.ghcr.registry: "QUAY" is not a registry; allowed: GITHUB, GITLAB, DOCKER, GOOGLE_ARTIFACT, AWS_ECR`],
    ["a log endpoint that is a URL", (r) => { r.logStream.endpoint = "https://logs.example.com"; },
      `logStream.endpoint: "https://logs.example.com" is not a syslog endpoint host:port (e.g. logs.example.com:6514)`],
    ["a dropped app log stream with an endpoint", (r) => { r.apps.api.logStream = { setting: "drop", endpoint: "logs.example.com:6514" }; },
      `apps.api.logStream: setting "drop" sends no logs; remove endpoint and tokenSecret, or use setting "send"`],
    ["an unknown metrics provider", (r) => { r.metricsStream.provider = "SPLUNK"; },
      `metricsStream.provider: "SPLUNK" is not a metrics provider; allowed: BETTER_STACK, GRAFANA, DATADOG, NEW_RELIC, HONEYCOMB, CUSTOM`],
    ["a workspace notification level of a service override", (r) => { r.notifications.notificationsToSend = "default"; },
      `notifications.notificationsToSend: "default" is not a notification level; allowed: none, failure, all`],
    ["an unknown webhook event", (r) => { r.webhooks.deploys.eventFilter = ["deploy_failed"]; },
      `webhooks.deploys.eventFilter[0]: "deploy_failed" is not a Render webhook event; allowed: autoscaling_config_changed`],
    ["a webhook delivered to an unknown app", (r) => { r.webhooks.deploys.deliverTo = "hooks"; },
      `webhooks.deploys.deliverTo: "hooks" is not an app key; allowed: web, api`],
    ["maintenance mode on a worker", (r) => { r.apps.jobs = { type: "worker", runtime: "python", repo: "https://github.com/x/y", startCommand: "python w.py", maintenanceMode: {} }; },
      `apps.jobs.maintenanceMode: maintenance mode is for web services only (type is "worker"); remove it from this app`],
  ])("refuses %s, naming the key, the value and what is allowed", (_title, edit, message) => {
    const found = problems(withSettings(0, edit));
    expect(found).toHaveLength(1);
    expect(found[0].startsWith(message)).toBe(true);
  });
});

describe("stage components with workspace settings", () => {
  it.each([0, 2, 3])("wires every setting at stage %i, with tokens and the signing secret kept secret", async (stage) => {
    const config = parseStackConfig(withSettings(stage), { stackName: "dev" });
    const { mocks, outputs } = await build(config, { secrets });
    const by = (kind: string) => mocks.registrations.filter((r) => r.type === `pulumi-nodejs:dynamic/render:${kind}`);
    expect(by("RegistryCredential").map((r) => [r.name, r.inputs, r.secretInputs])).toEqual([
      ["dev-registry-ghcr", { name: "qrcards-dev-ghcr", registry: "GITHUB", username: "acme-bot", authToken: "ghcr-token-value" }, ["authToken"]],
    ]);
    expect(by("LogStream").map((r) => [r.name, r.inputs.endpoint, r.secretInputs])).toEqual([["dev-log-stream", "logs.example.com:6514", ["token"]]]);
    expect(by("MetricsStream").map((r) => [r.name, r.secretInputs])).toEqual([["dev-metrics-stream", ["token"]]]);
    expect(by("NotificationSettings").map((r) => r.inputs)).toEqual([{ notificationsToSend: "failure", emailEnabled: true }]);
    expect(by("Webhook").map((r) => [r.name, r.inputs.eventFilter])).toEqual([["dev-webhook-deploys", ["deploy_ended"]]]);
    expect(by("ResourceLogStream").map((r) => [r.name, r.inputs])).toEqual([
      ["dev-api-log-stream", { resourceId: "pulumi-nodejs:dynamic/render:Service::dev-api", setting: "drop" }]]);
    expect(by("NotificationOverride").map((r) => r.name)).toEqual(["dev-api-notifications"]);
    expect(by("MaintenanceMode").map((r) => [r.name, r.inputs])).toEqual([
      ["dev-web-maintenance", { serviceId: "pulumi-nodejs:dynamic/render:Service::dev-web", enabled: true, uri: "https://status.example.com/maintenance" }]]);
    const api = by("Service").find((r) => r.name === "dev-api")!;
    expect(api.inputs.registryCredentialId).toBe("pulumi-nodejs:dynamic/render:RegistryCredential::dev-registry-ghcr");
    // The app the webhook delivers to gets its signing secret (in its env and in appConfig); no other app does.
    expect(Object.keys(outputs.appConfig.web)).toContain("RENDER_WEBHOOK_SECRET");
    expect(Object.keys(outputs.appConfig.api)).not.toContain("RENDER_WEBHOOK_SECRET");
    const secretOutputs = Object.fromEntries(mocks.options.filter((o) => o.additionalSecretOutputs.length).map((o) => [o.name, o.additionalSecretOutputs]));
    expect(secretOutputs).toMatchObject({
      "dev-registry-ghcr": ["authToken"], "dev-log-stream": ["token"], "dev-metrics-stream": ["token"], "dev-webhook-deploys": ["secret"],
    });
  });

  it("hands each provider inputs its own check accepts, in dev and prod", async () => {
    const schemas: Record<string, () => any> = {
      RegistryCredential: registryCredentialSchema, LogStream: logStreamSchema, ResourceLogStream: resourceLogStreamSchema,
      MetricsStream: metricsStreamSchema, NotificationSettings: notificationSettingsSchema, NotificationOverride: notificationOverrideSchema,
      Webhook: webhookSchema, MaintenanceMode: maintenanceModeSchema,
    };
    const srv = (r: Record<string, any>) => ({ ...r, ...(r.resourceId ? { resourceId: "srv-1" } : {}), ...(r.serviceId ? { serviceId: "srv-1" } : {}) });
    const prod = copy(stackFileConfig("prod"));
    for (const raw of [withSettings(3), prod]) {
      const { mocks } = await build(parseStackConfig(raw, { stackName: "prod" }), { secrets });
      const checked = mocks.registrations.filter((r) => schemas[r.type.split(":").pop()!]);
      expect(checked.length).toBeGreaterThan(1);
      for (const r of checked) {
        expect({ name: r.name, failures: checkWith(schemas[r.type.split(":").pop()!], srv(r.inputs)).failures }).toEqual({ name: r.name, failures: undefined });
      }
    }
  });

  it("registers none of them when the config sets none", async () => {
    const raw = copy(stackFileConfig("dev"));
    const { mocks } = await build(parseStackConfig(raw, { stackName: "dev" }));
    const kinds = ["RegistryCredential", "LogStream", "ResourceLogStream", "MetricsStream", "NotificationSettings", "NotificationOverride", "Webhook", "MaintenanceMode"];
    expect(mocks.registrations.filter((r) => kinds.some((k) => r.type.endsWith(`:${k}`)))).toEqual([]);
  });
});

import { Deployed, Kind, PluginHarness, itKeepsProviderTextsClean, startPluginHarness } from "./pluginHarness";

const KINDS: Kind[] = ["RegistryCredential", "LogStream", "ResourceLogStream", "MetricsStream", "NotificationSettings",
  "NotificationOverride", "Webhook", "MaintenanceMode"];

type Args = Record<string, unknown>;
/** The one write each kind's create makes. */
const CREATE_WRITE: Partial<Record<Kind, keyof Counts>> = {
  RegistryCredential: "POST", Webhook: "POST", LogStream: "PUT", ResourceLogStream: "PUT", MetricsStream: "PUT",
  NotificationSettings: "PATCH", NotificationOverride: "PATCH", MaintenanceMode: "PATCH",
};
type Counts = { GET: number; POST: number; PUT: number; PATCH: number; DELETE: number };

describe("registry credentials, log and metrics streams, notifications, webhooks and maintenance mode through the plugin", () => {
  let p: PluginHarness;
  let serviceId: string;
  let secondOwner: string;
  beforeAll(async () => {
    p = await startPluginHarness(KINDS);
    const created = await p.apiPost("/services", {
      type: "web_service", name: "plugin-settings-web", ownerId: p.emulator.ownerId, repo: "https://github.com/acme/app",
      serviceDetails: { runtime: "node", envSpecificDetails: { buildCommand: "npm ci", startCommand: "node app.js" } },
    }) as { service: { id: string } };
    serviceId = created.service.id;
    secondOwner = (await p.admin("POST", "/owners", { apiKey: p.emulator.apiKey, name: "Second" })).id;
  });
  afterAll(() => p.close());

  itKeepsProviderTextsClean(KINDS, () => p);

  /** Runs `step` and returns the API calls it made, by method. */
  async function counted<T>(step: () => Promise<T>): Promise<{ result: T; calls: Counts }> {
    await p.admin("DELETE", "/requests");
    const result = await step();
    return { result, calls: (await p.admin("GET", "/requests")).byMethod as Counts };
  }

  /** Create: ≤ 2 writes; second diff empty; refresh ≤ 2 reads and unchanged; the secrets never leave the plugin but in outputs. */
  async function createMeasured(kind: Kind, args: Args): Promise<Deployed> {
    const { result, calls } = await counted(() => p.up(kind, kind, args));
    // Targets: create ≤ 2 writes, refresh ≤ 2 reads. Each kind needs one of each.
    expect(calls).toEqual({ GET: 0, POST: 0, PUT: 0, PATCH: 0, DELETE: 0, [CREATE_WRITE[kind]!]: 1 });
    expect(await p.preview(result.deployed, args)).toEqual({ changes: "none", replaces: [] });
    const refreshed = await counted(() => p.host.read(result.deployed.id, result.deployed.urn, result.deployed.outputs));
    expect(refreshed.calls).toEqual({ GET: 1, POST: 0, PUT: 0, PATCH: 0, DELETE: 0 });
    expect(refreshed.result.properties).toEqual(result.deployed.outputs);
    return result.deployed;
  }

  /** Import: Read by id with nothing but `__provider`; the program's args then diff only on write-only secrets. */
  async function expectImport(deployed: Deployed, args: Args, writeOnly: string[] = []): Promise<void> {
    const imported = await p.host.read(deployed.id, deployed.urn, { __provider: p.providers[deployed.kind] });
    expect(imported.id).toBe(deployed.id);
    for (const key of writeOnly) expect(imported.inputs).not.toHaveProperty(key);
    const diff = await p.preview({ ...deployed, inputs: imported.inputs!, outputs: imported.properties }, args);
    expect(diff).toEqual(writeOnly.length ? { changes: "some", replaces: [] } : { changes: "none", replaces: [] });
  }

  async function expectGone(deployed: Deployed, path: string): Promise<void> {
    await p.host.delete(deployed.id, deployed.urn, deployed.outputs);
    await p.host.delete(deployed.id, deployed.urn, deployed.outputs);
    expect(await p.apiGet(path)).toEqual({ status: 404 });
    expect((await p.host.read(deployed.id, deployed.urn, deployed.outputs)).id).toBe("");
  }

  it("RegistryCredential: token write-only and rotated in place, replace on workspace, import, delete", async () => {
    const args = { name: "ghcr", registry: "GITHUB", username: "acme-bot", authToken: "ghp-token-one" };
    const deployed = await createMeasured("RegistryCredential", args);
    expect(deployed.id).toMatch(/^rgc-/);
    expect(await p.apiGet(`/registrycredentials/${deployed.id}`)).toEqual(expect.not.objectContaining({ authToken: expect.anything() }));
    const rotated = await p.up("RegistryCredential", "RegistryCredential", { ...args, authToken: "ghp-token-two" }, deployed);
    expect(rotated.step).toBe("update");
    expect((await p.admin("GET", "/state")).registryCredentials[deployed.id].authToken).toBe("ghp-token-two");
    await expectImport(rotated.deployed, { ...args, authToken: "ghp-token-two" }, ["authToken"]);
    const moved = await p.up("RegistryCredential", "RegistryCredential", { ...args, authToken: "ghp-token-two", ownerId: secondOwner }, rotated.deployed);
    expect(moved).toMatchObject({ step: "create-replace", replaces: ["ownerId"] });
    expect(await p.apiGet(`/registrycredentials/${deployed.id}`)).toEqual({ status: 404 });
    await expectGone(moved.deployed, `/registrycredentials/${moved.deployed.id}`);
  });

  it("LogStream: the workspace default, updated in place, replaced on workspace, imported, deleted", async () => {
    const args = { endpoint: "logs.example.com:6514", token: "log-token-one", preview: "drop" };
    const deployed = await createMeasured("LogStream", args);
    expect(deployed.id).toBe(p.emulator.ownerId);
    expect(await p.apiGet(`/logs/streams/owner/${deployed.id}`)).toEqual({ ownerId: deployed.id, endpoint: "logs.example.com:6514", preview: "drop" });
    const next = { ...args, endpoint: "intake.example.net:10516", preview: "send" };
    const updated = await p.up("LogStream", "LogStream", next, deployed);
    expect(updated.step).toBe("update");
    await expectImport(updated.deployed, next, ["token"]);
    const moved = await p.up("LogStream", "LogStream", { ...next, ownerId: secondOwner }, updated.deployed);
    expect(moved).toMatchObject({ step: "create-replace", replaces: ["ownerId"] });
    expect(await p.apiGet(`/logs/streams/owner/${p.emulator.ownerId}`)).toEqual({ status: 404 });
    await expectGone(moved.deployed, `/logs/streams/owner/${secondOwner}`);
  });

  it("ResourceLogStream: a service's override, updated in place, replaced on resource, imported, deleted", async () => {
    const args = { resourceId: serviceId, setting: "send", endpoint: "logs.example.com:6514", token: "svc-token" };
    const deployed = await createMeasured("ResourceLogStream", args);
    expect(deployed.id).toBe(serviceId);
    const dropped = await p.up("ResourceLogStream", "ResourceLogStream", { resourceId: serviceId, setting: "drop" }, deployed);
    expect(dropped.step).toBe("update");
    expect(await p.apiGet(`/logs/streams/resource/${serviceId}`)).toMatchObject({ resourceId: serviceId, setting: "drop" });
    await expectImport(dropped.deployed, { resourceId: serviceId, setting: "drop" });
    const other = await p.apiPost("/services", {
      type: "background_worker", name: "plugin-settings-worker", ownerId: p.emulator.ownerId, repo: "https://github.com/acme/app",
      serviceDetails: { runtime: "node", envSpecificDetails: { buildCommand: "npm ci", startCommand: "node w.js" } },
    }) as { service: { id: string } };
    const moved = await p.up("ResourceLogStream", "ResourceLogStream", { resourceId: other.service.id, setting: "drop" }, dropped.deployed);
    expect(moved).toMatchObject({ step: "create-replace", replaces: ["resourceId"] });
    expect(await p.apiGet(`/logs/streams/resource/${serviceId}`)).toEqual({ status: 404 });
    await expectGone(moved.deployed, `/logs/streams/resource/${other.service.id}`);
  });

  it("MetricsStream: created, updated in place, replaced on workspace, imported, deleted", async () => {
    const args = { provider: "DATADOG", url: "https://otlp.datadoghq.com/v1/metrics", token: "dd-token" };
    const deployed = await createMeasured("MetricsStream", args);
    expect(await p.apiGet(`/metrics-stream/${deployed.id}`)).toEqual({ ownerId: deployed.id, provider: "DATADOG", url: args.url });
    const next = { provider: "HONEYCOMB", url: "https://api.honeycomb.io/v1/metrics", token: "hc-token" };
    const updated = await p.up("MetricsStream", "MetricsStream", next, deployed);
    expect(updated.step).toBe("update");
    await expectImport(updated.deployed, next, ["token"]);
    const moved = await p.up("MetricsStream", "MetricsStream", { ...next, ownerId: secondOwner }, updated.deployed);
    expect(moved).toMatchObject({ step: "create-replace", replaces: ["ownerId"] });
    await expectGone(moved.deployed, `/metrics-stream/${secondOwner}`);
  });

  it("NotificationSettings: set, left-out fields keep the workspace's value, replaced on workspace, imported; delete leaves them", async () => {
    const args = { notificationsToSend: "all", previewNotificationsEnabled: true };
    const deployed = await createMeasured("NotificationSettings", args);
    expect(deployed.outputs).toMatchObject({ notificationsToSend: "all", previewNotificationsEnabled: true, emailEnabled: true, slackEnabled: false });
    const updated = await p.up("NotificationSettings", "NotificationSettings", { notificationsToSend: "failure", emailEnabled: false }, deployed);
    expect(updated.step).toBe("update");
    expect(await p.apiGet(`/notification-settings/owners/${deployed.id}`)).toMatchObject({ notificationsToSend: "failure", emailEnabled: false, previewNotificationsEnabled: true });
    await expectImport(updated.deployed, { notificationsToSend: "failure", emailEnabled: false });
    const moved = await p.up("NotificationSettings", "NotificationSettings", { notificationsToSend: "failure", ownerId: secondOwner }, updated.deployed);
    expect(moved).toMatchObject({ step: "create-replace", replaces: ["ownerId"] });
    await p.host.delete(moved.deployed.id, moved.deployed.urn, moved.deployed.outputs);
    expect(await p.apiGet(`/notification-settings/owners/${secondOwner}`)).toMatchObject({ notificationsToSend: "failure" });
  });

  it("NotificationOverride: a service's override, updated, replaced on service, imported; delete puts back the defaults", async () => {
    const args = { serviceId, notificationsToSend: "failure" };
    const deployed = await createMeasured("NotificationOverride", args);
    expect(deployed.outputs).toEqual(expect.objectContaining({ serviceId, notificationsToSend: "failure", previewNotificationsEnabled: "default" }));
    const updated = await p.up("NotificationOverride", "NotificationOverride", { serviceId, notificationsToSend: "all", previewNotificationsEnabled: false }, deployed);
    expect(updated.step).toBe("update");
    expect(await p.apiGet(`/notification-settings/overrides/services/${serviceId}`)).toEqual({ serviceId, notificationsToSend: "all", previewNotificationsEnabled: "false" });
    await expectImport(updated.deployed, { serviceId, notificationsToSend: "all", previewNotificationsEnabled: "false" });
    await p.host.delete(updated.deployed.id, updated.deployed.urn, updated.deployed.outputs);
    expect(await p.apiGet(`/notification-settings/overrides/services/${serviceId}`)).toEqual({ serviceId, notificationsToSend: "default", previewNotificationsEnabled: "default" });
  });

  it("Webhook: created with its signing secret, filter updated in place, replaced on workspace, imported, deleted", async () => {
    const args = { name: "deploys", url: "https://hooks.example.com/render", eventFilter: ["deploy_ended", "build_ended"] };
    const deployed = await createMeasured("Webhook", args);
    expect(deployed.id).toMatch(/^whk-[0-9a-z]{20}$/);
    expect(deployed.outputs).toMatchObject({ eventFilter: ["build_ended", "deploy_ended"], enabled: true, secret: expect.stringMatching(/^whsec_/) });
    expect(deployed.inputs).not.toHaveProperty("secret");
    const next = { ...args, eventFilter: ["server_failed"], enabled: false };
    const updated = await p.up("Webhook", "Webhook", next, deployed);
    expect(updated.step).toBe("update");
    expect(updated.deployed.outputs.secret).toBe(deployed.outputs.secret);
    await expectImport(updated.deployed, next);
    const moved = await p.up("Webhook", "Webhook", { ...next, ownerId: secondOwner }, updated.deployed);
    expect(moved).toMatchObject({ step: "create-replace", replaces: ["ownerId"] });
    await expectGone(moved.deployed, `/webhooks/${moved.deployed.id}`);
  });

  it("MaintenanceMode: turned on with a page, changed in place, replaced on service, imported; delete turns it off", async () => {
    const args = { serviceId, uri: "https://status.example.com/maintenance" };
    const deployed = await createMeasured("MaintenanceMode", args);
    const details = async (id: string) => ((await p.apiGet(`/services/${id}`)).serviceDetails as Args).maintenanceMode;
    expect(await details(serviceId)).toEqual({ enabled: true, uri: args.uri });
    const off = await p.up("MaintenanceMode", "MaintenanceMode", { serviceId, enabled: false }, deployed);
    expect(off.step).toBe("update");
    expect(await details(serviceId)).toEqual({ enabled: false, uri: "" });
    await expectImport(off.deployed, { serviceId, enabled: false });
    const other = await p.apiPost("/services", {
      type: "web_service", name: "plugin-settings-web2", ownerId: p.emulator.ownerId, repo: "https://github.com/acme/app",
      serviceDetails: { runtime: "node", envSpecificDetails: { buildCommand: "npm ci", startCommand: "node app.js" } },
    }) as { service: { id: string } };
    const moved = await p.up("MaintenanceMode", "MaintenanceMode", { serviceId: other.service.id }, off.deployed);
    expect(moved).toMatchObject({ step: "create-replace", replaces: ["serviceId"] });
    expect(await details(other.service.id)).toEqual({ enabled: true, uri: "" });
    await p.host.delete(moved.deployed.id, moved.deployed.urn, moved.deployed.outputs);
    expect(await details(other.service.id)).toEqual({ enabled: false, uri: "" });
  });

  it("refuses bad input before any API call, naming the field and never echoing a secret", async () => {
    await p.admin("DELETE", "/requests");
    const res = await p.host.check("urn:pulumi:plugin-test::render-stages::pulumi-nodejs:dynamic/render:MetricsStream::bad", {},
      { provider: "SPLUNK", url: "http://insecure.example.com", token: 42, __provider: p.providers.MetricsStream });
    expect(res.failures).toEqual([
      { property: "provider", reason: expect.stringContaining("\"SPLUNK\" is not a metrics provider; use BETTER_STACK") },
      { property: "url", reason: "\"http://insecure.example.com\" is not an https URL of the provider's metrics endpoint" },
      { property: "token", reason: expect.stringContaining("<secret>") },
    ]);
    expect(JSON.stringify(res.failures)).not.toContain("42");
    expect((await p.admin("GET", "/requests")).total).toBe(0);
  });
});

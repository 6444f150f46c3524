import { startEmulator, type EmulatorHandle } from "../../emulator/server";
import { apiClient, call } from "./http";

describe("emulator workspace settings", () => {
  let emulator: EmulatorHandle;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: 37, rateLimits: "off" });
    api = apiClient(emulator.apiUrl, emulator.apiKey);
  });
  afterAll(() => emulator.close());
  beforeEach(() => call(emulator.url, "POST", "/__emulator/reset"));

  it("stores registry credentials without ever answering the token", async () => {
    const created = await api("POST", "/registrycredentials", { name: "ghcr", registry: "GITHUB", username: "me", authToken: "secret-token", ownerId: emulator.ownerId });
    const id = (created.body as { id: string }).id;
    const list = await api("GET", "/registrycredentials");
    const bad = await api("POST", "/registrycredentials", { name: "x", registry: "QUAY", username: "me", authToken: "t", ownerId: emulator.ownerId });
    expect([created.status, Object.keys(created.body as object).sort(), id.slice(0, 4)]).toEqual([200, ["id", "name", "registry", "updatedAt", "username"], "rgc-"]);
    expect(JSON.stringify(list.body)).not.toContain("secret-token");
    expect(bad.status).toBe(400);
  });

  it("keeps owner notification settings and log and metrics streams", async () => {
    const owner = emulator.ownerId;
    const notifications = await api("PATCH", `/notification-settings/owners/${owner}`, { notificationsToSend: "all" });
    const noStream = await api("GET", `/logs/streams/owner/${owner}`);
    const stream = await api("PUT", `/logs/streams/owner/${owner}`, { endpoint: "logs.example.com:6514", preview: "drop" });
    const metrics = await api("PUT", `/metrics-stream/${owner}`, { provider: "DATADOG", url: "https://example.com" });
    expect((notifications.body as { notificationsToSend: string }).notificationsToSend).toBe("all");
    expect([noStream.status, stream.body, metrics.body]).toEqual([404, { endpoint: "logs.example.com:6514", ownerId: owner, preview: "drop" }, { ownerId: owner, provider: "DATADOG", url: "https://example.com" }]);
  });

  it("creates, lists, updates and deletes webhooks", async () => {
    const created = await api("POST", "/webhooks", { ownerId: emulator.ownerId, name: "hook", url: "https://example.com/hook", enabled: true, eventFilter: null });
    const hook = created.body as { id: string; secret: string; eventFilter: unknown };
    const patched = await api("PATCH", `/webhooks/${hook.id}`, { enabled: false, eventFilter: ["deploy_ended"] });
    const list = (await api("GET", "/webhooks")).body as { webhook: { id: string } }[];
    const del = await api("DELETE", `/webhooks/${hook.id}`);
    const gone = await api("GET", `/webhooks/${hook.id}`);
    expect([created.status, hook.id.slice(0, 4), hook.eventFilter, typeof hook.secret]).toEqual([201, "whk-", [], "string"]);
    expect([(patched.body as { enabled: boolean }).enabled, list.map((item) => item.webhook.id), del.status, gone.status]).toEqual([false, [hook.id], 204, 404]);
  });

  it("gives the workspace log stream its own 30-per-minute bucket", async () => {
    const res = await call(emulator.apiUrl, "GET", `/logs/streams/owner/${emulator.ownerId}`, { apiKey: emulator.apiKey });
    const limited = await startEmulator();
    try {
      const render = await call(limited.apiUrl, "PUT", `/logs/streams/owner/${limited.ownerId}`, { apiKey: limited.apiKey, body: { preview: "send", endpoint: "x:1" } });
      expect([res.status, render.status, render.headers["ratelimit-limit"]]).toEqual([404, 200, "30"]);
    } finally {
      await limited.close();
    }
  });
});

import { startEmulator, type EmulatorHandle } from "../../emulator/server";
import { webServiceBody } from "./fixtures";
import { apiClient, call } from "./http";

describe("emulator settings lists and webhook events", () => {
  let emulator: EmulatorHandle;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: 41, rateLimits: "off" });
    api = apiClient(emulator.apiUrl, emulator.apiKey);
  });
  afterAll(() => emulator.close());
  beforeEach(() => call(emulator.url, "POST", "/__emulator/reset"));

  async function service(name: string): Promise<string> {
    const res = await api("POST", "/services", webServiceBody(emulator.ownerId, { name }));
    return (res.body as { service: { id: string } }).service.id;
  }

  it("lists every service's notification override, defaults included, filtered by service (spec list-notification-overrides)", async () => {
    const [a, b] = [await service("settings-a"), await service("settings-b")];
    await api("PATCH", `/notification-settings/overrides/services/${a}`, { notificationsToSend: "all" });
    const all = await api("GET", "/notification-settings/overrides");
    const one = await api("GET", `/notification-settings/overrides?serviceId=${b}`);
    expect((all.body as { override: { serviceId: string; notificationsToSend: string } }[]).map((r) => [r.override.serviceId, r.override.notificationsToSend]).sort())
      .toEqual([[a, "all"], [b, "default"]].sort());
    expect(one.body).toEqual([{ override: { type: "service", serviceId: b, notificationsToSend: "default", previewNotificationsEnabled: "default" }, cursor: expect.any(String) }]);
  });

  it("lists resource log streams as a bare list, never with their token (spec list-resource-log-streams)", async () => {
    const [a, b] = [await service("streams-a"), await service("streams-b")];
    await api("PUT", `/logs/streams/resource/${a}`, { setting: "send", endpoint: "logs.example.com:6514", token: "tok-stream-secret" });
    await api("PUT", `/logs/streams/resource/${b}`, { setting: "drop" });
    const dropped = await api("GET", "/logs/streams/resource?setting=drop");
    const all = await api("GET", "/logs/streams/resource");
    expect(dropped.body).toEqual([{ resourceId: b, setting: "drop", endpoint: "" }]);
    expect((all.body as unknown[]).length).toBe(2);
    expect(all.text).not.toContain("tok-stream-secret");
  });

  it("refuses a webhook event the spec does not list, and stores an empty filter as []", async () => {
    const bad = await api("POST", "/webhooks", { ownerId: emulator.ownerId, name: "h", url: "https://example.com/h", enabled: true, eventFilter: ["deploy_failed"] });
    const ok = await api("POST", "/webhooks", { ownerId: emulator.ownerId, name: "h", url: "https://example.com/h", enabled: true, eventFilter: [] });
    expect([bad.status, (bad.body as { message: string }).message]).toEqual([400, expect.stringContaining('"deploy_failed": not a webhook event')]);
    expect((ok.body as { eventFilter: unknown }).eventFilter).toEqual([]);
  });
});

import { rateLimitClassFor } from "../../emulator/rateLimits";
import { startEmulator, type EmulatorHandle } from "../../emulator/server";
import { webServiceBody } from "./fixtures";
import { apiClient, call } from "./http";

describe("emulator rate limits", () => {
  test.each([
    ["GET", "/services", "reads", 400, 60_000],
    ["POST", "/services", "create-service", 20, 3_600_000],
    ["POST", "/postgres", "create-postgres", 20, 3_600_000],
    ["POST", "/key-value", "create-key-value", 20, 3_600_000],
    ["POST", "/services/{serviceId}/custom-domains", "create-custom-domain", 50, 3_600_000],
    ["PATCH", "/services/{serviceId}", "service-update", 10, 60_000],
    ["POST", "/services/{serviceId}/deploys", "service-update", 10, 60_000],
    ["PUT", "/services/{serviceId}/env-vars", "writes", 100, 60_000],
  ])("puts %s %s in the %s class (%i per %i ms)", (method, template, name, limit, windowMs) => {
    expect(rateLimitClassFor(method, template)).toEqual({ name, limit, windowMs });
  });

  describe("with Render's limits", () => {
    let emulator: EmulatorHandle;
    let api: ReturnType<typeof apiClient>;
    beforeAll(async () => {
      emulator = await startEmulator({ seed: 19 });
      api = apiClient(emulator.apiUrl, emulator.apiKey);
    });
    afterAll(() => emulator.close());
    beforeEach(() => call(emulator.url, "POST", "/__emulator/reset"));

    it("reports limit, remaining and seconds until reset per class, counting 404s", async () => {
      const first = await api("GET", "/services/srv-missing");
      const second = await api("GET", "/owners");
      const write = await api("POST", "/services", webServiceBody(emulator.ownerId));
      const headers = (res: { headers: Record<string, unknown> }) => [res.headers["ratelimit-limit"], res.headers["ratelimit-remaining"]];
      const reset = (res: { headers: Record<string, unknown> }) => Number(res.headers["ratelimit-reset"]);
      expect([first.status, headers(first), headers(second), headers(write)]).toEqual([404, ["400", "399"], ["400", "398"], ["20", "19"]]);
      expect([reset(first) >= 55 && reset(first) <= 60, reset(second) <= reset(first), reset(write) >= 3595 && reset(write) <= 3600]).toEqual([true, true, true]);
      expect(first.headers["render-request-id"]).toMatch(/^emu-19\/\d{6}$/);
    });

    it("answers 429 once a service's update budget is spent, and frees it when the window ends", async () => {
      const id = ((await api("POST", "/services", webServiceBody(emulator.ownerId))).body as { service: { id: string } }).service.id;
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await api("PATCH", `/services/${id}`, { rootDir: "" })).status);
      for (let i = 0; i < 5; i++) statuses.push((await api("POST", `/services/${id}/deploys`, {})).status);
      const refused = await api("PATCH", `/services/${id}`, {});
      await call(emulator.url, "POST", "/__emulator/clock", { body: { advanceMs: 61_000 } });
      const later = await api("PATCH", `/services/${id}`, {});
      expect(statuses.slice(0, 10).every((status) => status === 200 || status === 201 || status === 202)).toBe(true);
      expect(statuses[10]).toBe(429);
      expect([refused.status, refused.headers["ratelimit-remaining"], (refused.body as { message: string }).message]).toEqual([429, "0", expect.stringMatching(/^rate limit exceeded: 10 requests per window/)]);
      expect(later.status).toBe(200);
    });
  });

  it("applies no limits with rateLimits off and scaled limits with a factor", async () => {
    const off = await startEmulator({ rateLimits: "off" });
    const scaled = await startEmulator({ rateLimits: 2 });
    try {
      const offRes = await call(off.apiUrl, "GET", "/owners", { apiKey: off.apiKey });
      const scaledRes = await call(scaled.apiUrl, "GET", "/owners", { apiKey: scaled.apiKey });
      expect([offRes.headers["ratelimit-limit"], scaledRes.headers["ratelimit-limit"]]).toEqual([String(Number.MAX_SAFE_INTEGER), "800"]);
    } finally {
      await Promise.all([off.close(), scaled.close()]);
    }
  });
});

import { startEmulator, type EmulatorHandle } from "../../emulator/server";
import { webServiceBody } from "./fixtures";
import { apiClient, call } from "./http";
import * as http from "http";

describe("emulator faults and request counters", () => {
  let emulator: EmulatorHandle;
  let api: ReturnType<typeof apiClient>;
  const fault = (body: Record<string, unknown>) => call(emulator.url, "POST", "/__emulator/faults", { body });
  beforeAll(async () => {
    emulator = await startEmulator({ seed: 23, rateLimits: "off" });
    api = apiClient(emulator.apiUrl, emulator.apiKey);
  });
  afterAll(() => emulator.close());
  beforeEach(() => call(emulator.url, "POST", "/__emulator/reset"));

  it("answers an injected status for the matching template only, after skipping and up to count", async () => {
    const added = await fault({ method: "GET", path: "/v1/services/{serviceId}", status: 503, message: "try later", skip: 1, count: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await api("GET", "/services/srv-x")).status);
    const other = await api("GET", "/services");
    const listed = (await call(emulator.url, "GET", "/__emulator/faults")).body as { id: string; hits: number; remaining: number }[];
    expect([added.status, (added.body as { id: string }).id]).toEqual([201, listed[0].id]);
    expect(statuses).toEqual([404, 503, 503, 404]);
    expect(other.status).toBe(200);
    expect([listed[0].hits, listed[0].remaining]).toEqual([2, 0]);
  });

  it("applies the write and then fails with commitThenFail error", async () => {
    await fault({ method: "POST", path: "/services", commitThenFail: "error" });
    const res = await api("POST", "/services", webServiceBody(emulator.ownerId));
    const state = (await call(emulator.url, "GET", "/__emulator/state")).body as { services: { name: string }[] };
    expect([res.status, res.body, state.services.map((service) => service.name)]).toEqual([500, { message: "internal server error" }, ["web"]]);
  });

  it("applies the write and never answers with commitThenFail timeout", async () => {
    await fault({ method: "POST", path: "/v1/services", commitThenFail: "timeout" });
    const outcome = await new Promise<string>((resolve) => {
      const req = http.request({ host: "127.0.0.1", port: emulator.port, path: "/v1/services", method: "POST", agent: false, headers: { Authorization: `Bearer ${emulator.apiKey}`, "Content-Type": "application/json" } }, () => resolve("answered"));
      req.setTimeout(300, () => {
        req.destroy();
        resolve("client gave up");
      });
      req.on("error", () => undefined);
      req.end(JSON.stringify(webServiceBody(emulator.ownerId)));
    });
    const state = (await call(emulator.url, "GET", "/__emulator/state")).body as { services: unknown[] };
    expect([outcome, state.services.length]).toEqual(["client gave up", 1]);
  });

  it("drops the connection without an answer", async () => {
    await fault({ method: "GET", path: "/v1/owners", drop: true });
    await expect(api("GET", "/owners")).rejects.toThrow(/socket hang up|ECONNRESET/);
  });

  it("delays matching requests by latencyMs", async () => {
    await fault({ method: "GET", path: "/v1/owners", latencyMs: 150 });
    const started = process.hrtime.bigint();
    const res = await api("GET", "/owners");
    expect([res.status, Number(process.hrtime.bigint() - started) / 1e6 >= 150]).toEqual([200, true]);
  });

  it("rejects a fault that names no effect or a bad method", async () => {
    const res = await fault({ method: "FETCH", path: "/v1/owners" });
    expect([res.status, res.body]).toEqual([400, { message: 'invalid fault: method: "FETCH" is not one of GET, POST, PUT, PATCH, DELETE, *; a fault needs at least one of status, latencyMs, drop or commitThenFail' }]);
  });

  it("counts requests per method and path template and clears the counters", async () => {
    await api("GET", "/services");
    await api("GET", "/services/srv-a/env-vars");
    await api("GET", "/services/srv-b/env-vars");
    await api("PUT", "/services/srv-b/env-vars", []);
    const summary = (await call(emulator.url, "GET", "/__emulator/requests")).body as { total: number; byMethod: Record<string, number>; routes: { method: string; path: string; count: number; totalMs: number }[] };
    const cleared = await call(emulator.url, "DELETE", "/__emulator/requests");
    const after = (await call(emulator.url, "GET", "/__emulator/requests")).body as { total: number };
    expect([summary.total, summary.byMethod]).toEqual([4, { GET: 3, POST: 0, PUT: 1, PATCH: 0, DELETE: 0 }]);
    expect(summary.routes.map(({ method, path, count }) => [method, path, count])).toEqual([
      ["GET", "/v1/services", 1],
      ["GET", "/v1/services/{serviceId}/env-vars", 2],
      ["PUT", "/v1/services/{serviceId}/env-vars", 1],
    ]);
    expect(summary.routes.every((route) => route.totalMs >= 0)).toBe(true);
    expect([cleared.status, after.total]).toEqual([204, 0]);
  });
});

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { latencyFor, latencyRange, lifecycleDurations, sampleLatency } from "../../emulator/latency";
import { startEmulator } from "../../emulator/server";
import { webServiceBody } from "./fixtures";
import { apiClient, call } from "./http";

describe("emulator options", () => {
  it("keeps the inventory, ids and clock across a state file round trip", async () => {
    const stateFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "emulator-state-")), "nested", "state.json");
    const first = await startEmulator({ stateFile, seed: 29 });
    const api = apiClient(first.apiUrl, first.apiKey);
    const created = (await api("POST", "/services", webServiceBody(first.ownerId, { envVars: [{ key: "K", value: "v" }] }))).body as { service: { id: string } };
    await first.close();
    const second = await startEmulator({ stateFile, seed: 29 });
    const api2 = apiClient(second.apiUrl, second.apiKey);
    const read = await api2("GET", `/services/${created.service.id}/env-vars`);
    const next = (await api2("POST", "/services", webServiceBody(second.ownerId, { name: "other" }))).body as { service: { id: string } };
    await second.close();
    expect(read.body).toEqual([{ envVar: { key: "K", value: "v" }, cursor: expect.any(String) }]);
    expect(next.service.id).not.toBe(created.service.id);
    expect(fs.readdirSync(path.dirname(stateFile)).sort()).toEqual(["state.json", "state.json.key"]);
  });

  it("mints the same ids for the same seed", async () => {
    const ids: string[] = [];
    for (const seed of [31, 31, 32]) {
      const emulator = await startEmulator({ seed });
      const res = await call(emulator.apiUrl, "POST", "/services", { apiKey: emulator.apiKey, body: webServiceBody(emulator.ownerId) });
      ids.push((res.body as { service: { id: string } }).service.id);
      await emulator.close();
    }
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it("describes Render's latency as pure functions the benchmark can reuse", () => {
    expect(latencyRange("GET", "/v1/services/{serviceId}")).toEqual({ minMs: 80, maxMs: 150 });
    expect(latencyFor("POST", "/services")).toBe(2000);
    expect(sampleLatency("PUT", "/services/{serviceId}/env-vars", 0.5)).toBe(400);
    expect(lifecycleDurations.postgresCreate).toBeGreaterThan(30_000);
  });

  it("adds scaled realistic latency to each request", async () => {
    const emulator = await startEmulator({ latency: "realistic", timeScale: 2 });
    try {
      const started = process.hrtime.bigint();
      await call(emulator.apiUrl, "GET", "/owners", { apiKey: emulator.apiKey });
      expect(Number(process.hrtime.bigint() - started) / 1e6).toBeGreaterThanOrEqual(160);
    } finally {
      await emulator.close();
    }
  });

  test.each([
    [{ timeScale: 0 }, "timeScale: 0 must be a positive number such as 1 or 0.01"],
    [{ latency: "slow" as "none" }, 'latency: "slow" must be "none" or "realistic"'],
    [{ port: 70000 }, "port: 70000 is not a TCP port; use 0 (any free port) to 65535"],
  ])("refuses the option %j", async (options, message) => {
    await expect(startEmulator(options)).rejects.toThrow(message);
  });

  it("exposes the contract handle and an admin clock", async () => {
    const emulator = await startEmulator();
    try {
      const before = (await call(emulator.url, "GET", "/__emulator/clock")).body as { offsetMs: number };
      const after = (await call(emulator.url, "POST", "/__emulator/clock", { body: { advanceMs: 5000 } })).body as { offsetMs: number };
      expect([emulator.apiUrl, emulator.apiKey, emulator.ownerId, before.offsetMs, after.offsetMs]).toEqual([`${emulator.url}/v1`, "emulator-api-key", "tea-emulator000000000000", 0, 5000]);
      expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}`);
    } finally {
      await emulator.close();
    }
  });
});

import * as fs from "fs";
import { adminFetch } from "../../emulator/adminClient";
import * as path from "path";
import { RenderClient } from "../../providers/render/client";

interface EmulatorHandle {
  url: string;
  apiUrl: string;
  apiKey: string;
  ownerId: string;
  close(): Promise<void>;
}
type StartEmulator = (opts?: { port?: number; timeScale?: number; latency?: "none" | "realistic" }) => Promise<EmulatorHandle>;

// The emulator is its own module; this flow runs once it is present.
const SERVER = path.join(__dirname, "..", "..", "emulator", "server.ts");
const describeWithEmulator = fs.existsSync(SERVER) ? describe : describe.skip;

describeWithEmulator("RenderClient against the emulator", () => {
  let emulator: EmulatorHandle;
  let client: RenderClient;
  beforeAll(async () => {
    const { startEmulator } = require(SERVER) as { startEmulator: StartEmulator };
    // Postgres takes ≈40 s on Render; at 1/1000 it is ready in ≈40 ms.
    emulator = await startEmulator({ port: 0, timeScale: 0.001, latency: "none" });
    client = new RenderClient({ apiKey: emulator.apiKey, baseUrl: emulator.apiUrl, pollIntervalMs: 10, pollMaxIntervalMs: 50 });
  });
  afterAll(() => emulator?.close());

  async function admin(method: string, path: string, body?: unknown): Promise<any> {
    const res = await adminFetch(emulator.url, method, path, body);
    const text = await res.text();
    return text ? JSON.parse(text) : undefined;
  }

  function callCount(report: { routes: { method: string; path: string; count: number }[] }, method: string, path: string): number {
    return report.routes.filter((r) => r.method === method && r.path === path).reduce((n, r) => n + r.count, 0);
  }

  it("resolves the emulator's only owner", async () => {
    await expect(client.resolveOwnerId()).resolves.toBe(emulator.ownerId);
  });

  it("creates a service with env vars, reads, lists and deletes it", async () => {
    const { service, deployId } = await client.createService({
      type: "web_service",
      name: "client-flow-api",
      repo: "https://github.com/render-examples/express-hello-world",
      branch: "main",
      envVars: [{ key: "GREETING", value: "hello" }, { key: "SECRET_TOKEN", generateValue: true }],
      serviceDetails: { runtime: "node", plan: "starter", region: "oregon", envSpecificDetails: { buildCommand: "npm ci", startCommand: "npm start" } },
    });
    expect(service).toMatchObject({ type: "web_service", name: "client-flow-api", ownerId: emulator.ownerId });
    expect(deployId).toMatch(/^dep-/);

    await expect(client.getService(service.id)).resolves.toMatchObject({ id: service.id, slug: service.slug });
    const vars = await client.listEnvVars(service.id);
    expect(vars.map((v) => v.key).sort()).toEqual(["GREETING", "SECRET_TOKEN"]);
    expect(vars.find((v) => v.key === "SECRET_TOKEN")?.value).toMatch(/^.{20,}$/);
    const listed = await client.listServices({ name: "client-flow-api", type: "web_service" });
    expect(listed.map((s) => s.id)).toEqual([service.id]);

    await client.deleteService(service.id);
    await expect(client.getService(service.id)).rejects.toMatchObject({ status: 404 });
    await expect(client.deleteService(service.id)).resolves.toBeUndefined();
  });

  it("creates Postgres, waits until available and reads its connection info", async () => {
    const created = await client.createPostgres({ name: "client-flow-db", plan: "basic_256mb", version: "16", region: "oregon", databaseName: "app" });

    const db = await client.waitForPostgresAvailable(created.id, { timeoutMs: 30_000 });
    const info = await client.getPostgresConnectionInfo(created.id);

    expect(db.status).toBe("available");
    expect(db.databaseName.startsWith("app")).toBe(true);
    expect(info.internalConnectionString).toContain(created.id);
    expect(info.externalConnectionString).toContain(info.password);
    await client.deletePostgres(created.id);
  });

  it("adopts the service a create committed before failing, sending one POST", async () => {
    await admin("DELETE", "/requests");
    await admin("POST", "/faults", { method: "POST", path: "/v1/services", commitThenFail: "error" });

    const { service, deployId } = await client.createService({
      type: "background_worker", name: "client-flow-worker", image: { imagePath: "docker.io/library/busybox:latest" },
      serviceDetails: { runtime: "image", plan: "starter", region: "oregon" },
    });

    expect(deployId).toBeUndefined();
    const state = await admin("GET", "/state");
    const workers = Object.values(state.services as Record<string, { id: string; name: string }>).filter((s) => s.name === "client-flow-worker");
    expect(workers.map((w) => w.id)).toEqual([service.id]);
    expect(callCount(await admin("GET", "/requests"), "POST", "/v1/services")).toBe(1);
    await client.deleteService(service.id);
  });

  it("adopts the Postgres a create committed before timing out", async () => {
    await admin("DELETE", "/requests");
    await admin("POST", "/faults", { method: "POST", path: "/v1/postgres", commitThenFail: "timeout" });
    const impatient = new RenderClient({ apiKey: emulator.apiKey, baseUrl: emulator.apiUrl, timeoutMs: 300, sleep: async () => undefined });

    const db = await impatient.createPostgres({ name: "client-flow-timeout-db", plan: "basic_256mb", version: "16" });

    expect(db.name).toBe("client-flow-timeout-db");
    expect(callCount(await admin("GET", "/requests"), "POST", "/v1/postgres")).toBe(1);
    await client.deletePostgres(db.id);
  });

  it("rides out injected 503s on reads", async () => {
    const { service } = await client.createService({ type: "private_service", name: "client-flow-pserv", image: { imagePath: "nginx" }, serviceDetails: { runtime: "image", plan: "starter", region: "oregon" } });
    await admin("DELETE", "/requests");
    await admin("POST", "/faults", { method: "GET", path: "/v1/services/{serviceId}", status: 503, count: 2 });
    const quick = new RenderClient({ apiKey: emulator.apiKey, baseUrl: emulator.apiUrl, sleep: async () => undefined });

    await expect(quick.getService(service.id)).resolves.toMatchObject({ id: service.id, type: "private_service" });
    expect(callCount(await admin("GET", "/requests"), "GET", "/v1/services/{serviceId}")).toBe(3);
    await client.deleteService(service.id);
  });
});

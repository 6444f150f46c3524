import { lifecycleDurations } from "../../emulator/latency";
import { startEmulator, type EmulatorHandle } from "../../emulator/server";
import { imageServiceBody, postgresBody, webServiceBody } from "./fixtures";
import { apiClient, call } from "./http";

describe("emulator lifecycles", () => {
  let emulator: EmulatorHandle;
  let api: ReturnType<typeof apiClient>;
  const advance = (ms: number) => call(emulator.url, "POST", "/__emulator/clock", { body: { advanceMs: ms } });
  beforeAll(async () => {
    emulator = await startEmulator({ seed: 11, rateLimits: "off" });
    api = apiClient(emulator.apiUrl, emulator.apiKey);
  });
  afterAll(() => emulator.close());
  beforeEach(() => call(emulator.url, "POST", "/__emulator/reset"));

  const status = async (path: string) => ((await api("GET", path)).body as { status: string }).status;

  it("takes Postgres from unknown through creating to available", async () => {
    const created = await api("POST", "/postgres", postgresBody(emulator.ownerId));
    const id = (created.body as { id: string }).id;
    const early = await status(`/postgres/${id}`);
    await advance(lifecycleDurations.postgresCreate - 2000);
    const late = await status(`/postgres/${id}`);
    await advance(4000);
    expect([(created.body as { status: string }).status, early, late, await status(`/postgres/${id}`)]).toEqual(["unknown", "creating", "creating", "available"]);
  });

  it("puts Postgres back to creating for a while after an instance change", async () => {
    const id = ((await api("POST", "/postgres", postgresBody(emulator.ownerId))).body as { id: string }).id;
    await advance(lifecycleDurations.postgresCreate + 1000);
    const renamed = await api("PATCH", `/postgres/${id}`, { name: "renamed" });
    const grown = await api("PATCH", `/postgres/${id}`, { diskSizeGB: 20 });
    await advance(lifecycleDurations.postgresUpdate + 1000);
    expect([(renamed.body as { status: string }).status, (grown.body as { status: string }).status, await status(`/postgres/${id}`)]).toEqual(["available", "creating", "available"]);
  });

  it("takes Key Value from unknown through creating to available", async () => {
    const created = await api("POST", "/key-value", { name: "cache", ownerId: emulator.ownerId, plan: "starter" });
    const id = (created.body as { id: string }).id;
    const early = await status(`/key-value/${id}`);
    await advance(lifecycleDurations.keyValueCreate + 1000);
    expect([(created.body as { status: string }).status, early, await status(`/key-value/${id}`)]).toEqual(["unknown", "creating", "available"]);
  });

  it("builds, updates and goes live, deactivating the previous deploy", async () => {
    const created = (await api("POST", "/services", webServiceBody(emulator.ownerId))).body as { deployId: string; service: { id: string } };
    const path = `/services/${created.service.id}/deploys`;
    const seen = [await status(`${path}/${created.deployId}`)];
    await advance(lifecycleDurations.deployBuild + 1000);
    seen.push(await status(`${path}/${created.deployId}`));
    await advance(lifecycleDurations.deployUpdate);
    seen.push(await status(`${path}/${created.deployId}`));
    const second = await api("POST", path, {});
    const secondId = (second.body as { id: string }).id;
    await advance(lifecycleDurations.deployBuild + lifecycleDurations.deployUpdate + 1000);
    const list = (await api("GET", path)).body as { deploy: { id: string; status: string; finishedAt: string | null } }[];
    expect(seen).toEqual(["build_in_progress", "update_in_progress", "live"]);
    expect([second.status, (second.body as { status: string }).status]).toEqual([201, "build_in_progress"]);
    expect(list.map((item) => [item.deploy.id, item.deploy.status])).toEqual([[secondId, "live"], [created.deployId, "deactivated"]]);
    expect(list.every((item) => typeof item.deploy.finishedAt === "string")).toBe(true);
  });

  it("queues a deploy behind an instance swap and answers 202 without a body", async () => {
    const created = (await api("POST", "/services", imageServiceBody(emulator.ownerId, "private_service", "p", { disk: { name: "d", mountPath: "/data" } }))).body as { deployId: string; service: { id: string } };
    const queued = await api("POST", `/services/${created.service.id}/deploys`, {});
    const list = (await api("GET", `/services/${created.service.id}/deploys`)).body as { deploy: { status: string } }[];
    expect([queued.status, queued.text]).toEqual([202, ""]);
    expect(list.map((item) => item.deploy.status)).toEqual(["queued", "update_in_progress"]);
  });

  it("cancels a deploy in progress", async () => {
    const created = (await api("POST", "/services", webServiceBody(emulator.ownerId))).body as { deployId: string; service: { id: string } };
    const cancel = await api("POST", `/services/${created.service.id}/deploys/${created.deployId}/cancel`);
    expect([cancel.status, (cancel.body as { status: string }).status]).toEqual([200, "canceled"]);
  });

  it("scales lifecycle durations with timeScale", async () => {
    const fast = await startEmulator({ timeScale: 0.001 });
    try {
      const fastApi = apiClient(fast.apiUrl, fast.apiKey);
      const id = ((await fastApi("POST", "/postgres", postgresBody(fast.ownerId))).body as { id: string }).id;
      await call(fast.url, "POST", "/__emulator/clock", { body: { advanceMs: Math.ceil(lifecycleDurations.postgresCreate * 0.001) + 1 } });
      expect(((await fastApi("GET", `/postgres/${id}`)).body as { status: string }).status).toBe("available");
    } finally {
      await fast.close();
    }
  });
});

import { startEmulator, type EmulatorHandle } from "../../emulator/server";
import { postgresBody, webServiceBody } from "./fixtures";
import { apiClient, call } from "./http";

describe("emulator projects, environments and env groups", () => {
  let emulator: EmulatorHandle;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: 17, rateLimits: "off" });
    api = apiClient(emulator.apiUrl, emulator.apiKey);
  });
  afterAll(() => emulator.close());
  beforeEach(() => call(emulator.url, "POST", "/__emulator/reset"));

  async function project(): Promise<{ id: string; environmentIds: string[] }> {
    const res = await api("POST", "/projects", { name: "p", ownerId: emulator.ownerId, environments: [{ name: "prod", protectedStatus: "protected" }, { name: "staging" }] });
    return res.body as { id: string; environmentIds: string[] };
  }

  it("creates a project answering only environment ids; environments list members as null when empty", async () => {
    const created = await project();
    const env = (await api("GET", `/environments/${created.environmentIds[0]}`)).body as Record<string, unknown>;
    expect(Object.keys(created).sort()).toEqual(["createdAt", "environmentIds", "id", "name", "owner", "updatedAt"]);
    expect(created.environmentIds).toHaveLength(2);
    expect(env).toEqual({
      databasesIds: null, envGroupIds: null, id: created.environmentIds[0], ipAllowList: [{ cidrBlock: "0.0.0.0/0", description: "everywhere" }],
      name: "prod", networkIsolationEnabled: false, projectId: created.id, protectedStatus: "protected", redisIds: null, serviceIds: null,
    });
  });

  it("moves resources between environments, with Postgres replicas following the primary", async () => {
    const created = await project();
    const [prod, staging] = created.environmentIds;
    const db = (await api("POST", "/postgres", postgresBody(emulator.ownerId, { plan: "pro_4gb", environmentId: prod, readReplicas: [{ name: "r" }] }))).body as { id: string };
    const removed = await api("DELETE", `/environments/${prod}/resources?resourceIds=${db.id}`);
    const added = await api("POST", `/environments/${staging}/resources`, { resourceIds: [db.id] });
    const prodAfter = (await api("GET", `/environments/${prod}`)).body as { databasesIds: unknown };
    expect([removed.status, added.status, prodAfter.databasesIds]).toEqual([204, 201, null]);
    expect((added.body as { databasesIds: string[] }).databasesIds).toEqual([db.id, db.id.replace(/-a$/, "-b")]);
  });

  it("deletes every resource inside a deleted project", async () => {
    const created = await project();
    await api("POST", "/services", webServiceBody(emulator.ownerId, { environmentId: created.environmentIds[0] }));
    await api("POST", "/key-value", { name: "kv", ownerId: emulator.ownerId, plan: "starter", environmentId: created.environmentIds[1] });
    const del = await api("DELETE", `/projects/${created.id}`);
    const state = (await call(emulator.url, "GET", "/__emulator/state")).body as Record<string, unknown[]>;
    expect([del.status, state.services, state.keyValue, state.environments, state.projects]).toEqual([204, [], [], [], []]);
  });

  it("answers env group per-key writes with the whole group and links services", async () => {
    const service = ((await api("POST", "/services", webServiceBody(emulator.ownerId))).body as { service: { id: string; name: string } }).service;
    const group = (await api("POST", "/env-groups", { name: "shared", ownerId: emulator.ownerId, envVars: [{ key: "A", value: "1" }, { key: "B", generateValue: true }] })).body as Record<string, any>;
    const put = (await api("PUT", `/env-groups/${group.id}/env-vars/C`, { value: "3" })).body as Record<string, any>;
    const file = (await api("PUT", `/env-groups/${group.id}/secret-files/cert.pem`, { content: "pem" })).body as Record<string, any>;
    const linked = (await api("POST", `/env-groups/${group.id}/services/${service.id}`)).body as Record<string, any>;
    const list = (await api("GET", "/env-groups")).body as Record<string, unknown>[];
    expect(group.envVars.map((envVar: { key: string }) => envVar.key)).toEqual(["B", "A"]);
    expect(group.envVars[0].value).toHaveLength(44);
    expect([put.envVars.map((envVar: { key: string }) => envVar.key), put.updatedAt]).toEqual([["C", "B", "A"], group.updatedAt]);
    expect(file.secretFiles).toEqual([{ content: "pem", name: "cert.pem" }]);
    expect(linked.serviceLinks).toEqual([{ id: service.id, name: service.name, type: "web" }]);
    expect(Object.keys(list[0]).sort()).toEqual(["createdAt", "id", "name", "ownerId", "serviceLinks", "updatedAt"]);
  });
});

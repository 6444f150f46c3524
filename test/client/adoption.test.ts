import { RenderClient } from "../../providers/render/client";
import { RenderConfigError } from "../../providers/render/errors";
import { ScriptedServer, startScriptedServer } from "../helpers/scriptedServer";
import { clientFor, customDomain, disk, envGroup, envGroupMeta, keyValue, OWNER_ID, postgres, webService } from "./fixtures";

const project = { id: "prj-1", name: "stack", owner: { id: OWNER_ID }, environmentIds: ["evm-1"], createdAt: "2025-01-13T16:09:16Z", updatedAt: "2025-01-13T16:09:16Z" };
const environment = { id: "evm-2", name: "staging", projectId: "prj-1", protectedStatus: "unprotected", networkIsolationEnabled: true, serviceIds: null, databasesIds: null, redisIds: null, envGroupIds: null };

interface Case {
  kind: string;
  post: string;
  lookup: string;
  found: unknown;
  create: (c: RenderClient) => Promise<unknown>;
  query: Record<string, string>;
  adoptedId: (result: unknown) => string;
  expected: string;
  extra?: (server: ScriptedServer) => void;
}

const cases: Case[] = [
  {
    kind: "disk", post: "/v1/disks", lookup: "/v1/disks", found: [{ disk: disk("dsk-1", "data", "srv-1"), cursor: "c" }],
    create: (c) => c.createDisk({ name: "data", sizeGB: 2, mountPath: "/data", serviceId: "srv-1" }),
    query: { serviceId: "srv-1", name: "data", limit: "100" }, expected: "dsk-1", adoptedId: (r) => (r as { id: string }).id,
  },
  {
    kind: "Key Value", post: "/v1/key-value", lookup: "/v1/key-value", found: [{ keyValue: keyValue(), cursor: "c" }],
    create: (c) => c.createKeyValue({ name: "cache", plan: "starter" }),
    query: { name: "cache", ownerId: OWNER_ID, limit: "100" }, expected: "red-d8k3stdodlmc73btr2q0", adoptedId: (r) => (r as { id: string }).id,
  },
  {
    kind: "Postgres", post: "/v1/postgres", lookup: "/v1/postgres", found: [{ postgres: postgres("creating"), cursor: "c" }],
    create: (c) => c.createPostgres({ name: "app-db", plan: "basic_256mb", version: "16" }),
    query: { name: "app-db", ownerId: OWNER_ID, limit: "100" }, expected: "dpg-d7sg9ln7f7vs73d9bg5g-a", adoptedId: (r) => (r as { id: string }).id,
  },
  {
    kind: "env group", post: "/v1/env-groups", lookup: "/v1/env-groups", found: [envGroupMeta("evg-1", "shared")],
    create: (c) => c.createEnvGroup({ name: "shared", envVars: [{ key: "DEBUG", value: "false" }] }),
    query: { name: "shared", ownerId: OWNER_ID, limit: "100" }, expected: "evg-1", adoptedId: (r) => (r as { id: string; envVars: unknown[] }).id,
    extra: (server) => server.on("GET", "/v1/env-groups/evg-1", { body: envGroup("evg-1", "shared") }),
  },
  {
    kind: "project", post: "/v1/projects", lookup: "/v1/projects", found: [{ project, cursor: "c" }],
    create: (c) => c.createProject({ name: "stack", environments: [{ name: "prod" }] }),
    query: { name: "stack", ownerId: OWNER_ID, limit: "100" }, expected: "prj-1", adoptedId: (r) => (r as { id: string }).id,
  },
  {
    kind: "environment", post: "/v1/environments", lookup: "/v1/environments", found: [{ environment, cursor: "c" }],
    create: (c) => c.createEnvironment({ name: "staging", projectId: "prj-1" }),
    query: { projectId: "prj-1", name: "staging", limit: "100" }, expected: "evm-2", adoptedId: (r) => (r as { id: string }).id,
  },
  {
    kind: "custom domain", post: "/v1/services/srv-1/custom-domains", lookup: "/v1/services/srv-1/custom-domains",
    found: [{ customDomain: customDomain("other.example.com"), cursor: "a" }, { customDomain: customDomain("example.com"), cursor: "b" }, { customDomain: customDomain("www.example.com", "example.com"), cursor: "c" }],
    create: (c) => c.createCustomDomain("srv-1", "example.com"),
    query: { limit: "100" }, expected: "example.com,www.example.com", adoptedId: (r) => (r as { name: string }[]).map((d) => d.name).join(","),
  },
];

describe("RenderClient adoption after an ambiguous create", () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await startScriptedServer();
  });
  afterEach(() => server.close());

  it.each(cases)("adopts the $kind found by name and sends no second POST", async (c) => {
    server.on("POST", c.post, { status: 500, body: { message: "internal" } });
    server.on("GET", c.lookup, { body: c.found });
    c.extra?.(server);
    const { client } = clientFor(server);

    const result = await c.create(client);

    expect(server.calls("POST", c.post)).toHaveLength(1);
    expect(server.calls("GET", c.lookup)[0].query).toEqual(c.query);
    expect(c.adoptedId(result)).toBe(c.expected);
  });

  it("adopts after a POST that times out", async () => {
    server.on("POST", "/v1/services", { delayMs: 300, status: 201, body: { deployId: "dep-1", service: webService() } });
    server.on("GET", "/v1/services", { body: [{ service: webService(), cursor: "c" }] });
    const { client } = clientFor(server, { timeoutMs: 50 });

    const result = await client.createService({ type: "web_service", name: "api", repo: webService().repo });

    expect(result).toMatchObject({ service: { id: "srv-web000000000000000000" }, deployId: undefined });
    expect(server.calls("POST", "/v1/services")).toHaveLength(1);
  });

  it("refuses to guess when several objects carry the name", async () => {
    server.on("POST", "/v1/postgres", { status: 503 });
    server.on("GET", "/v1/postgres", { body: [{ postgres: postgres(), cursor: "a" }, { postgres: { ...postgres(), id: "dpg-other-a" }, cursor: "b" }] });
    const { client } = clientFor(server);

    const err = await client.createPostgres({ name: "app-db", plan: "basic_256mb", version: "16" }).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(RenderConfigError);
    expect((err as Error).message).toBe(
      'Render has 2 Postgres objects named "app-db" (dpg-d7sg9ln7f7vs73d9bg5g-a, dpg-other-a); after a failed create the client cannot tell which one is new. Remove the extra one in Render, then re-run.',
    );
    expect(server.calls("POST", "/v1/postgres")).toHaveLength(1);
  });
});

describe("RenderClient adopts only what its own create made", () => {
  // The fake clock of clientFor starts here; the request begins at this instant.
  const START = 1_700_000_000_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await startScriptedServer();
  });
  afterEach(() => server.close());

  const fresh = { ...postgres("creating"), id: "dpg-new", createdAt: iso(START + 2_000) };

  it("sends the create again when the only match was there before the request began", async () => {
    server.on("POST", "/v1/postgres", { status: 500 }, { status: 201, body: fresh });
    server.on("GET", "/v1/postgres", { body: [{ postgres: { ...postgres(), id: "dpg-old", createdAt: iso(START - 3_600_000) }, cursor: "c" }] });
    const { client } = clientFor(server);

    const db = await client.createPostgres({ name: "app-db", plan: "basic_256mb", version: "16" });

    expect(db.id).toBe("dpg-new");
    expect(server.calls("POST", "/v1/postgres")).toHaveLength(2);
  });

  it("adopts the one created after the request began beside an older namesake", async () => {
    server.on("POST", "/v1/postgres", { status: 503 });
    server.on("GET", "/v1/postgres", { body: [
      { postgres: { ...postgres(), id: "dpg-old", createdAt: iso(START - 86_400_000) }, cursor: "a" },
      { postgres: fresh, cursor: "b" },
    ] });
    const { client } = clientFor(server);

    await expect(client.createPostgres({ name: "app-db", plan: "basic_256mb", version: "16" })).resolves.toMatchObject({ id: "dpg-new" });
    expect(server.calls("POST", "/v1/postgres")).toHaveLength(1);
  });

  it("allows a minute of clock difference with Render, no more", async () => {
    server.on("POST", "/v1/key-value", { status: 500 });
    server.on("GET", "/v1/key-value", { body: [{ keyValue: { ...keyValue(), createdAt: iso(START - 50_000) }, cursor: "c" }] });
    const { client } = clientFor(server);
    await expect(client.createKeyValue({ name: "cache", plan: "starter" })).resolves.toMatchObject({ id: "red-d8k3stdodlmc73btr2q0" });

    await server.close();
    server = await startScriptedServer();
    server.on("POST", "/v1/key-value", { status: 500 }, { status: 201, body: { ...keyValue(), id: "red-new" } });
    server.on("GET", "/v1/key-value", { body: [{ keyValue: { ...keyValue(), createdAt: iso(START - 70_000) }, cursor: "c" }] });
    const second = clientFor(server).client;
    await expect(second.createKeyValue({ name: "cache", plan: "starter" })).resolves.toMatchObject({ id: "red-new" });
  });

  it.each([
    ["Postgres of another plan", { plan: "pro_4gb" }],
    ["Postgres of another version", { version: "15" }],
    ["Postgres in another region", { region: "frankfurt" }],
  ])("does not adopt a %s", async (_what, other) => {
    server.on("POST", "/v1/postgres", { status: 500 }, { status: 201, body: fresh });
    server.on("GET", "/v1/postgres", { body: [{ postgres: { ...fresh, id: "dpg-someone", ...other }, cursor: "c" }] });
    const { client } = clientFor(server);

    const db = await client.createPostgres({ name: "app-db", plan: "basic_256mb", version: "16", region: "oregon" });

    expect(db.id).toBe("dpg-new");
    expect(server.calls("POST", "/v1/postgres")).toHaveLength(2);
  });

  it("does not adopt a Key Value instance of another plan", async () => {
    server.on("POST", "/v1/key-value", { status: 500 }, { status: 201, body: { ...keyValue(), id: "red-new" } });
    server.on("GET", "/v1/key-value", { body: [{ keyValue: { ...keyValue(), plan: "pro" }, cursor: "c" }] });
    const { client } = clientFor(server);

    await expect(client.createKeyValue({ name: "cache", plan: "starter", region: "oregon" })).resolves.toMatchObject({ id: "red-new" });
  });

  it.each([
    ["created before the request", { createdAt: iso(START - 3_600_000) }],
    ["of another repository", { repo: "https://github.com/someone/else" }],
  ])("does not adopt a service %s", async (_what, other) => {
    server.on("POST", "/v1/services", { status: 502 }, { status: 201, body: { deployId: "dep-1", service: { ...webService("srv-new"), createdAt: iso(START + 1) } } });
    server.on("GET", "/v1/services", { body: [{ service: { ...webService("srv-theirs"), createdAt: iso(START + 1), ...other }, cursor: "c" }] });
    const { client } = clientFor(server);

    const result = await client.createService({ type: "web_service", name: "api", repo: webService().repo });

    expect(result.service.id).toBe("srv-new");
    expect(server.calls("POST", "/v1/services")).toHaveLength(2);
  });

  it.each([
    ["of another size", { sizeGB: 5 }],
    ["at another mount path", { mountPath: "/var/data" }],
    ["with no creation time", { createdAt: undefined }],
  ])("does not adopt a disk %s", async (_what, other) => {
    server.on("POST", "/v1/disks", { status: 500 }, { status: 201, body: disk("dsk-new", "data", "srv-1") });
    server.on("GET", "/v1/disks", { body: [{ disk: { ...disk("dsk-theirs", "data", "srv-1"), ...other }, cursor: "c" }] });
    const { client } = clientFor(server);

    const created = await client.createDisk({ name: "data", sizeGB: 2, mountPath: "/data", serviceId: "srv-1" });

    expect(created.id).toBe("dsk-new");
    expect(server.calls("POST", "/v1/disks")).toHaveLength(2);
  });
});

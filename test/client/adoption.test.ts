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

    const result = await client.createService({ type: "web_service", name: "api" });

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

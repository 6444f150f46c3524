import { startEmulator, type EmulatorHandle } from "../../emulator/server";
import { postgresBody } from "./fixtures";
import { apiClient, call } from "./http";

describe("emulator Postgres and Key Value", () => {
  let emulator: EmulatorHandle;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: 13, rateLimits: "off" });
    api = apiClient(emulator.apiUrl, emulator.apiKey);
  });
  afterAll(() => emulator.close());
  beforeEach(() => call(emulator.url, "POST", "/__emulator/reset"));

  it("suffixes the database name, echoes an empty allow list as null and formats connection info", async () => {
    const created = (await api("POST", "/postgres", postgresBody(emulator.ownerId, { ipAllowList: [] }))).body as Record<string, any>;
    const info = (await api("GET", `/postgres/${created.id}/connection-info`)).body as Record<string, string>;
    const host = `${created.id}.oregon-postgres.render.com`;
    expect(created.id).toMatch(/^dpg-[0-9a-v]{20}-a$/);
    expect(created.databaseName).toMatch(/^app_[a-z]{4}$/);
    expect([created.ipAllowList, created.role, created.readReplicas, created.region]).toEqual([null, "primary", [], "oregon"]);
    expect(info.password).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(info).toEqual({
      externalConnectionString: `postgresql://app:${info.password}@${host}:5432/${created.databaseName}`,
      internalConnectionString: `postgresql://app:${info.password}@${created.id}/${created.databaseName}`,
      password: info.password,
      psqlCommand: `PGPASSWORD=${info.password} psql -h ${host} -p 5432 -U app ${created.databaseName}`,
    });
  });

  it("adds read replicas with the primary's id and a -b suffix and enables HA on pro plans", async () => {
    const created = (await api("POST", "/postgres", postgresBody(emulator.ownerId, { plan: "pro_4gb" }))).body as { id: string };
    const patched = (await api("PATCH", `/postgres/${created.id}`, { enableHighAvailability: true, readReplicas: [{ name: "replica" }] })).body as Record<string, any>;
    const replica = (await api("GET", `/postgres/${created.id.replace(/-a$/, "-b")}`)).body as Record<string, any>;
    const removed = (await api("PATCH", `/postgres/${created.id}`, { readReplicas: [] })).body as Record<string, any>;
    expect([patched.highAvailabilityEnabled, patched.readReplicas]).toEqual([true, [{ id: created.id.replace(/-a$/, "-b"), name: "replica" }]]);
    expect([replica.role, replica.primaryPostgresID]).toEqual(["replica", created.id]);
    expect(removed.readReplicas).toEqual([]);
  });

  test.each([
    [{ version: "15" }, 'version cannot be changed after the database is created; create a new database instead'],
    [{ region: "ohio" }, "region cannot be changed after the database is created; create a new database instead"],
    [{ databaseName: "x" }, "databaseName cannot be changed after the database is created; create a new database instead"],
    [{ diskSizeGB: 1 }, "invalid diskSizeGB 1: database storage can only grow; the current size is 15 GB"],
    [{ enableHighAvailability: true }, 'high availability requires a pro or accelerated plan; the plan is "basic_256mb"'],
    [{ plan: "gigantic" }, expect.stringContaining('invalid plan "gigantic": must be one of free, starter')],
  ])("rejects the Postgres PATCH %j with 400", async (patch, message) => {
    const id = ((await api("POST", "/postgres", postgresBody(emulator.ownerId))).body as { id: string }).id;
    const res = await api("PATCH", `/postgres/${id}`, patch);
    expect([res.status, res.body]).toEqual([400, { message }]);
  });

  it("requires name, plan and version to create Postgres", async () => {
    const res = await api("POST", "/postgres", { name: "db", ownerId: emulator.ownerId, plan: "basic_256mb" });
    expect([res.status, res.body]).toEqual([400, { message: "version is required" }]);
  });

  it("creates Key Value with options and answers the legacy /redis paths", async () => {
    const created = (await api("POST", "/key-value", { name: "cache", ownerId: emulator.ownerId, plan: "free", ipAllowList: [] })).body as Record<string, any>;
    const info = (await api("GET", `/key-value/${created.id}/connection-info`)).body as Record<string, string>;
    const legacy = (await api("GET", `/redis/${created.id}/connection-info`)).body as Record<string, string>;
    const list = (await api("GET", "/redis")).body as Record<string, unknown>[];
    const password = /:([A-Za-z0-9]{32})@/.exec(info.externalConnectionString)?.[1];
    expect([created.id.slice(0, 4), created.options, created.ipAllowList, created.version]).toEqual(["red-", { maxmemoryPolicy: "allkeys_lru", persistenceMode: "off" }, null, "8.1.4"]);
    expect(info).toEqual({
      cliCommand: ` REDISCLI_AUTH=${password} valkey-cli --user ${created.id} -h oregon-keyvalue.render.com -p 6377 --tls`,
      externalConnectionString: `rediss://${created.id}:${password}@oregon-keyvalue.render.com:6377`,
      internalConnectionString: `redis://${created.id}:6379`,
    });
    expect(Object.keys(legacy).sort()).toEqual(["externalConnectionString", "internalConnectionString", "redisCLICommand"]);
    expect(Object.keys(list[0]).sort()).toEqual(["cursor", "redis"]);
  });

  it("turns persistence on when Key Value leaves the free plan and rejects bad policies", async () => {
    const id = ((await api("POST", "/key-value", { name: "cache", ownerId: emulator.ownerId, plan: "free" })).body as { id: string }).id;
    const upgraded = (await api("PATCH", `/key-value/${id}`, { plan: "starter" })).body as { options: unknown; status: string };
    const bad = await api("PATCH", `/key-value/${id}`, { maxmemoryPolicy: "lru" });
    expect([upgraded.options, upgraded.status]).toEqual([{ maxmemoryPolicy: "allkeys_lru", persistenceMode: "journal_snapshot" }, "creating"]);
    expect([bad.status, bad.body]).toEqual([400, { message: 'invalid maxmemoryPolicy "lru": must be one of noeviction, allkeys_lfu, allkeys_lru, allkeys_random, volatile_lfu, volatile_lru, volatile_random, volatile_ttl' }]);
  });
});

/**
 * The reference children (ServiceEndpoint, PostgresConnection, KeyValueConnection): what they take, where they
 * sit, and that every cross-resource value comes from them. The recording mocks compute addresses and connection
 * details on the references only, so a value read from a Service, Postgres or Key Value directly would come out
 * undefined here.
 */
import { stackAt } from "../config/fixtures";
import { T, urnOf } from "../helpers/mocks";
import { unwrap, valueOf } from "../helpers/outputs";
import { build, previousOf } from "./build";

const REFERENCE_TYPES: string[] = [T.serviceEndpoint, T.postgresConnection, T.keyValueConnection];

describe("reference children", () => {
  it("take nothing but the id of the resource they read, named after it", async () => {
    const { mocks } = await build(stackAt(5));
    const refs = mocks.registrations.filter((r) => REFERENCE_TYPES.includes(r.type)).map((r) => [r.name, r.inputs]);
    expect(Object.fromEntries(refs)).toEqual({
      "dev-web-endpoint": { serviceId: `${T.service}::dev-web` },
      "dev-web-virginia-endpoint": { serviceId: `${T.service}::dev-web-virginia` },
      "dev-postgres-connection": { postgresId: `${T.postgres}::dev-postgres` },
      "dev-keyvalue-connection": { keyValueId: `${T.keyValue}::dev-keyvalue` },
    });
  });

  it("give every service with an address one endpoint, workers and cron jobs none", async () => {
    const { mocks } = await build(stackAt(4, "prod"), { stack: "dev" });
    expect(mocks.byType(T.service).map((r) => r.name).sort()).toEqual(["dev-api", "dev-nightly", "dev-renderer", "dev-site", "dev-worker"]);
    expect(mocks.byType(T.serviceEndpoint).map((r) => r.inputs.serviceId).sort()).toEqual(
      ["dev-api", "dev-renderer", "dev-site"].map((n) => `${T.service}::${n}`));
  });

  it("sit beside what they read and mark connection details secret", async () => {
    const { mocks } = await build(stackAt(5));
    const seen = mocks.options.filter((o) => REFERENCE_TYPES.includes(o.type))
      .map((o) => ({ name: o.name, parent: o.parentName, protect: o.protect, secrets: [...o.additionalSecretOutputs].sort() }));
    expect(seen).toEqual(expect.arrayContaining([
      { name: "dev-postgres-connection", parent: "dev", protect: false, secrets: ["externalConnectionString", "internalConnectionString", "password"] },
      { name: "dev-keyvalue-connection", parent: "dev", protect: false, secrets: ["externalConnectionString", "internalConnectionString"] },
      { name: "dev-web-endpoint", parent: "dev-web", protect: false, secrets: [] },
      { name: "dev-web-virginia-endpoint", parent: "dev-web-virginia", protect: false, secrets: [] },
    ]));
    expect(seen).toHaveLength(4);
  });

  test.each([[2, 3], [3, 4], [4, 5]])("keep their URNs from stage %i to %i", async (from, to) => {
    const before = await build(stackAt(from));
    const after = await build(stackAt(to), { previous: previousOf(before.outputs) });
    const refsOf = async (b: typeof before) => Object.fromEntries(Object.entries(await b.mocks.urns())
      .filter(([key]) => REFERENCE_TYPES.some((t) => key.startsWith(`${t}::`))));
    const urnsBefore = await refsOf(before);
    expect(urnsBefore).toMatchObject({
      [`${T.serviceEndpoint}::dev-web-endpoint`]: urnOf("dev", [T.webApp, T.serviceEndpoint], "dev-web-endpoint"),
      [`${T.postgresConnection}::dev-postgres-connection`]: urnOf("dev", [T.stack, T.postgresConnection], "dev-postgres-connection"),
    });
    expect(await refsOf(after)).toMatchObject(urnsBefore);
  });
});

describe("values read through the references", () => {
  it("point DNS records and load-balancer origins at each copy's onrender.com host", async () => {
    const { mocks } = await build(stackAt(5));
    expect(mocks.one(T.dnsRecord, "dev-dns-dev.qrcards.example.com").inputs.content).toBe("qrcards-dev-web.onrender.com");
    expect(mocks.one(T.pool, "dev-web-oregon-pool").inputs.origins).toEqual([
      { name: "oregon", address: "qrcards-dev-web.onrender.com", enabled: true, header: { hosts: ["qrcards-dev-web.onrender.com"] } },
    ]);
  });

  it("give ports, hosts, user and the real database name per network", async () => {
    const config = stackAt(5, "dev", (raw) => {
      raw.apps.web.env = {
        ...raw.apps.web.env,
        PGHOST: { fromDatabase: { property: "host" } }, PGPORT: { fromDatabase: { property: "port" } },
        PGUSER: { fromDatabase: { property: "user" } }, PGDATABASE: { fromDatabase: { property: "database" } },
        REDIS_HOST: { fromKeyValue: { property: "host" } }, REDIS_PORT: { fromKeyValue: { property: "port" } },
      };
    });
    const { mocks } = await build(config);
    const pick = (name: string) => {
      const env = mocks.one(T.service, name).inputs.envVars;
      return [env.PGHOST, env.PGPORT, env.PGUSER, env.PGDATABASE, env.REDIS_HOST, env.REDIS_PORT];
    };
    expect(pick("dev-web")).toEqual(["dpg-internal", "5432", "user", "qrcards_x1", "red-internal", "6379"]);
    expect(pick("dev-web-virginia")).toEqual([
      "dpg-internal.oregon-postgres.render.com", "5432", "user", "qrcards_x1", "oregon-keyvalue.render.com", "6377"]);
  });

  it("export URLs, hosts and connection strings from the references", async () => {
    const { outputs } = await build(stackAt(5));
    expect(await valueOf(outputs.urls)).toEqual({ web: "https://qrcards-dev-web.onrender.com" });
    expect(await valueOf(outputs.internalHosts)).toEqual({ web: "qrcards-dev-web-host" });
    expect(await unwrap(outputs.databaseUrl!)).toEqual({ value: "postgresql://user:pg-password@dpg-internal/db", secret: true });
    expect(await unwrap(outputs.redisUrl!)).toEqual({ value: "redis://red-internal:6379", secret: true });
    expect(await unwrap(outputs.appConfig.web.DATABASE_URL)).toEqual({ value: "postgresql://user:pg-password@dpg-internal/db", secret: true });
  });
});

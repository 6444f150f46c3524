import { keyValueConnectionProvider, keyValueConnectionSpec } from "../../providers/render/keyValueConnectionProvider";
import { readPlain } from "../helpers/readPlain";
import { keyValueProvider, checkKeyValue } from "../../providers/render/keyValueProvider";
import { postgresConnectionProvider, postgresConnectionSpec } from "../../providers/render/postgresConnectionProvider";
import { checkPostgres, postgresProvider } from "../../providers/render/postgresProvider";
import { ReferenceSpec, checkReference, diffReference } from "../../providers/render/referenceProvider";
import { serviceEndpointProvider, serviceEndpointSpec } from "../../providers/render/serviceEndpointProvider";
import { checkService } from "../../providers/render/serviceCheck";
import { serviceProvider } from "../../providers/render/serviceProvider";
import { UNKNOWN } from "../../providers/render/validate";
import { Harness, byRoute, emptyConfigure, startHarness } from "./harness";

const SPECS: [string, ReferenceSpec, string][] = [
  ["PostgresConnection", postgresConnectionSpec, "the id of a Render Postgres database (dpg-…)"],
  ["KeyValueConnection", keyValueConnectionSpec, "the id of a Render Key Value instance (red-…)"],
  ["ServiceEndpoint", serviceEndpointSpec, "the id of a Render service (srv-…)"],
];

describe.each(SPECS)("%s check and diff", (_kind, spec, rule) => {
  const field = spec.field;

  test.each<[string, Record<string, unknown>, { property: string; reason: string }[]]>([
    ["no id", {}, [{ property: field, reason: `required; use ${rule}` }]],
    ["an empty id", { [field]: "" }, [{ property: field, reason: `"" is not ${rule}` }]],
    ["a number", { [field]: 7 }, [{ property: field, reason: `7 is not ${rule}` }]],
    ["another field", { [field]: "x-1", name: "db" }, [{ property: "name", reason: '"name" is not a field of this resource' }]],
  ])("refuses %s, naming the field", (_what, news, failures) => {
    expect(checkReference(spec, news)).toEqual({ failures });
  });

  it("passes an id through, and one still unknown in preview", () => {
    expect(checkReference(spec, { [field]: "x-1", __provider: "p" })).toEqual({ inputs: { [field]: "x-1" } });
    expect(checkReference(spec, { [field]: UNKNOWN })).toEqual({ inputs: { [field]: UNKNOWN } });
  });

  test.each<[string, unknown, { changes: boolean; replaces: string[]; changed: string[] }]>([
    ["the same id (stored values aside)", "x-1", { changes: false, replaces: [], changed: [] }],
    ["another id", "x-2", { changes: true, replaces: [field], changed: [field] }],
    ["an id unknown in preview", UNKNOWN, { changes: true, replaces: [field], changed: [field] }],
  ])("diffs %s exactly", (_what, id, expected) => {
    expect(diffReference(spec, { [field]: "x-1", host: "h", url: "u" }, { [field]: id })).toEqual(expected);
  });
});

describe("reference providers against the emulator", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    for (const p of [postgresProvider, keyValueProvider, serviceProvider, postgresConnectionProvider, keyValueConnectionProvider, serviceEndpointProvider]) {
      await p.configure(emptyConfigure);
    }
  });
  afterAll(() => h.close());

  const inputsOf = <T>(r: { inputs?: T; failures?: unknown[] }): T => {
    if (!r.inputs) throw new Error(JSON.stringify(r.failures));
    return r.inputs;
  };

  it("PostgresConnection reads the connection details with one GET, refreshes them and deletes nothing", async () => {
    const db = await postgresProvider.create(inputsOf(checkPostgres({}, { name: "ref-db", databaseName: "app", databaseUser: "app" })));
    await h.clearRequests();
    const { id, outs } = await postgresConnectionProvider.create({ postgresId: db.id });
    expect(byRoute(await h.requests())).toEqual({ "GET /v1/postgres/{postgresId}/connection-info": 1 });
    const stored = await h.stored("postgres", db.id);
    expect(id).toBe(db.id);
    expect(outs).toEqual({
      postgresId: db.id, host: db.id, port: 5432, user: "app", database: stored?.databaseName,
      externalHost: expect.stringMatching(/render\.com$/), externalPort: 5432, password: stored?.password,
      internalConnectionString: db.outs.internalConnectionString, externalConnectionString: db.outs.externalConnectionString,
    });
    expect(outs.database).toMatch(/^app.+/);

    const stale = { ...outs, password: "old-password" };
    await expect(readPlain(postgresConnectionProvider, id, stale)).resolves.toEqual({ id, props: outs, inputs: { postgresId: db.id } });

    await h.clearRequests();
    expect(await postgresConnectionProvider.update(id, outs)).toEqual({ outs });
    await postgresConnectionProvider.delete();
    expect((await h.requests()).total).toBe(0);
    expect(await h.stored("postgres", db.id)).toMatchObject({ status: "available" });

    await postgresProvider.delete(db.id);
    await expect(readPlain(postgresConnectionProvider, id, outs)).resolves.toEqual({ id: "" });
  });

  it("KeyValueConnection reads both endpoints with one GET", async () => {
    const kv = await keyValueProvider.create(inputsOf(checkKeyValue({ name: "ref-cache" })));
    await h.clearRequests();
    const { id, outs } = await keyValueConnectionProvider.create({ keyValueId: kv.id });
    expect(byRoute(await h.requests())).toEqual({ "GET /v1/key-value/{keyValueId}/connection-info": 1 });
    expect(outs).toEqual({
      keyValueId: kv.id, host: kv.id, port: 6379, externalHost: expect.stringMatching(/render\.com$/), externalPort: expect.any(Number),
      internalConnectionString: kv.outs.internalConnectionString, externalConnectionString: kv.outs.externalConnectionString,
    });
    expect(outs.externalConnectionString).toContain(`${outs.externalHost}:${outs.externalPort}`);
    await expect(readPlain(keyValueConnectionProvider, id, {})).resolves.toEqual({ id, props: outs, inputs: { keyValueId: kv.id } });
  });

  it("ServiceEndpoint reads a web service's and a private service's address with one GET each", async () => {
    const base = { runtime: "node", repo: "https://github.com/acme/web", buildCommand: "npm ci", startCommand: "node server.js" };
    const web = await serviceProvider.create(inputsOf(checkService({ ...base, type: "web_service", name: "ref-web" })));
    const pserv = await serviceProvider.create(inputsOf(checkService({ ...base, type: "private_service", name: "ref-pserv" })));
    await h.clearRequests();
    const fromWeb = await serviceEndpointProvider.create({ serviceId: web.id });
    const fromPserv = await serviceEndpointProvider.create({ serviceId: pserv.id });
    expect(byRoute(await h.requests())).toEqual({ "GET /v1/services/{serviceId}": 2 });
    const slug = web.outs.slug;
    expect(fromWeb).toEqual({ id: web.id, outs: {
      serviceId: web.id, url: `https://${slug}.onrender.com`, host: slug, hostport: `${slug}:10000`, slug, onrenderHost: `${slug}.onrender.com`,
    } });
    expect(fromPserv.outs).toEqual({
      serviceId: pserv.id, url: `${pserv.outs.slug}:10000`, host: pserv.outs.slug, hostport: `${pserv.outs.slug}:10000`,
      slug: pserv.outs.slug, onrenderHost: "",
    });
    expect(fromWeb.outs).toMatchObject({ url: web.outs.url, host: web.outs.host });
  });

  it("fails create on an id Render does not know, naming the call", async () => {
    await expect(serviceEndpointProvider.create({ serviceId: "srv-missing" })).rejects.toThrow(/GET \/services\/\{serviceId\}.*404/);
  });
});

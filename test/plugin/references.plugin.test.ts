import { UNKNOWN } from "../../providers/render/validate";
import { readPlain } from "../helpers/readPlain";
import { Deployed, Kind, PluginHarness, itKeepsProviderTextsClean, startPluginHarness } from "./pluginHarness";

const REFERENCES: Kind[] = ["PostgresConnection", "KeyValueConnection", "ServiceEndpoint"];

describe("PostgresConnection, KeyValueConnection and ServiceEndpoint through the dynamic-provider plugin", () => {
  let p: PluginHarness;
  beforeAll(async () => { p = await startPluginHarness(["Postgres", "KeyValue", ...REFERENCES]); });
  afterAll(() => p.close());

  itKeepsProviderTextsClean(REFERENCES, () => p);

  const requestCount = async (): Promise<number> => (await p.admin("GET", "/requests")).total;

  /** Diff (same id, another id, an id unknown in preview), update, refresh and delete, as the engine calls them. */
  async function expectReferenceLifecycle(ref: Deployed, field: string): Promise<void> {
    expect(await p.preview(ref, { [field]: ref.id })).toEqual({ changes: "none", replaces: [] });
    expect(await p.preview(ref, { [field]: `${ref.id}-other` })).toEqual({ changes: "some", replaces: [field] });
    expect(await p.preview(ref, { [field]: UNKNOWN })).toEqual({ changes: "some", replaces: [field] });
    const before = await requestCount();
    expect(await p.host.update(ref.id, ref.urn, ref.outputs, ref.inputs)).toEqual(ref.outputs);
    await p.host.delete(ref.id, ref.urn, ref.outputs);
    expect(await requestCount()).toBe(before);
    expect(await readPlain(p.host, ref.id, ref.urn, ref.outputs)).toMatchObject({ id: ref.id, properties: ref.outputs, inputs: { [field]: ref.id } });
  }

  it("refuses a reference without an id before any API call", async () => {
    const before = await requestCount();
    const res = await p.host.check("urn:pulumi:plugin-test::render-stages::pulumi-nodejs:dynamic/render:ServiceEndpoint::bad", {},
      { serviceId: "", __provider: p.providers.ServiceEndpoint });
    expect(res.failures).toEqual([{ property: "serviceId", reason: '"" is not the id of a Render service (srv-…)' }]);
    expect(await requestCount()).toBe(before);
  });

  it("keeps a PostgresConnection unchanged while its database is updated, until the database is replaced", async () => {
    const args = { name: "plugin-ref-db", plan: "pro_4gb", databaseName: "app" };
    const db = (await p.up("Postgres", "db", args)).deployed;
    const { deployed: ref, step } = await p.up("PostgresConnection", "db-connection", { postgresId: db.id });
    expect(step).toBe("create");
    expect(ref.id).toBe(db.id);
    expect(ref.outputs).toMatchObject({
      postgresId: db.id, host: db.id, port: 5432, database: db.outputs.databaseName,
      password: db.outputs.password, internalConnectionString: db.outputs.internalConnectionString,
    });

    const updated = await p.up("Postgres", "db", { ...args, highAvailability: true, readReplicas: ["replica"] }, db);
    expect(updated.step).toBe("update");
    await expectReferenceLifecycle(ref, "postgresId");

    const replaced = await p.up("Postgres", "db", { ...args, highAvailability: true, readReplicas: ["replica"], version: "17" }, updated.deployed);
    const again = await p.up("PostgresConnection", "db-connection", { postgresId: replaced.deployed.id }, ref);
    expect(again).toMatchObject({ step: "create-replace", replaces: ["postgresId"] });
    expect(again.deployed.outputs.internalConnectionString).toBe(replaced.deployed.outputs.internalConnectionString);
    expect(again.deployed.outputs.internalConnectionString).not.toBe(ref.outputs.internalConnectionString);
  });

  it("reads a KeyValueConnection and a ServiceEndpoint, each unchanged on the next run", async () => {
    const kv = (await p.up("KeyValue", "cache", { name: "plugin-ref-cache" })).deployed;
    const kvRef = (await p.up("KeyValueConnection", "cache-connection", { keyValueId: kv.id })).deployed;
    expect(kvRef.outputs).toMatchObject({ keyValueId: kv.id, host: kv.id, port: 6379, internalConnectionString: kv.outputs.internalConnectionString });
    await expectReferenceLifecycle(kvRef, "keyValueId");

    const created = await p.apiPost("/services", {
      type: "web_service", name: "plugin-ref-web", ownerId: p.emulator.ownerId, repo: "https://github.com/acme/web",
      serviceDetails: { runtime: "node", envSpecificDetails: { buildCommand: "npm ci", startCommand: "node server.js" } },
    }) as { service: { id: string; slug: string } };
    const { id, slug } = created.service;
    const endpoint = (await p.up("ServiceEndpoint", "web-endpoint", { serviceId: id })).deployed;
    expect(endpoint.outputs).toMatchObject({
      serviceId: id, url: `https://${slug}.onrender.com`, host: slug, hostport: `${slug}:10000`, slug, onrenderHost: `${slug}.onrender.com`,
    });
    await expectReferenceLifecycle(endpoint, "serviceId");
  });
});

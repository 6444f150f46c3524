import { Deployed, Kind, PluginHarness, itKeepsProviderTextsClean, startPluginHarness } from "./pluginHarness";
import { readPlain } from "../helpers/readPlain";

const KINDS: Kind[] = ["Postgres", "KeyValue", "EnvGroup", "Project"];

describe("Postgres, KeyValue, EnvGroup and Project through the dynamic-provider plugin", () => {
  let p: PluginHarness;
  beforeAll(async () => { p = await startPluginHarness(KINDS); });
  afterAll(() => p.close());

  itKeepsProviderTextsClean(KINDS, () => p);

  async function expectEmptyDiff(prior: Deployed, args: Record<string, unknown>): Promise<void> {
    expect(await p.preview(prior, args)).toEqual({ changes: "none", replaces: [] });
  }

  /** Import: a Read by id with nothing but `__provider` in state, then the program's args must diff clean. */
  async function expectImportMatches(deployed: Deployed, kind: Kind, args: Record<string, unknown>): Promise<void> {
    const imported = await readPlain(p.host, deployed.id, deployed.urn, { __provider: p.providers[kind] });
    expect(imported.id).toBe(deployed.id);
    await expectEmptyDiff({ ...deployed, inputs: imported.inputs!, outputs: imported.properties }, args);
  }

  async function expectDeleted(deployed: Deployed, path: string): Promise<void> {
    await p.host.delete(deployed.id, deployed.urn, deployed.outputs);
    await p.host.delete(deployed.id, deployed.urn, deployed.outputs);
    expect(await p.apiGet(path)).toEqual({ status: 404 });
    expect((await readPlain(p.host, deployed.id, deployed.urn, deployed.outputs)).id).toBe("");
  }

  it("Postgres: create (available, secrets out), empty second diff, update in place, import, replace, delete", async () => {
    const args = { name: "plugin-db", plan: "pro_4gb", databaseName: "app", diskSizeGB: 10 };
    const { deployed } = await p.up("Postgres", "db", args);
    expect(deployed.id).toMatch(/^dpg-/);
    expect(deployed.outputs).toMatchObject({ status: "available", databaseName: expect.stringMatching(/^app/) });
    expect(deployed.outputs.internalConnectionString).toContain(deployed.outputs.password as string);
    await expectEmptyDiff(deployed, args);

    const grown = await p.up("Postgres", "db", { ...args, diskSizeGB: 20, highAvailability: true }, deployed);
    expect(grown.step).toBe("update");
    expect(await p.apiGet(`/postgres/${deployed.id}`)).toMatchObject({ diskSizeGB: 20, highAvailabilityEnabled: true });
    await expectEmptyDiff(grown.deployed, { ...args, diskSizeGB: 20, highAvailability: true });
    await expectImportMatches(grown.deployed, "Postgres", { ...args, diskSizeGB: 20, highAvailability: true });

    const upgraded = await p.up("Postgres", "db", { ...args, diskSizeGB: 20, highAvailability: true, version: "17" }, grown.deployed);
    expect(upgraded).toMatchObject({ step: "delete-replace", replaces: ["version"] });
    expect(await p.apiGet(`/postgres/${upgraded.deployed.id}`)).toMatchObject({ version: "17" });
    await expectDeleted(upgraded.deployed, `/postgres/${upgraded.deployed.id}`);
  });

  it("Key Value: create, empty second diff, update in place, import, replace on region, delete", async () => {
    const args = { name: "plugin-cache", ipAllowList: [{ source: "203.0.113.0/24", description: "office" }] };
    const { deployed } = await p.up("KeyValue", "cache", args);
    expect(deployed.outputs.externalConnectionString).toMatch(/^rediss:\/\//);
    await expectEmptyDiff(deployed, args);

    const updated = await p.up("KeyValue", "cache", { ...args, plan: "standard", maxmemoryPolicy: "noeviction" }, deployed);
    expect(updated.step).toBe("update");
    expect(await p.apiGet(`/key-value/${deployed.id}`)).toMatchObject({ plan: "standard", options: { maxmemoryPolicy: "noeviction" } });
    await expectImportMatches(updated.deployed, "KeyValue", { ...args, plan: "standard", maxmemoryPolicy: "noeviction" });

    const moved = await p.up("KeyValue", "cache", { ...args, plan: "standard", maxmemoryPolicy: "noeviction", region: "ohio" }, updated.deployed);
    expect(moved).toMatchObject({ step: "delete-replace", replaces: ["region"] });
    expect(await p.apiGet(`/key-value/${deployed.id}`)).toEqual({ status: 404 });
    await expectDeleted(moved.deployed, `/key-value/${moved.deployed.id}`);
  });

  it("EnvGroup: create linked, empty second diff, update vars and links, import, delete", async () => {
    const worker = await p.apiPost("/services", {
      type: "background_worker", name: "plugin-linked", ownerId: p.emulator.ownerId, repo: "https://github.com/acme/jobs",
      serviceDetails: { runtime: "node", envSpecificDetails: { buildCommand: "npm ci", startCommand: "node worker.js" } },
    }) as { service: { id: string } };
    const args = { name: "plugin-shared", envVars: { A: "1", B: "2" }, secretFiles: { "ca.pem": "---" }, serviceIds: [worker.service.id] };
    const { deployed } = await p.up("EnvGroup", "shared", args);
    expect(deployed.id).toMatch(/^evg-/);
    await expectEmptyDiff(deployed, args);

    const next = { ...args, envVars: { A: "1", C: "3" }, serviceIds: [] };
    const updated = await p.up("EnvGroup", "shared", next, deployed);
    expect(updated.step).toBe("update");
    expect(await p.apiGet(`/env-groups/${deployed.id}`)).toMatchObject({
      envVars: expect.arrayContaining([{ key: "A", value: "1" }, { key: "C", value: "3" }]), serviceLinks: [] });
    await expectImportMatches(updated.deployed, "EnvGroup", next);
    await expectDeleted(updated.deployed, `/env-groups/${deployed.id}`);
  });

  it("Project: create, empty second diff, add an environment in place, import, delete", async () => {
    const args = { name: "plugin-project", environments: [{ name: "production", protectedStatus: "protected" }] };
    const { deployed } = await p.up("Project", "project", args);
    expect(Object.keys(deployed.outputs.environmentIds as object)).toEqual(["production"]);
    await expectEmptyDiff(deployed, args);

    const next = { name: "plugin-project", environments: [...args.environments, { name: "staging" }] };
    const updated = await p.up("Project", "project", next, deployed);
    expect(updated.step).toBe("update");
    expect(Object.keys(updated.deployed.outputs.environmentIds as object).sort()).toEqual(["production", "staging"]);
    await expectImportMatches(updated.deployed, "Project", next);
    await expectDeleted(updated.deployed, `/projects/${deployed.id}`);
  });
});

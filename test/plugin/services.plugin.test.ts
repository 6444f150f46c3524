import { ResourceInitError } from "../../sandbox/pluginHost";
import { readPlain } from "../helpers/readPlain";
import { Deployed, Kind, PluginHarness, itKeepsProviderTextsClean, startPluginHarness } from "./pluginHarness";

const KINDS: Kind[] = ["Service", "Disk", "CustomDomain"];

const web = (name: string, extra: Record<string, unknown> = {}) => ({
  type: "web_service", name, runtime: "python", repo: "https://github.com/acme/api",
  buildCommand: "pip install -r requirements.txt", startCommand: "gunicorn app:app",
  envVars: { FLASK_ENV: "production" }, generatedEnvVars: ["SECRET_KEY"], secretFiles: { "creds.json": "{}" },
  customDomains: [`${name}.example.com`], ...extra,
});

describe("Service, Disk and CustomDomain through the dynamic-provider plugin", () => {
  let p: PluginHarness;
  beforeAll(async () => { p = await startPluginHarness(KINDS); });
  afterAll(() => p.close());

  itKeepsProviderTextsClean(KINDS, () => p);

  async function emptyDiffAfter(prior: Deployed, args: Record<string, unknown>): Promise<void> {
    expect(await p.preview(prior, args)).toEqual({ changes: "none", replaces: [] });
  }

  it("creates a web service, then a second diff is empty, then updates it in place", async () => {
    const { deployed } = await p.up("Service", "web", web("plugin-web"));
    expect(deployed.id).toMatch(/^srv-/);
    expect(deployed.outputs.__provider).toBe(p.providers.Service);
    expect(deployed.outputs).toMatchObject({ name: "plugin-web", plan: "starter", url: expect.stringMatching(/^https:\/\//) });
    await emptyDiffAfter(deployed, web("plugin-web"));

    const updated = await p.up("Service", "web", web("plugin-web", { plan: "standard", envVars: { FLASK_ENV: "staging" } }), deployed);
    expect(updated.step).toBe("update");
    expect(await p.apiGet(`/services/${deployed.id}`)).toMatchObject({ serviceDetails: { plan: "standard" } });
    expect((updated.deployed.outputs.generatedEnvVarValues as Record<string, string>).SECRET_KEY)
      .toBe((deployed.outputs.generatedEnvVarValues as Record<string, string>).SECRET_KEY);
    await emptyDiffAfter(updated.deployed, web("plugin-web", { plan: "standard", envVars: { FLASK_ENV: "staging" } }));
  });

  it("records a service whose domain step failed with its id, and the next run finishes it instead of creating another", async () => {
    const domains = ["plugin-partial.example.com", "www.plugin-partial.example.com"];
    const args = web("plugin-partial", { customDomains: domains });
    // The service POST and the first domain succeed; the second domain is refused.
    await p.admin("POST", "/faults", { method: "POST", path: "/v1/services/{serviceId}/custom-domains", status: 402, skip: 1 });
    const err = await p.up("Service", "partial", args).catch((e: unknown) => e);
    await p.admin("DELETE", "/faults");

    expect(err).toBeInstanceOf(ResourceInitError);
    const init = err as ResourceInitError;
    expect(init.id).toMatch(/^srv-/);
    expect(init.message).toContain(`created ${init.id} but it did not finish initialising`);
    expect(init.reasons).toEqual([expect.stringContaining("402")]);
    expect(init.properties).toMatchObject({ name: "plugin-partial", customDomains: [domains[0]], __provider: p.providers.Service });

    // The engine records the resource with these properties; the next run diffs against them and updates it.
    const inputs = (await p.host.check(init.urn, {}, { ...args, __provider: p.providers.Service })).inputs;
    const recorded: Deployed = { kind: "Service", urn: init.urn, id: init.id, inputs, outputs: init.properties };
    const next = await p.up("Service", "partial", args, recorded);
    expect(next.step).toBe("update");
    const state = await p.admin("GET", "/state");
    expect(state.services.filter((s: { name: string }) => s.name === "plugin-partial").map((s: { id: string }) => s.id)).toEqual([init.id]);
    const attached = state.customDomains.filter((d: { serviceId: string; redirectForName?: string }) => d.serviceId === init.id && !d.redirectForName);
    expect(attached.map((d: { name: string }) => d.name).sort()).toEqual(domains);
    await emptyDiffAfter(next.deployed, args);
  });

  it("replaces a service whose region changes, deleting the old one first", async () => {
    const { deployed } = await p.up("Service", "moving", web("plugin-moving"));
    const replaced = await p.up("Service", "moving", web("plugin-moving", { region: "frankfurt" }), deployed);
    expect(replaced).toMatchObject({ step: "delete-replace", replaces: ["region"] });
    expect(await p.apiGet(`/services/${deployed.id}`)).toEqual({ status: 404 });
    expect(await p.apiGet(`/services/${replaced.deployed.id}`)).toMatchObject({ serviceDetails: { region: "frankfurt" } });
  });

  it("refreshes and imports by id, and the imported inputs diff clean against the program", async () => {
    const { deployed } = await p.up("Service", "imported", web("plugin-imported"));
    const refreshed = await readPlain(p.host, deployed.id, deployed.urn, deployed.outputs, deployed.inputs);
    expect(refreshed.id).toBe(deployed.id);
    expect(refreshed.properties).toEqual(deployed.outputs);

    const imported = await readPlain(p.host, deployed.id, deployed.urn, { __provider: p.providers.Service });
    expect(imported.inputs).toMatchObject({ name: "plugin-imported", type: "web_service", customDomains: ["plugin-imported.example.com"] });
    const state: Deployed = { ...deployed, inputs: imported.inputs!, outputs: imported.properties };
    // Import cannot know SECRET_KEY was generated; the program's args say so, which is a change to adopt.
    expect(await p.preview(state, { ...web("plugin-imported"), generatedEnvVars: [], envVars: {
      FLASK_ENV: "production", SECRET_KEY: (deployed.outputs.generatedEnvVarValues as Record<string, string>).SECRET_KEY } }))
      .toEqual({ changes: "none", replaces: [] });
  });

  it("deletes a service, twice without error, and reads it as gone", async () => {
    const { deployed } = await p.up("Service", "doomed", web("plugin-doomed"));
    await p.host.delete(deployed.id, deployed.urn, deployed.outputs);
    await p.host.delete(deployed.id, deployed.urn, deployed.outputs);
    expect((await readPlain(p.host, deployed.id, deployed.urn, deployed.outputs)).id).toBe("");
  });

  it("creates, grows, moves and deletes a disk; shrinking fails in check", async () => {
    const host = await p.up("Service", "disk-host", web("plugin-disk-host", { customDomains: [] }));
    const other = await p.up("Service", "disk-other", web("plugin-disk-other", { customDomains: [] }));
    const args = { serviceId: host.deployed.id, name: "data", mountPath: "/opt/render/project/src/data", sizeGB: 5 };
    const { deployed } = await p.up("Disk", "disk", args);
    await emptyDiffAfter(deployed, args);

    const grown = await p.up("Disk", "disk", { ...args, sizeGB: 10 }, deployed);
    expect(grown.step).toBe("update");
    expect(await p.apiGet(`/disks/${deployed.id}`)).toMatchObject({ sizeGB: 10 });
    const shrink = await p.host.check(deployed.urn, grown.deployed.inputs, { ...args, sizeGB: 5, __provider: p.providers.Disk });
    expect(shrink.failures).toEqual([
      { property: "sizeGB", reason: 'disk "data": sizeGB 5 < current 10; Render disks only grow. Keep 10 or create a new disk.' }]);
    // Diff refuses too (state edited by hand, or a check skipped): an error, never a replacement.
    await expect(p.host.diff(deployed.id, deployed.urn, grown.deployed.outputs, { ...grown.deployed.inputs, sizeGB: 5 }))
      .rejects.toThrow("Render disks only grow");

    const imported = await readPlain(p.host, deployed.id, deployed.urn, { __provider: p.providers.Disk });
    expect(imported.inputs).toMatchObject({ ...args, sizeGB: 10 });

    const moved = await p.up("Disk", "disk", { ...args, serviceId: other.deployed.id, sizeGB: 10 }, grown.deployed);
    expect(moved).toMatchObject({ step: "create-replace", replaces: ["serviceId"] });
    await p.host.delete(moved.deployed.id, moved.deployed.urn, moved.deployed.outputs);
    await p.host.delete(moved.deployed.id, moved.deployed.urn, moved.deployed.outputs);
    expect(await p.apiGet(`/disks/${moved.deployed.id}`)).toEqual({ status: 404 });
  });

  it("creates, imports, renames (replace) and deletes a standalone custom domain", async () => {
    const host = await p.up("Service", "domain-host", web("plugin-domain-host", { customDomains: undefined }));
    const args = { serviceId: host.deployed.id, name: "shop.example.net" };
    const { deployed } = await p.up("CustomDomain", "domain", args);
    expect(deployed.id).toBe(`${host.deployed.id}/shop.example.net`);
    await emptyDiffAfter(deployed, args);
    const imported = await readPlain(p.host, deployed.id, deployed.urn, { __provider: p.providers.CustomDomain });
    expect(imported.inputs).toEqual({ ...args, __provider: p.providers.CustomDomain });

    const renamed = await p.up("CustomDomain", "domain", { ...args, name: "store.example.net" }, deployed);
    expect(renamed).toMatchObject({ step: "delete-replace", replaces: ["name"] });
    await p.host.delete(renamed.deployed.id, renamed.deployed.urn, renamed.deployed.outputs);
    expect((await readPlain(p.host, renamed.deployed.id, renamed.deployed.urn, renamed.deployed.outputs)).id).toBe("");
  });
});

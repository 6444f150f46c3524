import { customDomainProvider, checkCustomDomain } from "../../providers/render/customDomainProvider";
import { readPlain } from "../helpers/readPlain";
import { checkDisk, diffDisk, diskProvider } from "../../providers/render/diskProvider";
import { checkEnvGroup, diffEnvGroup, envGroupProvider } from "../../providers/render/envGroupProvider";
import type { ProjectOutputs } from "../../providers/render/inputs";
import { checkProject, projectProvider } from "../../providers/render/projectProvider";
import { serviceProvider } from "../../providers/render/serviceProvider";
import { checkService } from "../../providers/render/serviceCheck";
import { Harness, byRoute, emptyConfigure, startHarness } from "./harness";

function inputsOf<T>(result: { inputs?: T; failures?: unknown[] }): T {
  if (!result.inputs) throw new Error(JSON.stringify(result.failures));
  return result.inputs;
}

describe("Disk, EnvGroup, CustomDomain and Project providers against the emulator", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    for (const p of [serviceProvider, diskProvider, envGroupProvider, customDomainProvider, projectProvider]) {
      await p.configure(emptyConfigure);
    }
  });
  afterAll(() => h.close());

  async function service(name: string, extra: Record<string, unknown> = {}): Promise<string> {
    const inputs = inputsOf(checkService({
      type: "web_service", name, runtime: "node", repo: "https://github.com/acme/web",
      buildCommand: "npm ci", startCommand: "node server.js", ...extra,
    }));
    return (await serviceProvider.create(inputs)).id;
  }

  it("attaches a disk, grows it with one PATCH and refuses to shrink it", async () => {
    const serviceId = await service("disk-host");
    const inputs = inputsOf(checkDisk({}, { serviceId, name: "data", mountPath: "/opt/render/project/src/data" }));
    await h.clearRequests();
    const { id, outs } = await diskProvider.create(inputs);
    const calls = byRoute(await h.requests());
    expect(calls).toMatchObject({ "POST /v1/disks": 1, "POST /v1/services/{serviceId}/deploys": 1 });
    expect(await h.stored("disks", id)).toMatchObject({ serviceId, name: "data", sizeGB: 1 });
    expect((await readPlain(diskProvider, id)).inputs).toEqual(inputs);

    const grown = inputsOf(checkDisk({ ...outs }, { ...inputs, sizeGB: 10 }));
    await h.clearRequests();
    await diskProvider.update(id, outs, grown);
    expect(byRoute(await h.requests())).toEqual({ "PATCH /v1/disks/{diskId}": 1 });
    expect((await h.stored("disks", id))?.sizeGB).toBe(10);

    expect(() => diffDisk({ ...grown }, { ...grown, sizeGB: 5 })).toThrow(
      'disk "data": sizeGB 5 < current 10; Render disks only grow. Keep 10 or create a new disk.');
    await diskProvider.delete(id);
    await diskProvider.delete(id);
    await expect(readPlain(diskProvider, id)).resolves.toEqual({ id: "" });
  });

  it("refuses a disk on a service running several instances before writing anything", async () => {
    const serviceId = await service("disk-scaled", { plan: "standard", numInstances: 2 });
    await h.clearRequests();
    await expect(diskProvider.create(inputsOf(checkDisk({}, { serviceId, name: "data", mountPath: "/data" }))))
      .rejects.toThrow(/runs several instances \(numInstances 2\); a disk pins a service to one instance/);
    expect((await h.requests()).total - (await h.requests()).byMethod.GET).toBe(0);
  });

  it("creates an env group linked to a service and updates only the keys that changed", async () => {
    const serviceId = await service("grouped");
    const inputs = inputsOf(checkEnvGroup({ name: "shared", envVars: { A: "1", B: "2" }, secretFiles: { "k.pem": "x" }, serviceIds: [serviceId] }));
    await h.clearRequests();
    const { id, outs } = await envGroupProvider.create(inputs);
    expect((await h.requests()).byMethod.POST).toBe(1);
    expect((await readPlain(envGroupProvider, id)).inputs).toEqual(inputs);

    const news = inputsOf(checkEnvGroup({ name: "shared", envVars: { A: "1", C: "3" }, secretFiles: { "k.pem": "x" }, serviceIds: [] }));
    expect(diffEnvGroup(outs as never, news as never)).toMatchObject({ changes: true, changed: ["envVars", "serviceIds"] });
    await h.clearRequests();
    await envGroupProvider.update(id, outs, news);
    expect(byRoute(await h.requests())).toEqual({
      "PUT /v1/env-groups/{envGroupId}/env-vars/{envVarKey}": 1,
      "DELETE /v1/env-groups/{envGroupId}/env-vars/{envVarKey}": 1,
      "DELETE /v1/env-groups/{envGroupId}/services/{serviceId}": 1,
    });
    expect((await readPlain(envGroupProvider, id)).inputs).toEqual(news);
    await envGroupProvider.delete(id);
    await envGroupProvider.delete(id);
    await expect(readPlain(envGroupProvider, id)).resolves.toEqual({ id: "" });
  });

  it("adds a standalone custom domain, imports it by <serviceId>/<name> and removes it", async () => {
    const serviceId = await service("domain-host");
    const inputs = inputsOf(checkCustomDomain({ serviceId, name: "shop.example.org" }));
    const { id, outs } = await customDomainProvider.create(inputs);
    expect(id).toBe(`${serviceId}/shop.example.org`);
    expect(outs).toMatchObject({ serviceId, name: "shop.example.org", verificationStatus: "unverified" });
    expect(outs.domainId).toMatch(/^cdm-/);
    const imported = await readPlain(customDomainProvider, id);
    expect(imported).toEqual({ id, props: outs, inputs });
    await customDomainProvider.delete(id);
    await customDomainProvider.delete(id);
    await expect(readPlain(customDomainProvider, id)).resolves.toEqual({ id: "" });
  });

  it("creates a project, adds an environment, and refuses to delete one that holds a service", async () => {
    const inputs = inputsOf(checkProject({ name: "shop", environments: [{ name: "production", protectedStatus: "protected" }] }));
    const { id, outs } = await projectProvider.create(inputs);
    expect(Object.keys(outs.environmentIds)).toEqual(["production"]);
    expect((await readPlain(projectProvider, id)).inputs).toEqual(inputs);

    const withStaging = inputsOf(checkProject({ name: "shop", environments: [{ name: "production", protectedStatus: "protected" }, { name: "staging" }] }));
    await h.clearRequests();
    const { outs: grown } = await projectProvider.update(id, outs as ProjectOutputs, withStaging);
    expect(byRoute(await h.requests())).toEqual({ "POST /v1/environments": 1 });
    expect(Object.keys(grown.environmentIds).sort()).toEqual(["production", "staging"]);

    await service("staged", { environmentId: grown.environmentIds.staging });
    await expect(projectProvider.update(id, grown, inputs)).rejects.toThrow(/environment "staging" .* still holds srv-/);
    await expect(projectProvider.delete(id)).rejects.toThrow(/still holds srv-/);
    expect(await h.stored("projects", id)).toMatchObject({ name: "shop" });
  });
});

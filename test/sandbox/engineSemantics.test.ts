/**
 * Engine semantics the sandbox's deployment mirrors, each named after the engine function (pulumi/pulumi
 * pkg/resource/deploy) it copies; a scripted plugin stands in for the dynamic-provider plugin.
 */
import { Deployment } from "../../sandbox/deployment";
import type { PluginHost } from "../../sandbox/pluginHost";
import type { Registration } from "../../sandbox/protocol";
import { Redactor } from "../../sandbox/redactor";
import type { ResourceState, StackState } from "../../sandbox/stateStore";
import type { PropertyMap } from "../../sandbox/wire";

const urn = (name: string) => `urn:pulumi:dev::p::pulumi-nodejs:dynamic:Resource::${name}`;

function resource(name: string, id: string, inputs: PropertyMap, extra: Partial<ResourceState> = {}): ResourceState {
  return {
    urn: urn(name), type: "pulumi-nodejs:dynamic:Resource", custom: true, id, inputs: { ...inputs, __provider: "p" },
    outputs: { ...inputs, __provider: "p" }, dependencies: [], protect: false, retainOnDelete: false,
    deleteBeforeReplace: false, additionalSecretOutputs: [], ...extra,
  };
}

function registration(name: string, inputs: PropertyMap, dependencies: string[] = []): Registration {
  return {
    urn: urn(name), type: "pulumi-nodejs:dynamic:Resource", name, custom: true, inputs: { ...inputs, __provider: "p" },
    dependencies, deleteBeforeReplace: false, additionalSecretOutputs: [], ignoreChanges: [], aliases: [], outputNames: [],
  };
}

/** A plugin whose `region` forces a delete-before-replace and whose `owner` forces a replace; it logs writes. */
function scriptedPlugin(calls: string[]): PluginHost {
  let next = 0;
  const plugin = {
    check: async (_urn: string, _olds: PropertyMap, news: PropertyMap) => ({ inputs: news, failures: [] }),
    diff: async (_id: string, _urn: string, olds: PropertyMap, news: PropertyMap) => {
      const replaces = ["region", "owner"].filter((k) => k in news && news[k] !== olds[k]);
      const changed = Object.keys(news).some((k) => news[k] !== olds[k]);
      return { changes: changed ? "some" : "none", replaces, deleteBeforeReplace: replaces.includes("region") };
    },
    create: async (u: string, props: PropertyMap) => {
      const id = `${u.split("::").pop()}-${++next}`;
      calls.push(`create ${id}`);
      return { id, properties: props };
    },
    update: async (id: string) => { calls.push(`update ${id}`); return {}; },
    delete: async (id: string) => { calls.push(`delete ${id}`); },
  };
  return plugin as unknown as PluginHost;
}

function deployment(resources: ResourceState[], calls: string[], preview = false): Deployment {
  const old: StackState = { version: 1, project: "p", stack: "dev", resources };
  return new Deployment({ preview, plugin: scriptedPlugin(calls), old, redactor: new Redactor() });
}

describe("delete-before-replace (stepGenerator.calculateDependentReplacements)", () => {
  const disk = () => resource("disk", "dsk-1", { owner: "srv-1", size: 10 }, { dependencies: [urn("service")] });
  const service = () => resource("service", "srv-1", { region: "oregon" });
  const other = () => resource("other", "oth-1", { owner: "x" });

  it("deletes the dependents it replaces before the resource, then recreates them", async () => {
    const calls: string[] = [];
    const d = deployment([service(), disk(), other()], calls);
    const created = await d.register(registration("service", { region: "ohio" }));
    expect(calls).toEqual(["delete dsk-1", "delete srv-1", `create ${created.id}`]);
    await d.register(registration("disk", { owner: created.id, size: 10 }, [urn("service")]));
    await d.register(registration("other", { owner: "x" }));
    await d.deleteUnused();
    expect(calls.slice(3)).toEqual([expect.stringMatching(/^create disk-/)]);
    expect(d.errors).toEqual([]);
    expect(d.steps.map((s) => `${s.action} ${s.name}`)).toEqual(["delete disk", "replace service", "replace disk", "same other"]);
    expect(d.state().resources.map((r) => r.id)).toEqual(expect.arrayContaining([created.id, expect.stringMatching(/^disk-/), "oth-1"]));
    expect(d.state().resources.filter((r) => r.custom).map((r) => r.id)).not.toContain("dsk-1");
  });

  it("refuses up front when a dependent it would replace is protected, and deletes nothing", async () => {
    const calls: string[] = [];
    const d = deployment([service(), { ...disk(), protect: true }], calls);
    const err = await d.register(registration("service", { region: "ohio" })).catch((e: Error) => e);
    expect((err as Error).message).toContain(`"${urn("disk")}", which depends on it and is replaced with it, is marked for protection`);
    expect(calls).toEqual([]);
  });

  it("leaves a dependent alone when the diff does not replace it", async () => {
    const calls: string[] = [];
    const unrelated = resource("note", "nte-1", { size: 1 }, { dependencies: [urn("service")] });
    const d = deployment([service(), unrelated], calls);
    const created = await d.register(registration("service", { region: "ohio" }));
    expect(calls).toEqual(["delete srv-1", `create ${created.id}`]);
  });
});

describe("protected deletes (DeleteStep.Apply, deletes scheduled by stepGenerator.ScheduleDeletes)", () => {
  it("does not stop the other deletes; the run fails at the end and keeps what the protected one depends on", async () => {
    const calls: string[] = [];
    const base = resource("base", "bas-1", {});
    const guarded = resource("guarded", "grd-1", {}, { protect: true, dependencies: [urn("base")] });
    const loose = resource("loose", "lse-1", {});
    const d = deployment([base, guarded, loose], calls);
    await d.deleteUnused();
    expect(calls).toEqual(["delete lse-1"]);
    expect(d.errors).toEqual([
      expect.stringContaining(`unable to delete resource "${urn("guarded")}"\nas it is currently marked for protection`),
      expect.stringContaining("not deleted: a resource that depends on it was not deleted"),
    ]);
    expect(d.state().resources.map((r) => r.id)).toEqual(["bas-1", "grd-1"]);
  });
});

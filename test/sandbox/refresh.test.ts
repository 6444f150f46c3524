/**
 * `--refresh`: every Render resource in the state is read before planning; here `refreshState` runs against a
 * plugin that answers reads from a table (refreshDrift.test.ts runs it end to end).
 */
import type { PluginHost, ReadResult } from "../../sandbox/pluginHost";
import { Redactor } from "../../sandbox/redactor";
import { refreshState } from "../../sandbox/refresh";
import type { ResourceState, StackState } from "../../sandbox/stateStore";
import { secret, type PropertyMap } from "../../sandbox/wire";

const DYNAMIC = "pulumi-nodejs:dynamic/render:Service";

function resource(name: string, outputs: PropertyMap, extra: Partial<ResourceState> = {}): ResourceState {
  return {
    urn: `urn:pulumi:dev::p::${DYNAMIC}::${name}`, type: DYNAMIC, custom: true, id: `id-${name}`, inputs: { name }, outputs,
    dependencies: [], protect: false, retainOnDelete: false, deleteBeforeReplace: false, additionalSecretOutputs: [], ...extra,
  };
}

/** A plugin whose reads answer from `render` (id → properties; absent = gone), recording each read. */
function fakePlugin(render: Record<string, PropertyMap>) {
  const reads: string[] = [];
  const plugin = {
    read: async (id: string): Promise<ReadResult> => {
      reads.push(id);
      return id in render ? { id, properties: render[id] } : { id: "", properties: {} };
    },
  } as unknown as PluginHost;
  return { plugin, reads };
}

describe("refreshState", () => {
  it("takes Render's current outputs for every Render resource and drops the ones Render no longer has", async () => {
    const state: StackState = { version: 1, project: "p", stack: "dev", resources: [
      resource("web", { plan: "starter" }),
      resource("gone", { plan: "starter" }),
    ] };
    const { plugin, reads } = fakePlugin({ "id-web": { plan: "standard" } });

    const gone = await refreshState(plugin, state, new Redactor());

    expect(reads).toEqual(["id-web", "id-gone"]);
    expect(gone).toEqual([`urn:pulumi:dev::p::${DYNAMIC}::gone`]);
    expect(state.resources.map((r) => [r.id, r.outputs])).toEqual([["id-web", { plan: "standard" }]]);
    expect(state.resources[0].inputs).toEqual({ name: "web" });
  });

  it("reads nothing but Render resources that exist and are not waiting for deletion", async () => {
    const bucket = resource("bucket", { acl: "private" }, { type: "aws:s3/bucket:Bucket", urn: "urn:pulumi:dev::p::aws:s3/bucket:Bucket::bucket" });
    const component = resource("stack", {}, { type: "hosting:index:Stack", custom: false, id: undefined });
    const unborn = resource("unborn", {}, { id: undefined });
    const old = resource("old", { plan: "starter" }, { pendingDelete: true });
    const state: StackState = { version: 1, project: "p", stack: "dev", resources: [bucket, component, unborn, old] };
    const { plugin, reads } = fakePlugin({});

    expect(await refreshState(plugin, state, new Redactor())).toEqual([]);
    expect(reads).toEqual([]);
    expect(state.resources).toEqual([bucket, component, unborn, old]);
  });

  it("keeps secret outputs secret and teaches the redactor their new values", async () => {
    const state: StackState = { version: 1, project: "p", stack: "dev", resources: [
      resource("db", { password: secret("old-password-1"), host: "h" }, { additionalSecretOutputs: ["connectionString"] }),
    ] };
    const { plugin } = fakePlugin({ "id-db": { password: "new-password-2", connectionString: "postgres://u:new-password-2@h/db", host: "h2" } });
    const redactor = new Redactor();

    await refreshState(plugin, state, redactor);

    expect(state.resources[0].outputs).toEqual({
      password: secret("new-password-2"), connectionString: secret("postgres://u:new-password-2@h/db"), host: "h2",
    });
    expect(redactor.redact("pw new-password-2")).toBe("pw [secret]");
  });
});

/**
 * Refresh and import store what `read` returns as the resource's inputs, as the engine does: refresh re-marks as
 * secret only the keys that were secret before, import marks nothing, and a value `read` returns wrapped as a
 * secret stays one either way. The plugin is a stand-in that answers Read like the real one (plain JSON).
 */
import type { PluginHost, ReadResult } from "../../sandbox/pluginHost";
import { importResources, parseImportSpec } from "../../sandbox/importResources";
import { Redactor } from "../../sandbox/redactor";
import { refreshState } from "../../sandbox/refresh";
import type { ResourceState, StackState } from "../../sandbox/stateStore";
import { isSecret, secret } from "../../sandbox/wire";
import { wireSecret } from "../../providers/render/secretWire";

const TYPE = "pulumi-nodejs:dynamic/render:Service";

function host(read: (id: string) => ReadResult): PluginHost {
  return { read: async (id: string) => read(id) } as unknown as PluginHost;
}

function service(inputs: Record<string, unknown>): ResourceState {
  return {
    urn: `urn:pulumi:dev::render-stages::${TYPE}::dev-web`, type: TYPE, custom: true, id: "srv-1",
    inputs: { __provider: "code", ...inputs }, outputs: { __provider: "code", ...inputs }, dependencies: [], protect: false,
    retainOnDelete: false, deleteBeforeReplace: false, additionalSecretOutputs: ["envVars"],
  };
}

const stateOf = (...resources: ResourceState[]): StackState => ({
  version: 1, project: "render-stages", stack: "dev",
  resources: [{ urn: "urn:pulumi:dev::render-stages::pulumi:pulumi:Stack::render-stages-dev", type: "pulumi:pulumi:Stack", custom: false,
    inputs: {}, outputs: {}, dependencies: [], protect: false, retainOnDelete: false, deleteBeforeReplace: false, additionalSecretOutputs: [] }, ...resources],
} as StackState);

describe("refresh", () => {
  it("stores read's inputs, re-marking the keys that were secret and keeping what read returns as secret", async () => {
    const state = stateOf(service({ name: "web", envVars: secret({ API_TOKEN: "tok-123456789" }), secretFiles: {} }));
    const read = host(() => ({
      id: "srv-1",
      properties: { __provider: "code", name: "web-renamed", envVars: { API_TOKEN: "tok-123456789", NEW: "oob-secret-value" } },
      inputs: { __provider: "code", name: "web-renamed", envVars: { API_TOKEN: "tok-123456789", NEW: "oob-secret-value" },
        secretFiles: wireSecret({ "creds.json": "file-secret-value" }) },
    }));
    expect(await refreshState(read, state, new Redactor())).toEqual([]);
    const inputs = state.resources[1].inputs;
    expect(inputs.name).toBe("web-renamed");
    expect(inputs.envVars).toEqual(secret({ API_TOKEN: "tok-123456789", NEW: "oob-secret-value" }));
    expect(isSecret(inputs.secretFiles)).toBe(true);
  });
});

describe("import", () => {
  it("reads by id with the provider code the state holds, stores read's inputs and keeps read's secrets secret", async () => {
    const state = stateOf(service({ name: "web" }));
    const read = host((id) => ({
      id,
      properties: { __provider: "code", name: "other", envVars: wireSecret({ SECRET_KEY: "generated-secret-value" }) },
      inputs: { __provider: "code", name: "other", envVars: wireSecret({ SECRET_KEY: "generated-secret-value" }) },
    }));
    const { imported, errors } = await importResources(read, state, new Redactor(), [parseImportSpec("render:Service=adopted=srv-2")]);
    expect(errors).toEqual([]);
    expect(imported.map((r) => [r.urn, r.id])).toEqual([[`urn:pulumi:dev::render-stages::${TYPE}::adopted`, "srv-2"]]);
    expect(imported[0].inputs.name).toBe("other");
    expect(isSecret(imported[0].inputs.envVars)).toBe(true);
    expect(isSecret(imported[0].outputs.envVars)).toBe(true);
    expect(state.resources).toHaveLength(3);
  });

  it("says what is wrong with a spec, an unknown type and a missing object", async () => {
    expect(() => parseImportSpec("render:Service=adopted")).toThrow('--import: "render:Service=adopted" is not TYPE=NAME=ID');
    const state = stateOf(service({ name: "web" }));
    const gone = host(() => ({ id: "", properties: {} }));
    const res = await importResources(gone, state, new Redactor(), [parseImportSpec("render:Disk=d=dsk-1"), parseImportSpec("render:Service=s=srv-9")]);
    expect(res.errors).toEqual([
      'import pulumi-nodejs:dynamic/render:Disk "d": the state holds no pulumi-nodejs:dynamic/render:Disk whose provider code could read it; run an update that registers one first (types in the state: render:Service).',
      'import pulumi-nodejs:dynamic/render:Service "s": srv-9 does not exist.',
    ]);
    expect(state.resources).toHaveLength(2);
  });
});

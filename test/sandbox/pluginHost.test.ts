import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { PluginHost, ResourceInitError, PluginCallError, startPluginHost } from "../../sandbox/pluginHost";
import { UNKNOWN } from "../../sandbox/wire";
import { serializeProvider } from "../helpers/plugin";

const ROOT = path.resolve(__dirname, "../..");
const URN = "urn:pulumi:test::render-stages::pulumi-nodejs:dynamic:Resource::thing";

interface ThingInputs { name: string; size: number; failInit?: boolean; refuseDelete?: boolean }

const provider: pulumi.dynamic.ResourceProvider & { label?: string } = {
  async configure(req: pulumi.dynamic.ConfigureRequest) {
    this.label = `${req.config.get("label")}/${process.env.RENDER_API_URL}`;
  },
  async check(_olds: ThingInputs, news: ThingInputs) {
    const size = news.size === undefined ? 1 : news.size;
    const failures = typeof size === "number" || (size as unknown) === "04da6b54-80e4-46f7-96ec-b56ff0331ba9" ? []
      : [{ property: "size", reason: `size: ${JSON.stringify(size)} is not a number` }];
    return { inputs: { ...news, size }, failures };
  },
  async diff(_id: string, olds: ThingInputs, news: ThingInputs) {
    const replaces = olds.name === news.name ? [] : ["name"];
    return { changes: olds.size !== news.size || replaces.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 };
  },
  async create(inputs: ThingInputs) {
    if (inputs.failInit) {
      throw Object.assign(new Error(`thing ${inputs.name} never became ready`),
        { id: `thing-${inputs.name}`, properties: { ...inputs, status: "failed" }, reasons: ["deploy failed"] });
    }
    return { id: `thing-${inputs.name}`, outs: { ...inputs, label: this.label } };
  },
  async read(id: string, props: ThingInputs) {
    return id === "thing-gone" ? { id: "", props: {} } : { id, props: { ...props, refreshed: true } };
  },
  async update(_id: string, _olds: ThingInputs, news: ThingInputs) {
    return { outs: { ...news, label: this.label, updated: true } };
  },
  async delete(id: string, props: ThingInputs) {
    if (props.refuseDelete) throw new Error(`thing ${id} is still in use`);
  },
};

describe("startPluginHost", () => {
  let host: PluginHost;
  let code: string;

  beforeAll(async () => {
    code = await serializeProvider(provider);
    host = await startPluginHost({ cwd: ROOT, project: "render-stages", env: { RENDER_API_URL: "http://127.0.0.1:9/v1" } });
    await host.configure({ "render-stages:label": "from-config" });
  });
  afterAll(async () => host.close());

  it("checks inputs, filling defaults and keeping __provider", async () => {
    const res = await host.check(URN, {}, { __provider: code, name: "a" });
    expect(res).toEqual({ inputs: { __provider: code, name: "a", size: 1 }, failures: [] });
  });

  it("reports check failures with property and reason", async () => {
    const res = await host.check(URN, {}, { __provider: code, name: "a", size: "big" });
    expect(res.failures).toEqual([{ property: "size", reason: 'size: "big" is not a number' }]);
  });

  it("passes unknown values through check during preview", async () => {
    const res = await host.check(URN, {}, { __provider: code, name: "a", size: UNKNOWN });
    expect(res).toEqual({ inputs: { __provider: code, name: "a", size: UNKNOWN }, failures: [] });
  });

  it("maps diff results to some, none and replace with delete-before-replace", async () => {
    const olds = { __provider: code, name: "a", size: 1 };
    expect(await host.diff("thing-a", URN, olds, { ...olds })).toEqual({ changes: "none", replaces: [], deleteBeforeReplace: false });
    expect(await host.diff("thing-a", URN, olds, { ...olds, size: 2 })).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
    expect(await host.diff("thing-a", URN, olds, { ...olds, name: "b" })).toEqual({ changes: "some", replaces: ["name"], deleteBeforeReplace: true });
  });

  it("creates with the configured provider and unwraps secret inputs", async () => {
    const secretName = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "s" };
    const res = await host.create(URN, { __provider: code, name: secretName, size: 2 });
    expect(res).toEqual({
      id: "thing-s",
      properties: { __provider: code, name: "s", size: 2, label: "from-config/http://127.0.0.1:9/v1" },
    });
  });

  it("echoes inputs without calling the plugin for a preview create", async () => {
    const props = { __provider: code, name: "a", size: 1, failInit: true };
    expect(await host.create(URN, props, { preview: true })).toEqual({ id: "", properties: props });
  });

  it("surfaces an init failure with the created id, properties and reasons", async () => {
    const err = await host.create(URN, { __provider: code, name: "half", size: 1, failInit: true }).catch((e) => e);
    expect(err).toBeInstanceOf(ResourceInitError);
    expect(err).toMatchObject({
      message: "thing half never became ready", method: "Create", id: "thing-half",
      properties: { name: "half", size: 1, failInit: true, status: "failed" }, reasons: ["deploy failed"],
    });
  });

  it("reads, including a resource that is gone", async () => {
    const props = { __provider: code, name: "a", size: 1 };
    expect(await host.read("thing-a", URN, props)).toEqual({ id: "thing-a", properties: { ...props, refreshed: true }, inputs: undefined });
    expect((await host.read("thing-gone", URN, props)).id).toBe("");
  });

  it("updates and returns the new outputs", async () => {
    const olds = { __provider: code, name: "a", size: 1 };
    const outs = await host.update("thing-a", URN, olds, { ...olds, size: 3 });
    expect(outs).toEqual({ __provider: code, name: "a", size: 3, label: "from-config/http://127.0.0.1:9/v1", updated: true });
  });

  it("deletes, and reports a provider error as a plain call error", async () => {
    await expect(host.delete("thing-a", URN, { __provider: code, name: "a", size: 1 })).resolves.toBeUndefined();
    const err = await host.delete("thing-b", URN, { __provider: code, name: "b", size: 1, refuseDelete: true }).catch((e) => e);
    expect(err).toBeInstanceOf(PluginCallError);
    expect(err).not.toBeInstanceOf(ResourceInitError);
    expect(err.message).toBe("thing thing-b is still in use");
  });
});

import * as path from "path";
import { checkpointBytesPerResource } from "../../bench/checkpointBytes";
import { hostEnvironment, loadOnce } from "../../bench/programLoad";

const ROOT = path.resolve(__dirname, "../..");

describe("programLoad", () => {
  it("gives the program what the language host gives it: TypeScript from Pulumi.yaml, the stage 0 dev config", () => {
    const env = hostEnvironment(ROOT, "dev", 0);
    expect(env.PULUMI_NODEJS_TYPESCRIPT).toBe("true");
    expect(JSON.parse(env.PULUMI_CONFIG)["render-stages:stage"]).toBe("0");
    expect(env.PULUMI_NODEJS_PROJECT).toBe("render-stages");
    expect(env.PULUMI_NODEJS_STACK).toBe("dev");
  });

  it("loads index.ts through the host's own loader, transpile-only, without the cloud SDKs at stage 0", async () => {
    const load = await loadOnce(ROOT, "dev");
    expect(load.resources).toBeGreaterThan(3);
    expect(load.sdks).toEqual([]);
    expect(load.ms).toBeGreaterThan(0);
    expect(load.rssMb).toBeGreaterThan(0);
  }, 180_000);
});

describe("checkpointBytesPerResource", () => {
  it("averages the compact entries of dynamic resources only", () => {
    const a = { urn: "u:a", custom: true, type: "pulumi-nodejs:dynamic/render:Service", inputs: { __provider: "x".repeat(100) } };
    const b = { urn: "u:b", custom: true, type: "pulumi-nodejs:dynamic/render:Disk" };
    const other = { urn: "u:s", custom: false, type: "pulumi:pulumi:Stack", outputs: { big: "y".repeat(10_000) } };
    const text = JSON.stringify({ version: 3, deployment: { resources: [other, a, b] } }, null, 2);
    const expected = (JSON.stringify(a).length + JSON.stringify(b).length) / 2;
    expect(checkpointBytesPerResource(text)).toBe(Math.round(expected * 100) / 100);
    expect(() => checkpointBytesPerResource(JSON.stringify({ version: 1, resources: [] }))).toThrow("expected 3");
  });
});

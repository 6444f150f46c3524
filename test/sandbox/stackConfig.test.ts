import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadProject, loadStackConfig, resolveStackFile, secretEnvName } from "../../sandbox/stackConfig";

describe("secretEnvName", () => {
  test.each([
    ["render-stages:renderApiKey", "SANDBOX_SECRET_RENDER_API_KEY"],
    ["render-stages:db-password", "SANDBOX_SECRET_DB_PASSWORD"],
    ["cloudflare:apiToken", "SANDBOX_SECRET_CLOUDFLARE_API_TOKEN"],
  ])("names %s %s", (key, name) => {
    expect(secretEnvName("render-stages", key)).toBe(name);
  });
});

describe("loadStackConfig", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-config-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: proj\nruntime: nodejs\nconfig:\n  stage:\n    default: 0\n  region: oregon\n");
  fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), [
    "config:", "  proj:stage: 2", "  proj:apps:", "    web: { plan: starter }", "  proj:enabled: true",
    "  proj:apiKey:", "    secure: v1:xyz", "  proj:other:", "    secure: v1:abc", "  aws:region: us-east-1", "",
  ].join("\n"));
  const project = loadProject(dir);

  it("namespaces keys, stringifies values like the CLI, applies defaults and the stage override", () => {
    const cfg = loadStackConfig(project, "dev", { env: { SANDBOX_SECRET_API_KEY: "from-env" }, overrides: { stage: 4 } });
    expect(cfg.config).toEqual({
      "proj:stage": "4", "proj:region": "oregon", "proj:apps": '{"web":{"plan":"starter"}}', "proj:enabled": "true",
      "proj:apiKey": "from-env", "proj:other": expect.stringMatching(/^sandbox-[0-9a-f]{24}$/), "aws:region": "us-east-1",
    });
    expect(cfg.secretKeys).toEqual(["proj:apiKey", "proj:other"]);
    expect(cfg.placeholders).toEqual(["proj:other"]);
  });

  it("gives a secret without a variable the same placeholder on every run of a stack", () => {
    expect(loadStackConfig(project, "dev", { env: {} }).config["proj:other"])
      .toBe(loadStackConfig(project, "dev", { env: {} }).config["proj:other"]);
  });

  it("reads a stack file given by path and names the stack after it", () => {
    expect(resolveStackFile(project, "/tmp/x/Pulumi.solo.yaml")).toEqual({ stack: "solo", file: "/tmp/x/Pulumi.solo.yaml" });
  });

  it("says which stack file is missing", () => {
    expect(() => loadStackConfig(project, "qa")).toThrow(`stack "qa": ${path.join(dir, "Pulumi.qa.yaml")} does not exist`);
  });
});

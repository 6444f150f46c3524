import { REPO_ROOT } from "../../sandbox/engine";
import { Redactor } from "../../sandbox/redactor";
import { costConfig, stackCost } from "../../sandbox/stackCost";
import { loadProject, loadStackConfig } from "../../sandbox/stackConfig";
import { secret } from "../../sandbox/wire";

const project = loadProject(REPO_ROOT);
const devConfig = (stage: number) => loadStackConfig(project, "dev", { env: {}, overrides: { stage } }).config;
const STAGE0_OUTPUTS = { stage: 0, statefulResources: [{ kind: "disk", name: "dev-web-disk" }] };

describe("stackCost", () => {
  it("prices a fresh dev stack at stage 0 without a change line", () => {
    const { cost, text } = stackCost({ project: project.name, stack: "dev", config: devConfig(0), previousOutputs: {}, changed: true });
    expect(cost).toEqual({
      total: 9.5, currency: "USD", lines: [
        { resource: "apps.web", kind: "web service", plan: "starter", monthly: 7 },
        { resource: "apps.web.disk", kind: "disk 10 GB", plan: "10 GB", monthly: 2.5 },
      ],
    });
    expect(text?.split("\n")[0]).toBe("Monthly cost: $9.50");
    expect(text).toContain("\n    apps.web.disk  disk 10 GB   10 GB    $2.50");
  });

  it("prices stage 2 over a stage 0 stack as `npm run cost -- --stage 2 --base` does, keeping the retired disk", () => {
    const { cost, text } = stackCost({
      project: project.name, stack: "dev", config: devConfig(2), previousConfig: devConfig(0),
      previousOutputs: STAGE0_OUTPUTS, changed: true,
    });
    // Starter web service $7 + starter Postgres $7 + the retired 10 GB disk at $0.25/GB; before: $7 + $2.50.
    expect(cost).toMatchObject({ total: 16.5, before: 9.5, change: 7 });
    expect(cost?.lines.map((l) => [l.resource, l.monthly])).toEqual([["apps.web", 7], ["apps.web.disk", 2.5], ["database", 7]]);
    expect(text?.split("\n")[0]).toBe("Monthly cost: $9.50 → $16.50 (+$7.00)");
  });

  it("shows no change line when the plan changed nothing", () => {
    const { cost } = stackCost({
      project: project.name, stack: "dev", config: devConfig(0), previousConfig: devConfig(0),
      previousOutputs: STAGE0_OUTPUTS, changed: false,
    });
    expect(cost).not.toHaveProperty("before");
  });

  it("says nothing for a program whose config the cost model does not describe", () => {
    expect(stackCost({ project: "sandbox-fixture", stack: "dev", config: { "sandbox-fixture:size": "1" }, previousOutputs: {}, changed: true }))
      .toEqual({});
  });

  it("names a plan the price catalog lacks", () => {
    const key = `${project.name}:database`;
    const config = devConfig(2);
    config[key] = JSON.stringify({ ...JSON.parse(config[key]), plan: "pro_512gb" });
    const res = stackCost({ project: project.name, stack: "dev", config, previousOutputs: {}, changed: true });
    expect(res.cost).toBeUndefined();
    expect(res.text).toMatch(/^Monthly cost: not available: database\.plan: plan "pro_512gb" has no price in the catalog/);
  });
});

describe("costConfig", () => {
  it("keeps the program's non-secret config keys only, with known secret values masked", () => {
    const redactor = new Redactor();
    redactor.addSecretsIn(secret("s3cr3t-value"));
    const config = {
      "render-stages:stage": "2", "render-stages:namePrefix": "s3cr3t-value-x", "render-stages:renderApiKey": "rnd_key",
      "render-stages:apps": "{}", "cloudflare:apiToken": "tok",
    };
    expect(costConfig("render-stages", config, ["render-stages:apps"], redactor)).toEqual({
      "render-stages:stage": "2", "render-stages:namePrefix": "[secret]-x",
    });
  });
});

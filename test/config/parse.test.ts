import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { parseStackConfig, REGIONS, SERVICE_PLANS, RUNTIMES } from "../../components/config";
import { cronProblem } from "../../components/cron";
import { copy, stackAt, stackFileConfig } from "./fixtures";

describe("parseStackConfig on the stack files", () => {
  test.each([0, 1, 2, 3, 4, 5])("accepts the dev stack raised to stage %i", (stage) => {
    expect(stackAt(stage).stage).toBe(stage);
  });

  test.each([4, 5])("accepts the prod stack at stage %i", (stage) => {
    const config = stackAt(stage, "prod");
    expect(Object.fromEntries(Object.entries(config.apps).map(([k, a]) => [k, a.type]))).toEqual({
      site: "static", api: "web", renderer: "pserv", worker: "worker", nightly: "cron",
    });
    expect(config.protectData).toBe(true);
  });

  it("refuses the prod stack below stage 4 (its apps reference storage)", () => {
    expect(() => stackAt(3, "prod")).toThrow(/fromStorage: object storage exists from stage 4 on; this stack is at stage 3/);
  });

  it("fills defaults once, from the schema", () => {
    const config = parseStackConfig({
      stage: 0,
      apps: { web: { runtime: "python", repo: "https://github.com/x/y", startCommand: "run" } },
    }, { stackName: "staging" });
    expect(config.apps.web).toMatchObject({ type: "web", autoDeploy: true, domains: [], env: {}, secretEnv: {}, envGroups: [] });
    expect(config).toMatchObject({
      namePrefix: "staging", protectData: false, region: "oregon",
      allowDataLoss: { disk: false, postgres: false, keyValue: false, bucket: false },
      database: { name: "db", plan: "basic_256mb", version: "16", highAvailability: false, readReplicas: [] },
      cache: { name: "cache", plan: "starter", maxmemoryPolicy: "allkeys-lru" },
    });
  });

  test.each([
    ["prod", undefined, true], ["prod-eu", undefined, true], ["production", undefined, true],
    ["dev", undefined, false], ["staging", undefined, false], ["dev", true, true], ["prod", false, false],
  ] as const)("protects data on stack %s with protectData %s: %s", (stackName, protectData, expected) => {
    const raw = copy(stackFileConfig("dev"));
    if (protectData !== undefined) raw.protectData = protectData;
    expect(parseStackConfig(raw, { stackName }).protectData).toBe(expected);
  });

  it("turns scalar env values into { value } and keeps references", () => {
    const config = stackAt(2, "dev", (raw) => {
      raw.apps.web.env.WORKERS = 2;
      raw.apps.web.env.DATABASE_URL = { fromDatabase: { property: "connectionString" } };
    });
    expect(config.apps.web.env.WORKERS).toEqual({ value: 2 });
    expect(config.apps.web.env.DATABASE_URL).toEqual({ fromDatabase: { property: "connectionString" } });
    expect(config.apps.web.env.FLASK_SECRET_KEY).toEqual({ generateValue: true });
  });

  it("exports the enums the cost and Blueprint code use", () => {
    expect([SERVICE_PLANS.length, REGIONS.length, RUNTIMES.length]).toEqual([6, 5, 8]);
  });
});

describe("Pulumi.yaml config declarations", () => {
  const project = parse(fs.readFileSync(path.join(__dirname, "..", "..", "Pulumi.yaml"), "utf8")) as {
    name: string; config: Record<string, { type?: unknown; default?: unknown; secret?: boolean }>;
  };

  it("keeps the project name", () => {
    expect(project.name).toBe("render-stages");
  });

  it("declares defaults equal to the schema's", () => {
    const config = parseStackConfig({ stage: 0, apps: stackFileConfig("dev").apps });
    const declared = Object.entries(project.config).filter(([, d]) => d.default !== undefined);
    expect(Object.fromEntries(declared.map(([k, d]) => [k, d.default])))
      .toEqual(Object.fromEntries(declared.map(([k]) => [k, (config as unknown as Record<string, unknown>)[k]])));
  });

  it("declares only keys the Pulumi CLI accepts: a simple type and a default, so none becomes required", () => {
    const bad = Object.entries(project.config)
      .filter(([, d]) => !["string", "integer", "boolean"].includes(String(d.type)) || d.default === undefined)
      .map(([k]) => k);
    expect(bad).toEqual([]);
  });
});

describe("cronProblem", () => {
  test.each(["0 3 * * *", "*/15 * * * *", "0 9-17 * * 1-5", "0,30 * 1 1,6 0", "5 4 * * 7"])("accepts %s", (s) => {
    expect(cronProblem(s)).toBeUndefined();
  });

  test.each([
    ["* * * *", "has 4 fields, needs 5 (minute hour day-of-month month day-of-week)"],
    ["0 24 * * *", `hour field "24" is not *, a number 0-23, a range or a step`],
    ["0 0 0 * *", `day of month field "0" is not *, a number 1-31, a range or a step`],
    ["0 0 * 13 *", `month field "13" is not *, a number 1-12, a range or a step`],
    ["*/0 * * * *", `minute field "*/0" is not *, a number 0-59, a range or a step`],
    ["0 5-2 * * *", `hour field "5-2" is not *, a number 0-23, a range or a step`],
    ["@daily * * * *", `minute field "@daily" is not *, a number 0-59, a range or a step`],
  ])("refuses %s", (s, why) => {
    expect(cronProblem(s)).toBe(why);
  });
});

import * as s from "../../providers/render/schemas";
import { backgroundWorker, cronJob, customDomain, disk, envGroup, keyValue, postgres, postgresConnectionInfo, privateService, staticSite, webService } from "./fixtures";

describe("Render response schemas", () => {
  it.each([
    ["web_service", webService(), "url", "https://api.onrender.com"],
    ["private_service", privateService(), "url", "db-owner:10000"],
    ["background_worker", backgroundWorker(), "numInstances", 2],
    ["cron_job", cronJob(), "schedule", "0 3 * * *"],
    ["static_site", staticSite(), "publishPath", "dist"],
  ])("parses a %s with its own serviceDetails", (type, body, field, value) => {
    const service = s.serviceSchema().parse(body);

    expect(service.type).toBe(type);
    expect((service.serviceDetails as Record<string, unknown>)[field]).toEqual(value);
  });

  it("narrows serviceDetails by type", () => {
    const service = s.serviceSchema().parse(webService());
    const disk = service.type === "web_service" ? service.serviceDetails.disk : undefined;

    expect(disk).toEqual({ id: "dsk-000000000000000000001", mountPath: "/data", name: "data", sizeGB: 1 });
  });

  it("turns lists Render sends as null into empty lists", () => {
    expect(s.serviceSchema().parse(privateService()).serviceDetails).toMatchObject({ openPorts: [], disk: null });
    expect(s.postgresSchema().parse(postgres())).toMatchObject({ ipAllowList: [], readReplicas: [], suspenders: [] });
    expect(s.keyValueSchema().parse(keyValue()).ipAllowList).toEqual([]);
    expect(s.envGroupSchema().parse(envGroup()).secretFiles).toEqual([]);
    expect(s.environmentSchema().parse({
      databasesIds: null, envGroupIds: null, id: "evm-1", name: "prod", networkIsolationEnabled: false,
      projectId: "prj-1", protectedStatus: "protected", redisIds: null, serviceIds: null,
    })).toMatchObject({ databasesIds: [], envGroupIds: [], redisIds: [], serviceIds: [], ipAllowList: [] });
  });

  it("keeps fields it does not know", () => {
    const body = { ...postgres(), diskAutoscalingEnabled: true, parameterOverrides: { work_mem: "8MB" } };

    expect(s.postgresSchema().parse(body)).toMatchObject({ parameterOverrides: { work_mem: "8MB" } });
    expect(s.serviceSchema().parse({ ...webService(), autoDeployTrigger: "commit", brandNew: 1 })).toMatchObject({ brandNew: 1 });
  });

  it("rejects a service type it does not know, naming the field", () => {
    const result = s.serviceSchema().safeParse({ ...webService(), type: "workflow" });

    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(["type"]);
  });

  it.each([
    ["disk", s.diskSchema, disk(), { sizeGB: 2, serviceId: "srv-web000000000000000000" }],
    ["custom domain", s.customDomainSchema, customDomain("www.example.com", "example.com"), { redirectForName: "example.com", verificationStatus: "unverified" }],
    ["Postgres connection info", s.postgresConnectionInfoSchema, postgresConnectionInfo, { psqlCommand: postgresConnectionInfo.psqlCommand }],
    ["Key Value", s.keyValueSchema, keyValue(), { options: { maxmemoryPolicy: "allkeys_lfu", persistenceMode: "journal_snapshot" } }],
    ["autoscaling", s.autoscalingSchema, { enabled: true, min: 1, max: 3, criteria: { cpu: { enabled: true, percentage: 60 }, memory: { enabled: false, percentage: 70 } } }, { max: 3 }],
  ])("parses a %s", (_name, schema, body, expected) => {
    expect(schema().parse(body)).toMatchObject(expected);
  });

  it("builds a fresh schema on every call (no schema object lives at module level)", () => {
    expect(s.serviceSchema()).not.toBe(s.serviceSchema());
    const moduleValues = Object.values(s).filter((v) => typeof v !== "function");
    expect(moduleValues).toEqual([]);
  });
});

import { diffCustomDomain } from "../../providers/render/customDomainProvider";
import { diffDisk } from "../../providers/render/diskProvider";
import { diffEnvGroup } from "../../providers/render/envGroupProvider";
import { diffKeyValue } from "../../providers/render/keyValueProvider";
import { diffPostgres } from "../../providers/render/postgresProvider";
import { diffProject } from "../../providers/render/projectProvider";
import { diffService } from "../../providers/render/serviceProvider";
import { checkService } from "../../providers/render/serviceCheck";
import { UNKNOWN } from "../../providers/render/validate";

const web = checkService({
  type: "web_service", name: "api", runtime: "python", repo: "https://github.com/acme/api",
  buildCommand: "pip install", startCommand: "gunicorn app:app", envVars: { A: "1" },
}).inputs as unknown as Record<string, unknown>;
/** State = checked inputs plus computed outputs; diffs ignore the computed ones. */
const webState = { ...web, slug: "api-x1y2", url: "https://api-x1y2.onrender.com", generatedEnvVarValues: {} };

type Expected = { changes: boolean; replaces: string[]; changed: string[]; deleteBeforeReplace?: boolean };

describe("diffService", () => {
  test.each<[string, Record<string, unknown>, Expected]>([
    ["nothing", {}, { changes: false, replaces: [], changed: [] }],
    ["the plan", { plan: "standard" }, { changes: true, replaces: [], changed: ["plan"] }],
    ["the name (a rename keeps the service)", { name: "api-v2" }, { changes: true, replaces: [], changed: ["name"] }],
    ["the region", { region: "frankfurt" }, { changes: true, replaces: ["region"], changed: ["region"], deleteBeforeReplace: true }],
    ["the type", { type: "private_service" }, { changes: true, replaces: ["type"], changed: ["type"], deleteBeforeReplace: true }],
    ["one env var", { envVars: { A: "2" } }, { changes: true, replaces: [], changed: ["envVars"] }],
    ["an env var value unknown in preview", { envVars: { A: UNKNOWN } }, { changes: true, replaces: [], changed: ["envVars"] }],
    ["a region unknown in preview", { region: UNKNOWN }, { changes: true, replaces: ["region"], changed: ["region"], deleteBeforeReplace: true }],
    ["a branch left to Render", { branch: undefined }, { changes: false, replaces: [], changed: [] }],
  ])("reports a change of %s exactly", (_what, change, expected) => {
    expect(diffService(webState, { ...web, ...change })).toEqual(expected);
  });

  it("treats Render's canonical image path as the user's spelling", () => {
    const state = { ...webState, runtime: "image", image: "docker.io/library/nginx:latest" };
    expect(diffService(state, { ...web, runtime: "image", image: "nginx" })).toMatchObject({ changes: false });
    expect(diffService(state, { ...web, runtime: "image", image: "nginx:1.27" })).toMatchObject({ changes: true, changed: ["image"] });
  });

  it("leaves domains alone when the program does not manage them", () => {
    expect(diffService({ ...webState, customDomains: ["a.example.com"] }, web)).toMatchObject({ changes: false });
  });
});

describe("diff of the other resources", () => {
  const pg = { name: "db", plan: "basic_1gb", region: "oregon", version: "16", databaseName: "app", highAvailability: false, readReplicas: [], ipAllowList: [] };
  const pgState = { ...pg, databaseName: "app_ehyv", databaseUser: "app_user", diskSizeGB: 15, password: "pw" };

  test.each<[string, () => unknown, Expected]>([
    ["Postgres unchanged (suffixed name, Render-chosen user and size)", () => diffPostgres(pgState, pg), { changes: false, replaces: [], changed: [] }],
    ["Postgres plan", () => diffPostgres(pgState, { ...pg, plan: "pro_4gb" }), { changes: true, replaces: [], changed: ["plan"] }],
    ["Postgres version", () => diffPostgres(pgState, { ...pg, version: "17" }),
      { changes: true, replaces: ["version"], changed: ["version"], deleteBeforeReplace: true }],
    ["Postgres database name", () => diffPostgres(pgState, { ...pg, databaseName: "shop" }),
      { changes: true, replaces: ["databaseName"], changed: ["databaseName"], deleteBeforeReplace: true }],
    ["Postgres region and user", () => diffPostgres(pgState, { ...pg, region: "ohio", databaseUser: "admin" }),
      { changes: true, replaces: ["region", "databaseUser"], changed: ["region", "databaseUser"], deleteBeforeReplace: true }],
    ["Postgres storage growth", () => diffPostgres(pgState, { ...pg, diskSizeGB: 20 }), { changes: true, replaces: [], changed: ["diskSizeGB"] }],
    ["Key Value policy", () => diffKeyValue({ name: "c", plan: "starter", region: "oregon", maxmemoryPolicy: "allkeys_lru", ipAllowList: [] },
      { name: "c", plan: "starter", region: "oregon", maxmemoryPolicy: "noeviction", ipAllowList: [] }), { changes: true, replaces: [], changed: ["maxmemoryPolicy"] }],
    ["Key Value region", () => diffKeyValue({ name: "c", region: "oregon" }, { name: "c", region: "ohio" }),
      { changes: true, replaces: ["region"], changed: ["region"], deleteBeforeReplace: true }],
    ["a disk's service", () => diffDisk({ serviceId: "srv-1", name: "d", mountPath: "/d", sizeGB: 10 }, { serviceId: "srv-2", name: "d", mountPath: "/d", sizeGB: 5 }),
      { changes: true, replaces: ["serviceId"], changed: ["serviceId", "sizeGB"] }],
    ["a disk's size growing", () => diffDisk({ serviceId: "srv-1", name: "d", mountPath: "/d", sizeGB: 10 }, { serviceId: "srv-1", name: "d", mountPath: "/d", sizeGB: 20 }),
      { changes: true, replaces: [], changed: ["sizeGB"] }],
    ["a disk whose service is unknown in preview", () => diffDisk({ serviceId: "srv-1", name: "d", mountPath: "/d", sizeGB: 10 }, { serviceId: UNKNOWN, name: "d", mountPath: "/d", sizeGB: 10 }),
      { changes: true, replaces: ["serviceId"], changed: ["serviceId"] }],
    ["a domain name", () => diffCustomDomain({ serviceId: "srv-1", name: "a.example.com" }, { serviceId: "srv-1", name: "b.example.com" }),
      { changes: true, replaces: ["name"], changed: ["name"], deleteBeforeReplace: true }],
    ["an env group's links", () => diffEnvGroup({ name: "g", envVars: {}, secretFiles: {}, serviceIds: ["srv-1"] }, { name: "g", envVars: {}, secretFiles: {}, serviceIds: [] }),
      { changes: true, replaces: [], changed: ["serviceIds"] }],
    ["a project's name only", () => diffProject({ name: "p", environments: [], environmentIds: {} }, { name: "q", environments: [] }),
      { changes: true, replaces: [], changed: ["name"] }],
  ])("reports %s exactly", (_what, run, expected) => {
    expect(run()).toEqual(expected);
  });

  test.each<[string, () => unknown, string]>([
    ["a disk", () => diffDisk({ serviceId: "srv-1", name: "data", mountPath: "/d", sizeGB: 10 }, { serviceId: "srv-1", name: "data", mountPath: "/d", sizeGB: 5 }),
      'disk "data": sizeGB 5 < current 10; Render disks only grow. Keep 10 or create a new disk.'],
    ["Postgres storage", () => diffPostgres(pgState, { ...pg, diskSizeGB: 10 }),
      'Postgres "db": diskSizeGB 10 < current 15; Render database storage only grows. Keep 15 or restore into a new database.'],
  ])("refuses to shrink %s instead of replacing it", (_what, run, message) => {
    expect(run).toThrow(message);
  });
});

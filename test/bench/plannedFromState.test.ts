import { plannedResources } from "../../bench/plannedFromState";

const urn = (type: string, name: string) => `urn:pulumi:dev::render-stages::${type}::${name}`;
const STACK = urn("hosting:index:Stack", "dev");
const APP = urn("hosting:index:Stack$hosting:index:WebApp", "dev-web");
const DB = urn("hosting:index:Stack$pulumi-nodejs:dynamic/render:Postgres", "dev-postgres");
const DB_CONN = urn("hosting:index:Stack$pulumi-nodejs:dynamic/render:PostgresConnection", "dev-postgres-connection");
const KV = urn("hosting:index:Stack$pulumi-nodejs:dynamic/render:KeyValue", "dev-cache");
const WEB = urn("hosting:index:Stack$hosting:index:WebApp$pulumi-nodejs:dynamic/render:Service", "dev-web");
const DNS = urn("hosting:index:Stack$cloudflare:index/record:Record", "dev-dns");

describe("plannedResources", () => {
  it("keeps Render resources and narrows dependencies on components to their Render children", () => {
    const planned = plannedResources([
      { urn: STACK, type: "hosting:index:Stack", custom: false, inputs: {}, dependencies: [] },
      { urn: APP, type: "hosting:index:WebApp", custom: false, parent: STACK, inputs: {}, dependencies: [] },
      { urn: DB, type: "pulumi-nodejs:dynamic/render:Postgres", custom: true, parent: STACK, inputs: {}, dependencies: [] },
      { urn: DB_CONN, type: "pulumi-nodejs:dynamic/render:PostgresConnection", custom: true, parent: STACK, inputs: {}, dependencies: [DB] },
      { urn: KV, type: "pulumi-nodejs:dynamic/render:KeyValue", custom: true, parent: STACK, inputs: {}, dependencies: [] },
      { urn: WEB, type: "pulumi-nodejs:dynamic/render:Service", custom: true, parent: APP,
        inputs: { runtime: "image", customDomains: ["a.example.com", "b.example.com"] }, dependencies: [DB_CONN, KV] },
      { urn: DNS, type: "cloudflare:index/record:Record", custom: true, parent: STACK, inputs: {}, dependencies: [APP] },
    ], { databasesAwaitAvailable: true, serviceDeployWait: "start" });
    expect(planned).toEqual([
      { name: "Postgres dev-postgres", kind: "Postgres", dependsOn: [], waitsUntilAvailable: true },
      { name: "PostgresConnection dev-postgres-connection", kind: "PostgresConnection", dependsOn: ["Postgres dev-postgres"] },
      { name: "KeyValue dev-cache", kind: "KeyValue", dependsOn: [], waitsUntilAvailable: true },
      { name: "Service dev-web", kind: "Service", dependsOn: ["PostgresConnection dev-postgres-connection", "KeyValue dev-cache"],
        customDomains: 2, deployWait: "start", image: true },
    ]);
  });

  it("refuses a Render kind it cannot cost, naming it", () => {
    expect(() => plannedResources([
      { urn: urn("pulumi-nodejs:dynamic/render:Blueprint", "bp"), type: "pulumi-nodejs:dynamic/render:Blueprint", custom: true, inputs: {}, dependencies: [] },
    ], { databasesAwaitAvailable: true, serviceDeployWait: "start" })).toThrow("critical path: no cost model for Render resource kind Blueprint");
  });
});

import { LatencyModel, PlannedResource, upCriticalPath } from "../../bench/upGraph";

const model: LatencyModel = {
  latencyFor: (method, path) => (method === "GET" ? 100 : path === "/services" ? 2000 : 1000),
  lifecycle: { postgresCreate: 38_000, keyValueCreate: 30_000, deployBuild: 60_000, deployUpdate: 15_000, imageDeployUpdate: 20_000 },
  timeScale: 0.5,
};

const stage3 = (deployWait: "none" | "start" | "live", image = false): PlannedResource[] => [
  { name: "db", kind: "Postgres", dependsOn: [], waitsUntilAvailable: true },
  { name: "cache", kind: "KeyValue", dependsOn: [], waitsUntilAvailable: true },
  { name: "web", kind: "Service", dependsOn: ["db", "cache"], customDomains: 2, deployWait, image },
];

describe("upCriticalPath", () => {
  it("runs through Postgres readiness, then the service and its first deploy", () => {
    const path = upCriticalPath(stage3("live"), model);
    // 1000 POST /postgres + 38000 boot + 100 GET + 2000 POST /services + 75000 deploy + 100 GET, × 0.5
    expect(path.ms).toBe(58_100);
    expect(path.steps).toEqual([
      "db: POST /postgres", "db: creating → available", "db: GET /postgres/{postgresId} (available)", "db",
      "web: POST /services", "web: first deploy → live", "web: GET /services/{serviceId}/deploys/{deployId} (live)", "web",
    ]);
  });

  it("ends with a custom domain when up does not wait for the deploy", () => {
    const path = upCriticalPath(stage3("none"), model);
    expect(path.ms).toBe(21_050);
    expect(path.steps.slice(-2)).toEqual(["web: POST /services/{serviceId}/custom-domains #1", "web"]);
  });

  it("counts one deploy read when up waits only for the deploy to start", () => {
    const path = upCriticalPath(stage3("start"), model);
    expect(path.ms).toBe(21_050);
    expect(upCriticalPath(stage3("live", true), model).ms).toBe(30_600);
  });

  it("lets a slower independent resource set the pace", () => {
    const path = upCriticalPath([
      { name: "db", kind: "Postgres", dependsOn: [], waitsUntilAvailable: false },
      { name: "cache", kind: "KeyValue", dependsOn: [], waitsUntilAvailable: true },
    ], { ...model, timeScale: 1 });
    expect(path).toEqual({ ms: 31_100, steps: ["cache: POST /key-value", "cache: creating → available", "cache: GET /key-value/{keyValueId} (available)", "cache"] });
  });

  it("costs a reference resource as the one read it makes after what it names", () => {
    const path = upCriticalPath([
      { name: "db", kind: "Postgres", dependsOn: [], waitsUntilAvailable: true },
      { name: "db-connection", kind: "PostgresConnection", dependsOn: ["db"] },
    ], { ...model, timeScale: 1 });
    expect(path).toEqual({
      ms: 39_200,
      steps: ["db: POST /postgres", "db: creating → available", "db: GET /postgres/{postgresId} (available)", "db",
        "db-connection: GET /postgres/{postgresId}/connection-info", "db-connection"],
    });
  });
});

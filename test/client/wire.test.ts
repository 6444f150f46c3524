import { ScriptedServer, startScriptedServer } from "../helpers/scriptedServer";
import { clientFor, customDomain, envGroup, OWNER_ID } from "./fixtures";

describe("RenderClient requests on the wire", () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await startScriptedServer();
  });
  afterEach(() => server.close());

  it("encodes ids and names in paths", async () => {
    server.on("PUT", "/v1/env-groups/evg-1/env-vars/A%2FB%20C", { body: envGroup("evg-1") });
    server.on("DELETE", "/v1/services/srv-1/custom-domains/www.example.com", { status: 204 });
    const { client } = clientFor(server);

    await client.putEnvGroupEnvVar("evg-1", "A/B C", { value: "1" });
    await client.deleteCustomDomain("srv-1", "www.example.com");

    expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ["PUT", "/v1/env-groups/evg-1/env-vars/A%2FB%20C", { value: "1" }],
      ["DELETE", "/v1/services/srv-1/custom-domains/www.example.com", undefined],
    ]);
  });

  it("returns the env vars a bulk PUT answers, generated values included", async () => {
    server.on("PUT", "/v1/services/srv-1/env-vars", {
      body: [{ envVar: { key: "A", value: "1" }, cursor: "x" }, { envVar: { key: "TOKEN", value: "XBS02Qe5n5sY09XGvqKUF14iGNFZKAjCv+NHY8yZ4Fg=" }, cursor: "y" }],
    });
    const { client } = clientFor(server);

    const vars = await client.putEnvVars("srv-1", [{ key: "A", value: "1" }, { key: "TOKEN", generateValue: true }]);

    expect(vars).toEqual([{ key: "A", value: "1" }, { key: "TOKEN", value: "XBS02Qe5n5sY09XGvqKUF14iGNFZKAjCv+NHY8yZ4Fg=" }]);
    expect(server.requests[0].body).toEqual([{ key: "A", value: "1" }, { key: "TOKEN", generateValue: true }]);
    expect(server.requests[0].headers["content-type"]).toBe("application/json");
  });

  it("returns every domain a custom-domain POST created", async () => {
    server.on("POST", "/v1/services/srv-1/custom-domains", { status: 201, body: [customDomain("example.com"), customDomain("www.example.com", "example.com")] });
    const { client } = clientFor(server);

    const domains = await client.createCustomDomain("srv-1", "example.com");

    expect(domains.map((d) => [d.name, d.redirectForName])).toEqual([["example.com", ""], ["www.example.com", "example.com"]]);
    expect(server.requests[0].body).toEqual({ name: "example.com" });
  });

  it("replaces a static site's headers and routes", async () => {
    server.on("PUT", "/v1/services/srv-1/headers", { body: [{ id: "hdr-1", path: "/*", name: "X-Frame-Options", value: "DENY" }] });
    server.on("PUT", "/v1/services/srv-1/routes", { body: [{ id: "rt-1", type: "rewrite", source: "/*", destination: "/index.html", priority: 0 }] });
    server.on("GET", "/v1/services/srv-1/routes", { body: [{ route: { id: "rt-1", type: "rewrite", source: "/*", destination: "/index.html", priority: 0 }, cursor: "c" }] });
    const { client } = clientFor(server);

    await expect(client.putHeaders("srv-1", [{ path: "/*", name: "X-Frame-Options", value: "DENY" }])).resolves.toMatchObject([{ id: "hdr-1" }]);
    await expect(client.putRoutes("srv-1", [{ type: "rewrite", source: "/*", destination: "/index.html" }])).resolves.toMatchObject([{ priority: 0 }]);
    await expect(client.listRoutes("srv-1")).resolves.toMatchObject([{ type: "rewrite", destination: "/index.html" }]);
  });

  it("moves resources between environments with a comma-joined id list", async () => {
    server.on("DELETE", "/v1/environments/evm-old/resources", { status: 204 });
    server.on("POST", "/v1/environments/evm-new/resources", {
      status: 201,
      body: { id: "evm-new", name: "prod", projectId: "prj-1", protectedStatus: "protected", networkIsolationEnabled: false, serviceIds: ["srv-1"], databasesIds: ["dpg-1-a"], redisIds: null, envGroupIds: null },
    });
    const { client } = clientFor(server);

    await client.removeResourcesFromEnvironment("evm-old", ["srv-1", "dpg-1-a"]);
    const env = await client.addResourcesToEnvironment("evm-new", ["srv-1", "dpg-1-a"]);

    expect(server.requests[0].query).toEqual({ resourceIds: "srv-1,dpg-1-a" });
    expect(server.requests[1].body).toEqual({ resourceIds: ["srv-1", "dpg-1-a"] });
    expect(env).toMatchObject({ serviceIds: ["srv-1"], databasesIds: ["dpg-1-a"], redisIds: [] });
  });

  it("links a service to an env group and creates groups under the owner", async () => {
    server.on("POST", "/v1/env-groups/evg-1/services/srv-1", { body: envGroup("evg-1") });
    server.on("POST", "/v1/env-groups", { status: 201, body: envGroup("evg-2", "new") });
    const { client } = clientFor(server);

    await client.linkEnvGroupService("evg-1", "srv-1");
    await client.createEnvGroup({ name: "new", envVars: [] });

    expect(server.calls("POST", "/v1/env-groups")[0].body).toEqual({ name: "new", envVars: [], ownerId: OWNER_ID });
  });
});

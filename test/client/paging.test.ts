import { ScriptedServer, startScriptedServer } from "../helpers/scriptedServer";
import { clientFor, envGroupMeta, webService } from "./fixtures";

function envVarPage(from: number, count: number) {
  return Array.from({ length: count }, (_, i) => ({ envVar: { key: `K${from + i}`, value: `v${from + i}` }, cursor: `c${from + i}` }));
}

describe("RenderClient paging", () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await startScriptedServer();
  });
  afterEach(() => server.close());

  it("follows the cursor of the last item across full pages until an empty page", async () => {
    server.on("GET", "/v1/services/srv-1/env-vars", { body: envVarPage(0, 100) }, { body: envVarPage(100, 100) }, { body: [] });
    const { client } = clientFor(server);

    const vars = await client.listEnvVars("srv-1");

    expect(vars).toHaveLength(200);
    expect(vars[0]).toEqual({ key: "K0", value: "v0" });
    expect(vars[199]).toEqual({ key: "K199", value: "v199" });
    expect(server.calls("GET", "/v1/services/srv-1/env-vars").map((r) => r.query)).toEqual([
      { limit: "100" },
      { limit: "100", cursor: "c99" },
      { limit: "100", cursor: "c199" },
    ]);
  });

  it("stops at a short page without asking for another", async () => {
    server.on("GET", "/v1/services", { body: [{ service: webService(), cursor: "x" }] });
    const { client } = clientFor(server);

    const services = await client.listServices({ name: "api", type: ["web_service", "private_service"], ownerId: "tea-1" });

    expect(services.map((s) => s.id)).toEqual(["srv-web000000000000000000"]);
    expect(server.requests.map((r) => r.query)).toEqual([
      { name: "api", type: "web_service,private_service", ownerId: "tea-1", limit: "100" },
    ]);
  });

  it("reads GET /env-groups as bare objects without a cursor wrapper", async () => {
    server.on("GET", "/v1/env-groups", { body: [envGroupMeta("evg-1", "a"), envGroupMeta("evg-2", "b")] });
    const { client } = clientFor(server);

    const groups = await client.listEnvGroups({ ownerId: "tea-1" });

    expect(groups.map((g) => [g.id, g.name, g.serviceLinks])).toEqual([["evg-1", "a", []], ["evg-2", "b", []]]);
  });

  it("refuses to truncate a full page that offers no cursor", async () => {
    const full = Array.from({ length: 100 }, (_, i) => envGroupMeta(`evg-${i}`, `g${i}`));
    server.on("GET", "/v1/env-groups", { body: full });
    const { client } = clientFor(server);

    await expect(client.listEnvGroups()).rejects.toThrow(
      "Render API GET /env-groups returned an unexpected body: a full page of 100 items came without a new cursor",
    );
  });
});

import { inspect } from "util";
import { isNotFound, PartialCreateError, RenderApiError, RenderResponseError } from "../../providers/render/errors";
import { ScriptedServer, startScriptedServer } from "../helpers/scriptedServer";
import { API_KEY, clientFor, postgres, webService } from "./fixtures";

const SECRET_VALUE = "sk_live_SECRET_VALUE_in_body";
const ENV_VARS = "/v1/services/srv-1/env-vars";

/** Every way an error can be looked at: none may show the key or the secret body. */
function renderings(err: unknown): string[] {
  const e = err as Error;
  return [e.message, String(e.stack), JSON.stringify(e), inspect(e, { depth: 10, showHidden: true })];
}

describe("Render client errors", () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await startScriptedServer();
  });
  afterEach(() => server.close());

  it("maps a 4xx to a RenderApiError with the path template, Render's message and the request id", async () => {
    server.on("PUT", ENV_VARS, { status: 400, body: { id: "bad", message: "invalid key name" }, headers: { "Render-Request-Id": "req-abc" } });
    const { client } = clientFor(server);

    const err = await client.putEnvVars("srv-1", [{ key: "bad key", value: SECRET_VALUE }]).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(RenderApiError);
    expect(err).toMatchObject({ status: 400, method: "PUT", path: "/services/{serviceId}/env-vars", apiMessage: "invalid key name", requestId: "req-abc" });
    expect((err as Error).message).toBe("Render API PUT /services/{serviceId}/env-vars failed with 400: invalid key name (request id req-abc)");
    for (const text of renderings(err)) {
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain(SECRET_VALUE);
    }
  });

  it("sends the key as a bearer token", async () => {
    server.on("GET", "/v1/services/srv-1", { body: webService() });
    const { client } = clientFor(server);

    await client.getService("srv-1");

    expect(server.requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it("converts network failures without keeping the axios error", async () => {
    server.on("PUT", ENV_VARS, { drop: true });
    const { client } = clientFor(server, { maxRetries: 1 });

    const err = await client.putEnvVars("srv-1", [{ key: "TOKEN", value: SECRET_VALUE }]).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(RenderApiError);
    expect(err).toMatchObject({ status: undefined, code: "ECONNRESET", method: "PUT" });
    expect((err as Error).message).toBe(
      "Render API PUT /services/{serviceId}/env-vars failed: network error ECONNRESET (socket hang up). Gave up after 2 attempts; re-run later",
    );
    expect(Object.keys(err as object).sort()).toEqual(["apiMessage", "code", "method", "name", "path", "requestId", "status"]);
    expect((err as { cause?: unknown }).cause).toBeUndefined();
    for (const text of renderings(err)) {
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain(SECRET_VALUE);
    }
  });

  it("keeps the key out of an inspected client", () => {
    const { client } = clientFor(server);

    expect(inspect(client, { depth: 10, showHidden: true })).not.toContain(API_KEY);
    expect(JSON.stringify(client)).not.toContain(API_KEY);
  });

  it("names the endpoint and the missing field when a response lacks one", async () => {
    const { status: _status, ...withoutStatus } = postgres();
    server.on("GET", "/v1/postgres/dpg-1", { body: withoutStatus });
    const { client } = clientFor(server);

    const err = await client.getPostgres("dpg-1").catch((e: unknown) => e);

    expect(err).toBeInstanceOf(RenderResponseError);
    expect((err as Error).message).toBe("Render API GET /postgres/{postgresId} returned an unexpected body: status: missing (expected string)");
  });

  it("names nested fields and wrong types inside lists", async () => {
    const broken = webService();
    (broken.serviceDetails as Record<string, unknown>).url = null;
    server.on("GET", "/v1/services", { body: [{ service: broken, cursor: "c" }] });
    const { client } = clientFor(server);

    await expect(client.listServices()).rejects.toThrow(
      "Render API GET /services returned an unexpected body: 0.service.serviceDetails.url: Invalid input: expected string, received null",
    );
  });

  it("reports a body that is not JSON", async () => {
    server.on("GET", "/v1/services/srv-1", { body: "<html>gateway</html>" });
    const { client } = clientFor(server);

    await expect(client.getService("srv-1")).rejects.toThrow("Render API GET /services/{serviceId} returned an unexpected body: body is not JSON (status 200)");
  });

  it("adds advice to a 401", async () => {
    server.on("GET", "/v1/services/srv-1", { status: 401, body: { message: "unauthorized" } });
    const { client } = clientFor(server);

    await expect(client.getService("srv-1")).rejects.toThrow(
      "Render API GET /services/{serviceId} failed with 401: unauthorized. Check the API key (RENDER_API_KEY or `pulumi config set --secret renderApiKey`)",
    );
  });

  it.each([
    [new RenderApiError({ method: "GET", path: "/disks/{diskId}", status: 404 }), true],
    [new RenderApiError({ method: "GET", path: "/disks/{diskId}", status: 500 }), false],
    [Object.assign(new Error("copy"), { name: "RenderApiError", status: 404 }), true],
    [new Error("not found"), false],
    [undefined, false],
  ])("isNotFound(%p) is %p", (err, expected) => {
    expect(isNotFound(err)).toBe(expected);
  });

  it("carries id, properties and reasons on a PartialCreateError without printing the properties", () => {
    const err = new PartialCreateError("srv-1", { envVars: { TOKEN: SECRET_VALUE } }, ["deploy dep-1 ended build_failed"]);

    expect(err.id).toBe("srv-1");
    expect(err.properties).toEqual({ envVars: { TOKEN: SECRET_VALUE } });
    expect(err.reasons).toEqual(["deploy dep-1 ended build_failed"]);
    expect(err.message).toBe("created srv-1 but it did not finish initialising: deploy dep-1 ended build_failed");
    for (const text of [JSON.stringify(err), inspect(err, { depth: 10 })]) expect(text).not.toContain(SECRET_VALUE);
  });
});

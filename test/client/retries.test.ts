import { RenderApiError } from "../../providers/render/errors";
import { ScriptedServer, startScriptedServer } from "../helpers/scriptedServer";
import { clientFor, deploy, OWNER_ID, postgres, webService } from "./fixtures";

const SERVICE = "/v1/services/srv-web000000000000000000";
const REPO = webService().repo;

describe("RenderClient retries", () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await startScriptedServer();
  });
  afterEach(() => server.close());

  it("retries a GET after a 500 with jittered backoff", async () => {
    server.on("GET", SERVICE, { status: 500, body: { message: "oops" } }, { body: webService() });
    const { client, clock } = clientFor(server);

    const service = await client.getService("srv-web000000000000000000");

    expect(service.name).toBe("api");
    expect(server.calls("GET", SERVICE)).toHaveLength(2);
    expect(clock.sleeps).toEqual([500]); // random 0.5 × 1 s
  });

  it("backs off exponentially over several 503s", async () => {
    const unavailable = { status: 503, body: { message: "unavailable" } };
    server.on("GET", SERVICE, unavailable, unavailable, unavailable, { body: webService() });
    const { client, clock } = clientFor(server);

    await client.getService("srv-web000000000000000000");

    expect(clock.sleeps).toEqual([500, 1000, 2000]);
  });

  it("retries a GET whose connection drops", async () => {
    server.on("GET", SERVICE, { drop: true }, { body: webService() });
    const { client } = clientFor(server);

    await expect(client.getService("srv-web000000000000000000")).resolves.toMatchObject({ id: "srv-web000000000000000000" });
    expect(server.calls("GET", SERVICE)).toHaveLength(2);
  });

  it("retries a GET that times out", async () => {
    server.on("GET", SERVICE, { delayMs: 300, body: webService() }, { body: webService() });
    const { client } = clientFor(server, { timeoutMs: 50 });

    await expect(client.getService("srv-web000000000000000000")).resolves.toMatchObject({ name: "api" });
    expect(server.calls("GET", SERVICE)).toHaveLength(2);
  });

  it("waits Ratelimit-Reset seconds after a 429", async () => {
    server.on("GET", SERVICE, { status: 429, headers: { "Ratelimit-Reset": "7" }, body: { message: "rate limit" } }, { body: webService() });
    const { client, clock } = clientFor(server);

    await client.getService("srv-web000000000000000000");

    expect(clock.sleeps).toEqual([7000]);
  });

  it("prefers Retry-After over Ratelimit-Reset", async () => {
    server.on("GET", SERVICE, { status: 429, headers: { "Retry-After": "2", "Ratelimit-Reset": "40" } }, { body: webService() });
    const { client, clock } = clientFor(server);

    await client.getService("srv-web000000000000000000");

    expect(clock.sleeps).toEqual([2000]);
  });

  it("fails at once when the rate-limit reset lies beyond the retry budget", async () => {
    server.on("POST", "/v1/services", { status: 429, headers: { "Ratelimit-Reset": "2144" }, body: { message: "rate limit exceeded" } });
    const { client, clock } = clientFor(server);

    await expect(client.createService({ type: "web_service", name: "api" })).rejects.toThrow(
      "Render API POST /services failed with 429: rate limit exceeded. Rate limited for another 2144s, longer than the retry budget; re-run after that",
    );
    expect(clock.sleeps).toEqual([]);
  });

  it("retries a POST answered 429: nothing was applied", async () => {
    server.on("POST", "/v1/postgres", { status: 429, headers: { "Ratelimit-Reset": "1" } }, { status: 201, body: postgres("unknown") });
    const { client, clock } = clientFor(server);

    const db = await client.createPostgres({ name: "app-db", plan: "basic_256mb", version: "16" });

    expect(db.status).toBe("unknown");
    expect(server.calls("POST", "/v1/postgres")).toHaveLength(2);
    expect(server.calls("GET", "/v1/postgres")).toHaveLength(0);
    expect(clock.sleeps).toEqual([1000]);
  });

  it("adopts the service a failed POST created instead of sending it again", async () => {
    server.on("POST", "/v1/services", { status: 500, body: { message: "internal" } });
    server.on("GET", "/v1/services", { body: [{ service: webService(), cursor: "c1" }] });
    const { client } = clientFor(server);

    const result = await client.createService({ type: "web_service", name: "api", repo: REPO, serviceDetails: { runtime: "node" } });

    expect(result.service.id).toBe("srv-web000000000000000000");
    expect(result.deployId).toBeUndefined();
    expect(server.calls("POST", "/v1/services")).toHaveLength(1);
    expect(server.calls("GET", "/v1/services")[0].query).toEqual({ name: "api", ownerId: OWNER_ID, type: "web_service", limit: "100" });
  });

  it("adopts after a dropped POST connection", async () => {
    server.on("POST", "/v1/postgres", { drop: true });
    server.on("GET", "/v1/postgres", { body: [{ postgres: postgres("creating"), cursor: "c" }] });
    const { client } = clientFor(server);

    const db = await client.createPostgres({ name: "app-db", plan: "basic_256mb", version: "16" });

    expect(db.id).toBe("dpg-d7sg9ln7f7vs73d9bg5g-a");
    expect(server.calls("POST", "/v1/postgres")).toHaveLength(1);
  });

  it("sends a failed POST again once the lookup proves nothing was created", async () => {
    server.on("POST", "/v1/services", { status: 502 }, { status: 201, body: { deployId: "dep-1", service: webService() } });
    server.on("GET", "/v1/services", { body: [] });
    const { client } = clientFor(server);

    const result = await client.createService({ type: "web_service", name: "api" });

    expect(result.deployId).toBe("dep-1");
    expect(server.calls("POST", "/v1/services")).toHaveLength(2);
    expect(server.calls("GET", "/v1/services")).toHaveLength(1);
  });

  it("ignores services of another name when looking up after a failed POST", async () => {
    server.on("POST", "/v1/services", { status: 500 }, { status: 201, body: { deployId: "dep-2", service: webService() } });
    server.on("GET", "/v1/services", { body: [{ service: webService("srv-other0000000000000000", "api-old"), cursor: "c" }] });
    const { client } = clientFor(server);

    await expect(client.createService({ type: "web_service", name: "api" })).resolves.toMatchObject({ deployId: "dep-2" });
  });

  it("never repeats a POST that has no lookup", async () => {
    server.on("POST", `${SERVICE}/deploys`, { status: 500, body: { message: "boom" } });
    const { client } = clientFor(server);

    await expect(client.triggerDeploy("srv-web000000000000000000")).rejects.toThrow(
      "Render API POST /services/{serviceId}/deploys failed with 500: boom. Not retried: the request may have been applied",
    );
    expect(server.calls("POST", `${SERVICE}/deploys`)).toHaveLength(1);
  });

  it("reads a 202 deploy trigger with no body as undefined", async () => {
    server.on("POST", `${SERVICE}/deploys`, { status: 202 });
    const { client } = clientFor(server);

    await expect(client.triggerDeploy("srv-web000000000000000000")).resolves.toBeUndefined();
  });

  it("repeats an idempotent POST such as scaling", async () => {
    server.on("POST", `${SERVICE}/scale`, { status: 503 }, { status: 202 });
    const { client } = clientFor(server);

    await client.scaleService("srv-web000000000000000000", 3);

    expect(server.calls("POST", `${SERVICE}/scale`).map((r) => r.body)).toEqual([{ numInstances: 3 }, { numInstances: 3 }]);
  });

  it("retries a PUT after a 500", async () => {
    const reply = [{ envVar: { key: "A", value: "1" }, cursor: "c" }];
    server.on("PUT", `${SERVICE}/env-vars`, { status: 500 }, { body: reply });
    const { client } = clientFor(server);

    await expect(client.putEnvVars("srv-web000000000000000000", [{ key: "A", value: "1" }])).resolves.toEqual([{ key: "A", value: "1" }]);
    expect(server.calls("PUT", `${SERVICE}/env-vars`)).toHaveLength(2);
  });

  it("does not retry a 400", async () => {
    server.on("PATCH", SERVICE, { status: 400, body: { message: "invalid plan" } });
    const { client, clock } = clientFor(server);

    await expect(client.updateService("srv-web000000000000000000", { serviceDetails: { plan: "huge" } })).rejects.toThrow(
      "Render API PATCH /services/{serviceId} failed with 400: invalid plan",
    );
    expect(server.calls("PATCH", SERVICE)).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it("gives up after maxRetries", async () => {
    server.on("GET", `${SERVICE}/deploys/dep-1`, { status: 500, body: { message: "down" }, headers: { "Render-Request-Id": "req-9" } });
    const { client, clock } = clientFor(server, { maxRetries: 2 });

    const err = await client.getDeploy("srv-web000000000000000000", "dep-1").catch((e: unknown) => e);

    expect(err).toBeInstanceOf(RenderApiError);
    expect((err as Error).message).toBe(
      "Render API GET /services/{serviceId}/deploys/{deployId} failed with 500: down (request id req-9). Gave up after 3 attempts; re-run later",
    );
    expect(clock.sleeps).toEqual([500, 1000]);
  });

  it("treats a DELETE answered 404 as done", async () => {
    server.on("DELETE", SERVICE, { status: 404, body: { message: "not found: srv-web000000000000000000" } });
    const { client } = clientFor(server);

    await expect(client.deleteService("srv-web000000000000000000")).resolves.toBeUndefined();
  });

  it("returns the deploy a trigger created", async () => {
    server.on("POST", `${SERVICE}/deploys`, { status: 201, body: deploy("dep-9", "build_in_progress") });
    const { client } = clientFor(server);

    await expect(client.triggerDeploy("srv-web000000000000000000")).resolves.toMatchObject({ id: "dep-9", status: "build_in_progress" });
  });
});

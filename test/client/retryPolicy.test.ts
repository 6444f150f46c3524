/**
 * The retry policy of the one request path: which statuses are retried, how long each wait is (Retry-After in
 * seconds or as an HTTP date, Ratelimit-Reset in seconds or epoch seconds, capped exponential backoff), and the
 * two bounds (retry count, total wait) for every retried status. The fake clock starts at 1_700_000_000_000 ms.
 */
import { ScriptedServer, startScriptedServer } from "../helpers/scriptedServer";
import { clientFor, webService } from "./fixtures";

const ID = "srv-web000000000000000000";
const SERVICE = `/v1/services/${ID}`;
const START_MS = 1_700_000_000_000;

describe("RenderClient retry policy", () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await startScriptedServer();
  });
  afterEach(() => server.close());

  it("retries a GET answered 408 after the backoff", async () => {
    server.on("GET", SERVICE, { status: 408, body: { message: "request timeout" } }, { body: webService() });
    const { client, clock } = clientFor(server);

    await expect(client.getService(ID)).resolves.toMatchObject({ id: ID });
    expect(server.calls("GET", SERVICE)).toHaveLength(2);
    expect(clock.sleeps).toEqual([500]);
  });

  it("looks for the object before repeating a POST answered 408", async () => {
    server.on("POST", "/v1/services", { status: 408 });
    server.on("GET", "/v1/services", { body: [{ service: { ...webService(), createdAt: new Date(START_MS).toISOString() }, cursor: "c" }] });
    const { client } = clientFor(server);

    const result = await client.createService({ type: "web_service", name: "api", repo: webService().repo });

    expect(result.service.id).toBe(ID);
    expect(server.calls("POST", "/v1/services")).toHaveLength(1);
    expect(server.calls("GET", "/v1/services")).toHaveLength(1);
  });

  it("does not retry a 409 or a 422", async () => {
    server.on("PATCH", SERVICE, { status: 409, body: { message: "busy" } });
    server.on("GET", SERVICE, { status: 422, body: { message: "bad" } });
    const { client, clock } = clientFor(server);

    await expect(client.updateService(ID, { name: "x" })).rejects.toThrow(/failed with 409: busy/);
    await expect(client.getService(ID)).rejects.toThrow(/failed with 422: bad/);
    expect(server.requests).toHaveLength(2);
    expect(clock.sleeps).toEqual([]);
  });

  it("reads a Ratelimit-Reset that is epoch seconds as a point in time", async () => {
    const resetAt = START_MS / 1000 + 12;
    server.on("GET", SERVICE, { status: 429, headers: { "Ratelimit-Reset": String(resetAt) } }, { body: webService() });
    const { client, clock } = clientFor(server);

    await client.getService(ID);

    expect(clock.sleeps).toEqual([12_000]);
  });

  it("waits at least a second when an epoch Ratelimit-Reset has already passed", async () => {
    server.on("GET", SERVICE, { status: 429, headers: { "Ratelimit-Reset": String(START_MS / 1000 - 30) } }, { body: webService() });
    const { client, clock } = clientFor(server);

    await client.getService(ID);

    expect(clock.sleeps).toEqual([1000]);
  });

  it("waits until an HTTP-date Retry-After", async () => {
    const at = new Date(START_MS + 30_000).toUTCString();
    server.on("GET", SERVICE, { status: 429, headers: { "Retry-After": at } }, { body: webService() });
    const { client, clock } = clientFor(server);

    await client.getService(ID);

    expect(clock.sleeps).toEqual([30_000]);
  });

  it("prefers an HTTP-date Retry-After over Ratelimit-Reset", async () => {
    const at = new Date(START_MS + 4_000).toUTCString();
    server.on("GET", SERVICE, { status: 429, headers: { "Retry-After": at, "Ratelimit-Reset": "50" } }, { body: webService() });
    const { client, clock } = clientFor(server);

    await client.getService(ID);

    expect(clock.sleeps).toEqual([4_000]);
  });

  it("waits at least a second for a Retry-After of 0 or a date in the past", async () => {
    server.on("GET", SERVICE,
      { status: 429, headers: { "Retry-After": "0" } },
      { status: 429, headers: { "Retry-After": new Date(START_MS - 60_000).toUTCString() } },
      { body: webService() });
    const { client, clock } = clientFor(server);

    await client.getService(ID);

    expect(clock.sleeps).toEqual([1000, 1000]);
  });

  it("falls back to the backoff on a 429 without usable headers", async () => {
    server.on("GET", SERVICE, { status: 429, headers: { "Retry-After": "soon", "Ratelimit-Reset": "later" } }, { body: webService() });
    const { client, clock } = clientFor(server);

    await client.getService(ID);

    expect(clock.sleeps).toEqual([500]);
  });

  it("caps the backoff at 30 s", async () => {
    const down = { status: 503 };
    server.on("GET", SERVICE, down, down, down, down, down, down, down, { body: webService() });
    const { client, clock } = clientFor(server, { maxRetries: 7, random: () => 1 });

    await client.getService(ID);

    expect(clock.sleeps).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });

  it("draws each backoff from zero up to its bound (full jitter)", async () => {
    server.on("GET", SERVICE, { status: 500 }, { status: 500 }, { body: webService() });
    const { client, clock } = clientFor(server, { random: () => 0.25 });

    await client.getService(ID);

    expect(clock.sleeps).toEqual([250, 500]);
  });

  it.each([
    ["500", { status: 500, body: { message: "oops" } }, "failed with 500: oops"],
    ["503", { status: 503, body: { message: "unavailable" } }, "failed with 503: unavailable"],
    ["408", { status: 408, body: { message: "slow" } }, "failed with 408: slow"],
    ["a dropped connection", { drop: true }, "failed: network error"],
  ])("stops retrying %s once the waits would pass the total budget", async (_what, reply, message) => {
    server.on("GET", SERVICE, reply);
    const { client, clock } = clientFor(server, { maxRetries: 10, maxRetryWaitMs: 3_000 });

    const err = (await client.getService(ID).catch((e: unknown) => e)) as Error;

    expect(err.message).toContain(message);
    expect(err.message).toMatch(/Retry budget of 3s used up; re-run later$/);
    // 500 + 1000 waited; the next 2000 would make 3500.
    expect(clock.sleeps).toEqual([500, 1000]);
    expect(server.calls("GET", SERVICE)).toHaveLength(3);
  });

  it("counts every 429 wait against the same budget", async () => {
    server.on("GET", SERVICE, { status: 429, headers: { "Ratelimit-Reset": "2" }, body: { message: "slow down" } });
    const { client, clock } = clientFor(server, { maxRetries: 10, maxRetryWaitMs: 5_000 });

    await expect(client.getService(ID)).rejects.toThrow(
      "failed with 429: slow down. Rate limited for another 2s, longer than the retry budget; re-run after that");
    expect(clock.sleeps).toEqual([2000, 2000]);
  });

  it("spends the whole budget when the waits add up to it exactly", async () => {
    server.on("GET", SERVICE, { status: 500 }, { status: 500 }, { body: webService() });
    const { client, clock } = clientFor(server, { maxRetryWaitMs: 1_500 });

    await expect(client.getService(ID)).resolves.toMatchObject({ id: ID });
    expect(clock.sleeps).toEqual([500, 1000]);
  });

  it("fails at once when a Retry-After lies beyond the budget", async () => {
    server.on("GET", SERVICE, { status: 429, headers: { "Retry-After": "600" }, body: { message: "rate limit" } });
    const { client, clock } = clientFor(server);

    await expect(client.getService(ID)).rejects.toThrow("Rate limited for another 600s, longer than the retry budget");
    expect(clock.sleeps).toEqual([]);
    expect(server.calls("GET", SERVICE)).toHaveLength(1);
  });

  it("makes one attempt when no retries are allowed", async () => {
    server.on("GET", SERVICE, { status: 502, body: { message: "bad gateway" } });
    const { client, clock } = clientFor(server, { maxRetries: 0 });

    await expect(client.getService(ID)).rejects.toThrow("failed with 502: bad gateway. Gave up after 1 attempts; re-run later");
    expect(clock.sleeps).toEqual([]);
  });

  it("logs each retry with the wait and the attempt", async () => {
    const lines: string[] = [];
    server.on("GET", SERVICE, { status: 503, body: { message: "down" } }, { body: webService() });
    const { client } = clientFor(server, { log: (line: string) => lines.push(line) });

    await client.getService(ID);

    expect(lines).toEqual(["Render API GET /services/{serviceId} failed with 503: down; retrying in 0.5s (attempt 2 of 7)"]);
  });
});

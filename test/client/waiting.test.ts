import { waitUntil, WaitProgress, WaitTimeoutError } from "../../providers/render/poll";
import { ScriptedServer, startScriptedServer } from "../helpers/scriptedServer";
import { clientFor, deploy, fakeClock, keyValue, postgres } from "./fixtures";

const DEPLOYS = "/v1/services/srv-1/deploys";

describe("waitUntil", () => {
  it("grows the pause by the backoff factor up to the cap and reports each wait", async () => {
    const clock = fakeClock();
    const statuses = ["creating", "creating", "creating", "creating", "available"];
    const progress: WaitProgress[] = [];

    const value = await waitUntil({
      what: "Postgres dpg-1 to become available",
      check: async () => {
        const status = statuses.shift() as string;
        return status === "available" ? { done: true, value: status } : { done: false, status };
      },
      timeoutMs: 60_000, intervalMs: 1000, backoff: 2, maxIntervalMs: 5000,
      sleep: clock.sleep, now: clock.now, onWait: (p) => progress.push(p),
    });

    expect(value).toBe("available");
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 5000]);
    expect(progress.map((p) => [p.attempt, p.status, p.elapsedMs, p.nextDelayMs])).toEqual([
      [1, "creating", 0, 1000], [2, "creating", 1000, 2000], [3, "creating", 3000, 4000], [4, "creating", 7000, 5000],
    ]);
  });

  it("stops at the deadline naming the thing, its last status and the time spent", async () => {
    const clock = fakeClock();

    const wait = waitUntil({
      what: "service srv-1 deploy to go live",
      check: async () => ({ done: false, status: "build_in_progress" }),
      timeoutMs: 10_000, intervalMs: 3000, sleep: clock.sleep, now: clock.now,
    });

    await expect(wait).rejects.toThrow(new WaitTimeoutError("service srv-1 deploy to go live", "build_in_progress", 10_000, 10_000));
    await expect(wait).rejects.toThrow(
      'Timed out waiting for service srv-1 deploy to go live: still "build_in_progress" after 10s (limit 10s). Check the Render dashboard, then re-run.',
    );
    expect(clock.sleeps).toEqual([3000, 4500, 2500]);
  });
});

describe("RenderClient waits", () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await startScriptedServer();
  });
  afterEach(() => server.close());

  it("waits for a given deploy to go live", async () => {
    server.on("GET", `${DEPLOYS}/dep-1`, { body: deploy("dep-1", "build_in_progress") }, { body: deploy("dep-1", "update_in_progress") }, { body: deploy("dep-1", "live") });
    const { client, clock } = clientFor(server);

    const live = await client.waitForDeploy("srv-1", "dep-1");

    expect(live.status).toBe("live");
    expect(clock.sleeps).toEqual([1000, 1500]);
  });

  it("follows the newest deploy by createdAt when no deploy id is known", async () => {
    const older = deploy("dep-old", "live", "2024-12-02T18:00:00.000000Z");
    server.on("GET", DEPLOYS,
      { body: [{ deploy: older, cursor: "a" }, { deploy: deploy("dep-new", "build_in_progress", "2024-12-02T18:24:27.608994123Z"), cursor: "b" }] },
      { body: [{ deploy: deploy("dep-new", "live", "2024-12-02T18:24:27.608994123Z"), cursor: "b" }, { deploy: older, cursor: "a" }] });
    const { client } = clientFor(server);

    await expect(client.waitForDeploy("srv-1")).resolves.toMatchObject({ id: "dep-new", status: "live" });
    expect(server.calls("GET", DEPLOYS)).toHaveLength(2);
  });

  it.each(["build_failed", "update_failed", "pre_deploy_failed", "canceled"])("fails when the deploy ends %s", async (status) => {
    server.on("GET", `${DEPLOYS}/dep-1`, { body: deploy("dep-1", status) });
    const { client } = clientFor(server);

    await expect(client.waitForDeploy("srv-1", "dep-1")).rejects.toThrow(`Deploy dep-1 of service srv-1 ended "${status}"; see its logs in the Render dashboard.`);
  });

  it("waits on the newest deploy once the awaited one is deactivated", async () => {
    server.on("GET", `${DEPLOYS}/dep-1`, { body: deploy("dep-1", "deactivated") });
    server.on("GET", DEPLOYS, { body: [{ deploy: deploy("dep-2", "live", "2024-12-03T00:00:00Z"), cursor: "c" }] });
    const { client } = clientFor(server);

    await expect(client.waitForDeploy("srv-1", "dep-1")).resolves.toMatchObject({ id: "dep-2" });
  });

  it("waits for Postgres to become available and logs each pause", async () => {
    server.on("GET", "/v1/postgres/dpg-1", { body: postgres("unknown") }, { body: postgres("creating") }, { body: postgres("available") });
    const { client } = clientFor(server, { pollIntervalMs: 200 });
    const seen: string[] = [];

    const db = await client.waitForPostgresAvailable("dpg-1", { onWait: (p) => seen.push(`${p.status} ${p.nextDelayMs}`) });

    expect(db.status).toBe("available");
    expect(seen).toEqual(["unknown 200", "creating 300"]);
  });

  it("gives up on Key Value after the timeout", async () => {
    server.on("GET", "/v1/key-value/red-1", { body: keyValue("creating") });
    const { client } = clientFor(server);

    await expect(client.waitForKeyValueAvailable("red-1", { timeoutMs: 5000 })).rejects.toThrow(
      'Timed out waiting for Key Value red-1 to become available: still "creating" after 5s (limit 5s)',
    );
  });
});

/**
 * Before a create, a provider finds an object of the same name that the state does not know. Only the twin an
 * interrupted run of this stack left behind (the requested settings, created within the last day) is adopted;
 * an object that was there before, or has other settings, is refused and left alone.
 */
import { RenderClient } from "../../providers/render/client";
import type { ServiceInputs } from "../../providers/render/inputs";
import { postgresProvider } from "../../providers/render/postgresProvider";
import { checkPostgres } from "../../providers/render/postgresProvider";
import { adoptTwin, TWIN_WINDOW_MS } from "../../providers/render/providerBase";
import { checkService } from "../../providers/render/serviceCheck";
import { serviceProvider } from "../../providers/render/serviceProvider";
import { Harness, byRoute, emptyConfigure, startHarness } from "./harness";

const REPO = "https://github.com/acme/api";

function checked(news: Record<string, unknown>): ServiceInputs {
  const result = checkService(news);
  if (!result.inputs) throw new Error(JSON.stringify(result.failures));
  return result.inputs;
}

const webArgs = (name: string, repo = REPO) => ({
  type: "web_service", name, runtime: "python", repo, buildCommand: "pip install -r requirements.txt", startCommand: "gunicorn app:app",
});

describe("adopting a twin before a create", () => {
  let h: Harness;
  let client: RenderClient;
  beforeAll(async () => {
    h = await startHarness();
    client = RenderClient.fromEnv(undefined, { sleep: async () => undefined });
    await serviceProvider.configure(emptyConfigure);
    await postgresProvider.configure(emptyConfigure);
  });
  afterAll(() => h.close());
  afterEach(() => jest.useRealTimers());

  /** A service made directly in Render, as an interrupted create (or someone else) would leave it. */
  async function existing(name: string, repo = REPO): Promise<string> {
    const { service } = await client.createService({
      type: "web_service", name, repo, serviceDetails: { runtime: "python", envSpecificDetails: { buildCommand: "pip install -r requirements.txt", startCommand: "gunicorn app:app" } },
    });
    return service.id;
  }

  it("adopts the twin an interrupted create left, without a second POST", async () => {
    const id = await existing("twin-recent");
    await h.clearRequests();

    const result = await serviceProvider.create(checked(webArgs("twin-recent")));

    expect(result.id).toBe(id);
    expect(byRoute(await h.requests())["POST /v1/services"]).toBeUndefined();
    expect((await h.state()).services.filter((s) => s.name === "twin-recent")).toHaveLength(1);
  });

  it("refuses a same-named service with other settings and leaves it alone", async () => {
    const id = await existing("twin-other-repo", "https://github.com/someone/else");
    await h.clearRequests();

    await expect(serviceProvider.create(checked(webArgs("twin-other-repo")))).rejects.toThrow(
      `A service named "twin-other-repo" already exists in the Render workspace (${id}) and is not what an interrupted run`);
    const calls = byRoute(await h.requests());
    expect(Object.keys(calls).filter((route) => !route.startsWith("GET"))).toEqual([]);
    expect(await h.stored("services", id)).toMatchObject({ name: "twin-other-repo" });
  });

  it("refuses a same-named service that was there before the last day, even with our settings", async () => {
    const id = await existing("twin-old");
    jest.useFakeTimers({ doNotFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "setImmediate", "clearImmediate", "nextTick", "queueMicrotask", "hrtime", "performance"] });
    jest.setSystemTime(Date.now() + TWIN_WINDOW_MS + 5 * 60_000);
    await h.clearRequests();

    await expect(serviceProvider.create(checked(webArgs("twin-old")))).rejects.toThrow(/this stack does not own it/);
    expect(byRoute(await h.requests())["POST /v1/services"]).toBeUndefined();
    expect(await h.stored("services", id)).toMatchObject({ name: "twin-old" });
  });

  it("refuses a Postgres of the same name with another version", async () => {
    const other = await client.createPostgres({ name: "twin-db", plan: "basic_256mb", version: "15", region: "oregon" });
    const result = checkPostgres({}, { name: "twin-db", plan: "basic_256mb", version: "16", region: "oregon", allowReplace: false });
    await h.clearRequests();

    await expect(postgresProvider.create(result.inputs as never)).rejects.toThrow(
      `A Postgres database named "twin-db" already exists in the Render workspace (${other.id})`);
    expect(byRoute(await h.requests())["POST /v1/postgres"]).toBeUndefined();
  });
});

describe("adoptTwin", () => {
  const now = Date.parse("2026-06-01T12:00:00Z");
  const at = (ms: number) => new Date(ms).toISOString();
  const same = () => true;

  it("finds nothing to adopt when no object has the name", () => {
    expect(adoptTwin("service", "web", [{ id: "a", name: "webx", createdAt: at(now) }], same, now)).toBeUndefined();
  });

  it("adopts the one twin created within the window", () => {
    const twin = { id: "a", name: "web", createdAt: at(now - TWIN_WINDOW_MS + 1000) };
    expect(adoptTwin("service", "web", [twin, { id: "b", name: "other", createdAt: at(now) }], same, now)).toBe(twin);
  });

  it.each([
    ["created before the window", [{ id: "a", name: "web", createdAt: at(now - TWIN_WINDOW_MS - 2 * 60_000) }], same],
    ["without a creation time", [{ id: "a", name: "web" }], same],
    ["with other settings", [{ id: "a", name: "web", createdAt: at(now) }], () => false],
    ["when two carry the name", [{ id: "a", name: "web", createdAt: at(now) }, { id: "b", name: "web", createdAt: at(now) }], same],
  ])("refuses an object %s", (_what, found, isTwin) => {
    expect(() => adoptTwin("service", "web", found, isTwin, now)).toThrow(
      `A service named "web" already exists in the Render workspace (${found.map((f) => f.id).join(", ")})`);
  });
});

import { PartialCreateError } from "../../providers/render/errors";
import { readPlain } from "../helpers/readPlain";
import type { KeyValueOutputs, PostgresOutputs } from "../../providers/render/inputs";
import { checkKeyValue, diffKeyValue, keyValueProvider } from "../../providers/render/keyValueProvider";
import { checkPostgres, diffPostgres, postgresProvider } from "../../providers/render/postgresProvider";
import { Harness, byRoute, emptyConfigure, startHarness } from "./harness";

function inputsOf<T>(result: { inputs?: T; failures?: unknown[] }): T {
  if (!result.inputs) throw new Error(JSON.stringify(result.failures));
  return result.inputs;
}

describe("Postgres and Key Value providers against the emulator", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await postgresProvider.configure(emptyConfigure);
    await keyValueProvider.configure(emptyConfigure);
  });
  afterAll(() => h.close());

  it("creates Postgres, waits until available and returns secret connection details", async () => {
    const inputs = inputsOf(checkPostgres({}, { name: "app-db", databaseName: "app", databaseUser: "app", diskSizeGB: 10 }));
    await h.clearRequests();
    const { id, outs } = await postgresProvider.create(inputs);
    const calls = byRoute(await h.requests());
    expect(calls["POST /v1/postgres"]).toBe(1);
    expect(calls["GET /v1/postgres/{postgresId}"]).toBeGreaterThanOrEqual(1);

    const stored = await h.stored("postgres", id);
    expect(stored).toMatchObject({ name: "app-db", plan: "basic_256mb", region: "oregon", version: "16", status: "available", diskSizeGB: 10 });
    expect(outs.status).toBe("available");
    expect(outs.databaseName.startsWith("app")).toBe(true);
    expect(outs.password).toBe(stored?.password);
    expect(outs.internalConnectionString).toContain(outs.password);
    expect(diffPostgres(outs as never, inputs as never)).toMatchObject({ changes: false });

    const read = await readPlain(postgresProvider, id, outs);
    expect(diffPostgres(read.props as never, inputs as never)).toMatchObject({ changes: false });
    expect(read.props).toEqual(outs);
  });

  it("grows storage and turns on HA with one PATCH; imports by id", async () => {
    const before = inputsOf(checkPostgres({}, { name: "ha-db", plan: "pro_4gb", diskSizeGB: 10 }));
    const { id, outs } = await postgresProvider.create(before);
    const after = inputsOf(checkPostgres({ ...before }, { name: "ha-db", plan: "pro_4gb", diskSizeGB: 20, highAvailability: true }));
    expect(diffPostgres(outs as never, after as never)).toMatchObject({ changes: true, replaces: [], changed: ["diskSizeGB", "highAvailability"] });
    await h.clearRequests();
    const updated = await postgresProvider.update(id, outs, after);
    expect(byRoute(await h.requests())).toEqual({ "PATCH /v1/postgres/{postgresId}": 1 });
    expect(await h.stored("postgres", id)).toMatchObject({ diskSizeGB: 20, highAvailabilityEnabled: true });
    expect(updated.outs.password).toBe(outs.password);

    const imported = await readPlain(postgresProvider, id, {});
    expect(diffPostgres(imported.props as never, after as never)).toMatchObject({ changes: false });
  });

  it("records a Postgres whose wait failed instead of losing it", async () => {
    await h.fault({ method: "GET", path: "/v1/postgres/{postgresId}", status: 403, count: 1 });
    const inputs = { ...inputsOf(checkPostgres({}, { name: "half-db" })), __provider: "p" };
    const err = await postgresProvider.create(inputs).catch((e: unknown) => e);
    await h.clearFaults();
    expect(err).toBeInstanceOf(PartialCreateError);
    expect((err as PartialCreateError).id).toMatch(/^dpg-/);
    expect((err as PartialCreateError).properties).toMatchObject({ name: "half-db", __provider: "p" });
    expect((await h.state()).postgres.filter((p) => p.name === "half-db")).toHaveLength(1);
  });

  it("deletes Postgres idempotently and reads it as gone", async () => {
    const { id, outs } = await postgresProvider.create(inputsOf(checkPostgres({}, { name: "gone-db" })));
    await postgresProvider.delete(id);
    await postgresProvider.delete(id);
    await expect(readPlain(postgresProvider, id, outs as PostgresOutputs)).resolves.toEqual({ id: "" });
  });

  it("creates Key Value, changes its policy with one PATCH, refreshes and deletes it", async () => {
    const inputs = inputsOf(checkKeyValue({ name: "cache" }));
    const { id, outs } = await keyValueProvider.create(inputs);
    expect(await h.stored("keyValue", id)).toMatchObject({ name: "cache", plan: "starter", region: "oregon", status: "available" });
    expect(outs.internalConnectionString).toMatch(/^redis:\/\//);
    expect(outs.externalConnectionString).toMatch(/^rediss:\/\//);

    const read = await readPlain(keyValueProvider, id, outs);
    expect(read.inputs).toEqual(inputs);
    expect(diffKeyValue(read.props as never, inputs as never)).toMatchObject({ changes: false });

    const news = inputsOf(checkKeyValue({ name: "cache", maxmemoryPolicy: "noeviction" }));
    await h.clearRequests();
    const updated = await keyValueProvider.update(id, outs as KeyValueOutputs, news);
    expect(byRoute(await h.requests())).toEqual({ "PATCH /v1/key-value/{keyValueId}": 1 });
    expect(updated.outs.maxmemoryPolicy).toBe("noeviction");
    expect((await h.stored("keyValue", id))?.options?.maxmemoryPolicy).toBe("noeviction");

    await keyValueProvider.delete(id);
    await keyValueProvider.delete(id);
    await expect(readPlain(keyValueProvider, id, outs)).resolves.toEqual({ id: "" });
  });
});

/** Moving between stages: URN identity, the data-loss guard, warnings, and the program reading its previous run. */
import * as pulumi from "@pulumi/pulumi";
import { runProgram } from "../../components/program";
import { DataLossError } from "../../components/statefulPlan";
import { STAGE1_WARNING } from "../../components/warnings";
import { cliConfig, copy, stackAt, stackFileConfig } from "../config/fixtures";
import { installMocks, settled, T, urnOf } from "../helpers/mocks";
import { build, previousOf } from "./build";
import { ConfigError } from "../../components/config";
import { valueOf } from "../helpers/outputs";

const STATEFUL_TYPES: string[] = [T.disk, T.postgres, T.keyValue, T.spacesBucket, T.s3Bucket];

async function statefulUrns(built: Awaited<ReturnType<typeof build>>): Promise<Record<string, string>> {
  const all = await built.mocks.urns();
  return Object.fromEntries(Object.entries(all).filter(([key]) => STATEFUL_TYPES.some((t) => key.startsWith(`${t}::`))));
}

describe("moving up a stage", () => {
  test.each([[1, 2], [2, 3], [3, 4], [4, 5]])("stage %i → %i keeps every stateful child under the same URN", async (from, to) => {
    const before = await build(stackAt(from));
    const urnsBefore = await statefulUrns(before);
    const after = await build(stackAt(to), { previous: previousOf(before.outputs) });
    const urnsAfter = await statefulUrns(after);
    expect(Object.keys(urnsBefore).length).toBeGreaterThan(0);
    for (const [key, urn] of Object.entries(urnsBefore)) expect(urnsAfter[key]).toBe(urn);
  });

  it("stage 0 → 1, once allowed, replaces the web disk by the private service's disk and nothing else", async () => {
    const before = await build(stackAt(0));
    const after = await build(stackAt(1, "dev", (raw) => { raw.allowDataLoss = { disk: true }; }), { previous: previousOf(before.outputs) });
    expect(Object.values(await statefulUrns(before))).toEqual([urnOf("dev", [T.webApp, T.disk], "dev-web-disk")]);
    expect(Object.values(await statefulUrns(after))).toEqual([urnOf("dev", [T.webApp, T.disk], "dev-db-disk")]);
    expect((await after.mocks.urns())[`${T.service}::dev-web`]).toBe((await before.mocks.urns())[`${T.service}::dev-web`]);
  });

  it("names stateful URNs after the stack component, never an index", async () => {
    const built = await build(stackAt(5));
    expect(await statefulUrns(built)).toEqual({
      [`${T.postgres}::dev-postgres`]: urnOf("dev", [T.stack, T.postgres], "dev-postgres"),
      [`${T.keyValue}::dev-keyvalue`]: urnOf("dev", [T.stack, T.keyValue], "dev-keyvalue"),
      [`${T.spacesBucket}::dev-spaces`]: urnOf("dev", [T.stack, T.spacesBucket], "dev-spaces"),
    });
  });

  it("keeps the SQLite disk (retired) when stage 0 moves to Postgres", async () => {
    const stage0 = await build(stackAt(0));
    const diskUrn = (await statefulUrns(stage0))[`${T.disk}::dev-web-disk`];
    expect(diskUrn).toBe(urnOf("dev", [T.webApp, T.disk], "dev-web-disk"));
    const stage2 = await build(stackAt(2), { previous: previousOf(stage0.outputs) });
    expect((await statefulUrns(stage2))[`${T.disk}::dev-web-disk`]).toBe(diskUrn);
    expect(stage2.outputs.retiredDisks).toEqual(["dev-web-disk"]);
    expect(stage2.outputs.statefulResources).toContainEqual({ kind: "disk", name: "dev-web-disk" });
  });

  it("keeps the private service's disk when stage 1 moves to Postgres", async () => {
    const stage1 = await build(stackAt(1));
    const stage2 = await build(stackAt(2), { previous: previousOf(stage1.outputs) });
    expect(stage2.mocks.names()).toEqual(expect.arrayContaining([`${T.service}::dev-db`, `${T.disk}::dev-db-disk`]));
    expect(stage2.outputs.retiredDisks).toEqual(["dev-db-disk"]);
    expect(stage2.mocks.one(T.service, "dev-web").inputs.envVars.SQLITE_SERVICE_URL).toBeUndefined();
  });

  it("lets a retired disk go once allowDataLoss.disk says so", async () => {
    const stage2 = await build(stackAt(2), { previous: previousOf((await build(stackAt(0))).outputs) });
    const released = await build(stackAt(3, "dev", (raw) => { raw.allowDataLoss = { disk: true }; }), { previous: previousOf(stage2.outputs) });
    expect(released.mocks.byType(T.disk)).toEqual([]);
    expect(released.outputs.retiredDisks).toEqual([]);
  });
});

describe("data-loss guard", () => {
  const previous = (stage: number, refs: [string, string][]) => ({
    stage, statefulResources: refs.map(([kind, name]) => ({ kind: kind as never, name })),
  });
  const ALLOW = "pulumi config set --path allowDataLoss";

  test.each([
    ["lowering 3 → 2", 2, previous(3, [["postgres", "dev-postgres"], ["keyValue", "dev-keyvalue"]]),
      ['Key Value instance "dev-keyvalue" would be deleted with all its data: stage: 3 → 2. Stage 2 has no Key Value instance.', `${ALLOW}.keyValue true`]],
    ["lowering 2 → 0", 0, previous(2, [["postgres", "dev-postgres"]]),
      ['Postgres database "dev-postgres" would be deleted with all its data: stage: 2 → 0.', `${ALLOW}.postgres true`]],
    ["lowering 4 → 3", 3, previous(4, [["postgres", "dev-postgres"], ["keyValue", "dev-keyvalue"], ["bucket", "dev-spaces"]]),
      ['bucket "dev-spaces" would be deleted with all its data: stage: 4 → 3.', `${ALLOW}.bucket true`]],
    ["lowering 1 → 0", 0, previous(1, [["disk", "dev-db-disk"]]),
      ['disk "dev-db-disk" would be deleted with all its data: stage: 1 → 0; the disk of app "web" moves from service "dev-db" to "dev-web"',
        "Render cannot move a disk between services", `${ALLOW}.disk true`]],
    ["moving the disk at 0 → 1", 1, previous(0, [["disk", "dev-web-disk"]]),
      ['disk "dev-web-disk" would be deleted with all its data: stage: 0 → 1; the disk of app "web" moves from service "dev-web" to "dev-db"',
        "Render cannot move a disk between services", "`sqlite3 .backup` over `render ssh`", `${ALLOW}.disk true`]],
  ] as const)("refuses %s before registering anything", async (_title, stage, prev, says) => {
    const attempt = build(stackAt(stage), { previous: prev });
    await expect(attempt).rejects.toBeInstanceOf(DataLossError);
    const message = await attempt.then(() => "", (err: Error) => err.message);
    expect(message.split("\n")).toHaveLength(2);
    for (const part of says) expect(message).toContain(part);
  });

  it("refuses switching the bucket from Spaces to S3", async () => {
    const prev = previous(4, [["postgres", "dev-postgres"], ["keyValue", "dev-keyvalue"], ["bucket", "dev-spaces"]]);
    const config = stackAt(4, "dev", (raw) => { raw.storage = { provider: "s3", bucket: "qrcards-dev-media", region: "us-east-1" }; });
    await expect(build(config, { previous: prev })).rejects.toThrow(/bucket "dev-spaces" would be deleted with all its data: storage.provider: "spaces" → "s3"/);
  });

  it("tells a protected stack that Pulumi will also ask to unprotect", async () => {
    const config = stackAt(2, "dev", (raw) => { raw.protectData = true; });
    await expect(build(config, { previous: previous(3, [["keyValue", "dev-keyvalue"]]) }))
      .rejects.toThrow("(protectData is on: Pulumi will also ask you to `pulumi state unprotect` it)");
  });

  it("lowers a stage when allowDataLoss allows it", async () => {
    const config = stackAt(2, "dev", (raw) => { raw.allowDataLoss = { keyValue: true }; });
    const built = await build(config, { previous: previous(3, [["postgres", "dev-postgres"], ["keyValue", "dev-keyvalue"]]) });
    expect(built.mocks.byType(T.keyValue)).toEqual([]);
    expect(built.mocks.byType(T.postgres).map((r) => r.name)).toEqual(["dev-postgres"]);
  });
});

describe("warnings", () => {
  let warn: jest.SpyInstance;
  beforeEach(() => { warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve()); });
  afterEach(() => warn.mockRestore());

  it("stage 1 warns on the component that it is the worst of both worlds", async () => {
    const built = await build(stackAt(1));
    expect(warn.mock.calls).toEqual([[STAGE1_WARNING, built.component]]);
    expect(STAGE1_WARNING).toMatch(/worst of both worlds: stay on stage 0 .* or move to stage 2/);
  });

  it("stage 2 warns with the SQLite → Postgres steps while a disk is retired", async () => {
    const stage0 = await build(stackAt(0));
    warn.mockClear();
    const built = await build(stackAt(2), { previous: previousOf(stage0.outputs) });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][1]).toBe(built.component);
    expect(warn.mock.calls[0][0]).toMatch(/^Disk "dev-web-disk" kept from the SQLite stages.*pgloader.*allowDataLoss\.disk true/);
  });

  test.each([0, 2, 3, 4, 5])("stage %i on a fresh stack warns about nothing", async (stage) => {
    await build(stackAt(stage));
    expect(warn).not.toHaveBeenCalled();
  });
});

async function run(stage: number, previousOutputs: Record<string, unknown> = {}, edit?: (raw: Record<string, any>) => void) {
  const mocks = await installMocks("dev", previousOutputs);
  const raw = copy(stackFileConfig("dev"));
  raw.stage = stage;
  edit?.(raw);
  pulumi.runtime.setAllConfig(cliConfig(raw), []);
  const outputs = await runProgram();
  await settled();
  return { mocks, outputs };
}

describe("the program", () => {
  it("is what index.ts exports: a promise of the stack outputs", async () => {
    await installMocks("dev");
    pulumi.runtime.setAllConfig(cliConfig({ ...stackFileConfig("dev"), stage: 0 }), []);
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const exported = require("../../index") as Promise<Record<string, unknown>>;
    expect(exported).toBeInstanceOf(Promise);
    expect((await exported).stage).toBe(0);
    await settled();
  });

  it("reads the previous run through a reference to its own stack", async () => {
    const { mocks } = await run(0);
    expect(mocks.stackReferences).toEqual(["organization/render-stages/dev"]);
  });

  it("builds the configured stage and exports its outputs", async () => {
    const { mocks, outputs } = await run(3);
    expect(mocks.byType(T.stack).map((r) => r.name)).toEqual(["dev"]);
    expect(Object.keys(outputs).sort()).toEqual([
      "appConfig", "databaseUrl", "domains", "internalHosts", "redisUrl", "retiredDisks", "stage", "statefulInventory", "statefulResources",
      "urls",
    ]);
    expect(outputs.stage).toBe(3);
    expect(await valueOf(outputs.urls as pulumi.Output<unknown>)).toEqual({ web: "https://qrcards-dev-web.onrender.com" });
  });

  it("keeps the disk a previous stage 0 run exported", async () => {
    const { outputs } = await run(2, { stage: 0, statefulResources: [{ kind: "disk", name: "dev-web-disk" }] });
    expect(outputs.retiredDisks).toEqual(["dev-web-disk"]);
  });

  it("refuses to lower the stage below what the previous run had", async () => {
    const previous = { stage: 3, statefulResources: [{ kind: "postgres", name: "dev-postgres" }, { kind: "keyValue", name: "dev-keyvalue" }] };
    await expect(run(2, previous)).rejects.toBeInstanceOf(DataLossError);
  });

  it("fails on bad config before building anything", async () => {
    let mocks: Awaited<ReturnType<typeof installMocks>> | undefined;
    const attempt = (async () => {
      mocks = await installMocks("dev");
      pulumi.runtime.setAllConfig(cliConfig({ ...stackFileConfig("dev"), stage: 9 }), []);
      return runProgram();
    })();
    await expect(attempt).rejects.toThrow(new ConfigError([`stage: 9 is not a stage; allowed: 0, 1, 2, 3, 4, 5`]));
    expect(mocks!.registrations).toEqual([]);
    expect(mocks!.stackReferences).toEqual([]);
  });
});

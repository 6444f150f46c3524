import * as fs from "fs";
import * as path from "path";
import { StateStore, statePaths } from "../../sandbox/stateStore";
import { FixtureStack, TOKEN, changes } from "./fixtureStack";
import { stateFileResources } from "../../sandbox/stateStore";

describe("runSandbox on the fixture program", () => {
  // Each test builds the stack it starts from, so it runs alone and in any order.
  const stacks: FixtureStack[] = [];
  afterEach(() => stacks.splice(0).forEach((s) => s.remove()));

  /** A new stack applied with `config`; its writes so far are taken. */
  async function appliedStack(name: string, config: Record<string, unknown>): Promise<FixtureStack> {
    const stack = new FixtureStack(name);
    stacks.push(stack);
    const res = await stack.configure(config).run();
    expect(res.errors).toEqual([]);
    stack.takeWrites();
    return stack;
  }

  it("previews and applies a new stack, in dependency order", async () => {
    const stack = new FixtureStack("life");
    stacks.push(stack);
    const res = await stack.configure({ workers: ["a", "b"] }).run();
    expect(res.errors).toEqual([]);
    expect(res.plan).toEqual({ create: 7, update: 0, replace: 0, delete: 0, same: 0 });
    expect(stack.takeWrites()).toEqual(["create app-db-oregon", "create app-web-oregon", "create worker-a-oregon", "create worker-b-oregon"]);
    expect(res.resources).toContainEqual({ type: "fixture:storage:Bucket", name: "files", id: expect.stringMatching(/^sandbox-[0-9a-f]{16}$/), action: "create", diffs: [] });
    expect(res.outputs).toEqual({
      webUrl: "https://app-web.example", dbPassword: "[secret]", workerIds: ["worker-a-oregon", "worker-b-oregon"],
      bucketId: expect.stringMatching(/^sandbox-/),
    });
    expect(stack.output.join("\n")).toContain("+  fixture:storage:Bucket  files  create  (not applied offline)");
  });

  it("says no changes on a second run and writes nothing", async () => {
    const stack = await appliedStack("again", { workers: ["a", "b"] });
    const res = await stack.run();
    expect(res.errors).toEqual([]);
    expect(res.plan).toEqual({ create: 0, update: 0, replace: 0, delete: 0, same: 7 });
    expect(stack.takeWrites()).toEqual([]);
    expect(stack.output.join("\n")).toContain("no changes");
    expect(res.outputs.previousWebUrl).toBe("https://app-web.example");
  });

  it("updates in place, deletes what the program dropped, and lists the changed inputs", async () => {
    const stack = await appliedStack("update", { workers: ["a", "b"] });
    const res = await stack.configure({ workers: ["a"], size: 2 }).run();
    expect(res.errors).toEqual([]);
    expect(res.plan).toEqual({ create: 0, update: 1, replace: 0, delete: 1, same: 5 });
    expect(changes(res)).toEqual(["update app-db", "delete worker-b"]);
    expect(stack.takeWrites()).toEqual(["update app-db-oregon", "delete worker-b-oregon"]);
    expect(stack.output[0]).toContain("~  pulumi-nodejs:dynamic/fixture:Thing  app-db  update  [diff: ~size]");
  });

  it("replaces create-before-delete and deletes the old copy last", async () => {
    const stack = await appliedStack("replace", { workers: ["a"], size: 2 });
    const res = await stack.configure({ workers: ["a"], size: 2, region: "frankfurt" }).run();
    expect(res.errors).toEqual([]);
    expect(res.plan).toEqual({ create: 0, update: 1, replace: 1, delete: 0, same: 4 });
    expect(stack.takeWrites()).toEqual([
      "create app-db-frankfurt", "update app-web-oregon", "delete app-db-oregon",
    ]);
    expect(stack.output[0]).toContain("+- pulumi-nodejs:dynamic/fixture:Thing  app-db  replace  [diff: ~region*]");
  });

  it("destroys everything in reverse dependency order", async () => {
    const stack = await appliedStack("destroy", { workers: ["a"], size: 2 });
    const res = await stack.run({ destroy: true });
    expect(res.errors).toEqual([]);
    expect(res.plan).toEqual({ create: 0, update: 0, replace: 0, delete: 6, same: 0 });
    expect(stack.takeWrites()).toEqual(["delete worker-a-oregon", "delete app-web-oregon", "delete app-db-oregon"]);
    expect(stateFileResources(fs.readFileSync(stack.stateFile, "utf8"))).toEqual([]);
  });

  it("keeps secrets out of the state file and the printed output while the state holds them", async () => {
    const stack = await appliedStack("secrets", { workers: ["a"] });
    // The state really holds the secrets: sealed on disk, and they come back when the state is opened.
    const text = fs.readFileSync(stack.stateFile, "utf8");
    const { state } = StateStore.open(statePaths(path.dirname(stack.stateFile), stack.name), "sandbox-fixture", stack.name);
    const held = JSON.stringify(state.resources);
    const secrets = [TOKEN, "pw-app-db-oregon-", `pw-app-web-oregon-${TOKEN}`];
    for (const value of secrets) expect(held).toContain(value);
    const exposed = text + stack.output.join("\n");
    expect(secrets.filter((value) => exposed.includes(value))).toEqual([]);
  });
});

describe("runSandbox on a program made of top-level code", () => {
  const stack = new FixtureStack("flat", "topLevel");
  afterAll(() => stack.remove());

  it("runs its top-level code again for the apply pass and applies the update", async () => {
    expect(changes(await stack.configure({ size: 1 }).run())).toEqual(["create sandbox-toplevel-flat", "create solo"]);
    const res = await stack.configure({ size: 2 }).run();
    expect(res.errors).toEqual([]);
    expect(changes(res)).toEqual(["update solo"]);
    expect(res.outputs).toEqual({ soloId: "solo-oregon" });
    expect(stack.takeWrites()).toEqual(["create solo-oregon", "update solo-oregon"]);
  });
});

describe("runSandbox on a program that creates resources while it loads and from its function", () => {
  const stack = new FixtureStack("mixed", "mixed");
  afterAll(() => stack.remove());

  it("registers the resources created at load time in both passes, so they stay", async () => {
    await stack.configure({ size: 1 }).run();
    const res = await stack.configure({ size: 2 }).run();
    expect(res.errors).toEqual([]);
    expect(changes(res)).toEqual(["update late"]);
    expect(stack.takeWrites()).toEqual(["create early-oregon", "create late-oregon", "update late-oregon"]);
  });
});

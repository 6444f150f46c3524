import * as fs from "fs";
import { FixtureStack, changes } from "./fixtureStack";
import { stateFileResources } from "../../sandbox/stateStore";

/** Pids of the live processes whose environment holds `entry` (`NAME=value`). */
function processesWithEnv(entry: string): number[] {
  return fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p)).filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").includes(entry);
    } catch {
      return false;
    }
  }).map(Number);
}

describe("runSandbox safety rails", () => {
  const stacks: FixtureStack[] = [];
  const newStack = (name: string) => { const s = new FixtureStack(name); stacks.push(s); return s; };
  afterAll(() => stacks.forEach((s) => s.remove()));

  it("refuses to replace or destroy a protected resource and changes nothing", async () => {
    const stack = newStack("guarded");
    expect((await stack.configure({ protectData: true }).run()).errors).toEqual([]);
    stack.takeWrites();

    const replace = await stack.configure({ protectData: true, region: "frankfurt" }).run();
    expect(replace.errors).toEqual([expect.stringContaining(
      'unable to replace resource "urn:pulumi:guarded::sandbox-fixture::fixture:index:App$pulumi-nodejs:dynamic/fixture:Thing::app-db"\n'
      + "as it is currently marked for protection. To unprotect the resource, remove the `protect` flag")]);
    expect(stack.takeWrites()).toEqual([]);

    const destroy = await stack.configure({ protectData: true }).run({ destroy: true });
    expect(destroy.errors[0]).toContain('unable to delete resource "urn:pulumi:guarded::sandbox-fixture::fixture:index:App$pulumi-nodejs:dynamic/fixture:Thing::app-db"');
    expect(destroy.errors[0]).toContain("`pulumi state unprotect '");
    expect(stack.takeWrites()).toEqual([]);
  });

  it("records a resource whose create failed after the object existed, then updates it", async () => {
    const stack = newStack("halfway");
    const failed = await stack.configure({ failWeb: true }).run();
    expect(failed.errors).toEqual(['pulumi-nodejs:dynamic/fixture:Thing "app-web": thing app-web-oregon never became ready']);
    const web = stateFileResources(fs.readFileSync(stack.stateFile, "utf8")).find((r: { urn: string }) => r.urn.endsWith("::app-web"));
    expect(web).toMatchObject({ id: "app-web-oregon", initErrors: ["health check failed"] });
    expect(stack.takeWrites()).toEqual(["create app-db-oregon", "create app-web-oregon"]);

    const retry = await stack.configure({}).run();
    expect(retry.errors).toEqual([]);
    expect(changes(retry)).toEqual(["update app-web"]);
    expect(stack.takeWrites()).toEqual(["update app-web-oregon"]);
  });

  it("ends a pass whose program waits on a value that never comes, and deletes nothing", async () => {
    const stack = newStack("stuck");
    expect((await stack.configure({ workers: ["a"] }).run()).errors).toEqual([]);
    stack.takeWrites();
    const started = Date.now();
    const res = await stack.configure({ hang: true }).run({ stallMs: 1500 });
    expect(res.errors).toEqual(["the program stopped before finishing (it waited on a value that never resolved); nothing was deleted."]);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(stack.takeWrites()).toEqual([]);
    expect(stateFileResources(fs.readFileSync(stack.stateFile, "utf8")).map((r: { urn: string }) => r.urn.split("::").pop()))
      .toEqual(expect.arrayContaining(["app-db", "app-web", "worker-a"]));
  });

  it("stops a run that takes too long, leaves no plugin behind, and lets the next run take the stack", async () => {
    const stack = newStack("stopped-run");
    await expect(stack.configure({ hang: true }).run({ timeoutMs: 3000 }))
      .rejects.toThrow("the sandbox run was stopped after 3 s; steps already applied are in the state, and the next run continues from there.");
    // It was stuck in its preview: nothing was written.
    expect(stack.takeWrites()).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(processesWithEnv("PULUMI_NODEJS_STACK=stopped-run")).toEqual([]);
    const next = await stack.configure({}).run();
    expect(next.errors).toEqual([]);
    expect(stack.takeWrites()).toEqual(["create app-db-oregon", "create app-web-oregon"]);
  });

  it("reports check failures with the property and reason before any write", async () => {
    const stack = newStack("invalid");
    const res = await stack.configure({ size: 0 }).run();
    expect(res.errors).toEqual(['pulumi-nodejs:dynamic/fixture:Thing "app-db": invalid inputs:\n  size: size: 0 is not a positive integer']);
    expect(stack.takeWrites()).toEqual([]);
  });
});

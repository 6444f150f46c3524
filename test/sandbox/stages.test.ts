import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SandboxResult, runSandbox } from "../../sandbox/engine";

const WRITES = ["POST", "PUT", "PATCH", "DELETE"] as const;
const writes = (res: SandboxResult) => WRITES.reduce((n, m) => n + res.apiCalls[m], 0);
const created = (res: SandboxResult) => res.resources.filter((r) => r.action === "create").map((r) => r.name).sort();

// Each step is two full runs (apply, then the empty second run); a loaded 2-core machine needs the margin.
jest.setTimeout(120_000);

describe("runSandbox on the real program, dev stack raised stage by stage", () => {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-stages-"));
  const printed: string[] = [];
  const run = (stage: number, destroy = false) =>
    runSandbox({ stack: "dev", stage, stateDir, destroy, timeScale: 0.002, print: (text) => printed.push(text) });
  afterAll(() => fs.rmSync(stateDir, { recursive: true, force: true }));

  async function raise(stage: number): Promise<SandboxResult> {
    const first = await run(stage);
    expect(first.errors).toEqual([]);
    expect(first.stage).toBe(stage);
    expect(first.plan.replace + first.plan.delete).toBe(0);
    const second = await run(stage);
    expect(second.errors).toEqual([]);
    expect(second.plan).toEqual({ create: 0, update: 0, replace: 0, delete: 0, same: first.resources.length });
    expect(writes(second)).toBe(0);
    return first;
  }

  it("creates the web service and its disk at stage 0", async () => {
    const res = await raise(0);
    expect(created(res)).toEqual(["dev", "dev-web", "dev-web", "dev-web-disk", "render-stages-dev"]);
    expect(res.outputs.urls).toEqual({ web: expect.stringMatching(/^https:\/\/.+\.onrender\.com$/) });
    expect(writes(res)).toBeGreaterThan(0);
  });

  it("adds Postgres at stage 2 and keeps the disk", async () => {
    const res = await raise(2);
    expect(created(res)).toEqual(["dev-postgres"]);
    expect(res.outputs.databaseUrl).toBe("[secret]");
  });

  it("adds Key Value at stage 3", async () => {
    expect(created(await raise(3))).toEqual(["dev-keyvalue"]);
  });

  it("adds storage and Cloudflare at stage 4, planned offline", async () => {
    const res = await raise(4);
    expect(res.plan.create).toBeGreaterThan(0);
    expect(writes(res)).toBe(0);
  });

  it("goes multi-region at stage 5", async () => {
    const res = await raise(5);
    expect(created(res)).toEqual(expect.arrayContaining(["dev-web-virginia"]));
  });

  it("keeps the connection strings Render generated out of the state file and the printed output", () => {
    const inventory = fs.readFileSync(path.join(stateDir, "dev.emulator.json"), "utf8");
    const secrets = [...new Set(inventory.match(/(postgres(ql)?|rediss?):\/\/[^"\s]+/g) ?? [])];
    expect(secrets.length).toBeGreaterThan(0);
    const exposed = fs.readFileSync(path.join(stateDir, "dev.json"), "utf8") + printed.join("\n");
    expect(secrets.filter((s) => exposed.includes(s))).toEqual([]);
  });

  it("destroys the stack", async () => {
    const res = await run(5, true);
    expect(res.errors).toEqual([]);
    expect(res.plan.delete).toBe(res.resources.length);
    expect(res.apiCalls.DELETE).toBeGreaterThan(0);
  });
});

import * as fs from "fs";
import { SecretBox } from "../../sandbox/secretBox";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { REPO_ROOT, SandboxResource, SandboxResult } from "../../sandbox/engine";
import { runSandboxIsolated } from "../../sandbox/isolated";

const WRITES = ["POST", "PUT", "PATCH", "DELETE"] as const;
const writes = (res: SandboxResult) => WRITES.reduce((n, m) => n + res.apiCalls[m], 0);
const created = (res: SandboxResult) => res.resources.filter((r) => r.action === "create").map((r) => r.name).sort();

/** Every resource's step, `same` included: `{ "<type>::<name>": "update [envVars]" }`. */
const stepsOf = (resources: SandboxResource[]) => Object.fromEntries(resources.map((r) =>
  [`${r.type}::${r.name}`, r.diffs.length ? `${r.action} [${r.diffs.join(", ")}]` : r.action]));
/** The steps that change something: `update Service dev-web [envVars]`. */
const changesOf = (resources: SandboxResource[]) => resources.filter((r) => r.action !== "same")
  .map((r) => `${r.action} ${r.type.split(":").pop()} ${r.name}${r.diffs.length ? ` [${r.diffs.join(", ")}]` : ""}`).sort();

// A test is up to six full runs (the stages it starts from, built once, then its own runs); a loaded 2-core
// machine needs the margin.
jest.setTimeout(400_000);

describe("runSandbox on the real program, dev stack raised stage by stage", () => {
  // Each test starts from its own copy of a stack already at the stage it needs (state, key and emulator data),
  // built once on demand, so every test runs alone and in any order.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-stages-"));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  let copies = 0;

  interface Stack { dir: string; printed: string[]; file: string }
  const run = (stack: Stack, stage: number, destroy = false) =>
    runSandboxIsolated({ stack: stack.file, stage, stateDir: stack.dir, destroy, timeScale: 0.002, print: (text) => stack.printed.push(text) });

  /** A fresh directory, holding a copy of `from` when given. */
  function newStack(from?: Stack): Stack {
    const dir = path.join(root, `stack-${++copies}`);
    if (from) fs.cpSync(from.dir, dir, { recursive: true });
    else fs.mkdirSync(dir);
    return { dir, printed: [...(from?.printed ?? [])], file: "dev" };
  }

  /** The dev stack raised along 0 → 2 → 3 → 4, one applied run per stage, kept to be copied. */
  const applied = new Map<number, Promise<Stack>>();
  function appliedAt(stage: 0 | 2 | 3 | 4): Promise<Stack> {
    if (!applied.has(stage)) {
      const below = ({ 0: undefined, 2: 0, 3: 2, 4: 3 } as const)[stage];
      applied.set(stage, (async () => {
        const stack = newStack(below === undefined ? undefined : await appliedAt(below));
        const res = await run(stack, stage);
        if (res.errors.length > 0) throw new Error(`setting up stage ${stage}: ${res.errors.join("; ")}`);
        return stack;
      })());
    }
    return applied.get(stage)!;
  }
  const startAt = async (stage: 0 | 2 | 3 | 4) => newStack(await appliedAt(stage));

  /** The preview planned exactly what the apply did, resource by resource (no `~` that does not happen). */
  function expectExactPreview(res: SandboxResult): void {
    expect(stepsOf(res.preview)).toEqual(stepsOf(res.resources));
  }

  /** Raises the stack to `stage`; then, unless `idleCheck` is false, a second run must have nothing to do. */
  async function raise(stack: Stack, stage: number, idleCheck = true): Promise<SandboxResult> {
    const first = await run(stack, stage);
    expect(first.errors).toEqual([]);
    expect(first.stage).toBe(stage);
    expect(first.plan.replace + first.plan.delete).toBe(0);
    expectExactPreview(first);
    if (!idleCheck) return first;
    const second = await run(stack, stage);
    expect(second.errors).toEqual([]);
    expect(second.plan).toEqual({ create: 0, update: 0, replace: 0, delete: 0, same: first.resources.length });
    expect(writes(second)).toBe(0);
    return first;
  }

  it("creates the web service, its endpoint and its disk at stage 0", async () => {
    const res = await raise(newStack(), 0);
    expect(created(res)).toEqual(["dev", "dev-web", "dev-web", "dev-web-disk", "dev-web-endpoint", "render-stages-dev"]);
    expect(res.outputs.urls).toEqual({ web: expect.stringMatching(/^https:\/\/.+\.onrender\.com$/) });
    expect(writes(res)).toBeGreaterThan(0);
  });

  it("adds Postgres at stage 2, wires DATABASE_URL and keeps the disk", async () => {
    const res = await raise(await startAt(0), 2);
    expect(changesOf(res.preview)).toEqual([
      "create Postgres dev-postgres", "create PostgresConnection dev-postgres-connection", "update Service dev-web [envVars]"]);
    expect(res.resources.filter((r) => r.name === "dev-web-disk").map((r) => r.action)).toEqual(["same"]);
    expect(res.outputs.databaseUrl).toBe("[secret]");
  });

  it("adds Key Value at stage 3", async () => {
    expect(changesOf((await raise(await startAt(2), 3)).preview)).toEqual([
      "create KeyValue dev-keyvalue", "create KeyValueConnection dev-keyvalue-connection", "update Service dev-web [envVars]"]);
  });

  it("adds storage and Cloudflare at stage 4, planned offline", async () => {
    // Its second run is the next test's (from a copy of this state): it must change nothing but one env var.
    const res = await raise(await startAt(3), 4, false);
    expect(res.plan.create).toBeGreaterThan(0);
    expect(res.plan.update).toBe(0);
    expect(writes(res)).toBe(0);
  });

  it("previews one plain env var change at stage 4 as one service update, and applies only that", async () => {
    const stack = await startAt(4);
    const file = path.join(stack.dir, "Pulumi.dev.yaml");
    const doc = YAML.parse(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.dev.yaml"), "utf8"));
    doc.config["render-stages:apps"].web.env.FLASK_ENV = "staging";
    fs.writeFileSync(file, YAML.stringify(doc));
    stack.file = file;
    const res = await run(stack, 4);
    expect(res.errors).toEqual([]);
    expect(changesOf(res.preview)).toEqual(["update Service dev-web [envVars]"]);
    expect(res.plan.same).toBe(res.preview.length - 1);
    expectExactPreview(res);
    // The env vars, then the deploy that brings them to the running instances.
    expect(res.apiCalls).toMatchObject({ POST: 1, PUT: 1, PATCH: 0, DELETE: 0 });
  });

  it("goes multi-region at stage 5, updating the database and cache but none of their consumers", async () => {
    const res = await raise(await startAt(4), 5);
    expect(created(res)).toEqual(expect.arrayContaining(["dev-web-virginia", "dev-web-virginia-endpoint"]));
    expect(changesOf(res.preview).filter((c) => !c.startsWith("create"))).toEqual([
      "update KeyValue dev-keyvalue [ipAllowList]", "update Postgres dev-postgres [highAvailability, plan, readReplicas]"]);
  });

  it("keeps the connection strings Render generated out of the state file and the printed output", async () => {
    const stack = await startAt(3);
    // The emulator's data file is sealed with the stack's key: open it to learn what Render generated.
    const dataFile = fs.readFileSync(path.join(stack.dir, "dev.emulator.json"), "utf8");
    const inventory = SecretBox.open(path.join(stack.dir, "dev.key"), undefined, { kind: "keyfile" }).decrypt(JSON.parse(dataFile).sealed);
    const secrets = [...new Set(inventory.match(/(postgres(ql)?|rediss?):\/\/[^"\s]+/g) ?? [])];
    expect(secrets.length).toBeGreaterThan(1);
    const exposed = dataFile + fs.readFileSync(path.join(stack.dir, "dev.json"), "utf8") + stack.printed.join("\n");
    expect(stack.printed.length).toBeGreaterThan(0);
    expect(secrets.filter((s) => exposed.includes(s))).toEqual([]);
  });

  it("destroys the stack", async () => {
    const res = await run(await startAt(2), 2, true);
    expect(res.errors).toEqual([]);
    expect(res.plan.delete).toBe(res.resources.length);
    expect(res.apiCalls.DELETE).toBeGreaterThan(0);
  });
});

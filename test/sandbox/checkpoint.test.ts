/**
 * The sandbox's state is the engine's checkpoint: the layout `pulumi stack export` prints (apitype.DeploymentV3 in
 * pulumi/pulumi sdk/go/common/apitype/core.go), the default provider resource with the stack config, and refresh
 * and destroy configured from the config stored at the last update.
 */
import * as fs from "fs";
import { SecretBox } from "../../sandbox/secretBox";
import * as os from "os";
import * as path from "path";
import { FixtureStack, TOKEN, changes } from "./fixtureStack";
import { REPO_ROOT } from "../../sandbox/engine";
import { runSandboxIsolated } from "../../sandbox/isolated";
import { StateStore, stateFileResources, statePaths } from "../../sandbox/stateStore";
import { SECRET_SIG, SIG_KEY } from "../../sandbox/wire";

/** JSON field names of apitype.ResourceV3, as declared in core.go. */
const RESOURCE_V3_FIELDS = [
  "urn", "custom", "delete", "id", "type", "inputs", "outputs", "parent", "protect", "external", "dependencies",
  "initErrors", "provider", "propertyDependencies", "pendingReplacement", "additionalSecretOutputs", "aliases",
  "customTimeouts", "importID", "retainOnDelete", "deletedWith", "created", "modified", "sourcePosition",
  "ignoreChanges", "replaceOnChanges",
];
/** JSON field names of apitype.DeploymentV3 and ManifestV1. */
const DEPLOYMENT_V3_FIELDS = ["manifest", "secrets_providers", "resources", "pending_operations", "metadata"];
const MANIFEST_V1_FIELDS = ["time", "magic", "version", "plugins"];

// Each test is one to four full runs; a loaded 2-core machine needs the margin.
jest.setTimeout(240_000);

const PROVIDER_URN = (stack: string) => `urn:pulumi:${stack}::sandbox-fixture::pulumi:providers:pulumi-nodejs::default`;

/** Every object in `value` that carries the secret signature. */
function envelopes(value: unknown, found: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) value.forEach((v) => envelopes(v, found));
  else if (value && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    if (SIG_KEY in obj) found.push(obj);
    else Object.values(obj).forEach((v) => envelopes(v, found));
  }
  return found;
}

describe("checkpoint layout (apitype.DeploymentV3)", () => {
  const stacks: FixtureStack[] = [];
  const newStack = (name: string) => { const s = new FixtureStack(name); stacks.push(s); return s; };
  afterAll(() => stacks.forEach((s) => s.remove()));

  it("writes what `pulumi stack export` prints: fields, __provider in inputs and outputs, envelopes, default provider", async () => {
    const stack = newStack("layout");
    expect((await stack.configure({}).run()).errors).toEqual([]);
    const text = fs.readFileSync(stack.stateFile, "utf8");
    const file = JSON.parse(text);
    expect(file.version).toBe(3);
    expect(Object.keys(file.deployment).filter((k) => !DEPLOYMENT_V3_FIELDS.includes(k))).toEqual([]);
    expect(Object.keys(file.deployment.manifest).sort()).toEqual(["magic", "time", "version"]);
    expect(Object.keys(file.deployment.manifest).filter((k) => !MANIFEST_V1_FIELDS.includes(k))).toEqual([]);
    expect(new Date(file.deployment.manifest.time).toISOString()).toBe(file.deployment.manifest.time);
    const resources: Record<string, any>[] = file.deployment.resources; // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const r of resources) {
      expect(Object.keys(r).filter((k) => !RESOURCE_V3_FIELDS.includes(k))).toEqual([]);
      expect(typeof r.urn).toBe("string");
      expect(typeof r.custom).toBe("boolean");
      expect(typeof r.type).toBe("string");
    }
    expect(resources[0].type).toBe("pulumi:pulumi:Stack");

    // The default provider: before its first resource, with the stack config as inputs (secrets sealed).
    const providerIndex = resources.findIndex((r) => r.urn === PROVIDER_URN("layout"));
    const provider = resources[providerIndex];
    expect(provider).toMatchObject({ custom: true, type: "pulumi:providers:pulumi-nodejs" });
    expect(provider.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(provider.inputs["sandbox-fixture:storeDir"]).toBe(stack.dir);
    expect(provider.inputs["sandbox-fixture:token"]).toEqual({ [SIG_KEY]: SECRET_SIG, ciphertext: expect.any(String) });
    expect(Object.keys(provider.outputs)).toEqual(Object.keys(provider.inputs));

    const dynamic = resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"));
    expect(dynamic.map((r) => r.urn.split("::").pop())).toEqual(["app-db", "app-web"]);
    for (const r of dynamic) {
      expect(resources.indexOf(r)).toBeGreaterThan(providerIndex);
      expect(r.provider).toBe(`${provider.urn}::${provider.id}`);
      expect(typeof r.inputs.__provider).toBe("string");
      expect(r.outputs.__provider).toBe(r.inputs.__provider);
    }
    // Secret values are the engine's envelopes, with ciphertext only.
    const sealed = envelopes(resources);
    expect(sealed.length).toBeGreaterThan(3);
    for (const e of sealed) expect(Object.keys(e).sort()).toEqual([SIG_KEY, "ciphertext"].sort());
    expect(text).not.toContain(TOKEN);
  });

  it("shows the default provider as ~ on a config change (source_eval.go: default provider registration), and only then", async () => {
    const stack = newStack("provider");
    expect((await stack.configure({}).run()).errors).toEqual([]);
    const same = await stack.configure({}).run();
    expect(changes(same)).toEqual([]);
    expect(stack.output.join("\n")).not.toMatch(/pulumi:providers:pulumi-nodejs/);
    const changed = await stack.configure({ unrelated: "on" }).run();
    expect(changed.errors).toEqual([]);
    // Printed like the CLI prints it; the result's resource list holds the program's resources only.
    expect(stack.output.join("\n")).toMatch(/~ +pulumi:providers:pulumi-nodejs +default +update +\[diff: ~sandbox-fixture:unrelated\]/);
    expect(changes(changed)).toEqual([]);
    const stored = stateFileResources(fs.readFileSync(stack.stateFile, "utf8")).find((r) => r.urn === PROVIDER_URN("provider"))!;
    expect(stored.inputs["sandbox-fixture:unrelated"]).toBe("on");
    expect(stack.takeWrites()).toEqual(["create app-db-oregon", "create app-web-oregon"]);
  });

  it("configures destroy from the config stored at the last update, and from the current one with runProgram (DestroyV2 with --run-program)", async () => {
    const stack = newStack("rotation");
    expect((await stack.configure({}).run()).errors).toEqual([]);
    // The store moves (like a rotated API key: the old location no longer answers).
    const moved = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-moved-"));
    try {
      for (const f of fs.readdirSync(stack.dir).filter((f) => f.endsWith(".json") && f !== "state")) {
        fs.renameSync(path.join(stack.dir, f), path.join(moved, f));
      }
      stack.configure({ storeDir: moved });
      const stale = await stack.run({ destroy: true });
      expect(stale.errors.join("\n")).toContain("ENOENT");
      expect(stale.errors.join("\n")).toContain(stack.dir);

      const fresh = await stack.run({ destroy: true, runProgram: true });
      expect(fresh.errors).toEqual([]);
      expect(fs.readdirSync(moved).filter((f) => f.endsWith(".json"))).toEqual([]);
    } finally {
      fs.rmSync(moved, { recursive: true, force: true });
    }
  });

  it("configures destroy from the new config once an update stored it", async () => {
    const stack = newStack("rotated");
    expect((await stack.configure({}).run()).errors).toEqual([]);
    const moved = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-moved-"));
    try {
      for (const f of fs.readdirSync(stack.dir).filter((f) => f.endsWith(".json"))) fs.renameSync(path.join(stack.dir, f), path.join(moved, f));
      const up = await stack.configure({ storeDir: moved }).run();
      expect(up.errors).toEqual([]);
      expect(changes(up)).toEqual([]);
      expect(stack.output.join("\n")).toMatch(/~ +pulumi:providers:pulumi-nodejs +default +update +\[diff: ~sandbox-fixture:storeDir\]/);
      const destroy = await stack.run({ destroy: true });
      expect(destroy.errors).toEqual([]);
      expect(fs.readdirSync(moved).filter((f) => f.endsWith(".json"))).toEqual([]);
      expect(stateFileResources(fs.readFileSync(stack.stateFile, "utf8"))).toEqual([]);
    } finally {
      fs.rmSync(moved, { recursive: true, force: true });
    }
  });
});

describe("state written before the checkpoint layout", () => {
  const FIXTURE = path.join(__dirname, "fixtures", "stateV1");
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-v1-"));
    for (const f of ["dev.json", "dev.key", "dev.emulator.json"]) fs.copyFileSync(path.join(FIXTURE, f), path.join(dir, f));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("loads a version 1 file and saves it in the checkpoint layout, every __provider kept", async () => {
    const paths = statePaths(dir, "dev");
    const v1 = JSON.parse(fs.readFileSync(paths.state, "utf8"));
    const { store, state } = StateStore.open(paths, "render-stages", "dev");
    expect(state.resources.map((r) => r.urn)).toEqual(v1.resources.map((r: { urn: string }) => r.urn));
    const service = state.resources.find((r) => r.type === "pulumi-nodejs:dynamic/render:Service")!;
    expect(String(service.outputs.__provider).length).toBeGreaterThan(30_000);
    await store.save(state);
    const v3 = JSON.parse(fs.readFileSync(paths.state, "utf8"));
    expect(v3.version).toBe(3);
    expect(v3.deployment.resources.map((r: { urn: string }) => r.urn)).toEqual(v1.resources.map((r: { urn: string }) => r.urn));
    expect(StateStore.open(paths, "render-stages", "dev").state.resources).toEqual(state.resources);
  });

  it("refreshes and destroys it with the code it carries, from a fresh process and without running the program", async () => {
    const before = JSON.parse(fs.readFileSync(path.join(dir, "dev.emulator.json"), "utf8")).data;
    expect(Object.keys(before.services)).toHaveLength(1);
    expect(Object.keys(before.disks)).toHaveLength(1);
    const printed: string[] = [];
    const res = await runSandboxIsolated({
      projectDir: REPO_ROOT, stack: "dev", stateDir: dir, destroy: true, refresh: true, timeScale: 0.002,
      print: (text) => printed.push(text),
    });
    expect(res.errors).toEqual([]);
    expect(res.apiCalls.GET).toBeGreaterThan(0);
    expect(res.apiCalls.DELETE).toBeGreaterThan(0);
    expect(res.resources.filter((r) => r.action === "delete").map((r) => r.name).sort())
      .toEqual(["dev", "dev-web", "dev-web", "dev-web-disk", "dev-web-endpoint", "render-stages-dev"]);
    // The emulator's data file is sealed with the stack's key once the run saves it.
    const sealed = JSON.parse(fs.readFileSync(path.join(dir, "dev.emulator.json"), "utf8"));
    expect(sealed.data).toBeUndefined();
    const after = JSON.parse(SecretBox.open(path.join(dir, "dev.key"), undefined, { kind: "keyfile" }).decrypt(sealed.sealed));
    expect(Object.keys(after.services)).toEqual([]);
    expect(Object.keys(after.disks)).toEqual([]);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "dev.json"), "utf8")).version).toBe(3);
    expect(stateFileResources(fs.readFileSync(path.join(dir, "dev.json"), "utf8"))).toEqual([]);
  }, 300_000);
});

import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { StateStore, acquireLock, statePaths, stateFileResources } from "../../sandbox/stateStore";
import { secret } from "../../sandbox/wire";

describe("StateStore", () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-state-")); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const resource = (password: string) => ({
    urn: "urn:pulumi:dev::p::t::db", type: "t", custom: true, id: "db-1", inputs: { plan: "starter" },
    outputs: { plan: "starter", password: secret(password) }, dependencies: [], protect: false,
    retainOnDelete: false, deleteBeforeReplace: false, additionalSecretOutputs: ["password"],
  });

  it("seals secrets on disk and unseals them on load", async () => {
    const paths = statePaths(dir, "dev");
    const { store, state } = StateStore.open(paths, "p", "dev");
    await store.save({ ...state, resources: [resource("hunter2-password")] });
    expect(fs.readFileSync(paths.state, "utf8")).not.toContain("hunter2-password");
    expect(fs.statSync(paths.key).mode & 0o777).toBe(0o600);
    expect(StateStore.open(paths, "p", "dev").state.resources[0].outputs.password).toEqual(secret("hunter2-password"));
  });

  it("derives the key from PULUMI_CONFIG_PASSPHRASE and rejects a wrong one", async () => {
    const paths = statePaths(dir, "dev");
    const { store, state } = StateStore.open(paths, "p", "dev", "correct horse");
    await store.save({ ...state, resources: [resource("s3cr3t-value")] });
    expect(fs.existsSync(paths.key)).toBe(false);
    expect(StateStore.open(paths, "p", "dev", "correct horse").state.resources[0].outputs.password).toEqual(secret("s3cr3t-value"));
    expect(() => StateStore.open(paths, "p", "dev", "wrong")).toThrow("PULUMI_CONFIG_PASSPHRASE does not decrypt this stack's secrets");
    expect(() => StateStore.open(paths, "p", "dev")).toThrow("set PULUMI_CONFIG_PASSPHRASE");
  });

  it("keeps the last whole state when a run dies between writing the new state and putting it in place", async () => {
    const paths = statePaths(dir, "dev");
    const { store, state } = StateStore.open(paths, "p", "dev");
    await store.save({ ...state, resources: [resource("pw-before")] });
    const before = fs.readFileSync(paths.state, "utf8");
    // The crash: the new state is written (and synced), the process dies before the rename.
    const rename = jest.spyOn(fs.promises, "rename").mockRejectedValueOnce(new Error("killed before rename"));
    try {
      await expect(store.save({ ...state, resources: [resource("pw-after-1"), resource("pw-after-2")] })).rejects.toThrow("killed before rename");
    } finally {
      rename.mockRestore();
    }
    expect(fs.readFileSync(paths.state, "utf8")).toBe(before);
    expect(StateStore.open(paths, "p", "dev").state.resources.map((r) => r.outputs.password)).toEqual([secret("pw-before")]);
    // What was written sits in a temp file beside the state, readable only by its owner.
    const temps = fs.readdirSync(dir).filter((f) => f !== "dev.json" && f.startsWith("dev.json"));
    expect(temps).toHaveLength(1);
    expect(fs.statSync(path.join(dir, temps[0])).mode & 0o777).toBe(0o600);
    expect(stateFileResources(fs.readFileSync(path.join(dir, temps[0]), "utf8"))).toHaveLength(2);
  });

  it("writes the state file readable only by its owner", async () => {
    const paths = statePaths(dir, "dev");
    const { store, state } = StateStore.open(paths, "p", "dev");
    await store.save({ ...state, resources: [resource("pw-mode")] });
    expect(fs.statSync(paths.state).mode & 0o777).toBe(0o600);
  });

  it("writes atomically: every queued save lands whole, in order, with no temp file left", async () => {
    const paths = statePaths(dir, "dev");
    const { store, state } = StateStore.open(paths, "p", "dev");
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.save({ ...state, resources: [resource(`pw-${i}`)] })));
    expect(fs.readdirSync(dir).sort()).toEqual(["dev.json", "dev.key"]);
    expect(StateStore.open(paths, "p", "dev").state.resources[0].outputs.password).toEqual(secret("pw-19"));
  });
});

describe("acquireLock", () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-lock-")); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("refuses a second run on a stack while the first holds the lock, and frees it on release", () => {
    const lock = path.join(dir, "dev.lock");
    const release = acquireLock(lock, "dev");
    expect(() => acquireLock(lock, "dev")).toThrow(`stack "dev" is locked by another sandbox run (pid ${process.pid}`);
    release();
    acquireLock(lock, "dev")();
    expect(fs.existsSync(lock)).toBe(false);
  });

  it("takes over a lock left by a process that no longer exists", () => {
    const lock = path.join(dir, "dev.lock");
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
    fs.writeFileSync(lock, JSON.stringify({ pid: Number(dead), since: "2026-01-01T00:00:00.000Z" }));
    const release = acquireLock(lock, "dev");
    expect(JSON.parse(fs.readFileSync(lock, "utf8")).pid).toBe(process.pid);
    release();
  });

  it("takes over a lock whose process was killed but not yet reaped (a zombie)", async () => {
    // `sleep 0` exits at once; its parent then becomes `sleep 5`, which never reaps it.
    const parent = spawn("sh", ["-c", "sleep 0 & echo $!; exec sleep 5"], { stdio: ["ignore", "pipe", "ignore"] });
    try {
      const zombie = Number(await new Promise<string>((resolve) => parent.stdout!.once("data", (d: Buffer) => resolve(d.toString()))));
      const state = () => { const stat = fs.readFileSync(`/proc/${zombie}/stat`, "utf8"); return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3); };
      for (let i = 0; i < 200 && state() !== "Z"; i++) await new Promise((r) => setTimeout(r, 10));
      expect(state()).toBe("Z");
      const lock = path.join(dir, "dev.lock");
      fs.writeFileSync(lock, JSON.stringify({ pid: zombie, since: "2026-01-01T00:00:00.000Z" }));
      acquireLock(lock, "dev")();
      expect(fs.existsSync(lock)).toBe(false);
    } finally {
      parent.kill("SIGKILL");
    }
  });
});

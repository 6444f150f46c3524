import { spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { acquireLock } from "../../sandbox/lock";
import { measureLockRace } from "../../sandbox/lockRace";

jest.setTimeout(120_000);

const deadPid = () => Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString());

describe("stack lock", () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-lock-")); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("lets only one of two processes racing for a dead owner's lock hold it", async () => {
    const result = await measureLockRace(40);
    expect(result).toEqual({ trials: 40, doubleHolds: 0, noHolder: 0, leftLocked: 0 });
  });

  it("releases only its own lock: a run whose lock was taken over leaves its successor's in place", () => {
    const lock = path.join(dir, "dev.lock");
    const release = acquireLock(lock, "dev");
    const successor = JSON.stringify({ pid: process.pid, since: new Date().toISOString(), nonce: "successor" });
    fs.writeFileSync(lock, successor);
    release();
    expect(fs.readFileSync(lock, "utf8")).toBe(successor);
  });

  it("takes over a dead owner's lock even when a taker died holding the takeover marker", () => {
    const lock = path.join(dir, "dev.lock");
    const stale = JSON.stringify({ pid: deadPid(), since: "2026-01-01T00:00:00.000Z" });
    fs.writeFileSync(lock, stale);
    const marker = `${lock}.takeover-${crypto.createHash("sha256").update(stale).digest("hex").slice(0, 24)}`;
    fs.writeFileSync(marker, JSON.stringify({ pid: deadPid(), since: "2026-01-01T00:00:01.000Z", nonce: "x" }));
    const release = acquireLock(lock, "dev");
    expect(JSON.parse(fs.readFileSync(lock, "utf8")).pid).toBe(process.pid);
    release();
    expect(fs.readdirSync(dir).filter((name) => !name.startsWith("dev.lock.takeover-"))).toEqual([]);
  });

  it("waits out a live taker: a lock being taken over by a running process is not taken twice", () => {
    const lock = path.join(dir, "dev.lock");
    const stale = JSON.stringify({ pid: deadPid(), since: "2026-01-01T00:00:00.000Z" });
    fs.writeFileSync(lock, stale);
    const marker = `${lock}.takeover-${crypto.createHash("sha256").update(stale).digest("hex").slice(0, 24)}`;
    // A live process (this one) is mid-takeover: nobody else may replace the lock.
    fs.writeFileSync(marker, JSON.stringify({ pid: process.pid, since: new Date().toISOString(), nonce: "live" }));
    expect(() => acquireLock(lock, "dev")).toThrow('stack "dev": could not take the lock');
    expect(fs.readFileSync(lock, "utf8")).toBe(stale);
  });
});

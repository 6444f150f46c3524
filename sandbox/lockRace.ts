/**
 * Measures the stack lock under a race: two processes at once take over a lock left by a dead owner, `trials`
 * times. Counts the trials where both held it (must be 0) and the ones where nobody did.
 *   npx ts-node --transpile-only sandbox/lockRace.ts [--trials 300] [--json]
 */
import { fork, spawnSync, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { transpileHook } from "./isolated";

export interface LockRaceResult {
  trials: number;
  doubleHolds: number;
  noHolder: number;
  /** Trials where the lock file was left behind after the holder released it. */
  leftLocked: number;
}

interface Took { kind: "took"; held: boolean; error?: string }

function next<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`a lock race contender exited with code ${code}`));
    child.once("exit", onExit);
    child.once("message", (msg: T) => {
      child.off("exit", onExit);
      resolve(msg);
    });
  });
}

/** A pid that surely belongs to no process: one that just exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString());
}

export async function measureLockRace(trials: number): Promise<LockRaceResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lock-race-"));
  const hook = transpileHook();
  const contenders = [0, 1].map(() => fork(require.resolve("./lockRaceWorker"), [], { execArgv: ["-r", hook], stdio: ["ignore", "inherit", "inherit", "ipc"] }));
  const result: LockRaceResult = { trials, doubleHolds: 0, noHolder: 0, leftLocked: 0 };
  try {
    const dead = deadPid();
    for (let trial = 0; trial < trials; trial++) {
      const lockFile = path.join(dir, `t${trial}.lock`);
      fs.writeFileSync(lockFile, JSON.stringify({ pid: dead, since: new Date(0).toISOString() }));
      const startAt = Date.now() + 15;
      const took = await Promise.all(contenders.map((child) => {
        const answer = next<Took>(child);
        child.send({ kind: "take", lockFile, startAt });
        return answer;
      }));
      const holders = took.filter((t) => t.held).length;
      if (holders > 1) result.doubleHolds++;
      if (holders === 0) result.noHolder++;
      await Promise.all(contenders.map((child) => {
        const answer = next(child);
        child.send({ kind: "release" });
        return answer;
      }));
      if (fs.existsSync(lockFile)) result.leftLocked++;
    }
  } finally {
    for (const child of contenders) child.send({ kind: "exit" });
    await Promise.all(contenders.map((child) => new Promise((resolve) => (child.exitCode === null ? child.once("exit", resolve) : resolve(null)))));
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--trials");
  const trials = at >= 0 ? Number(args[at + 1]) : 300;
  if (!Number.isInteger(trials) || trials < 1) {
    process.stderr.write(`--trials: ${JSON.stringify(args[at + 1])} is not a positive integer\n`);
    process.exit(2);
  }
  measureLockRace(trials).then((result) => {
    process.stdout.write(args.includes("--json") ? `${JSON.stringify(result)}\n`
      : `lock takeover race: ${result.doubleHolds} double holds, ${result.noHolder} trials without a holder, ${result.leftLocked} locks left after release, in ${result.trials} trials\n`);
    process.exitCode = result.doubleHolds === 0 && result.noHolder === 0 && result.leftLocked === 0 ? 0 : 1;
  }, (err: Error) => {
    process.stderr.write(`${err.message}\n`);
    process.exitCode = 1;
  });
}

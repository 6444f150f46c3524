/**
 * The stack lock (`.sandbox/<stack>.lock`): one sandbox run per stack at a time. The file holds its owner's pid
 * and a nonce, so every lock is told apart from every other, even one of the same pid.
 *
 * - Taking a free lock is an exclusive create.
 * - Taking over a lock whose owner is dead is arbitrated: a taker must first create `<lock>.takeover-<hash of the
 *   dead lock's text>` exclusively, then checks that the lock still holds that same text and renames its own lock
 *   over it. Two takers of the same dead lock cannot both win the marker; a taker that read an older lock finds the
 *   text changed and starts again. A marker whose creator died (mid-takeover) is taken over the same way.
 * - Only the owner releases: `release()` removes the lock only while it still holds the owner's own text.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";

interface LockOwner {
  pid: number;
  since: string;
  nonce: string;
}

const ATTEMPTS = 50;

function ownText(): string {
  const owner: LockOwner = { pid: process.pid, since: new Date().toISOString(), nonce: crypto.randomBytes(12).toString("hex") };
  return JSON.stringify(owner);
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

function parseOwner(text: string): Partial<LockOwner> | undefined {
  try {
    const owner = JSON.parse(text) as Partial<LockOwner>;
    return owner !== null && typeof owner === "object" ? owner : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Creates `file` holding `text` unless it exists. The text is written to a temp file first and hard-linked into
 * place, so no reader ever sees the file empty or half written (a torn lock would read as a dead owner's).
 */
function createExclusive(file: string, text: string): boolean {
  const temp = tempBeside(file);
  fs.writeFileSync(temp, text, { mode: 0o600 });
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function tempBeside(file: string): string {
  return `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
}

/**
 * Replaces `file`, which holds `seen` written by a dead owner, with `text`; false when another taker won (or the
 * file changed meanwhile).
 */
function replaceDead(file: string, seen: string, text: string, depth = 0): boolean {
  if (depth > 8) return false;
  const marker = `${file}.takeover-${crypto.createHash("sha256").update(seen).digest("hex").slice(0, 24)}`;
  const markerText = ownText();
  if (!createExclusive(marker, markerText)) {
    const current = readText(marker);
    if (current === undefined) return false;
    const holder = parseOwner(current);
    // A taker is at work (or a text nobody can own: a torn write of a taker that died; taken over like a dead one).
    if (holder && typeof holder.pid === "number" && isAlive(holder.pid)) return false;
    if (!replaceDead(marker, current, markerText, depth + 1)) return false;
  }
  let won = false;
  try {
    if (readText(file) === seen) {
      const temp = tempBeside(file);
      fs.writeFileSync(temp, text, { mode: 0o600 });
      fs.renameSync(temp, file);
      won = true;
    }
  } finally {
    if (readText(marker) === markerText) fs.rmSync(marker, { force: true });
  }
  return won;
}

/** Takes the stack lock, or throws naming the run that holds it; returns the release function. */
export function acquireLock(lockFile: string, stack: string): () => void {
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  const text = ownText();
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (createExclusive(lockFile, text)) return releaser(lockFile, text);
    const seen = readText(lockFile);
    if (seen === undefined) continue;
    const owner = parseOwner(seen);
    if (owner && typeof owner.pid === "number" && isAlive(owner.pid)) {
      throw new Error(`stack "${stack}" is locked by another sandbox run (pid ${owner.pid}, since ${owner.since}); `
        + `wait for it to finish, or delete ${lockFile} if that process no longer exists.`);
    }
    if (replaceDead(lockFile, seen, text)) return releaser(lockFile, text);
    // Another run is taking it over, or took it: look again (a live winner makes the next look throw).
    sleepMs(2 + attempt);
  }
  throw new Error(`stack "${stack}": could not take the lock ${lockFile}; another run keeps taking it.`);
}

function releaser(lockFile: string, text: string): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    // Only while the lock is still this run's: a run that was taken over must not free its successor's lock.
    if (readText(lockFile) === text) fs.rmSync(lockFile, { force: true });
  };
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
  return !isZombie(pid);
}

/**
 * A killed run's worker stays a zombie until its parent reaps it (moments, or until init adopts it when the
 * parent was killed too): it still answers signal 0 but runs no more. Where /proc tells, it does not hold a lock.
 */
function isZombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state …": comm may hold spaces or parentheses.
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return false;
  }
}

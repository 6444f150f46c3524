/**
 * One contender of the lock race (lockRace.ts), run as a child process: on `{ lockFile, startAt }` it waits for the
 * common start instant, tries to take the lock, says whether it holds it, and releases it when told.
 */
import { acquireLock } from "./lock";

type Command = { kind: "take"; lockFile: string; startAt: number } | { kind: "release" } | { kind: "exit" };

let release: (() => void) | undefined;

process.on("message", (command: Command) => {
  if (command.kind === "take") {
    while (Date.now() < command.startAt) { /* spin to the common start: the two takers must really race */ }
    let held = false;
    let error: string | undefined;
    try {
      release = acquireLock(command.lockFile, "race");
      held = true;
    } catch (err) {
      error = (err as Error).message;
    }
    process.send!({ kind: "took", held, error });
  } else if (command.kind === "release") {
    release?.();
    release = undefined;
    process.send!({ kind: "released" });
  } else {
    process.exit(0);
  }
});
